"""The OpenAPI description of the counter's API (GET /openapi.json), written out: the
server is plain Starlette (see app.py), and the directions' schema is the model's own."""

from __future__ import annotations

import json

from medleaf.content.directions import json_schema

_ERRORS = {"description": "Problems, each naming its field, in the page's language (the "
           "`lang` query parameter, else Accept-Language)",
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}
_PDF = {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
       "description": "The leaflet's id (its file name in leaflets/), e.g. baclofen"}
_QUERY = [
    {"name": "lang", "in": "query", "schema": {"type": "string", "default": "en"},
     "description": "en, zh-HK, any language the project has, or two joined by + "
                    "(en+zh-HK, bilingual); also the language of error messages"},
    {"name": "paper", "in": "query", "schema": {"enum": ["A4", "A5", "Letter"],
                                                "default": "A4"}},
    {"name": "large_print", "in": "query", "schema": {"enum": ["0", "1"], "default": "0"}},
]
DESCRIPTION = """\
The dispensing counter's API (`medleaf serve`); the counter page uses it, dispensing
systems can too.

- Bound beyond loopback, every request but `/healthz` needs the access token:
  `Authorization: Bearer TOKEN`, or the `medleaf_token` cookie that `POST /login` (form
  field `token`) sets.
- A POST must be `Content-Type: application/json`, carry `X-Medleaf: 1`, and come from this
  origin (`Origin`, and `Sec-Fetch-Site` when the browser sends it); otherwise 403 (415 for
  another content type). Bodies above 64 KiB are 413.
- Errors: `{"errors": [{"field": "directions.dose", "message": "...", "detail": "..."}]}`
  with 400 (a body that is not a JSON object), 422 (bad fields), 404 (unknown leaflet or
  language, or a draft when the server serves approved leaflets only), 500 (a render
  failed), 503 (every renderer busy), 504 (a render ran past the time limit). `message` is
  in the page's language (`lang` query parameter, else Accept-Language: en or zh-HK);
  `detail` is the English a `medleaf dispense` prints.
- Patient data travels only in POST bodies; it is never logged, cached or written.
"""


def document() -> dict:
    schema = json.loads(json.dumps(json_schema()).replace("#/$defs/", "#/components/schemas/"))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    defs = schema.pop("$defs", {})
    return {
        "openapi": "3.1.0",
        "info": {"title": "medleaf counter", "version": "1", "description": DESCRIPTION},
        "paths": {
            "/healthz": {"get": {"summary": "Whether the server and its renderers are up",
                                 "responses": {"200": {"description": "ok"}}}},
            "/api/leaflets": {"get": {
                "summary": "The leaflets (id, names in each language, brands, languages, "
                           "review state, dispensing defaults), the languages and papers",
                "responses": {"200": {"description": "The listing", "content": {
                    "application/json": {"schema": {"type": "object"}}}}}}},
            "/api/directions.schema.json": {"get": {
                "summary": "The JSON Schema of the directions (as the CLI's --directions)",
                "responses": {"200": {"description": "The schema"}}}},
            "/api/leaflets/{id}.pdf": {
                "get": {"summary": "An unpersonalised leaflet", "parameters": [_ID, *_QUERY,
                        {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}],
                        "responses": {"200": {"description": "The PDF; ETag is its build "
                                              "fingerprint", **_PDF},
                                      "304": {"description": "Unchanged since that ETag"},
                                      "404": _ERRORS, "422": _ERRORS}},
                "post": {"summary": "A personalised leaflet (Cache-Control: no-store)",
                         "parameters": [_ID, {"name": "lang", "in": "query",
                                              "schema": {"type": "string"},
                                              "description": "The language of error "
                                                             "messages"}],
                         "requestBody": {"required": True, "content": {"application/json": {
                             "schema": {"$ref": "#/components/schemas/Personalised"}}}},
                         "responses": {"200": {"description": "The PDF", **_PDF},
                                       "400": _ERRORS, "403": _ERRORS, "404": _ERRORS,
                                       "413": _ERRORS, "415": _ERRORS, "422": _ERRORS,
                                       "500": _ERRORS, "503": _ERRORS, "504": _ERRORS}}},
            "/login": {"post": {"summary": "Set the access-token cookie (form field token)",
                                "responses": {"303": {"description": "Signed in"},
                                              "401": {"description": "Wrong token"}}}},
        },
        "components": {"schemas": {
            **defs, "Directions": schema,
            "Personalised": {"type": "object", "additionalProperties": False,
                             "required": ["directions"], "properties": {
                                 "lang": {"type": "string", "default": "en"},
                                 "paper": {"enum": ["A4", "A5", "Letter"], "default": "A4"},
                                 "large_print": {"type": "boolean", "default": False},
                                 "personal_only": {"type": "boolean", "default": False,
                                                   "description": "The personal page alone"},
                                 "pharmacist": {"type": "string", "maxLength": 80},
                                 "date": {"type": "string", "format": "date",
                                          "description": "The dispensing date [today]"},
                                 "directions": {"$ref": "#/components/schemas/Directions"}}},
            "Errors": {"type": "object", "properties": {"errors": {"type": "array", "items": {
                "type": "object", "properties": {"field": {"type": ["string", "null"]},
                                                 "message": {"type": "string"},
                                                 "detail": {"type": "string"}}}}}},
        }},
    }
