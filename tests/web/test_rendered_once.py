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


def _question_radios(portal, public_id: str, question: str):
    page = portal.get(f"/assessments/{public_id}/questions/{question}").soup
    return page.select_one(".govuk-radios").parent.parent


def test_kept_answer_widgets_are_the_macros_own_html_for_each_answer_and_error(app, portal, monkeypatch):
    """A question's radios are made once for each set of parameters and kept: the HTML is the one the
    published macro makes, a picked answer shows as picked, and an error shows on its own page."""
    from govuk_frontend_wtf.gov_form_base import GovFormBase

    portal.sign_in("alex")
    public_id = portal.start()
    portal.answer(public_id, "date_of_birth", "1958-03-12")
    kept_first = str(_question_radios(portal, public_id, "living_situation"))
    monkeypatch.setattr("portal.forms._Translated.render", GovFormBase.render)  # the macro every time
    fresh = str(_question_radios(portal, public_id, "living_situation"))
    monkeypatch.undo()
    assert kept_first == fresh == str(_question_radios(portal, public_id, "living_situation"))

    url = f"/assessments/{public_id}/questions/living_situation"
    errors = portal.post(url, {}, status=200).soup
    assert errors.select_one(".govuk-radios").parent.parent.select_one(".govuk-error-message") is not None
    again = _question_radios(portal, public_id, "living_situation")
    assert again.select_one(".govuk-error-message") is None  # the error was not kept for the next look
    portal.answer(public_id, "living_situation", "with_family")
    picked = _question_radios(portal, public_id, "living_situation")
    assert picked.select_one("input[value=with_family]").has_attr("checked")
    assert not picked.select_one("input[value=alone]").has_attr("checked")


def test_what_a_person_typed_is_never_kept(app, portal):
    kept = app.extensions["portal_rendered_once"]
    portal.sign_in("alex")
    public_id = portal.start()
    portal.answer(public_id, "date_of_birth", "1958-03-12")
    portal.answer(public_id, "living_situation", "alone", more="My neighbour Pat brings soup")
    page = portal.get(f"/assessments/{public_id}/questions/living_situation?change=1").soup
    assert "My neighbour Pat brings soup" in page.select_one("textarea").get_text()
    assert not any("Pat brings soup" in key or "Pat brings soup" in html for key, html in kept.kept.items())


def test_a_kept_fragments_slots_take_each_pages_values_escaped_once(app):
    from flask import render_template_string

    with app.test_request_context("/"):
        html = render_template_string(
            "{{ kept_include('components/language-switch.html', slots={'en': 'x', 'cy': url}) }}",
            url='/page?a=1&b="2"<',
        )
    assert 'href="/page?a=1&amp;b=&#34;2&#34;&lt;"' in html
    assert "\ue000" not in html
