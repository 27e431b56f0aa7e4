"""Who may use the counter server: the access token beyond loopback (and the refusal to
start without one), the login cookie, and --release serving approved leaflets only."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import run
from serve_support import DIRECTIONS, POST_HEADERS, REPO
from starlette.testclient import TestClient

from medleaf.errors import UsageError
from medleaf.serve import security
from medleaf.serve.app import create_app
from medleaf.serve.config import ServeConfig, check_start, is_loopback, read_token

TOKEN = "counter-token-0123456789"


@pytest.fixture(scope="module")
def guarded():
    with TestClient(create_app(ServeConfig(REPO, workers=1, token=TOKEN))) as client:
        yield client


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A server with --release over a project where only baclofen is approved (both
    languages)."""
    root = tmp_path_factory.mktemp("released") / "project"
    for folder in ("leaflets", "locales", "templates"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("*.mo"))
    for lang in ("en", "zh-HK"):
        result = run("review", "approve", "baclofen", "--lang", lang, "--by", "Chan Tai Man",
                     root=root)
        assert result.exit_code == 0, result.output
    with TestClient(create_app(ServeConfig(root, workers=1, release=True))) as client:
        yield client


def test_beyond_loopback_the_server_refuses_to_start_without_a_token():
    for host in ("0.0.0.0", "192.168.1.20", "::", "counter.example"):
        with pytest.raises(UsageError, match="needs an access token"):
            check_start(ServeConfig(REPO, host=host))
        check_start(ServeConfig(REPO, host=host, token=TOKEN))
    for host in ("127.0.0.1", "::1", "localhost", "127.0.0.2"):
        assert is_loopback(host)
        check_start(ServeConfig(REPO, host=host))


def test_the_cli_refuses_a_public_address_without_a_token(monkeypatch):
    monkeypatch.delenv("MEDLEAF_TOKEN", raising=False)
    result = run("serve", "--host", "0.0.0.0", "--port", "0", root=REPO)
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0" in result.output
    assert "MEDLEAF_TOKEN" in result.output and "--token-file" in result.output
    result = run("serve", "--token", TOKEN, root=REPO)  # never on the command line
    assert result.exit_code == 2 and "No such option" in result.output


def test_the_token_comes_from_a_file_or_the_environment(tmp_path):
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n")
    assert read_token(path, {}) == TOKEN
    assert read_token(None, {"MEDLEAF_TOKEN": TOKEN}) == TOKEN
    assert read_token(None, {}) is None
    with pytest.raises(UsageError, match="at least 16 characters"):
        read_token(None, {"MEDLEAF_TOKEN": "short"})
    with pytest.raises(UsageError, match="cannot read the token file"):
        read_token(tmp_path / "missing", {})


@pytest.mark.parametrize("path", ["/api/leaflets", "/api/leaflets/baclofen.pdf",
                                  "/openapi.json", "/api/directions.schema.json"])
def test_with_a_token_every_request_needs_it(guarded, path):
    assert guarded.get(path).status_code == 401
    assert guarded.get(path, headers={"authorization": "Bearer wrong-token-0123456789"}
                       ).status_code == 401
    assert guarded.get(path, headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_without_the_token_a_post_is_refused_before_it_is_read(guarded):
    response = guarded.post("/api/leaflets/baclofen.pdf", headers=POST_HEADERS,
                            content=json.dumps({"directions": DIRECTIONS}))
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "the access token is missing or wrong"


def test_the_token_is_compared_in_constant_time(guarded, monkeypatch):
    calls = []
    real = security.hmac.compare_digest
    monkeypatch.setattr(security.hmac, "compare_digest",
                        lambda a, b: calls.append((a, b)) or real(a, b))
    guarded.get("/api/leaflets", headers={"authorization": f"Bearer {TOKEN}"})
    assert calls == [(TOKEN.encode(), TOKEN.encode())]


def test_the_page_asks_for_the_token_and_login_sets_a_strict_cookie(guarded):
    page = guarded.get("/")
    assert page.status_code == 401 and 'name="token"' in page.text
    assert guarded.get("/healthz").status_code == 200  # open for monitoring
    wrong = guarded.post("/login", data={"token": "not-the-token-at-all"},
                         follow_redirects=False)
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    right = guarded.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/?lang=en"
    chinese = guarded.post("/login?lang=zh-HK", data={"token": TOKEN}, follow_redirects=False)
    assert chinese.headers["location"] == "/?lang=zh-HK"  # the page stays in its language
    cookie = right.headers["set-cookie"]
    assert cookie.startswith(f"medleaf_token={TOKEN}")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    guarded.cookies.set("medleaf_token", TOKEN)
    try:
        assert guarded.get("/api/leaflets").status_code == 200
        assert 'name="token"' not in guarded.get("/").text
    finally:
        guarded.cookies.clear()


def test_release_serves_approved_leaflets_only(released):
    listing = released.get("/api/leaflets").json()["leaflets"]
    assert [(e["id"], e["review"]) for e in listing] == [("baclofen", "approved")]
    assert released.get("/api/leaflets/baclofen.pdf?lang=zh-HK").status_code == 200
    draft = released.get("/api/leaflets/amlodipine.pdf?lang=en")
    assert draft.status_code == 404
    assert "draft" in draft.json()["errors"][0]["message"]
    assert "草稿" in released.get("/api/leaflets/amlodipine.pdf?lang=zh-HK").json()[
        "errors"][0]["message"]
    posted = released.post("/api/leaflets/amlodipine.pdf", headers=POST_HEADERS,
                           content=json.dumps({"lang": "en", "directions": {
                               **DIRECTIONS, "strength": "5 mg", "food": None}}))
    assert posted.status_code == 404 and "draft" in posted.json()["errors"][0]["message"]


def test_the_personal_page_alone_refuses_a_draft_when_releasing():
    import datetime as dt

    from medleaf.content.directions import Directions
    from medleaf.content.languages import Language
    from medleaf.content.project import Project
    from medleaf.errors import ContentError
    from medleaf.publish.manifest import BuildOptions
    from medleaf.publish.personal import personal_page
    from medleaf.render.personal import Dispensing
    from medleaf.render.renderer import Renderer

    renderer = Renderer(Project(REPO))
    dispensing = Dispensing(Directions.model_validate(DIRECTIONS),
                            (Language.parse("en"),), dt.date(2026, 12, 1))
    with pytest.raises(ContentError, match="draft"):
        personal_page(renderer, "baclofen", dispensing, BuildOptions(release=True))
    assert personal_page(renderer, "baclofen", dispensing, BuildOptions()).startswith(b"%PDF")
