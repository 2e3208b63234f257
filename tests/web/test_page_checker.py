"""The page checker itself: fed small pages with one fault each, it must catch every one, and pass
the same page without the fault. Every web test goes through it, so a rule that never fires would
let a fault through every page of the portal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.helpers import CheckedClient, Portal, check_page, content_codes

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def codes():
    from portal.ras import load_config

    return content_codes(load_config(ROOT / "content"))


def page(main: str, title: str = "A page") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title} - Example Council</title></head>'
        f'<body><main id="main-content"><h1 class="govuk-heading-xl">{title}</h1>{main}</main></body></html>'
    )


def faults(main: str, codes=None) -> str:
    """The checker's complaint about a page, or '' when it passes."""
    try:
        check_page(page(main), 200, codes)
    except AssertionError as error:
        return str(error)
    return ""


def radios(legend: str | None, kind: str = "radios", items: int = 2) -> str:
    choices = "".join(
        f'<div class="govuk-{kind}__item"><input class="govuk-{kind}__input" id="talk-{n}" name="talk" '
        f'type="{"radio" if kind == "radios" else "checkbox"}" value="v{n}">'
        f'<label class="govuk-label" for="talk-{n}">Choice {n}</label></div>'
        for n in range(items)
    )
    group = f'<div class="govuk-{kind}">{choices}</div>'
    if legend is None:
        return f'<fieldset class="govuk-fieldset">{group}</fieldset>'
    return (
        f'<fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend">{legend}</legend>'
        f"{group}</fieldset>"
    )


GOOD = (
    '<p class="govuk-body">Your reference is <strong>DIS-7K3Q</strong>.</p>'
    '<p class="govuk-body">Email <a class="govuk-link" href="mailto:care_team@council.example">'
    'care_team@council.example</a> or see <a class="govuk-link" href="https://www.lgo.org.uk/make_a_complaint">'
    "www.lgo.org.uk/make_a_complaint</a>.</p>"
    '<p class="govuk-body">1 point, 2 points, 0 points, 1.5 hours, 1 hour, 21 points, 10 working days, '
    "1 working day, 12 March 1958, Step 1 Make a plan, £1 a week.</p>"
    '<p class="govuk-body">None of these. I need help most days. Plans close to the budget.</p>'
    '<span class="govuk-visually-hidden" aria-label="Change your date of birth">x</span>'
    + radios("Would you like to meet or talk on the phone?")
    + '<div class="govuk-checkboxes"><div class="govuk-checkboxes__item">'
    '<input class="govuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" value="y">'
    '<label class="govuk-label" for="confirm">'
    "I confirm the answers are true.</label></div></div>"
)


def test_a_good_page_passes(codes):
    assert faults(GOOD, codes) == ""
    assert faults(GOOD) == ""


@pytest.mark.parametrize(
    "bad",
    [
        '<p class="govuk-body">&lt;p class="govuk-body"&gt;12 March 1958&lt;/p&gt;</p>',  # check your answers
        '<div class="govuk-panel__body">'
        "Your reference is&lt;br&gt;&lt;strong&gt;DIS-7K3Q&lt;/strong&gt;</div>",
        '<p class="govuk-body">Your reference is &lt;strong&gt;DIS-7K3Q&lt;/strong&gt;.</p>',
        '<p class="govuk-body">Meals &amp;amp; drinks</p>',  # escaped twice: a person sees "&amp;"
        '<p class="govuk-body">Shown &amp;lt; read</p>',
        '<p class="govuk-body">A broken &lt;/p tag</p>',
        # only a screen reader hears it
        '<span class="govuk-visually-hidden">&lt;strong&gt;hidden&lt;/strong&gt;</span>',
    ],
)
def test_markup_shown_as_text_is_caught(codes, bad):
    assert "markup shown as text" in faults(bad, codes)


@pytest.mark.parametrize("attribute", ["aria-label", "alt", "title", "placeholder"])
def test_markup_in_an_accessible_name_is_caught(codes, attribute):
    bad = f'<a class="govuk-link" href="/x" {attribute}="Change &lt;strong&gt;date&lt;/strong&gt;">Change</a>'
    assert "markup shown as text" in faults(bad, codes) and "accessible name" in faults(bad, codes)


def test_markup_in_a_legend_or_label_is_caught(codes):
    assert "markup shown as text" in faults(radios("Would you like &lt;b&gt;to meet&lt;/b&gt;?"), codes)
    label = (
        '<label class="govuk-label" for="x">Tell us &lt;em&gt;more&lt;/em&gt;</label><input id="x" name="x">'
    )
    assert "markup shown as text" in faults(label, codes)


@pytest.mark.parametrize(
    "bad, code",
    [
        ('<dd class="govuk-summary-list__value">most_days</dd>', "most_days"),  # an option id
        ('<p class="govuk-body">You chose daily_help.</p>', "daily_help"),  # any snake_case token
        ('<p class="govuk-body">options.nutrition.some_help.label</p>', "options.nutrition.some_help.label"),
        ('<h2 class="govuk-heading-m">questions.nutrition.title</h2>', "questions.nutrition.title"),
        ('<p class="govuk-body">sections.about_you.title</p>', "sections.about_you.title"),
        ('<p class="govuk-body">prices.meals.name</p>', "prices.meals.name"),
        ('<p class="govuk-body">How we look after it: direct_payment</p>', "direct_payment"),
        ('<p class="govuk-body">You can ask from care_manager_waiting.</p>', "care_manager_waiting"),
    ],
)
def test_internal_codes_are_caught(codes, bad, code):
    assert code in faults(bad, codes)


def test_codes_come_from_the_councils_content_so_new_ids_are_caught(codes):
    """A council's key with no underscore is only known from its content."""
    assert "questions" in codes.tops and "options.nutrition" in codes.keys
    assert "most_days" not in codes.ids or "nutrition" in codes.ids
    bad = '<p class="govuk-body">plan.management.direct</p>'
    assert "plan.management.direct" in faults(bad, codes)
    assert "plan.management" in faults('<p class="govuk-body">See plan.management here.</p>', codes)


@pytest.mark.parametrize(
    "bad",
    [
        "<p class=\"govuk-body\">It costs Decimal('7.5') a week.</p>",
        "<p class=\"govuk-body\">Needs: ['nutrition', 'toilet']</p>",
        "<p class=\"govuk-body\">{'talk': 'call'}</p>",
        '<p class="govuk-body">Answered on datetime.date(2026, 12, 2)</p>',
        '<p class="govuk-body">&lt;portal.store.models.Assessment object at 0x7f3a&gt;</p>',
        '<p class="govuk-body">This costs {amount} an hour.</p>',  # council text not filled in
        '<p class="govuk-body">This costs %(amount)s an hour.</p>',  # UI text not filled in
    ],
)
def test_program_text_is_caught(codes, bad):
    assert faults(bad, codes)


@pytest.mark.parametrize(
    "bad",
    [
        '<dd class="govuk-summary-list__value">None</dd>',
        '<p class="govuk-body">Contact: None.</p>',
        '<a class="govuk-link" href="/x" aria-label="Change None">Change</a>',
    ],
)
def test_the_word_none_standing_alone_is_caught(codes, bad):
    assert "'None' shown" in faults(bad, codes)


@pytest.mark.parametrize(
    "bad",
    [
        "1 points",
        "1 items",
        "1 days",
        "1 hours",
        "1 weeks",
        "1 nights",
        "1 working days",
        "1 parts",
        "0 point",
        "3 point",
        "2.5 hour",
        "1 alarms",
        "1 trips",
    ],
)
def test_plural_slips_are_caught(codes, bad):
    assert "wrong plural" in faults(f'<p class="govuk-body">That is {bad} in all.</p>', codes)


def test_a_plural_slip_split_by_tags_is_caught_as_a_screen_reader_reads_it(codes):
    assert "wrong plural" in faults('<p class="govuk-body">You scored <strong>1</strong> points.</p>', codes)


def test_a_plural_slip_in_a_councils_own_unit_is_caught(codes):
    """Units a council adds to its price list are counted words too."""
    assert ("meal", "meals") in codes.counted
    from dataclasses import replace

    more = replace(codes, counted=codes.counted + (("visit", "visits"),))
    assert "wrong plural" in faults('<p class="govuk-body">1 visits each week</p>', more)
    assert faults('<p class="govuk-body">1 visit each week</p>', more) == ""


def test_a_radio_group_with_no_legend_is_caught(codes):
    assert "no fieldset legend" in faults(radios(None), codes)
    bare = (
        '<div class="govuk-radios"><div class="govuk-radios__item">'
        '<input type="radio" name="a" id="a"></div></div>'
    )
    assert "no fieldset legend" in faults(bare, codes)  # not in a fieldset at all


def test_a_radio_group_with_an_empty_legend_is_caught(codes):
    assert "empty legend" in faults(radios(""), codes) or "legend is empty" in faults(radios(""), codes)
    assert faults(radios('<span class="govuk-visually-hidden"> </span>'), codes)


def test_a_checkbox_group_with_no_legend_is_caught(codes):
    assert "no fieldset legend" in faults(radios(None, kind="checkboxes", items=3), codes)
    assert faults(radios("Which needs does it help with?", kind="checkboxes", items=3), codes) == ""


def test_every_client_of_the_app_checks_every_page(app):
    """Tests that use the client directly are checked too, on any status, not only through Portal."""
    assert isinstance(app.test_client(), CheckedClient) and isinstance(Portal(app).client, CheckedClient)

    @app.get("/test-only/markup")
    def _markup():
        return page('<p class="govuk-body">&lt;strong&gt;hi&lt;/strong&gt;</p>'), 409

    with pytest.raises(AssertionError, match="markup shown as text"):
        app.test_client().get("/test-only/markup")
