"""Each page a person reads, taken as a whole, is easy read: Flesch-Kincaid grade 6 or lower."""

from __future__ import annotations

from tests.content.conftest import _load_readability
from tests.web.helpers import WORKED_EXAMPLE, answer_fields

readability = _load_readability()


def _main_text(response) -> str:
    main = response.soup.select_one("main")
    for hidden in main.select(".govuk-visually-hidden, script"):
        hidden.decompose()
    # Each block of text is a sentence or a heading; join them as separate lines. A task list row is not a
    # sentence: its name, its hint and its status are each a block.
    blocks = [
        " ".join(el.get_text(" ", strip=True).split())
        for el in main.select(
            "h1, h2, h3, p, li, label, legend, th, td, summary, dt, dd, .govuk-hint, "
            ".govuk-task-list__name-and-hint > a, .govuk-task-list__name-and-hint > div:first-child, "
            ".govuk-task-list__status"
        )
        if "govuk-task-list__item" not in (el.get("class") or [])
    ]
    return "\n".join(dict.fromkeys(b for b in blocks if b))


def _pages(portal) -> dict[str, object]:
    pages = {
        "start": portal.get("/"),
        "accessibility": portal.get("/accessibility"),
        "privacy": portal.get("/privacy"),
        "demo sign-in": portal.get("/sign-in/demo"),
    }
    portal.sign_in("jo")
    pages["account"] = portal.get("/account")
    pages["who can see"] = portal.get("/account/who-can-see")
    pages["invite a helper"] = portal.get("/account/who-can-see/invite")
    pages["invitation code"] = portal.get("/account/invitation")
    pages["for whom"] = portal.get("/assessments/new")
    pages["someone else"] = portal.get("/assessments/new/someone-else")
    for for_whom in ("myself", "someone_else"):
        assessment_id = portal.start(for_whom)
        pages[f"task list ({for_whom})"] = portal.get(f"/assessments/{assessment_id}")
        url = f"/assessments/{assessment_id}/questions/date_of_birth"
        while "/questions/" in url:
            question_id = url.rsplit("/", 1)[-1]
            pages[f"{question_id} ({for_whom})"] = portal.get(url)
            url = portal.post(url, answer_fields(question_id, WORKED_EXAMPLE[question_id])).location
        pages[f"check ({for_whom})"] = portal.get(url)
        pages[f"send ({for_whom})"] = portal.get(f"/assessments/{assessment_id}/send")
        portal.send(assessment_id)
        pages[f"budget ({for_whom})"] = portal.get(f"/assessments/{assessment_id}/budget")
        pages[f"disagree ({for_whom})"] = portal.get(f"/assessments/{assessment_id}/disagree")
    pages["not found"] = portal.get("/no-such-page", status=404)
    return pages


def test_every_page_is_grade_6_or_lower_with_no_long_sentences(portal):
    too_hard, too_long = {}, {}
    for name, response in _pages(portal).items():
        text = _main_text(response)
        grade = readability.grade(text)
        if grade > readability.MAX_PAGE_GRADE:
            too_hard[name] = round(grade, 1)
        long = readability.long_sentences(text)
        if long:
            too_long[name] = long
    assert not too_hard, f"pages over grade {readability.MAX_PAGE_GRADE}: {too_hard}"
    assert not too_long, f"sentences over {readability.MAX_SENTENCE_WORDS} words: {too_long}"


def _disagreement_pages(portal, app) -> dict[str, object]:
    """Every page of the disagreement route a person reads, from the first step to the Ombudsman."""
    from datetime import date

    from tests.web.helpers import Portal
    from tests.web.test_disagreement import raise_data, set_today, url

    set_today(app, date(2026, 12, 22))
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    pages = {
        "route": portal.get(url(assessment_id)),
        "advocate (before)": portal.get(url(assessment_id, "advocate")),
        "tell the care manager": portal.get(url(assessment_id, "care-manager")),
    }
    pages["tell the care manager (errors)"] = portal.submit(
        url(assessment_id, "care-manager"), {}, status=200
    )
    sent = portal.submit(url(assessment_id, "care-manager"), raise_data())
    pages["sent"] = portal.get(sent.location)
    pages["too early"] = portal.get(url(assessment_id, "team-manager"))
    pages["add more"] = portal.get(url(assessment_id, "add"))
    pages["advocate"] = portal.get(url(assessment_id, "advocate"))
    pages["close"] = portal.get(url(assessment_id, "close"))
    staff = Portal(app)
    staff.sign_in("chris")
    from sqlalchemy import select

    from portal.store.disagreement_models import Disagreement

    with app.extensions["db_sessionmaker"]() as session:
        reference = session.scalar(select(Disagreement.reference))
    staff.submit(
        f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "It stays the same."}
    )
    pages["timeline"] = portal.get(url(assessment_id, "timeline"))
    pages["team manager"] = portal.get(url(assessment_id, "team-manager"))
    portal.submit(url(assessment_id, "team-manager"), {"reason": "Please look again."})
    staff.sign_in("pat")
    staff.submit(
        f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "It stays the same."}
    )
    pages["complaint"] = portal.get(url(assessment_id, "complaint"))
    portal.submit(
        url(assessment_id, "complaint"), {"complaint": "It is not fair.", "put_right": "More money."}
    )
    staff.sign_in("kim")
    staff.submit(
        f"/staff/cases/{reference}/final-answer", {"outcome": "not_upheld", "message": "We looked again."}
    )
    pages["ombudsman"] = portal.get(url(assessment_id, "ombudsman"))
    return pages


def test_every_disagreement_page_is_grade_6_or_lower_with_no_long_sentences(portal, app):
    too_hard, too_long = {}, {}
    for name, response in _disagreement_pages(portal, app).items():
        text = _main_text(response)
        grade = readability.grade(text)
        if grade > readability.MAX_PAGE_GRADE:
            too_hard[name] = round(grade, 1)
        long = readability.long_sentences(text)
        if long:
            too_long[name] = long
    assert not too_hard, f"pages over grade {readability.MAX_PAGE_GRADE}: {too_hard}"
    assert not too_long, f"sentences over {readability.MAX_SENTENCE_WORDS} words: {too_long}"
