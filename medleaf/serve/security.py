"""The server's guards: the access token (when bound beyond loopback), same-origin POSTs,
and the security headers on every response.

A token is compared in constant time (hmac.compare_digest), from `Authorization: Bearer`
or the HttpOnly, SameSite=Strict cookie that POST /login sets.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

COOKIE = "medleaf_token"
OPEN_PATHS = ("/healthz", "/login")
"""Paths served without the token (the page asks for it through /login)."""

HEADERS = {
    # the PDF opens in the browser's own viewer (a top-level document, not embedded here)
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def token_given(headers, cookies) -> str | None:
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    return cookies.get(COOKIE)


def token_ok(expected: str | None, given: str | None) -> bool:
    if expected is None:
        return True
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def cross_site(headers, host: str | None) -> str | None:
    """Why a POST is refused as a possible cross-site request, or None: it must be JSON,
    come from the page (X-Medleaf: 1), and from this origin."""
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        return "content-type"
    if headers.get("x-medleaf") != "1":
        return "x-medleaf"
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return "sec-fetch-site"
    origin = headers.get("origin")
    if origin is not None and (urlsplit(origin).netloc or "").lower() != (host or "").lower():
        return "origin"
    return None
