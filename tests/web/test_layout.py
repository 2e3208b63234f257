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
    header = _header(portal.get("/"))
    menu = [
        item.get_text(strip=True)
        for item in header.select("nav[aria-label=Menu] a, nav[aria-label=Menu] button")
    ]
    assert menu == ["Your account", "Sign out"]
    # signing out changes something, so it is a button that sends a form, not a link
    assert (
        header.select_one("nav[aria-label=Menu] form[method=post] button").get_text(strip=True) == "Sign out"
    )


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
        "config_council",
        "config_questionnaire",
        "current_lang",
        "csp_nonce",
        "error_summary",
        "signed_in_user",
        "question_picture",
        "support_plan_for",
        "is_staff",
        "session_seconds_left",
        "form_was_restored",
        "request_id",
    ):
        assert name in env.globals, name
    # the short names are gone: a template says what it calls
    assert "ct" not in env.globals and "pt" not in env.globals
    for name in ("money", "number", "long_date"):
        assert name in env.filters, name
    # The one registered elsewhere, by govuk-frontend-wtf, is named in portal/templating.py.
    assert "wtforms_errors" in env.globals
    assert "`wtforms_errors`" in templating.__doc__


def test_only_templating_registers_template_globals():
    portal = TEMPLATES.parent
    registering = sorted(
        str(path.relative_to(portal))
        for path in portal.rglob("*.py")
        if "jinja_env.globals" in path.read_text(encoding="utf-8")
        or "jinja_env.filters" in path.read_text(encoding="utf-8")
        or "app_template_global" in path.read_text(encoding="utf-8")
    )
    assert registering == []  # templating.py registers them all (as `env.globals`)
    assert "env.globals.update(" in (portal / "templating.py").read_text(encoding="utf-8")


SHORT_NAMES = re.compile(r"\b(ct|pt)\(")


@pytest.mark.parametrize("folder", [p.name for p in TEMPLATES.iterdir() if p.is_dir()])
def test_templates_use_the_long_names_of_council_text(folder):
    assert SHORT_NAMES.search("{{ ct('x') }}") and not SHORT_NAMES.search("{{ content_text('x') }}")
    for path in [*(TEMPLATES / folder).rglob("*.html"), TEMPLATES / "base.html"]:
        assert not SHORT_NAMES.search(path.read_text(encoding="utf-8")), path.name
