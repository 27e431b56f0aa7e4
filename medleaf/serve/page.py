"""The pharmacist's page (a placeholder until the page's own lands: the page engineer's)."""

from __future__ import annotations

from html import escape


def page_html(project, ui_language: str, token_required: bool) -> str:
    """The counter page in `ui_language` (en or zh-HK); with `token_required`, the form
    that asks for the access token instead."""
    if token_required:
        body = ('<form method="post" action="/login"><label>Access token '
                '<input type="password" name="token" autocomplete="current-password">'
                '</label> <button>Sign in</button></form>')
    else:
        body = '<p>medleaf</p><script src="/static/placeholder.js"></script>'
    return (f'<!doctype html><html lang="{escape(ui_language)}"><head><meta charset="utf-8">'
            f'<title>medleaf</title></head><body>{body}</body></html>')
