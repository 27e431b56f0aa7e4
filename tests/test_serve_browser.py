"""The security headers let Chromium's own PDF viewer open the leaflets (a GET, and a
personalised PDF the page fetched and opened as a blob), and forbid framing them."""

from __future__ import annotations

from browser import chromium
from serve_support import server

VIEWER = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/"
POST = """async () => {
  const r = await fetch('/api/leaflets/baclofen.pdf', {method: 'POST',
    headers: {'content-type': 'application/json', 'x-medleaf': '1'},
    body: JSON.stringify({lang: 'en', personal_only: true, directions: {dose: 1,
      form: 'tablet', strength: '10 mg', times_a_day: 3}})});
  window.open(URL.createObjectURL(await r.blob()), '_blank'); }"""


def test_the_pdf_viewer_opens_leaflets_under_the_csp(tmp_path):
    with server(tmp_path / "log", cli=["--workers", "1"]) as (url, _), chromium() as browser:
        context = browser.new_context()
        refused = []
        context.on("console", lambda m: "Content Security Policy" in m.text and
                   refused.append(m.text))
        page = context.new_page()
        page.on("console", lambda m: "Content Security Policy" in m.text and
                refused.append(m.text))
        page.goto(f"{url}/")
        leaflet = context.new_page()
        assert leaflet.goto(f"{url}/api/leaflets/baclofen.pdf?lang=zh-HK").status == 200
        leaflet.wait_for_timeout(1000)
        assert any(f.url.startswith(VIEWER) for f in leaflet.frames)
        with context.expect_page() as opened:
            page.evaluate(POST)
        blob = opened.value
        blob.wait_for_timeout(1000)
        assert blob.url.startswith("blob:")
        assert any(f.url.startswith(VIEWER) for f in blob.frames)
        assert refused == []
        page.evaluate("() => { const f = document.createElement('iframe');"
                      f"f.src = '{url}/api/leaflets/baclofen.pdf'; document.body.append(f);"
                      " }")
        page.wait_for_timeout(1500)  # never framed: the frame shows Chromium's error
        assert [f.url for f in page.frames][1:] == ["chrome-error://chromewebdata/"]
