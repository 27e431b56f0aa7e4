"""medleaf: drug monographs + gettext catalogs -> branded, print-ready patient leaflets.

The pipeline, one module a stage:
    monograph.py   leaflets/NAME.yaml -> Leaflet (schema.py; every field knows its line)
    catalogs.py    .pot extraction, .po reading and writing, compiled .mo catalogs
    localize.py    Leaflet + language -> LocalizedLeaflet (texts translated or pending)
    html.py        LocalizedLeaflet + Brand -> HTML (Jinja2, templates/leaflet.html)
    pdf.py         HTML -> PDF bytes (WeasyPrint, sandboxed, warm Renderer)
    build.py       Leaflets (the warm library entry point) and incremental builds

Around it: i18n.py (extract, update, stats), catalog_checks.py and content_checks.py (what
`medleaf check` and the build gate report), review.py (approvals), batch.py (warm worker
processes), manifest.py (what each output was built from), packs.py, proof.py, cli.py.
"""

__version__ = "0.1.0"
