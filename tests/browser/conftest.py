"""Fixtures for the browser tests: the app on a real HTTP port, one headless
Chromium for the whole session, and a fresh browser context per test.

The browser is Debian's /usr/bin/chromium (Playwright's own download is never
used). Every context aborts requests to any origin but the app's, so a page that
reaches out cannot touch the network; the `requests_made` fixture still records
those attempts so a test can fail on them.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from service import create_app

BROWSER_DIR = Path(__file__).resolve().parent
NODE_MODULES = BROWSER_DIR / "node_modules"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Schemes that never leave the browser, so they are not "requests to a host".
LOCAL_SCHEMES = {"data", "blob", "about"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "no_javascript: run the test's `page` in a browser context with JavaScript disabled"
    )


def pytest_collection_modifyitems(items):
    # Every browser test drives Chromium; the hook sees the whole session's items, so only ours are marked.
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.slow)


@dataclass(frozen=True)
class LiveServer:
    host: str
    port: int
    app: object

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def is_own(self, url: str) -> bool:
        """Whether ``url`` stays on this server (or never leaves the browser)."""
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        return parts.scheme in ("http", "ws") and parts.netloc == self.netloc


@contextmanager
def serving(settings: dict):
    """An app made with ``settings``, on a real HTTP port, until the block ends."""
    app = create_app({"TESTING": True, **settings})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer("127.0.0.1", server.server_port, app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        app.extensions["carevoice.speech"].close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    with serving({"CACHE_DIR": str(tmp_path_factory.mktemp("browser-cache"))}) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def java_script_enabled(request) -> bool:
    """True unless the test is marked `no_javascript`; parametrize a test over
    `java_script_enabled` to run it both ways."""
    return request.node.get_closest_marker("no_javascript") is None


@pytest.fixture
def context(browser, live_server, java_script_enabled):
    # The app's Content-Security-Policy forbids inline and eval'd script, which
    # is how axe and Playwright's waits get in; test_csp.py checks the policy
    # itself in a context that enforces it.
    ctx = browser.new_context(java_script_enabled=java_script_enabled, base_url=live_server.origin, bypass_csp=True)

    def keep_local(route):
        if live_server.is_own(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    ctx.route("**/*", keep_local)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


class RequestLog:
    """Every URL a page asks for, in order, from `page.on("request")`."""

    def __init__(self, page, live_server: LiveServer):
        self.live_server = live_server
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self) -> list[str]:
        """The requests that went (or tried to go) anywhere but the app's own host."""
        return [url for url in self.urls if not self.live_server.is_own(url)]


@pytest.fixture
def requests_made(page, live_server) -> RequestLog:
    return RequestLog(page, live_server)
