"""The counter server as one Starlette application: routes, the token and header guards,
JSON errors, and the render pool started and stopped with it.

Starlette rather than FastAPI: the API is five routes whose bodies are checked by the
directions model medleaf already has (with its own field paths, statuses and translated
messages, which FastAPI's validation would have to be undone to give); its OpenAPI
description is written out (openapi.py) with that model's JSON Schema. One dependency
less, and nothing between the request and our checks.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from medleaf.content.project import Project
from medleaf.publish.cache import RenderCache
from medleaf.serve import api, openapi
from medleaf.serve.catalog import Catalog
from medleaf.serve.config import ServeConfig
from medleaf.serve.memory import Recent
from medleaf.serve.page import page_html
from medleaf.serve.security import COOKIE, HEADERS, OPEN_PATHS, token_given, token_ok
from medleaf.serve.workers import RenderPool

STATIC = Path(__file__).parent / "static"
STATIC_CACHE = "public, max-age=31536000"
log = logging.getLogger("medleaf.serve")


class Server:
    """What the routes share: the configuration, the project, its catalog, the render
    cache and the pool."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.project = Project(config.root)
        self.catalog = Catalog(self.project)
        self.cache = RenderCache()
        self.recent = Recent()
        self.pool = RenderPool(config)


class Guard:
    """Security headers on every response; the token on every request that needs it."""

    def __init__(self, app, server: Server):
        self.app, self.server = app, server

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k.encode(), v.encode()) for k, v in HEADERS.items()
                                        if k.encode() not in have)]
                if scope["path"].startswith("/static/") and message["status"] in (200, 304):
                    message["headers"].append((b"cache-control", STATIC_CACHE.encode()))
            await send(message)

        request = Request(scope)
        path = scope["path"]
        if self.server.config.token_required and path not in (*OPEN_PATHS, "/") and \
                not path.startswith("/static/") and not token_ok(
                    self.server.config.token, token_given(request.headers, request.cookies)):
            response = api.error_response(api.error(401, api.ui_tag(request), api.WRONG_TOKEN))
            response.headers["www-authenticate"] = 'Bearer realm="medleaf"'
            return await response(scope, receive, with_headers)
        started = False

        async def watched(message):
            nonlocal started
            started |= message["type"] == "http.response.start"
            await with_headers(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # a bug: answered, and logged by its name only
            log.error("%s while answering %s %s", type(exc).__name__, scope["method"], path)
            if not started:
                await api.error_response(api.ApiError(500, [{"field": None, "message":
                                                             api.FAILED}]))(
                    scope, receive, with_headers)


async def page(request: Request) -> HTMLResponse:
    server = request.app.state.server
    tag = api.ui_tag(request)
    required = server.config.token_required and not token_ok(
        server.config.token, token_given(request.headers, request.cookies))
    html = await run_in_threadpool(page_html, server.project, tag, required)
    return HTMLResponse(html, status_code=401 if required else 200,
                        headers={"cache-control": "no-store", "content-language": tag})


async def login(request: Request) -> Response:
    """POST /login (form field token): the HttpOnly, SameSite=Strict cookie."""
    server = request.app.state.server
    body = await api._body(request, 4096, api.ui_tag(request))
    given = (parse_qs(body.decode("utf-8", "replace")).get("token") or [""])[0].strip()
    if not server.config.token_required or not token_ok(server.config.token, given):
        return await page(request)
    # back to the page, in the language the token form was in
    response = RedirectResponse(f"/?{urlencode({'lang': api.ui_tag(request)})}", status_code=303)
    response.set_cookie(COOKIE, given, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    return response


async def healthz(request: Request) -> JSONResponse:
    pool = request.app.state.server.pool
    return JSONResponse({"status": "ok" if pool.ready or pool.size else "starting",
                         "workers": pool.size, "ready": pool.ready,
                         "renders": pool.stats.renders, "recycled": pool.stats.recycled,
                         "replaced": pool.stats.replaced},
                        headers={"cache-control": "no-store"})


async def openapi_json(request: Request) -> JSONResponse:
    return JSONResponse(openapi.document())


async def _api_error(request: Request, exc: api.ApiError) -> JSONResponse:
    return api.error_response(exc)


async def _not_found(request: Request, exc) -> JSONResponse:
    return api.error_response(api.ApiError(exc.status_code, [{"field": None, "message": str(
        getattr(exc, "detail", "")) or "not found"}]))


def create_app(config: ServeConfig) -> Starlette:
    server = Server(config)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await server.pool.start()
        try:
            yield
        finally:
            await server.pool.close()

    app = Starlette(routes=[
        Route("/", page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/api/leaflets", api.leaflets, methods=["GET"]),
        Route("/api/directions.schema.json", api.directions_schema, methods=["GET"]),
        Route("/api/leaflets/{id}.pdf", api.leaflet_pdf, methods=["GET"]),
        Route("/api/leaflets/{id}.pdf", api.personalised_pdf, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ], exception_handlers={api.ApiError: _api_error,
                           404: _not_found, 405: _not_found},
        lifespan=lifespan)
    app.state.server = server
    app.add_middleware(Guard, server=server)
    return app


def serve(config: ServeConfig) -> None:
    """`medleaf serve`: listen until stopped (Ctrl-C or SIGTERM end it cleanly)."""
    import uvicorn

    from medleaf.serve.config import check_start

    check_start(config)
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="info",
                access_log=True, server_header=False, proxy_headers=False,
                timeout_graceful_shutdown=10)
