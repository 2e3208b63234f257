"""The page chrome is made once by the published GOV.UK macros and reused: what people get is the same."""

from __future__ import annotations

from flask import render_template_string

from portal.templating import RenderedOnce

HEADER = (
    '{% from "govuk_frontend_jinja/components/generic-header/macro.html" import govukGenericHeader %}'
    "{{ govukGenericHeader({'url': 'https://council.example', 'logoText': name}) }}"
)
KEPT_HEADER = (
    '{% from "govuk_frontend_jinja/components/generic-header/macro.html" import govukGenericHeader %}'
    "{{ rendered_once(govukGenericHeader, {'url': 'https://council.example', 'logoText': name}) }}"
)


def test_a_kept_header_is_the_macros_own_html(app):
    with app.test_request_context("/"):
        fresh = render_template_string(HEADER, name="Example Council")
        first = render_template_string(KEPT_HEADER, name="Example Council")
        again = render_template_string(KEPT_HEADER, name="Example Council")
        other = render_template_string(KEPT_HEADER, name="Another Council")
    assert "Example Council" in fresh
    assert first == fresh == again
    assert "Another Council" in other and "Example Council" not in other


def test_the_macro_runs_once_for_the_same_parameters_and_again_for_new_ones():
    calls = []

    class Macro:
        name = "govukThing"

        def __call__(self, params):
            calls.append(params)
            return f"<p>{params['text']}</p>"

    kept = RenderedOnce(size=2)
    assert kept(Macro(), {"text": "a"}) == "<p>a</p>"
    assert kept(Macro(), {"text": "a"}) == "<p>a</p>"
    assert kept(Macro(), {"text": "b"}) == "<p>b</p>"
    assert len(calls) == 2
    kept(Macro(), {"text": "c"})  # the oldest, "a", makes way: the cache stays small
    kept(Macro(), {"text": "a"})
    assert len(calls) == 4


def test_pages_show_the_header_menu_and_skip_link_in_the_persons_language(portal):
    page = portal.get("/").soup
    assert page.select_one(".govuk-skip-link").get_text(strip=True) == "Skip to main content"
    assert "Example Council" in page.select_one(".govuk-generic-header").get_text(" ", strip=True)
    menu = [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__link")]
    assert "Sign in" in menu
    portal.sign_in("alex")
    page = portal.get("/account").soup
    menu = [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__item")]
    assert "Your account" in menu and "Sign out" in menu and "Sign in" not in menu
