"""The counter's API through Starlette's TestClient (one warm worker): the listing, the
leaflet PDFs (ETag, 304), personalised PDFs, errors by field in the page's language, the
cross-site guards and the security headers."""

from __future__ import annotations

import json
import subprocess
import time

import pytest
from serve_support import DIRECTIONS, POST_HEADERS, REPO
from starlette.testclient import TestClient

from medleaf.serve.app import STATIC, create_app
from medleaf.serve.catalog import FRESH
from medleaf.serve.config import ServeConfig

ASSET = "/static/" + min(p.name for p in STATIC.iterdir() if p.is_file())


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(ServeConfig(REPO, workers=1))) as client:
        yield client


def text_of(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def pages_of(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    return int(next(line.split()[1] for line in info.stdout.decode().splitlines()
                    if line.startswith("Pages:")))


def personalise(client, body: dict, query: str = "", **headers):
    return client.post(f"/api/leaflets/baclofen.pdf{query}", content=json.dumps(body),
                       headers={**POST_HEADERS, **headers})


def test_the_listing_names_each_leaflet_in_each_language_for_search(client):
    listing = client.get("/api/leaflets").json()
    baclofen = next(e for e in listing["leaflets"] if e["id"] == "baclofen")
    assert baclofen["names"] == {"en": "Baclofen", "zh-HK": "巴氯芬"}
    assert "Lioresal" in baclofen["brands"]
    assert baclofen["languages"] == ["en", "zh-HK"]
    assert baclofen["review"] == "draft"  # the shipped leaflets are not approved
    assert baclofen["dispensing"]["forms"] == ["tablet", "ml"]
    assert baclofen["dispensing"]["maximum"]["adults"]["per_day"] == "100 mg"
    assert {"tag": "zh-HK", "name": "繁體中文"} in listing["languages"]
    assert "en+zh-HK" in [lang["tag"] for lang in listing["languages"]]
    assert listing["papers"] == ["A4", "A5", "Letter"]
    assert len(listing["leaflets"]) == len(list((REPO / "leaflets").glob("*.yaml")))


def test_a_leaflet_pdf_has_its_fingerprint_as_etag_and_a_repeat_is_304(client):
    response = client.get("/api/leaflets/baclofen.pdf?lang=zh-HK&paper=A5&large_print=1")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == \
        'inline; filename="baclofen.zh-HK.A5.large.pdf"'
    assert "巴氯芬" in text_of(response.content)
    etag = response.headers["etag"]
    again = client.get("/api/leaflets/baclofen.pdf?lang=zh-HK&paper=A5&large_print=1",
                       headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    other = client.get("/api/leaflets/baclofen.pdf?lang=en&paper=A5&large_print=1",
                       headers={"if-none-match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    assert "Baclofen" in text_of(other.content)


def test_a_cached_leaflet_is_the_same_pdf_as_the_first(client):
    first = client.get("/api/leaflets/amlodipine.pdf?lang=en")
    second = client.get("/api/leaflets/amlodipine.pdf?lang=en")
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]


def test_a_personalised_leaflet_carries_the_patient_and_is_never_stored(client):
    body = {"lang": "zh-HK", "directions": {**DIRECTIONS, "patient": "陳大文 𠮷"}}
    response = personalise(client, body)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    text = text_of(response.content)
    assert "陳大文 𠮷" in text and "巴氯芬" in text
    assert pages_of(response.content) > 1
    alone = personalise(client, {**body, "personal_only": True})
    assert alone.status_code == 200 and pages_of(alone.content) == 1
    assert "陳大文 𠮷" in text_of(alone.content)


def test_a_dose_above_the_maximum_is_refused_as_the_cli_refuses_it(client):
    too_much = {**DIRECTIONS, "dose": 5}  # 150 mg a day; the maximum is 100 mg
    response = personalise(client, {"lang": "zh-HK", "directions": too_much}, "?lang=zh-HK")
    assert response.status_code == 422
    [problem] = response.json()["errors"]
    assert problem["field"] == "directions.dose"
    assert problem["message"] == "超過此藥物的最高劑量；如確屬所需，須由藥劑師確認"
    assert "the maximum is 100 mg" in problem["detail"]
    english = personalise(client, {"directions": too_much}, "?lang=en")
    assert "above Baclofen's maximum" in english.json()["errors"][0]["message"]
    confirmed = personalise(client, {"lang": "en", "personal_only": True, "directions": {
        **too_much, "above_maximum_confirmed": True}})
    assert confirmed.status_code == 200
    assert "confirmed by the pharmacist" in text_of(confirmed.content)


def test_each_bad_field_is_named_in_the_pages_language(client):
    bad = {"dose": "lots", "form": "tablet", "times_a_day": 30, "colour": "red"}
    response = personalise(client, {"directions": bad}, "", **{"accept-language":
                                                                  "zh-HK,zh;q=0.9,en;q=0.5"})
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {"directions.dose": "必須是份量，例如 1、2.5 或 ½",
                      "directions.times_a_day": "不可多於12",
                      "directions.colour": "不是此處的欄位（是否拼錯？）"}
    english = personalise(client, {"directions": bad}, "?lang=en").json()["errors"]
    assert {e["field"] for e in english} == set(errors)
    rules = personalise(client, {"directions": {"form": "tablet", "times_a_day": 3}},
                        "?lang=zh-HK").json()["errors"]
    assert rules == [{"field": "directions", "message": "請填寫劑量（每次份量）",
                      "detail": "give dose (how much each time)"}]
    top = personalise(client, {"directions": DIRECTIONS, "large_print": "yes", "extra": 1})
    assert {e["field"] for e in top.json()["errors"]} == {"large_print", "extra"}


@pytest.mark.parametrize("body, status", [(b"{not json", 400), (b"[1, 2]", 400),
                                          (b'{"lang": "en"}', 422)])
def test_a_body_that_is_not_a_json_object_of_the_fields_is_refused(client, body, status):
    response = client.post("/api/leaflets/baclofen.pdf?lang=zh-HK", content=body,
                           headers=POST_HEADERS)
    assert response.status_code == status
    assert response.json()["errors"][0]["message"]


def test_a_body_above_the_limit_is_413(client):
    huge = json.dumps({"directions": DIRECTIONS, "pharmacist": "x" * (70 * 1024)})
    response = client.post("/api/leaflets/baclofen.pdf", content=huge, headers=POST_HEADERS)
    assert response.status_code == 413
    assert "64 KiB" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("headers, status", [
    ({"content-type": "text/plain", "x-medleaf": "1"}, 415),
    ({"content-type": "application/x-www-form-urlencoded", "x-medleaf": "1"}, 415),
    ({"content-type": "application/json"}, 403),
    ({**POST_HEADERS, "origin": "http://evil.example"}, 403),
    ({**POST_HEADERS, "sec-fetch-site": "cross-site"}, 403),
    ({**POST_HEADERS, "sec-fetch-site": "same-site"}, 403),
])
def test_a_cross_site_post_is_refused(client, headers, status):
    body = json.dumps({"directions": DIRECTIONS})
    response = client.post("/api/leaflets/baclofen.pdf", content=body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"


def test_a_same_origin_post_from_the_page_is_served(client):
    response = personalise(client, {"directions": DIRECTIONS, "personal_only": True}, "",
                           origin="http://testserver", **{"sec-fetch-site": "same-origin"})
    assert response.status_code == 200


@pytest.mark.parametrize("path, field", [("/api/leaflets/nothing.pdf", "id"),
                                         ("/api/leaflets/baclofen.pdf?lang=fr", "lang"),
                                         ("/api/leaflets/baclofen.pdf?lang=xx-QQ", "lang"),
                                         ("/api/leaflets/..%2Fetc.pdf", None)])
def test_an_unknown_leaflet_or_language_is_404(client, path, field):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == field


def test_an_unknown_paper_is_422_in_chinese(client):
    response = client.get("/api/leaflets/baclofen.pdf?lang=zh-HK&paper=B5")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "paper",
                                          "message": "必須是以下其中一項：A4, A5, Letter"}]


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/leaflets", "/openapi.json",
                                  "/api/leaflets/baclofen.pdf?lang=en", "/nowhere",
                                  "/api/leaflets/baclofen.pdf?paper=B5",
                                  ASSET])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def test_static_files_are_cached_long(client):
    response = client.get(ASSET)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["cache-control"]


def test_the_page_takes_its_language_from_the_query_else_accept_language(client):
    assert '<html lang="zh-Hant-HK"' in client.get("/", headers={"accept-language": "zh-HK"}).text
    assert '<html lang="en"' in client.get("/", headers={"accept-language": "fr, en;q=0.5"}).text
    assert '<html lang="en"' in client.get("/?lang=en",
                                           headers={"accept-language": "zh-HK"}).text
    assert '<html lang="zh-Hant-HK"' in client.get("/?lang=zh-HK").text


def test_the_openapi_description_documents_the_contract(client):
    document = client.get("/openapi.json").json()
    assert set(document["paths"]) >= {"/api/leaflets", "/api/leaflets/{id}.pdf", "/healthz"}
    assert set(document["paths"]["/api/leaflets/{id}.pdf"]) == {"get", "post"}
    directions = document["components"]["schemas"]["Directions"]
    assert "times_a_day" in directions["properties"]
    assert "#/$defs/" not in json.dumps(document)
    assert "X-Medleaf: 1" in document["info"]["description"]


def test_healthz_says_the_workers_are_ready(client):
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["ready"] == health["workers"] == 1


def test_a_bilingual_leaflet_and_its_personal_page(client):
    response = client.get("/api/leaflets/baclofen.pdf?lang=en%2Bzh-HK")
    assert response.status_code == 200
    assert "Baclofen" in text_of(response.content) and "巴氯芬" in text_of(response.content)
    assert 'filename="baclofen.en+zh-HK.pdf"' in response.headers["content-disposition"]
    alone = personalise(client, {"lang": "en+zh-HK", "personal_only": True,
                                 "directions": DIRECTIONS})
    assert alone.status_code == 200
    text = text_of(alone.content)
    assert "3 times a day" in text and "每日三次" in text


def test_a_missing_static_file_is_not_cached(client):
    response = client.get("/static/no-such-file.js")
    assert response.status_code == 404
    assert "max-age" not in response.headers.get("cache-control", "")


def test_a_changed_monograph_is_served_new_within_seconds(project):
    """Listings and fingerprints are read again behind the scenes (never on a request's
    time): an edit reaches the counter within a few seconds, and no request waits for it."""
    with TestClient(create_app(ServeConfig(project, workers=1))) as client:
        first = client.get("/api/leaflets/baclofen.pdf?lang=en")
        assert first.status_code == 200 and "A muscle relaxant" in text_of(first.content)
        monograph = project / "leaflets/baclofen.yaml"
        monograph.write_text(monograph.read_text().replace(
            "A muscle relaxant that eases", "A muscle relaxant that calms", 1))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            time.sleep(FRESH / 2)
            now = client.get("/api/leaflets/baclofen.pdf?lang=en")
            if now.headers["etag"] != first.headers["etag"]:
                break
        assert now.headers["etag"] != first.headers["etag"]
        assert "A muscle relaxant that calms" in text_of(now.content)
