"""Real-browser tests: Debian's Chromium driven by Playwright against Django's live server.

Playwright cannot download its own browser here, so it launches /usr/bin/chromium
(installed by .ci/run). Screenshots go to test-output/ for a person to look at.
"""
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PLANEVAL_CHROMIUM", "/usr/bin/chromium")
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
# Chromium must not try the closed network at every start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (.ci/run does)")
    # Django's ORM refuses to run inside Playwright's event loop thread without this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    OUTPUT.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = OUTPUT / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def live_demo(transactional_db, live_server, settings):
    """The demo loaded into the live server's database, in demo mode."""
    from planeval.demo.services import demo_load

    settings.PLANEVAL_ENV = "demo"
    demo_load(password=settings.DEMO_PASSWORD)
    return live_server


def wait_for_js(page, expression: str, arg=None, timeout: float = 30.0) -> None:
    """``page.wait_for_function`` without eval. Playwright polls a string predicate inside the page
    with ``new Function``, which the Content-Security-Policy (no 'unsafe-eval') refuses as soon as
    a first check fails; ``page.evaluate`` is not subject to it, so the polling is done from here."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
        page.wait_for_timeout(100)
