"""The demo council's family carer: who helps most (a first name, which may be left empty), asked between
"does a family member or friend help" and "can they keep helping", whose answer is the carer's own view.

Every family-help path gives the figure ras-demo.md fixes, worked out here from its rules in whole pence,
and the budget page says whose help was counted in the reader's words. Nothing here calls the portal's
own rules.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.personas import pounds
from tests.web.helpers import WORKED_EXAMPLE, Portal
from tests.web.test_personas import visible

# ras-demo.md, "Support from family and friends": the percent taken off for each answer, and the share of
# it that counts for each answer to "can they keep helping".
REDUCTION = {"few_hours": 5, "most_days": 10, "every_day": 20}
SHARE = {"yes": Decimal(1), "less": Decimal("0.5"), "no": Decimal(0)}

# 54 points: 40 x £6 + 14 x £7.50 = £345 a week before help from family, so a few hours' help that will
# lessen (2.5%) needs rounding: £345 x 97.5 / 100 = £336.375, rounded half up to £336.38.
POINTS_54 = {
    **WORKED_EXAMPLE,
    "nutrition": "full_help",
    "personal_hygiene": "full_help",
    "toilet": "full_help",
    "dressing": "full_help",
    "home_safety": "full_help",
    "home_environment": "some_help",
    "relationships": "daily_help",
    "nights": "none",
}
BEFORE_PENCE = 40 * 600 + 14 * 750


def expected_weekly_pence(help_option: str, continues: str | None) -> int:
    if help_option == "none":
        return BEFORE_PENCE
    percent = REDUCTION[help_option] * SHARE[continues or "yes"]
    exact = Decimal(BEFORE_PENCE) * (100 - percent) / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected_whose_help(continues: str, carer: str, name: str | None) -> str:
    """The sentence that says whose help was counted, in the reader's words."""
    who = carer or (f"the person who helps {name}" if name else "the person who helps you")
    helped = name or "you"
    if continues == "no":
        if carer:
            return f"We take nothing off because {carer} cannot keep helping {helped}."
        return f"We take nothing off because {who} cannot keep helping."
    less = ", but less than now" if continues == "less" else ""
    told = f"{carer} can keep helping {helped}" if carer else f"they can keep helping {helped}"
    return f"We counted help from {who}. You told us {told}{less}."


PATHS = [("none", None)] + [
    (help_option, continues) for help_option in REDUCTION for continues in ("yes", "less", "no")
]


def _answers(help_option: str, continues: str | None, carer: str) -> dict[str, str]:
    answers = {**POINTS_54, "informal_help": help_option}
    if continues is None:  # nobody helps: neither "who helps most" nor "can they keep helping" is asked
        del answers["carer_name"], answers["informal_help_continues"]
    else:
        answers |= {"carer_name": carer, "informal_help_continues": continues}
    return answers


def _walk(portal: Portal, answers: dict[str, str], for_whom: str = "myself") -> tuple[str, list[str]]:
    """Answer as Continue leads, and send. The form's id, and the questions asked in order."""
    from tests.web.helpers import answer_fields

    form_id = portal.start(for_whom)
    url, asked = f"/assessments/{form_id}/questions/date_of_birth", []
    while "/questions/" in url:
        question_id = url.split("?")[0].rsplit("/", 1)[-1]
        asked.append(question_id)
        url = portal.post(url, answer_fields(question_id, answers[question_id])).location
    assert url.endswith("/check"), url
    portal.send(form_id)
    return form_id, asked


@pytest.mark.parametrize("carer", ["Sam", ""], ids=["named", "not_named"])
@pytest.mark.parametrize(("help_option", "continues"), PATHS, ids=[f"{h}-{c}" for h, c in PATHS])
def test_every_family_help_path_gives_the_documented_figure_and_names_the_carer(
    portal, help_option, continues, carer
):
    portal.sign_in("alex")
    form_id, asked = _walk(portal, _answers(help_option, continues, carer))
    family = asked[asked.index("informal_help") :]
    if continues is None:
        assert family == ["informal_help"]
    else:
        assert family == ["informal_help", "carer_name", "informal_help_continues"]
    page = portal.get(f"/assessments/{form_id}/budget").soup
    weekly = expected_weekly_pence(help_option, continues)
    assert page.select_one("#weekly-amount").get_text(strip=True) == f"{pounds(weekly)} a week"
    assert page.select_one("#yearly-amount").get_text(strip=True) == f"That is {pounds(weekly * 52)} a year."
    text = visible(page)
    if continues is None:
        assert "We counted help" not in text and "cannot keep helping" not in text
        assert "No family member or friend helps now. So we take nothing off." in text
        return
    said = expected_whose_help(continues, carer, None)
    # In the easy-read summary at the top and in the steps of how it was worked out.
    assert said in page.select_one("#easy-family-help").get_text(" ", strip=True)
    assert said in page.select_one("#adjustment").get_text(" ", strip=True)
    assert ("carer's assessment" in text) is (continues in ("less", "no"))
    if not carer:
        assert "Sam" not in text


@pytest.mark.parametrize("continues", ["yes", "less", "no"])
@pytest.mark.parametrize("carer", ["Sam", ""], ids=["named", "not_named"])
def test_a_helper_filling_in_reads_about_the_person_by_name(portal, continues, carer):
    portal.sign_in("alex")
    form_id, _asked = _walk(portal, _answers("most_days", continues, carer), for_whom="someone_else")
    page = portal.get(f"/assessments/{form_id}/budget").soup
    assert page.select_one("#weekly-amount").get_text(strip=True) == (
        f"{pounds(expected_weekly_pence('most_days', continues))} a week"
    )
    assert expected_whose_help(continues, carer, "Ravi") in visible(page)


def test_the_question_asks_for_a_first_name_and_can_be_left_empty(portal):
    portal.sign_in("alex")
    form_id = portal.start()
    portal.answer_all(form_id, WORKED_EXAMPLE)
    page = portal.get(f"/assessments/{form_id}/questions/carer_name").soup
    assert page.select_one("h1").get_text(" ", strip=True).endswith("Who helps you most?")
    text = visible(page)
    assert "Their first name is enough. You can leave this empty." in text
    box = page.select_one("input#carer_name")
    assert box is not None and box.get("value", "") == ""
    # The next question says whose answer it is.
    page = portal.get(f"/assessments/{form_id}/questions/informal_help_continues").soup
    assert "Ask them what they think. Put in their answer." in visible(page)
    # Left empty, the check page says so, with a link to change it.
    check = portal.get(f"/assessments/{form_id}/check").soup
    row = next(
        r
        for r in check.select(".govuk-summary-list__row")
        if "Who helps you most?" in r.get_text(" ", strip=True)
    )
    assert row.select_one(".govuk-summary-list__value").get_text(" ", strip=True) == "Not given"
    assert row.select_one("a")["href"].endswith("/questions/carer_name?change=1")
    # A name given is kept, without spaces round it, and shown.
    portal.post(f"/assessments/{form_id}/questions/carer_name?change=1", {"carer_name": "  Sam "})
    check = portal.get(f"/assessments/{form_id}/check").soup
    assert "Sam" in [v.get_text(" ", strip=True) for v in check.select(".govuk-summary-list__value")]
    page = portal.get(f"/assessments/{form_id}/questions/carer_name").soup
    assert page.select_one("input#carer_name")["value"] == "Sam"


def test_a_name_too_long_is_refused_in_the_gov_uk_error_pattern(portal):
    portal.sign_in("alex")
    form_id = portal.start()
    portal.answer_all(form_id, WORKED_EXAMPLE)
    page = portal.post(
        f"/assessments/{form_id}/questions/carer_name", {"carer_name": "S" * 61}, status=200
    ).soup
    assert page.title.get_text(strip=True).startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    assert "Your answer must be 60 characters or fewer" in summary.get_text(" ", strip=True)
    assert summary.select_one("a")["href"] == "#carer_name"
    assert "Your answer must be 60 characters or fewer" in page.select_one("#carer_name-error").get_text()


def test_a_helper_is_asked_who_helps_the_person(portal):
    portal.sign_in("alex")
    form_id = portal.start("someone_else")
    portal.answer_all(form_id, WORKED_EXAMPLE)
    page = portal.get(f"/assessments/{form_id}/questions/carer_name").soup
    assert page.select_one("h1").get_text(" ", strip=True).endswith("Who helps Ravi most?")


def test_staff_and_the_summary_show_the_carer_and_what_was_said(portal, app):
    portal.sign_in("alex")
    form_id, _asked = _walk(portal, _answers("most_days", "less", "Sam"))
    said = expected_whose_help("less", "Sam", None)
    summary = portal.get(f"/assessments/{form_id}/summary").soup  # the page the summary PDF is made from
    assert said in visible(summary)
    staff = Portal(app)
    staff.sign_in("chris")
    page = staff.get(f"/staff/people/{form_id}").soup
    text = visible(page)
    # The answers, as the person's helper would read them (the staff page names the person).
    rows = {
        r.select_one("dt").get_text(" ", strip=True): r.select_one("dd").get_text(" ", strip=True)
        for r in page.select(".govuk-summary-list__row")
        if r.select_one("dt") and r.select_one("dd")
    }
    assert any(question.startswith("Who helps") and answer == "Sam" for question, answer in rows.items())
    assert "We counted help from Sam." in text


def test_changing_to_someone_helps_asks_who_then_if_they_can_keep_helping(portal):
    portal.sign_in("alex")
    form_id = portal.start()
    nobody = {**WORKED_EXAMPLE, "informal_help": "none"}
    portal.answer_all(form_id, nobody)
    base = f"/assessments/{form_id}/questions"
    went = portal.post(f"{base}/informal_help?change=1", {"informal_help": "every_day"}).location
    assert went.endswith(f"{base}/carer_name?change=1")
    went = portal.post(went, {"carer_name": "Jo"}).location
    assert went.endswith(f"{base}/informal_help_continues?change=1")
    went = portal.post(went, {"informal_help_continues": "no"}).location
    assert went.endswith(f"/assessments/{form_id}/check")
    portal.send(form_id)
    page = portal.get(f"/assessments/{form_id}/budget").soup
    assert page.select_one("#weekly-amount").get_text(strip=True) == f"{pounds(13200)} a week"
    assert "We take nothing off because Jo cannot keep helping you." in visible(page)


def _keep_helping(portal, form_id: str, carer: str):
    """Answer every question before "can they keep helping", with this carer's name (or none)."""
    portal.post(f"/assessments/{form_id}/questions/carer_name?change=1", {"carer_name": carer})
    return f"/assessments/{form_id}/questions/informal_help_continues"


def _summary_rows(page) -> dict[str, str]:
    return {
        r.select_one(".govuk-summary-list__key").get_text(" ", strip=True): r.select_one(
            ".govuk-summary-list__value"
        ).get_text(" ", strip=True)
        for r in page.select(".govuk-summary-list__row")
        if r.select_one(".govuk-summary-list__key")
    }


@pytest.mark.parametrize(
    ("for_whom", "title", "hint", "error"),
    [
        (
            "myself",
            "Can Sam keep helping you?",
            "Ask Sam what they think. Put in their answer. It is fine if they cannot.",
            "Select if Sam can keep helping you",
        ),
        (
            "someone_else",
            "Can Sam keep helping Ravi?",
            "Ask Sam what they think. Put in their answer. It is fine if they cannot.",
            "Select if Sam can keep helping Ravi",
        ),
    ],
)
def test_the_keep_helping_question_names_the_carer(portal, for_whom, title, hint, error):
    portal.sign_in("alex")
    form_id = portal.start(for_whom)
    portal.answer_all(form_id, WORKED_EXAMPLE)
    url = _keep_helping(portal, form_id, "Sam")
    page = portal.get(url).soup
    assert page.select_one("legend h1").get_text(" ", strip=True).endswith(title)
    assert page.title.get_text(strip=True).startswith(title)
    assert page.select_one("#informal_help_continues-hint").get_text(" ", strip=True) == hint
    # Sent without an answer: the error names them too, in the summary and by the radios.
    page = portal.post(url, {}, status=200).soup
    assert page.select_one(".govuk-error-summary a").get_text(" ", strip=True) == error
    assert error in page.select_one("#informal_help_continues-error").get_text(" ", strip=True)
    # Check answers: the row reads the question as it was asked.
    check = portal.get(f"/assessments/{form_id}/check").soup
    assert _summary_rows(check)[title] == "Yes"


@pytest.mark.parametrize(
    ("for_whom", "hints"),
    [
        (
            "myself",
            [
                "Sam can keep helping me as they do now.",
                "Sam can help, but not as much as now.",
                "Sam cannot keep helping me.",
            ],
        ),
        (
            "someone_else",
            [
                "Sam can keep helping Ravi as they do now.",
                "Sam can help Ravi, but not as much as now.",
                "Sam cannot keep helping Ravi.",
            ],
        ),
    ],
)
def test_the_keep_helping_answers_name_the_carer_too(portal, for_whom, hints):
    """ "Can Sam keep helping you?" is answered "Sam can keep helping me", not "They can"."""
    portal.sign_in("alex")
    form_id = portal.start(for_whom)
    portal.answer_all(form_id, WORKED_EXAMPLE)
    page = portal.get(_keep_helping(portal, form_id, "Sam")).soup
    labels = [" ".join(x.get_text(" ", strip=True).split()) for x in page.select(".govuk-radios__label")]
    shown = [" ".join(x.get_text(" ", strip=True).split()) for x in page.select(".govuk-radios__hint")]
    assert labels == ["Yes", "Yes, but less than now", "No"]
    assert shown == hints


def test_without_a_name_the_question_says_they(portal):
    portal.sign_in("alex")
    form_id = portal.start()
    portal.answer_all(form_id, WORKED_EXAMPLE)  # "who helps you most" left empty
    url = f"/assessments/{form_id}/questions/informal_help_continues"
    page = portal.get(url).soup
    assert page.select_one("legend h1").get_text(" ", strip=True).endswith("Can they keep helping you?")
    assert (
        page.select_one("#informal_help_continues-hint")
        .get_text(" ", strip=True)
        .startswith("Ask them what they think.")
    )
    page = portal.post(url, {}, status=200).soup
    assert "Select if they can keep helping you" in page.select_one(".govuk-error-summary").get_text()
    assert "Can they keep helping you?" in _summary_rows(portal.get(f"/assessments/{form_id}/check").soup)
    # Spaces alone are no name.
    _keep_helping(portal, form_id, "   ")
    assert "Can they keep helping you?" in visible(portal.get(url).soup)


def test_the_name_is_shown_as_typed_and_never_as_markup(portal, app):
    from bs4 import BeautifulSoup
    from flask.testing import FlaskClient

    from tests.web.helpers import CSRF_RE

    portal.sign_in("alex")
    form_id = portal.start()
    portal.answer_all(form_id, WORKED_EXAMPLE)
    url = _keep_helping(portal, form_id, "<b>Sam</b>")
    # The page checker rightly finds "<b>" in what a person reads: these pages are read without it, by
    # the same signed-in browser.
    raw = FlaskClient(app, app.response_class, use_cookies=True)
    raw.set_cookie("portal_session", portal.client.get_cookie("portal_session").value)
    html = raw.get(url).get_data(as_text=True)
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("legend h1").get_text(" ", strip=True).endswith("Can <b>Sam</b> keep helping you?")
    assert "Ask <b>Sam</b> what they think." in page.select_one("#informal_help_continues-hint").get_text()
    assert not page.select("main b")
    assert "Can &lt;b&gt;Sam&lt;/b&gt; keep helping you?" in html
    token = CSRF_RE.search(html).group(1)
    sent = raw.post(url, data={"csrf_token": token})
    assert sent.status_code == 200
    page = BeautifulSoup(sent.get_data(as_text=True), "html.parser")
    assert not page.select("main b")
    assert "Select if <b>Sam</b> can keep helping you" in page.select_one(".govuk-error-summary").get_text()
    assert (
        "Select if <b>Sam</b> can keep helping you"
        in page.select_one("#informal_help_continues-error").get_text()
    )
    check = BeautifulSoup(raw.get(f"/assessments/{form_id}/check").get_data(as_text=True), "html.parser")
    assert not check.select("main b")
    assert "Can <b>Sam</b> keep helping you?" in _summary_rows(check)


def test_in_welsh_the_question_names_the_carer(portal, app):
    from portal.i18n import available_languages

    with app.app_context():
        if "cy" not in available_languages(app):
            pytest.skip("Welsh is not compiled here")
    portal.sign_in("alex")
    form_id = portal.start()
    portal.answer_all(form_id, WORKED_EXAMPLE)
    url = _keep_helping(portal, form_id, "Sam")
    page = portal.get(f"{url}?lang=cy").soup
    assert page.html["lang"] == "cy"
    assert (
        page.select_one("legend h1")
        .get_text(" ", strip=True)
        .endswith("Ydy Sam yn gallu dal ati i'ch helpu?")
    )
    assert (
        page.select_one("#informal_help_continues-hint")
        .get_text(" ", strip=True)
        .startswith("Gofynnwch i Sam beth maen nhw'n ei feddwl.")
    )
    page = portal.post(url, {}, status=200).soup
    assert (
        "Dewiswch a ydy Sam yn gallu dal ati i'ch helpu" in page.select_one(".govuk-error-summary").get_text()
    )
    # The answers name Sam too, and agree with one person: "Ydy", not "Ydyn" ("they are").
    page = portal.get(url).soup
    labels = [x.get_text(" ", strip=True) for x in page.select(".govuk-radios__label")]
    assert labels == ["Ydy", "Ydy, ond llai na nawr", "Nac ydy"]
    hints = [x.get_text(" ", strip=True) for x in page.select(".govuk-radios__hint")]
    assert hints[0] == "Mae Sam yn gallu dal ati i fy helpu fel mae'n ei wneud nawr."
    check = portal.get(f"/assessments/{form_id}/check").soup
    assert _summary_rows(check)["Ydy Sam yn gallu dal ati i'ch helpu?"] == "Ydy"
    # Without a name, the Welsh words say "they".
    _keep_helping(portal, form_id, "")
    page = portal.get(url).soup
    assert (
        page.select_one("legend h1")
        .get_text(" ", strip=True)
        .endswith("Ydyn nhw'n gallu dal ati i'ch helpu?")
    )
