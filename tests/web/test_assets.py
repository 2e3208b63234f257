"""Public assets can be kept by any cache without a person's cookie; text is sent compressed."""

from __future__ import annotations

import gzip
import hashlib
import re

import brotli
from flask.testing import FlaskClient

from tests.conftest import ROOT

ASSETS = ROOT / "portal" / "static" / "assets"


def linked_assets(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/assets/[^"]+)"', html)


def test_a_page_links_each_asset_by_its_content(portal):
    links = linked_assets(portal.get("/").get_data(as_text=True))
    css = next(link for link in links if link.startswith("/assets/portal.min.css"))
    digest = hashlib.sha256((ASSETS / "portal.min.css").read_bytes()).hexdigest()[:16]
    assert css == f"/assets/portal.min.css?v={digest}"


def test_assets_carry_no_session_cookie_even_for_a_signed_in_person(portal):
    portal.sign_in("alex")
    for link in linked_assets(portal.get("/account").get_data(as_text=True)):
        response = portal.client.get(link)
        assert response.status_code == 200, link
        assert "Set-Cookie" not in response.headers, link
        assert "cookie" not in response.headers.get("Vary", "").lower(), link
        assert "public" in response.headers["Cache-Control"], link


def test_a_versioned_link_is_kept_a_year_and_any_other_is_checked_each_time(portal):
    link = next(link for link in linked_assets(portal.get("/").get_data(as_text=True)) if ".css" in link)
    kept = portal.client.get(link)
    assert kept.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = portal.client.get(link.split("?")[0])
    assert (
        "no-cache" in plain.headers["Cache-Control"]
        and "max-age=31536000" not in plain.headers["Cache-Control"]
    )
    old = portal.client.get(link.split("?")[0] + "?v=0123456789abcdef")
    assert "immutable" not in old.headers["Cache-Control"]


def test_the_etag_comes_from_the_content_and_a_fresh_copy_is_not_sent_again(app, portal):
    response = portal.client.get("/assets/init.js")
    digest = hashlib.sha256((ASSETS / "init.js").read_bytes()).hexdigest()[:16]
    assert response.headers["ETag"] == f'"{digest}"'
    again = portal.client.get("/assets/init.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_text_assets_are_compressed_when_the_browser_accepts_it(portal):
    original = (ASSETS / "portal.min.css").read_bytes()
    as_br = portal.client.get("/assets/portal.min.css", headers={"Accept-Encoding": "br, gzip"})
    assert as_br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(as_br.data) == original
    as_gzip = portal.client.get("/assets/portal.min.css", headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.data) == original
    plain = portal.client.get("/assets/portal.min.css")
    assert "Content-Encoding" not in plain.headers and plain.data == original
    assert "Accept-Encoding" in plain.headers["Vary"]


def test_pages_are_compressed_only_for_requests_from_the_site_or_the_person(app):
    client = FlaskClient(app, app.response_class)  # the page checker reads pages as text: not this one
    browser = {"Accept-Encoding": "gzip"}
    own = client.get("/", headers={**browser, "Sec-Fetch-Site": "same-origin"})
    assert own.headers["Content-Encoding"] == "gzip"
    assert "Your personal budget" in gzip.decompress(own.data).decode()
    typed = client.get("/", headers={**browser, "Sec-Fetch-Site": "none"})
    assert typed.headers["Content-Encoding"] == "gzip"
    # Started by another site (a link or a form there): the page, which holds a secret, is sent as it is.
    other = client.get("/", headers={**browser, "Sec-Fetch-Site": "cross-site"})
    assert "Content-Encoding" not in other.headers
    assert "Your personal budget" in other.get_data(as_text=True)
    unknown = client.get("/", headers=browser)
    assert "Content-Encoding" not in unknown.headers


def test_urdu_pages_name_fonts_with_the_arabic_script_and_the_browser_tests_have_one():
    css = (ASSETS / "portal.min.css").read_text(encoding="utf-8")
    rule = re.search(r":root:lang\(ur\)[^{]*\{([^}]*)\}", css)
    assert rule, "no font rule for pages in Urdu"
    fonts = rule.group(1)
    assert (
        fonts.index('"Noto Nastaliq Urdu"') < fonts.index('"Noto Naskh Arabic"') < fonts.index("sans-serif")
    )
    script = (ROOT / "scripts" / "install-browser.sh").read_text(encoding="utf-8")
    assert "fonts-noto-core" in script, "screenshots of Urdu pages need a font with Arabic letters"
