"""The JSON and PDF endpoints: the leaflets, an unpersonalised leaflet (from the render cache,
with its fingerprint as ETag), and a personalised one (directions in the body, never kept).

Every problem is an ApiError: `{"errors": [{"field", "message"[, "detail"]}]}` with its
status, the message in the page's language (messages.py).
"""

from __future__ import annotations

import datetime as dt
import json

import pydantic
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from medleaf.content.directions import Directions, json_schema
from medleaf.content.languages import Language
from medleaf.content.yamlfile import error_message, format_path
from medleaf.errors import ContentError, UsageError
from medleaf.publish.manifest import BuildOptions
from medleaf.serve import messages
from medleaf.serve.jobs import LeafletJob, PersonalJob
from medleaf.serve.security import cross_site
from medleaf.serve.workers import Busy, RenderFailed, RenderTimeout

NO_SUCH_LEAFLET = "no such leaflet: %(name)s"
NOT_TRANSLATED = "this leaflet is not available in %(lang)s"
NO_SUCH_LANGUAGE = "no such language: %(lang)s"
DRAFT = "this leaflet is a draft (no pharmacist has approved it): this server serves " \
        "approved leaflets only"
NOT_JSON = "the request body is not JSON"
NOT_OBJECT = "the request body must be a JSON object of fields"
TOO_LARGE = "the request is larger than %(limit)s KiB"
NOT_THE_PAGE = "the request must come from the medleaf page (JSON, with X-Medleaf: 1)"
OTHER_SITE = "the request comes from another site"
WRONG_TOKEN = "the access token is missing or wrong"
TOO_SLOW = "rendering took too long; please try again"
BUSY = "every renderer is busy; please try again"
FAILED = "the leaflet could not be rendered; please try again"
CANNOT_PRINT = "this leaflet cannot be printed until its problems are fixed (medleaf check)"
MESSAGES = [NO_SUCH_LEAFLET, NOT_TRANSLATED, NO_SUCH_LANGUAGE, DRAFT, NOT_JSON, NOT_OBJECT,
            TOO_LARGE, NOT_THE_PAGE, OTHER_SITE, WRONG_TOKEN, TOO_SLOW, BUSY, FAILED,
            CANNOT_PRINT]
BODY_FIELDS = {"lang", "paper", "large_print", "directions", "personal_only", "pharmacist",
               "date"}


class ApiError(Exception):
    def __init__(self, status: int, errors: list[dict]):
        self.status, self.errors = status, errors


def error(status: int, tag: str, message: str, field: str | None = None, **values):
    return ApiError(status, [{"field": field,
                              "message": messages.translate(tag, message, **values)}])


def error_response(exc: ApiError) -> JSONResponse:
    return JSONResponse({"errors": exc.errors}, exc.status, headers={"cache-control": "no-store"})


def ui_tag(request: Request) -> str:
    return messages.ui_language(request.query_params.get("lang"),
                                request.headers.get("accept-language"))


async def leaflets(request: Request) -> JSONResponse:
    server = request.app.state.server
    listing = await run_in_threadpool(server.catalog.listing, server.config.release)
    return JSONResponse(listing, headers={"cache-control": "no-cache"})


async def directions_schema(request: Request) -> JSONResponse:
    return JSONResponse(json_schema())


def _choose(server, name: str, lang: str, paper: str, large_print: bool, tag: str):
    """The leaflet's language tag and build options, if the server has them."""
    entry = server.catalog.entries().get(name)
    if entry is None or (server.config.release and not entry.approved["en"]):
        if entry is not None:
            raise error(404, tag, DRAFT, "id")
        raise error(404, tag, NO_SUCH_LEAFLET, "id", name=name)
    try:
        languages = Language.parse_all(lang)
    except UsageError:
        raise error(404, tag, NO_SUCH_LANGUAGE, "lang", lang=lang) from None
    wanted = "+".join(language.tag for language in languages)
    missing = [t for t in wanted.split("+") if t not in entry.languages]
    if missing:
        raise error(404, tag, NOT_TRANSLATED, "lang", lang=missing[0])
    if server.config.release and not all(entry.approved[t] for t in wanted.split("+")):
        raise error(404, tag, DRAFT, "lang")
    if paper not in ("A4", "A5", "Letter"):
        raise ApiError(422, [{"field": "paper", "message": messages.field_message(
            tag, "must be one of A4, A5, Letter", "literal_error",
            {"expected": "A4, A5, Letter"})}])
    return wanted, BuildOptions(paper, server.config.brand_dir, False, server.config.release,
                                large_print)


def _flag(value: str | None, tag: str, field: str) -> bool:
    if value in (None, "", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise ApiError(422, [{"field": field, "message": messages.field_message(
        tag, "must be true or false", "bool_parsing")}])


def _cached(server, name: str, lang: str, paper: str, large_print: bool, tag: str):
    """What is asked for, its fingerprint, and its PDF if it is in memory."""
    wanted, options = _choose(server, name, lang, paper, large_print, tag)
    fingerprint = server.catalog.fingerprint(name, wanted, options)
    return wanted, options, fingerprint, server.recent.get(fingerprint)


async def leaflet_pdf(request: Request) -> Response:
    """GET /api/leaflets/{id}.pdf: the leaflet as built, from the render cache when it is
    there; a conditional request for the same fingerprint is 304."""
    server, tag = request.app.state.server, ui_tag(request)
    query = request.query_params
    name = request.path_params["id"]
    asked = (server, name, query.get("lang", "en"), query.get("paper", "A4"),
             _flag(query.get("large_print"), tag, "large_print"), tag)
    options = BuildOptions(asked[3], server.config.brand_dir, False, server.config.release,
                           asked[4])
    if server.catalog.fresh(name, asked[2], options):  # no file to read: answer here
        wanted, options, fingerprint, pdf = _cached(*asked)
    else:
        wanted, options, fingerprint, pdf = await run_in_threadpool(_cached, *asked)
    etag = f'"{fingerprint[:40]}"'
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers={"etag": etag, "cache-control": "no-cache"})
    if pdf is None:
        pdf = await run_in_threadpool(server.cache.get, fingerprint)
    if pdf is None:
        pdf, fingerprint = await _render(server, LeafletJob(name, wanted, options), tag)
        etag = f'"{fingerprint[:40]}"'
    server.recent.put(fingerprint, pdf)
    return Response(pdf, media_type="application/pdf", headers={
        "etag": etag, "cache-control": "no-cache",
        "content-disposition": f'inline; filename="{_file_name(name, wanted, options)}"'})


async def personalised_pdf(request: Request) -> Response:
    """POST /api/leaflets/{id}.pdf: the patient's leaflet (or personal page alone), made
    in memory and never kept."""
    server, tag = request.app.state.server, ui_tag(request)
    refused = cross_site(request.headers, request.headers.get("host"))
    if refused:
        raise error(415 if refused == "content-type" else 403, tag,
                    OTHER_SITE if refused in ("origin", "sec-fetch-site") else NOT_THE_PAGE)
    body = await _body(request, server.config.max_body, tag)
    fields = _fields(body, tag)
    directions = _directions(fields.get("directions"), tag)
    name = request.path_params["id"]
    wanted, options = await run_in_threadpool(
        _choose, server, name, fields.get("lang", "en"), fields.get("paper", "A4"),
        fields.get("large_print", False), tag)
    job = PersonalJob(name, wanted, options, directions, fields.get("personal_only", False),
                      fields.get("date"), fields.get("pharmacist"))
    pdf = await _render(server, job, tag)
    suffix = "personal-page" if job.personal_only else "personal"
    return Response(pdf, media_type="application/pdf", headers={
        "cache-control": "no-store",
        "content-disposition": f'inline; filename="{name}.{wanted}.{suffix}.pdf"'})


async def _render(server, job, tag: str):
    try:
        return await server.pool.render(job)
    except RenderTimeout:
        raise error(504, tag, TOO_SLOW) from None
    except Busy:
        raise error(503, tag, BUSY) from None
    except RenderFailed:
        raise error(500, tag, FAILED) from None
    except UsageError as exc:
        raise ApiError(404, [{"field": "id", "message": str(exc)}]) from None
    except ContentError as exc:
        _refused(exc, tag)


def _refused(exc: ContentError, tag: str):
    """The directions' problems are the request's (422, each naming its field); any other
    is the leaflet's own, which the server cannot print (500)."""
    if all(not p.file for p in exc.problems):
        raise ApiError(422, [{"field": f"directions.{p.field}" if p.field else "directions",
                              "message": messages.field_message(tag, p.message, None, None,
                                                                p.check, p.field),
                              "detail": p.message} for p in exc.problems])
    raise ApiError(500, [{"field": None, "message": messages.translate(tag, CANNOT_PRINT),
                          "detail": str(p)} for p in exc.problems])


async def _body(request: Request, limit: int, tag: str) -> bytes:
    """The body, read no further than the limit (413 past it)."""
    try:
        declared = int(request.headers.get("content-length") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise error(413, tag, TOO_LARGE, limit=limit // 1024)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise error(413, tag, TOO_LARGE, limit=limit // 1024)
    return bytes(body)


def _fields(body: bytes, tag: str) -> dict:
    try:
        fields = json.loads(body)
    except (ValueError, RecursionError):
        raise error(400, tag, NOT_JSON) from None
    if not isinstance(fields, dict):
        raise error(400, tag, NOT_OBJECT)
    problems = [(key, "is not a field here (misspelt?)", "extra_forbidden", None)
                for key in fields if key not in BODY_FIELDS]
    if "directions" not in fields:
        problems.append(("directions", "is required", "missing", None))
    for key in ("large_print", "personal_only"):
        if not isinstance(fields.get(key, False), bool):
            problems.append((key, "must be true or false", "bool_type", None))
    for key in ("lang", "paper", "pharmacist"):
        if not isinstance(fields.get(key, ""), str) or len(fields.get(key, "")) > 80:
            problems.append((key, "must be text of at most 80 characters", "string_too_long",
                             {"max_length": 80}))
    if "date" in fields:
        try:
            fields["date"] = dt.date.fromisoformat(fields["date"])
        except (TypeError, ValueError):
            problems.append(("date", "must be a date written YYYY-MM-DD", None, None))
    if problems:
        raise ApiError(422, [{"field": key, "message": messages.field_message(
            tag, english, kind, values), "detail": english}
            for key, english, kind, values in problems])
    return fields


def _directions(value, tag: str) -> Directions:
    """The directions, checked as the CLI checks a --directions file (each problem naming
    its field as directions.FIELD)."""
    if not isinstance(value, dict):
        raise ApiError(422, [{"field": "directions", "message": messages.field_message(
            tag, "must be an object of fields", "dict_type")}])
    try:
        directions = Directions.model_validate(value)
    except pydantic.ValidationError as exc:
        raise ApiError(422, [{"field": _path(e["loc"]), "message": messages.field_message(
            tag, error_message(e), e["type"], e.get("ctx")), "detail": error_message(e)}
            for e in exc.errors()]) from None
    problems = directions.problems()
    if problems:
        raise ApiError(422, [{"field": _path(where), "message": messages.field_message(
            tag, message), "detail": message} for where, message in problems])
    return directions


def _path(where) -> str:
    shown = format_path(tuple(p for p in where if not isinstance(p, str) or
                              not p.startswith(("function-", "literal["))))
    return f"directions.{shown}" if shown else "directions"


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    return any(t.strip().removeprefix("W/") in (etag, "*") for t in header.split(","))


def _file_name(name: str, tag: str, options: BuildOptions) -> str:
    paper = "" if options.paper == "A4" else f".{options.paper}"
    return f"{name}.{tag}{paper}{options.suffix}.pdf"
