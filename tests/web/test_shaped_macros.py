"""GOV.UK macros made once for each shape of their parameters (`portal.templating.ShapedMacros`): what a
person gets is the published macro's HTML, with their own words, and nothing of theirs is kept."""

from __future__ import annotations

import re

from markupsafe import Markup

from portal import ras, templating
from tests import factories
from tests.examples import WORKED_EXAMPLE
from tests.web.plan_helpers import PA_WEEKLY


def _same(a: str, b: str) -> bool:
    """The same HTML, up to the amount of white space (which a browser reads alike)."""
    return " ".join(a.split()) == " ".join(b.split())


def _card(title: str, value: str, html: str, href: str) -> dict:
    return {
        "card": {
            "title": {"text": title},
            "actions": {
                "items": [{"href": href, "text": "Change"}, {"href": href + "/remove", "text": "Remove"}]
            },
            "attributes": {"id": "item-" + title[:3]},
        },
        "rows": [
            {"key": {"text": "How much"}, "value": {"text": value}},
            {"key": {"text": "Needs"}, "value": {"html": html}},
            {"key": {"text": "Who"}, "value": {"text": ""}},
        ],
    }


def test_each_call_is_the_macros_own_html_with_its_own_words(app):
    kept = templating.ShapedMacros()
    calls = [
        _card("A helper you pay", "7 hours a week", '<ul class="govuk-list">\n<li>Washing</li>\n</ul>', "/a"),
        _card('Meals <b>"hot"</b> & cold', "£12.50 & more", Markup("<p>Eating</p>"), "/b?x=1&y=2"),
        _card("Sam's shower chair", Markup("<strong>Once</strong>"), "<p>Moving</p>", "/c"),
    ]
    with app.test_request_context("/"):
        macro = app.jinja_env.get_template(
            "govuk_frontend_jinja/components/summary-list/macro.html"
        ).module.govukSummaryList
        for params in calls:
            assert _same(str(kept(macro, params)), str(macro(params)))
    assert len(kept.kept) == 1, "the three cards have one shape"


def test_words_are_escaped_as_the_macro_escapes_them(app):
    kept = templating.ShapedMacros()
    with app.test_request_context("/"):
        macro = app.jinja_env.get_template(
            "govuk_frontend_jinja/components/summary-list/macro.html"
        ).module.govukSummaryList
        kept(macro, _card("First", "one", "<p>x</p>", "/a"))
        html = str(
            kept(macro, _card("<script>alert(1)</script>", 'a "quote" & <b>', "<p>y</p>", "/b?c=1&d=2"))
        )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &#34;quote&#34; &amp; &lt;b&gt;" in html
    assert 'href="/b?c=1&amp;d=2"' in html


def test_nothing_a_person_wrote_is_kept(app):
    kept = templating.ShapedMacros()
    with app.test_request_context("/"):
        macro = app.jinja_env.get_template(
            "govuk_frontend_jinja/components/summary-list/macro.html"
        ).module.govukSummaryList
        for _ in range(2):
            kept(
                macro,
                _card("Pat's secret help", "Pat's secret amount", "<p>Pat's secret need</p>", "/p/secret"),
            )
    held = " ".join(repr(key) + "".join(map(str, parts or [])) for key, parts in kept.kept.items())
    assert "secret" not in held


def test_a_macro_that_reads_its_words_is_never_kept_for_that_shape(app):
    """A macro whose choice hangs on a word (not the published ones this is used for) is found out the
    first time, and from then on runs every time."""
    kept = templating.ShapedMacros()
    with app.test_request_context("/"):
        module = app.jinja_env.from_string(
            "{% macro picky(params) %}{% if params.text == 'Yes' %}<b>{{ params.text }}</b>"
            "{% else %}<i>{{ params.text }}</i>{% endif %}{% endmacro %}"
        ).module
        assert str(kept(module.picky, {"text": "Yes"})) == "<b>Yes</b>"
        assert str(kept(module.picky, {"text": "No"})) == "<i>No</i>"
        assert str(kept(module.picky, {"text": "Yes"})) == "<b>Yes</b>"
    assert list(kept.kept.values()) == [None]


def _pages(app, portal) -> dict[str, str]:
    portal.sign_in("alex")
    answers = ras.relevant_answers(factories.config(app).questionnaire, WORKED_EXAMPLE)
    answered = factories.draft_assessment(app, portal, answers)
    sent = factories.sent_assessment(app, portal)
    factories.plan(app, sent, [("personal_assistant", PA_WEEKLY)] * 3, who=portal)
    return {
        "check": f"/assessments/{answered}/check",
        "budget": f"/assessments/{sent}/budget",
        "plan": f"/assessments/{sent}/plan",
        "account": "/account",
    }


def _normal(html: str) -> str:
    html = re.sub(r'(nonce|value)="[^"]{20,}"', r'\1="X"', html)
    html = re.sub(r'data-seconds-left="[0-9]+"', "", html)  # the clock moves on between the looks
    return " ".join(re.sub(r">\s+<", "><", html).split())


def test_whole_pages_are_the_same_as_with_the_macros_run_each_time(app, portal):
    """Check answers, the budget, a plan and the account page, each as a person gets it and as the
    published macros make it when run for every call."""
    pages = _pages(app, portal)
    kept = {name: _normal(portal.get(url).get_data(as_text=True)) for name, url in pages.items()}
    kept_again = {name: _normal(portal.get(url).get_data(as_text=True)) for name, url in pages.items()}
    app.jinja_env.globals["shaped"] = lambda macro, params: Markup(macro(params))
    try:
        own = {name: _normal(portal.get(url).get_data(as_text=True)) for name, url in pages.items()}
    finally:
        app.jinja_env.globals["shaped"] = templating.shaped
    for name in pages:
        assert kept[name] == own[name], name
        assert kept_again[name] == own[name], name


def test_a_signature_is_the_shape_words_aside():
    def signature(params):
        found: list = []
        templating._sign(params, [], "", found)
        return tuple(found)

    # The words, links and attributes are not part of it...
    assert signature({"text": "Yes", "href": "/a", "attributes": {"id": "x"}}) == signature(
        {"text": "No", "href": "/b", "attributes": {"id": "y"}}
    )
    # ...everything else is: settings, their types, which fields are given, how many rows, where they nest.
    assert signature({"classes": "a"}) != signature({"classes": "b"})
    assert signature({"checked": True}) != signature({"checked": 1})
    assert signature({"text": ""}) != signature({"text": "Yes"})  # an empty word is not a word
    assert signature({"rows": [{"text": "a"}]}) != signature({"rows": [{"text": "a"}, {"text": "b"}]})
    assert signature({"a": {"b": "c"}, "d": "e"}) != signature({"a": {"b": "c", "d": "e"}})
    assert signature({"classes": "{"}) != signature({"classes": {}})
