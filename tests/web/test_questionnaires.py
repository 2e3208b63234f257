"""A second questionnaire, a carer's own assessment, is content only: it is started, walked, checked, sent
and shown on the account page by the same pages as the self-assessment, and makes no budget."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import create_app
from portal.store.models import Answer, Assessment, Calculation
from tests.demo_content import drop_carers_assessment
from tests.web.helpers import Portal

ROOT = Path(__file__).resolve().parents[2]

CARERS = """\
# A carer's own assessment: no points, so no budget.
produces_budget: false
sections:
  caring: [caring_since, lives_with]
  breaks: [gets_breaks, break_days]
questions:
  caring_since:
    kind: date
  lives_with:
    kind: radios
    options: [yes, no]
  gets_breaks:
    kind: radios
    options: [yes, no]
  break_days:
    kind: number
    skip_when: {answer: gets_breaks, equals: no}
"""


def _question(title: str, title_other: str, error: str, hint: str = "Choose one answer.") -> dict:
    return {
        "title": {"self": title, "other": title_other},
        "hint": {"self": hint, "other": hint},
        "error": {"self": error, "other": error},
        "why": "We ask this to know how caring affects your life.",
    }


def _option(label: str) -> dict:
    hint = "Choose this if it is right."
    return {"label": {"self": label, "other": label}, "hint": {"self": hint, "other": hint}}


YES_NO = {"yes": _option("Yes"), "no": _option("No")}
CARERS_WORDS = {
    "questionnaires": {
        "carers": {
            "title": "Carer's assessment",
            "sections": {"caring": {"title": "Your caring"}, "breaks": {"title": "Time for yourself"}},
            "questions": {
                "caring_since": _question(
                    "When did you start caring?",
                    "When did {name} start caring?",
                    "Enter the date you started caring",
                    "For example, 27 3 2020",
                ),
                "lives_with": _question(
                    "Do you live with the person you care for?",
                    "Does {name} live with the person they care for?",
                    "Choose yes or no",
                ),
                "gets_breaks": _question(
                    "Do you get a break from caring?",
                    "Does {name} get a break from caring?",
                    "Choose yes or no",
                ),
                "break_days": _question(
                    "How many days a month do you get a break?",
                    "How many days a month does {name} get a break?",
                    "Enter the number of days",
                    "For example, 2",
                ),
            },
            "options": {"lives_with": YES_NO, "gets_breaks": YES_NO},
        }
    }
}


def as_yaml(tree: dict, indent: str = "") -> str:
    lines = []
    for name, value in tree.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{name}:\n" + as_yaml(value, indent + "  "))
        else:
            lines.append(f'{indent}{name}: "{value}"\n')
    return "".join(lines)


def add_carers(content: Path) -> None:
    (content / "questionnaires").mkdir(exist_ok=True)
    (content / "questionnaires" / "carers.yaml").write_text(CARERS, encoding="utf-8")
    for language in sorted((content / "text").glob("*.yaml")):  # every language needs the new words
        with language.open("a", encoding="utf-8") as texts:
            texts.write("\n" + as_yaml(CARERS_WORDS))


@pytest.fixture
def app(settings, tmp_path):
    from tests.web.helpers import CheckedClient

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    drop_carers_assessment(content)  # the demo's own carer's assessment makes a budget; this one does not
    add_carers(content)
    app = create_app(replace(settings, content_dir=content))
    app.config.update(TESTING=True)
    app.test_client_class = CheckedClient
    yield app
    from tests.conftest import _empty_tables

    _empty_tables(app.extensions["db_engine"])
    app.extensions["db_engine"].dispose()


@pytest.fixture
def portal(app):
    return Portal(app)


def start_carers(portal: Portal, for_whom: str = "myself") -> str:
    portal.get("/assessments/new/carers")
    if for_whom == "myself":
        response = portal.post("/assessments/new/carers", {"for_whom": "myself"})
    else:
        response = portal.post("/assessments/new/carers", {"for_whom": "someone_else"})
        assert response.location.endswith("/assessments/new/carers/someone-else")
        page = portal.get(response.location)
        assert page.soup.select_one(".govuk-back-link")["href"].endswith("/assessments/new/carers")
        response = portal.post(
            "/assessments/new/carers/someone-else",
            {"person_name": "Ravi", "relationship": "Son", "basis": "asked_by_person"},
        )
    return response.location.rstrip("/").split("/")[-1]


def stored(app, public_id: str) -> tuple[Assessment, dict[str, str], Calculation | None]:
    with app.extensions["db_sessionmaker"]() as session:
        form = session.scalar(select(Assessment).where(Assessment.public_id == public_id))
        answers = {
            a.question_id: a.value
            for a in session.scalars(select(Answer).where(Answer.assessment_id == form.id))
        }
        calculation = session.scalar(select(Calculation).where(Calculation.assessment_id == form.id))
        session.expunge_all()
        return form, answers, calculation


def test_a_carers_assessment_is_started_walked_checked_sent_and_shown(portal, app):
    portal.sign_in("alex")
    form_id = start_carers(portal)
    assert stored(app, form_id)[0].questionnaire_id == "carers"

    task_list = portal.get(f"/assessments/{form_id}").soup
    assert [
        t.get_text(strip=True) for t in task_list.select(".govuk-task-list__name-and-hint > :first-child")
    ] == [
        "Your caring",
        "Time for yourself",
        "Check and send your answers",
    ]

    # The first question is a date, with its section as the caption.
    page = portal.get(f"/assessments/{form_id}/questions/caring_since").soup
    assert page.h1.get_text(" ", strip=True) == "Your caring When did you start caring?"
    wrong = portal.post(
        f"/assessments/{form_id}/questions/caring_since",
        {"caring_since-day": "31", "caring_since-month": "2", "caring_since-year": "2020"},
        status=200,
    )
    assert "The date must be a real date" in wrong.soup.select_one(".govuk-error-summary").get_text()
    to = portal.post(
        f"/assessments/{form_id}/questions/caring_since",
        {"caring_since-day": "3", "caring_since-month": "4", "caring_since-year": "2020"},
    ).location
    assert to.endswith(f"/assessments/{form_id}/questions/lives_with")

    page = portal.get(to).soup
    assert [label.get_text(strip=True) for label in page.select(".govuk-radios__label")] == ["Yes", "No"]
    empty = portal.post(to, {}, status=200)
    assert "Choose yes or no" in empty.soup.select_one(".govuk-error-summary").get_text()
    to = portal.post(to, {"lives_with": "yes"}).location
    assert to.endswith("/questions/gets_breaks")

    # "No" skips the number of days: the check page is next.
    to = portal.post(to, {"gets_breaks": "no"}).location
    assert to.endswith(f"/assessments/{form_id}/check")
    check = portal.get(to).soup
    rows = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(" ", strip=True)
        for row in check.select(".govuk-summary-list__row")
    }
    assert rows == {
        "When did you start caring?": "3 April 2020",
        "Do you live with the person you care for?": "Yes",
        "Do you get a break from caring?": "No",
    }

    # Changing the answer brings in the skipped question, then back to the check page.
    to = portal.post(
        f"/assessments/{form_id}/questions/gets_breaks?change=1", {"gets_breaks": "yes"}
    ).location
    assert to.endswith("/questions/break_days?change=1")
    assert portal.post(to, {"break_days": "3"}).location.endswith(f"/assessments/{form_id}/check")

    send = portal.get(f"/assessments/{form_id}/send").soup
    assert "budget" not in send.select_one("main").get_text()
    to = portal.submit(f"/assessments/{form_id}/send", {"confirm": "y"}).location
    assert to.endswith(f"/assessments/{form_id}/sent")

    sent = portal.get(to).soup
    panel = sent.select_one(".govuk-panel--confirmation")
    assert panel.h1.get_text(strip=True) == "Form sent"
    reference = sent.select_one("#reference").get_text(strip=True)
    assert reference.startswith("FORM-") and len(reference) == 14
    assert sent.find("h2", string="What happens next")

    form, answers, calculation = stored(app, form_id)
    assert (form.questionnaire_id, form.status, form.reference) == ("carers", "submitted", reference)
    assert answers == {
        "caring_since": "2020-04-03",
        "lives_with": "yes",
        "gets_breaks": "yes",
        "break_days": "3",
    }
    assert calculation is None  # no points, no budget

    # Sent: its pages, and the budget's, lead to the sent page; sending again changes nothing.
    for url in (f"/assessments/{form_id}", f"/assessments/{form_id}/check", f"/assessments/{form_id}/budget"):
        assert portal.get(url, status=302).location.endswith(f"/assessments/{form_id}/sent")
    assert portal.post(f"/assessments/{form_id}/send", {"confirm": "y"}).location.endswith("/sent")
    assert stored(app, form_id)[0].reference == reference

    card = portal.get("/account").soup.select_one(f"#form-{form_id}")
    text = card.get_text(" ", strip=True)
    assert "Carer's assessment" in text and reference in text
    assert card.select_one(".govuk-tag").get_text(strip=True) == "Sent"
    assert "budget" not in text.lower()
    link = card.find("a", string="See the form you sent")
    assert link["href"] == f"/assessments/{form_id}/sent"


def test_a_carers_assessment_for_someone_else_uses_their_name(portal, app):
    portal.sign_in("jo")
    form_id = start_carers(portal, "someone_else")
    assert stored(app, form_id)[0].questionnaire_id == "carers"
    page = portal.get(f"/assessments/{form_id}/questions/caring_since").soup
    assert "When did Ravi start caring?" in page.h1.get_text()
    card = portal.get("/account").soup.select_one(f"#form-{form_id}")
    assert "Carer's assessment" in card.get_text() and "0 questions answered" in card.get_text()


def test_each_questionnaire_keeps_its_own_empty_form(portal, app):
    portal.sign_in("alex")
    main = portal.start()
    carers = start_carers(portal)
    assert main != carers
    assert start_carers(portal) == carers and portal.start() == main  # started again: the same empty forms
    assert stored(app, main)[0].questionnaire_id == "self_assessment"
    # The self-assessment's pages are as they were: its first question, its budget when sent.
    assert portal.get(f"/assessments/{main}/questions/date_of_birth").soup.h1
    assert portal.get(f"/assessments/{carers}/questions/date_of_birth", status=404)


def test_an_unknown_questionnaire_is_not_found(portal):
    portal.sign_in("alex")
    portal.get("/assessments/new/nothing", status=404)
    portal.get("/assessments/new/nothing/someone-else", status=404)


def test_starting_a_questionnaire_needs_someone_signed_in(portal):
    response = portal.get("/assessments/new/carers", status=302)
    assert "/sign-in" in response.location


def test_a_sent_self_assessment_has_no_sent_page(portal):
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    response = portal.get(f"/assessments/{assessment_id}/sent", status=302)
    assert response.location.endswith(f"/assessments/{assessment_id}/budget")


# --- a form started before forms had a questionnaire ---------------------------------------------


def test_a_draft_from_before_the_migration_is_the_self_assessment_and_still_works(settings, tmp_path):
    from alembic import command
    from sqlalchemy import create_engine, text

    from portal.store import alembic_config
    from tests.web.helpers import CheckedClient

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0006_outbox")
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO users (id, issuer, subject, name, created_at) "
            "VALUES (1, 'demo', 'alex', 'Alex Morgan', '2026-11-01 09:00:00')",
            "INSERT INTO people (id, public_id, name, user_id, created_at) "
            "VALUES (1, 'person-before', 'Alex Morgan', 1, '2026-11-01 09:00:00')",
            "INSERT INTO assessments (id, public_id, person_id, started_by_id, status, config_version, "
            "created_at, updated_at) VALUES (1, 'form-before-0007', 1, 1, 'draft', 'v1', "
            "'2026-11-01 09:00:00', '2026-11-01 09:05:00')",
            "INSERT INTO answers (assessment_id, question_id, value, updated_at, updated_by_id) "
            "VALUES (1, 'date_of_birth', '1960-03-27', '2026-11-01 09:05:00', 1)",
        ):
            connection.execute(text(statement))
    engine.dispose()
    command.upgrade(alembic_config(url), "heads")

    app = create_app(replace(settings, database_url=url))
    app.config.update(TESTING=True)
    app.test_client_class = CheckedClient
    try:
        form, answers, _ = stored(app, "form-before-0007")
        assert (form.questionnaire_id, form.reference, answers) == (
            "self_assessment",
            None,
            {"date_of_birth": "1960-03-27"},
        )
        portal = Portal(app)
        portal.sign_in("alex")
        card = portal.get("/account").soup.select_one("#form-form-before-0007")
        assert "1 question answered" in card.get_text()
        page = portal.get("/assessments/form-before-0007/questions/date_of_birth").soup
        assert page.select_one("#date_of_birth-year")["value"] == "1960"
        portal.answer_all("form-before-0007")
        portal.send("form-before-0007")
        budget = portal.get("/assessments/form-before-0007/budget").soup
        assert "£118.80" in budget.get_text()
        assert stored(app, "form-before-0007")[2] is not None  # the budget is stored, as before
    finally:
        app.extensions["db_engine"].dispose()


def test_a_sent_carers_assessment_is_on_the_demo_care_managers_case_list_as_form_sent(portal, app):
    portal.sign_in("alex")
    form_id = start_carers(portal)
    for question, answer in (
        ("caring_since", {"caring_since-day": "3", "caring_since-month": "4", "caring_since-year": "2020"}),
        ("lives_with", {"lives_with": "yes"}),
        ("gets_breaks", {"gets_breaks": "no"}),
    ):
        portal.post(f"/assessments/{form_id}/questions/{question}", answer)
    portal.submit(f"/assessments/{form_id}/send", {"confirm": "y"})

    chris = Portal(app)
    chris.sign_in("chris")
    cases = chris.get("/staff/people").soup
    link = cases.select_one(f'a[href="/staff/people/{form_id}"]')
    row = " ".join(link.find_parent("tr").get_text(" ", strip=True).split())
    assert "Form sent" in row and "No budget for this form" in row
    case = chris.get(f"/staff/people/{form_id}").soup
    text = " ".join(case.get_text(" ", strip=True).split())
    assert "This form does not make a budget." in text
    assert "Does Alex Morgan live with the person they care for? Yes" in text
    assert not case.select_one("#plan")
    chris.get(f"/staff/people/{form_id}/approve", status=404)  # no budget: nothing to approve
