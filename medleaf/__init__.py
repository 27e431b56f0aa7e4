"""medleaf: drug monographs + gettext catalogs -> branded, print-ready patient leaflets.

The pipeline, one module a stage:
    monograph.py  leaflets/NAME.yaml  -> Monograph (validated, every field knows its line)
    catalogs.py   locales/*/LC_MESSAGES/*.po -> compiled translations
    localize.py   Monograph + locale  -> LocalizedLeaflet
    html.py       LocalizedLeaflet + Brand -> HTML (Jinja2)
    pdf.py        HTML -> PDF bytes (WeasyPrint, sandboxed, warm Renderer)
    build.py      the above for many leaflets and languages, written atomically to out/
"""

__version__ = "0.1.0"
