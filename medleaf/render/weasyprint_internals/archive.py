"""PDF/A-3a that is also PDF/UA-1: the archive copy of a leaflet (`--archive`).

WeasyPrint 70 writes PDF/A-3a (`pdf_variant="pdf/a-3a"`: tagged, fonts embedded, the sRGB
output intent, PDF/A identification in the XMP) but declares one standard only, and
compresses the XMP stream, which PDF/A-2 and -3 forbid (ISO 19005-2, 6.6.2.1). While an
archive copy is written, the finisher (after the usual one: compact subsets, tags) leaves
the XMP uncompressed and adds the PDF/UA identification (`pdfuaid:part="1"`, ISO 14289-1,
5) with the PDF/A extension schema that describes it (PDF/A admits no other properties
than the predefined ones and those an extension schema describes).

If WeasyPrint writes no PDF/A-3a or its XMP is not in the expected form, `declare` says
why, and the typesetter refuses to write an archive copy rather than write one that claims
less than it should.
"""

from __future__ import annotations

VARIANT = "pdf/a-3a"

UA_IDENTIFICATION = b"""<rdf:Description rdf:about="" \
xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>\
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
<pdfaProperty:name>part</pdfaProperty:name>\
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Part of ISO 14289 to which the file conforms</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>\
</rdf:Description>"""


def variant_difference() -> str | None:
    """Why this WeasyPrint cannot write the archive copy (None: it can)."""
    try:
        from weasyprint.pdf import VARIANTS
    except ImportError:
        return "weasyprint.pdf.VARIANTS is gone"
    return None if VARIANT in VARIANTS else f"it has no {VARIANT} variant"


def declare(pdf) -> str | None:
    """(in the finisher of a PDF/A-3a) The XMP uncompressed, with the PDF/UA-1 claim; or
    why it cannot be done (then the PDF must not be kept)."""
    reference = pdf.catalog.get("Metadata")
    number = int(reference.split()[0]) if isinstance(reference, bytes) else None
    stream = pdf.objects[number] if number is not None and number < len(pdf.objects) else None
    data = getattr(stream, "stream", None)
    if not data or len(data) != 1 or not isinstance(data[0], bytes) or \
            b'pdfaid:part="3"' not in data[0] or data[0].count(b"</rdf:RDF>") != 1:
        return "its XMP metadata is not in the form expected"
    data[0] = data[0].replace(b"</rdf:RDF>", UA_IDENTIFICATION + b"</rdf:RDF>")
    stream.compress = False
    _no_final_cr(pdf)
    return None


def _no_final_cr(pdf) -> None:
    """A compressed stream whose last byte is a carriage return (the last byte of its
    zlib checksum, one stream in 256) reads, before the line feed pydyf writes before
    `endstream`, as one byte shorter than its /Length to a PDF/A validator (ISO 19005-2,
    6.1.7.1): such a stream is written uncompressed."""
    import zlib

    import pydyf

    for stream in pdf.objects:
        if not isinstance(stream, pydyf.Stream) or not stream.compress:
            continue
        raw = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
        if zlib.adler32(raw).to_bytes(4, "big").endswith(b"\r") and not raw.endswith(b"\r"):
            stream.compress = False
