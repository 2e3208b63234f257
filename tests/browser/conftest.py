"""Browser tests: headless Debian Chromium (Playwright) against a live portal, with axe-core.

One portal server and one browser serve the whole session; each test gets a fresh browser
context (no cookies) and starts from empty tables. Every context is watched: a console error,
an uncaught script error, a failed request or a same-origin response of 400 or more fails the
test, unless the test says it expects that status (`problems.allow`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ROOT, TEST_SECRET, _empty_tables

# Waiting limits for a busy two-core machine. Tests never sleep: Playwright waits only as long as
# it must, so generous limits cost nothing when the machine is quick.
ACTION_TIMEOUT_MS = 20_000
expect.set_options(timeout=15_000)

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


# ----- the portal, served on a free port ------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # one line per request is noise in test output
        pass


@pytest.fixture(scope="session")
def live_app(database_url):
    """The portal with the same settings as the `settings` fixture, built once per database."""
    from portal import create_app
    from portal.settings import Settings

    # Demo mode, as people try the portal: it has the messages page (/dev/messages).
    settings = Settings(
        environment="demo",
        secret_key=TEST_SECRET,
        database_url=database_url,
        content_dir=ROOT / "content",
        demo_sign_in=True,
        # One browser sends far more forms a minute than a person: the limits have their own tests
        # (tests/web/test_ops_limits.py, and the wait page in test_ops_a11y.py).
        rate_limits_on=False,
    )
    app = create_app(settings)
    app.config.update(TESTING=True)
    yield app
    engine = app.extensions["db_engine"]
    _empty_tables(engine)
    engine.dispose()


AXE_PATH = "/__tests__/axe.min.js"


def _serve_axe_too(app):
    """Serve axe-core next to the portal, so that pages can load it as a same-origin script (which the
    portal's Content Security Policy allows) and the browser can cache it."""
    body = _axe_source().encode("utf-8")
    headers = [
        ("Content-Type", "text/javascript; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "max-age=3600"),
    ]

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") == AXE_PATH:
            start_response("200 OK", headers)
            return [body]
        return app(environ, start_response)

    return wsgi


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server(
        "127.0.0.1", 0, _serve_axe_too(live_app), threaded=True, request_handler=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, name="live-portal", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture(autouse=True)
def _fresh_tables(live_app):
    yield
    _empty_tables(live_app.extensions["db_engine"])


@pytest.fixture
def texts(live_app):
    """The council's words, as people see them: `texts("questions.nutrition.title")`,
    or with a name for someone acting for another person."""
    config = live_app.extensions["ras_config"]

    def text(key: str, name: str | None = None) -> str:
        try:
            return config.text(f"{key}.{'other' if name else 'self'}", "en", name=name or "")
        except KeyError:
            return config.text(key, "en")

    return text


# ----- pytest-playwright settings ---------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}. Run `make browser` (Debian's chromium package), "
            "or set PORTAL_CHROMIUM to a Chromium binary.",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


# ----- what must never happen in a page --------------------------------------------------------


class Problems:
    """Console errors, script errors, failed requests and error responses seen by one context."""

    def __init__(self, origin: str):
        self.origin = origin
        self.found: list[str] = []
        self.allowed: set[tuple[str, int]] = set()

    def allow(self, path: str, status: int) -> None:
        """The test expects this page to answer with this status (for example a 404 page)."""
        self.allowed.add((path, status))

    def _same_origin(self, url: str) -> bool:
        return url.startswith(self.origin + "/") or url == self.origin

    def _is_allowed(self, url: str, status: int | None = None) -> bool:
        path = urlsplit(url).path
        return any(path == p and (status is None or status == s) for p, s in self.allowed)

    def watch(self, context) -> None:
        context.on("console", self._console)
        context.on("weberror", lambda error: self.found.append(f"script error: {error.error}"))
        context.on("requestfailed", self._request_failed)
        context.on("response", self._response)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        # Chromium logs the expected status of an error page as a console error too.
        if message.text.startswith("Failed to load resource") and self._is_allowed(url):
            return
        self.found.append(f"console error: {message.text} ({url})")

    def _request_failed(self, request) -> None:
        # Chromium cancels what a page is still loading (say, its icon) when the next page is asked
        # for. That is not a fault of the portal; a request that really fails has another reason.
        if request.failure == "net::ERR_ABORTED" and not request.is_navigation_request():
            return
        self.found.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def _response(self, response) -> None:
        if (
            response.status >= 400
            and self._same_origin(response.url)
            and not self._is_allowed(response.url, response.status)
        ):
            self.found.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def check(self, where: str = "") -> None:
        if self.found:
            found, self.found = self.found, []
            raise AssertionError(f"problems in the browser ({where or 'so far'}):\n  " + "\n  ".join(found))


_PROBLEMS: dict[object, Problems] = {}


def problems_of(page_or_context) -> Problems:
    context = getattr(page_or_context, "context", page_or_context)
    return _PROBLEMS[context]


@pytest.fixture
def new_context(new_context, live_server):
    """Every context a test opens is watched for problems, which are checked when the test ends."""
    opened = []

    def make(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        problems = Problems(live_server)
        problems.watch(context)
        _PROBLEMS[context] = problems
        opened.append(context)
        return context

    yield make
    watched = [_PROBLEMS.pop(context) for context in opened]
    for problems in watched:
        problems.check("at the end of the test")


@pytest.fixture
def problems(page) -> Problems:
    return problems_of(page)


# ----- axe ---------------------------------------------------------------------------------------


def _axe_source() -> str:
    """axe-core as shipped in axe-playwright-python (nothing is downloaded)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def _run_axe(page) -> dict:
    """Inject axe (once per document) and run it. A page that is still loading after a click is
    waited for; if it is replaced while axe is injected, axe runs again on the new document."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("() => typeof window.axe === 'object'"):
                page.add_script_tag(url=AXE_PATH)
            return page.evaluate("options => axe.run(document, options)", options)
        except PlaywrightError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def assert_no_axe_violations(page, label: str) -> None:
    """Run axe-core (WCAG 2.2 AA rules) on the page as it is now, and fail with every violation.

    Also fails on any console error, failed request or error response seen so far."""
    problems_of(page).check(label)
    results = _run_axe(page)
    violations = results["violations"]
    if violations:
        lines = [
            f"axe {results['testEngine']['version']} found {len(violations)} violation(s) on {label} "
            f"({page.url}):"
        ]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    at {node['target']}")
        raise AssertionError("\n".join(lines))
    problems_of(page).check(label)
