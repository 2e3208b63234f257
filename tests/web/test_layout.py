"""Every page's frame: the council's generic header (not GOV.UK's), the service navigation, the skip link,
and the one place templates get their globals and filters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal import templating
from portal.content import config

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"


def _header(page):
    return page.soup.select_one("header.govuk-template__header")


def test_the_header_is_the_generic_header_with_the_council_s_name(portal, app):
    header = _header(portal.get("/"))
    council = config(app).council
    generic = header.select_one(".govuk-generic-header")
    assert generic is not None
    link = generic.select_one("a.govuk-generic-header__homepage-link")
    assert (link.get_text(strip=True), link["href"]) == (council.name, council.website)
    # A council is not GOV.UK: no crown, no logotype, no GOV.UK header.
    assert not header.select("svg, .govuk-header, .govuk-logo")
    assert "GOV.UK" not in header.get_text()


def test_the_header_has_the_service_name_and_a_menu_that_follows_sign_in(portal):
    page = portal.get("/")
    service = _header(page).select_one(".govuk-service-navigation__service-name a")
    assert (service.get_text(strip=True), service["href"]) == ("Your personal budget", "/")
    menu = [a.get_text(strip=True) for a in _header(page).select("nav[aria-label=Menu] a")]
    assert menu == ["Sign in"]
    portal.sign_in("alex")
    menu = [a.get_text(strip=True) for a in _header(portal.get("/")).select("nav[aria-label=Menu] a")]
    assert menu == ["Your account", "Sign out"]


def test_the_skip_link_comes_first_and_goes_to_the_main_content(portal):
    page = portal.get("/")
    skip = page.soup.select_one("body a")
    assert "govuk-skip-link" in skip["class"] and skip["href"] == "#main-content"
    assert page.soup.select_one("main#main-content") is not None


def test_every_global_and_filter_is_registered_in_one_place(app):
    env = app.jinja_env
    for name in (
        "content_text",
        "person_text",
        "ct",
        "pt",
        "config_council",
        "config_questionnaire",
        "current_lang",
        "csp_nonce",
        "error_summary",
        "signed_in_user",
        "question_picture",
    ):
        assert name in env.globals, name
    assert env.globals["ct"] is env.globals["content_text"]
    assert env.globals["pt"] is env.globals["person_text"]
    for name in ("money", "number", "long_date"):
        assert name in env.filters, name
    # Registered elsewhere for now, each listed in portal/templating.py until it moves there.
    for elsewhere in ("support_plan_for", "is_staff", "wtforms_errors"):
        assert elsewhere in env.globals
        assert f"`{elsewhere}`" in templating.__doc__


def test_only_templating_registers_template_globals():
    portal = TEMPLATES.parent
    registering = sorted(
        str(path.relative_to(portal))
        for path in portal.rglob("*.py")
        if "jinja_env.globals" in path.read_text(encoding="utf-8")
        or "jinja_env.filters" in path.read_text(encoding="utf-8")
        or "app_template_global" in path.read_text(encoding="utf-8")
    )
    # The two journeys' own registrations are listed in templating.py, for whoever reshapes them next.
    assert registering == ["journeys/plan/views.py", "journeys/staff/views.py"]


SHORT_NAMES = re.compile(r"\b(ct|pt)\(")


@pytest.mark.parametrize("folder", ["start", "auth", "errors", "dev", "components"])
def test_shared_templates_use_the_long_names_of_council_text(folder):
    assert SHORT_NAMES.search("{{ ct('x') }}") and not SHORT_NAMES.search("{{ content_text('x') }}")
    for path in [*(TEMPLATES / folder).glob("*.html"), TEMPLATES / "base.html"]:
        assert not SHORT_NAMES.search(path.read_text(encoding="utf-8")), path.name
