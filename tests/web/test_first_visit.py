"""A first visit is small, and everything it loads can be kept for a year: the start page and each
stylesheet, script (with what the scripts import) and image it makes a browser fetch, as the portal sends
them to a browser that accepts compression."""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin, urlsplit

from flask.testing import FlaskClient

from benchmarks.weight import CSS_URL, JS_IMPORT, References, decoded
from tests.conftest import ROOT

FIRST_VISIT_LIMIT = 80_000  # bytes on the wire, the speed issue's target
YEAR = "public, max-age=31536000, immutable"
BROWSER = {"Accept-Encoding": "gzip, deflate, br", "Sec-Fetch-Site": "none"}


def first_visit(app) -> dict[str, tuple[int, str]]:
    """Each URL a first visit to / fetches: (bytes as sent, Cache-Control). A plain client: the checked
    one reads each page, and these come compressed."""
    client = FlaskClient(app, app.response_class)
    seen: dict[str, tuple[int, str]] = {}
    queue = ["/"]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url, headers=BROWSER)
        assert response.status_code == 200, url
        body = response.get_data()
        seen[url] = (len(body), response.headers.get("Cache-Control", ""))
        text = decoded(body, response.headers.get("Content-Encoding", "identity"))
        if response.mimetype == "text/html":
            parser = References()
            parser.feed(text)
            found = parser.urls
        elif response.mimetype == "text/css":
            found = CSS_URL.findall(text)
        elif response.mimetype == "text/javascript":
            found = JS_IMPORT.findall(text)
        else:
            found = []
        for ref in found:
            if not ref.startswith("data:"):
                parts = urlsplit(urljoin("http://portal" + url, ref))
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def test_a_first_visit_is_under_80_kb_and_every_asset_is_kept_a_year(app):
    files = first_visit(app)
    # The page, the stylesheets, the two scripts (init.js imports GOV.UK Frontend's) and the icons.
    paths = {urlsplit(url).path for url in files}
    assert {"/", "/assets/portal.min.css", "/assets/init.js", "/assets/govuk-frontend.min.js"} <= paths, paths
    total = sum(size for size, _ in files.values())
    assert total <= FIRST_VISIT_LIMIT, files
    not_kept = {url: cache for url, (_, cache) in files.items() if url != "/" and cache != YEAR}
    assert not not_kept, f"assets a browser must ask for again: {not_kept}"


def test_init_js_imports_govuk_frontend_by_its_content_version():
    """scripts/build-frontend.sh writes the version; a changed script without a rebuild fails here."""
    assets = ROOT / "portal" / "static" / "assets"
    version = hashlib.sha256((assets / "govuk-frontend.min.js").read_bytes()).hexdigest()[:16]
    assert JS_IMPORT.findall((assets / "init.js").read_text()) == [f"./govuk-frontend.min.js?v={version}"]
