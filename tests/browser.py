"""The browser tests' tools: Debian's Chromium, headless, driven by Playwright (no browser
download), and axe-core (tests/vendor/axe-core, MPL-2.0) for accessibility.

    with chromium() as browser:
        page = browser.new_page()
        page.goto(url)
        assert serious_violations(page) == []
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
IMPACTS = ("serious", "critical")


def chromium_path() -> str:
    """Debian's Chromium (scripts/setup-system.sh installs it): the tests need it."""
    path = shutil.which("chromium")
    assert path, "chromium is not installed: run make setup"
    return path


@contextlib.contextmanager
def chromium():
    """A headless Chromium, closed however the test ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            yield browser
        finally:
            browser.close()


def axe_results(page, rules: dict | None = None) -> dict:
    """Run axe-core on the page as it is (evaluated through the driver, so a page's
    Content-Security-Policy does not block it) and return its results."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["rules"] = rules
    return page.evaluate("options => axe.run(document, options)", options)


def serious_violations(page) -> list[str]:
    """Each serious or critical axe-core violation, as 'rule: first target (help)'."""
    found = []
    for violation in axe_results(page)["violations"]:
        if violation["impact"] in IMPACTS:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{violation['id']}: {', '.join(targets)} ({violation['help']})")
    return found
