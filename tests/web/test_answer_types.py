"""A council adds questions of each kind with content alone: questionnaire.yaml and the English texts.

No view, form or template is added. Each is asked, checked, shown on check your answers and stored;
every page goes through the page checker (the CheckedClient).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import create_app
from portal.store.models import Answer, Calculation
from tests.web.helpers import WORKED_EXAMPLE, Portal, answer_fields

ROOT = Path(__file__).resolve().parents[2]

NEW_SECTION = "  more_about_you: [moved_in, people_at_home, has_pets, pet_names]\n"
NEW_QUESTIONS = """
  moved_in:
    kind: date
  people_at_home:
    kind: number
  has_pets:
    kind: radios
    options: [yes, no]
  pet_names:
    kind: text
    skip_when: {answer: has_pets, equals: no}
"""


def _texts(qid: str, title: str, other: str, hint: str, error: str, error_other: str) -> str:
    return f"""
  {qid}:
    title:
      self: {title}
      other: "{other}"
    hint:
      self: {hint}
      other: {hint}
    error:
      self: {error}
      other: "{error_other}"
    why: We ask this to plan help at home.
"""


NEW_TEXTS = {
    "sections": "\n  more_about_you:\n    title: More about you\n",
    "questions": "".join(
        [
            _texts(
                "moved_in",
                "When did you move into your home?",
                "When did {name} move into their home?",
                "For example, 27 3 2007",
                "Enter the date you moved in",
                "Enter the date {name} moved in",
            ),
            _texts(
                "people_at_home",
                "How many people live with you?",
                "How many people live with {name}?",
                "Do not count yourself",
                "Enter how many people live with you",
                "Enter how many people live with {name}",
            ),
            _texts(
                "has_pets",
                "Do you have a pet?",
                "Does {name} have a pet?",
                "For example, a dog or a cat",
                "Select if you have a pet",
                "Select if {name} has a pet",
            ),
            _texts(
                "pet_names",
                "What is your pet called?",
                "What is {name}'s pet called?",
                "If you have more than one, tell us them all",
                "Enter your pet's name",
                "Enter the name of {name}'s pet",
            ),
        ]
    ),
    "options": """
  has_pets:
    yes:
      label:
        self: "Yes"
        other: "Yes"
      hint:
        self: I have a pet.
        other: "{name} has a pet."
    no:
      label:
        self: "No"
        other: "No"
      hint:
        self: I do not have a pet.
        other: "{name} does not have a pet."
""",
}


# The worked example on the public rules page answers every question asked (content/transparency.yaml).
EXAMPLE_ANSWERS = '  moved_in: "2007-03-27"\n  people_at_home: "2"\n  has_pets: "no"\n'


def add_questions(content: Path) -> None:
    """Add the questions to a copy of the content: the only change a council makes (the questions, their
    words, and the worked example's answers to them)."""
    questionnaire = content / "questionnaire.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    last_section = "  family_and_friends: [informal_help, carer_name, informal_help_continues]\n"
    assert text.count(last_section) == 1
    questionnaire.write_text(
        text.replace(last_section, last_section + NEW_SECTION) + NEW_QUESTIONS, encoding="utf-8"
    )
    for language in sorted((content / "text").glob("*.yaml")):  # every language needs the new texts
        lines = language.read_text(encoding="utf-8").splitlines(keepends=True)
        out = []
        for line in lines:
            out.append(line)
            top = line.rstrip("\n").rstrip(":")
            if top in NEW_TEXTS and not line.startswith(" "):
                out.append(NEW_TEXTS[top].lstrip("\n"))
        language.write_text("".join(out), encoding="utf-8")
    openness = content / "transparency.yaml"
    text = openness.read_text(encoding="utf-8")
    assert text.count("\nworked_example:\n") == 1
    openness.write_text(
        text.replace("\nworked_example:\n", "\nworked_example:\n" + EXAMPLE_ANSWERS), encoding="utf-8"
    )


@pytest.fixture
def council_app(settings, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for other in (content / "text").glob("*.yaml"):  # English only: the new questions have English words
        if other.name != "en.yaml":
            other.unlink()
    add_questions(content)
    app = create_app(replace(settings, content_dir=content))
    app.config.update(TESTING=True)
    yield app
    from tests.conftest import _empty_tables

    _empty_tables(app.extensions["db_engine"])
    app.extensions["db_engine"].dispose()


def _to_new_section(portal: Portal) -> str:
    portal.sign_in("alex")
    assessment_id = portal.start()
    url = f"/assessments/{assessment_id}/questions/date_of_birth"
    while not url.endswith("/questions/moved_in"):
        question_id = url.split("?")[0].rsplit("/", 1)[-1]
        url = portal.post(url, answer_fields(question_id, WORKED_EXAMPLE[question_id])).location
    return assessment_id


def _error(response) -> tuple[str, str]:
    summary = response.soup.select_one(".govuk-error-summary a")
    return summary.get_text(strip=True), summary["href"]


def test_questions_added_with_content_alone_are_asked_checked_shown_and_stored(council_app):
    portal = Portal(council_app)
    assessment_id = _to_new_section(portal)
    base = f"/assessments/{assessment_id}/questions"

    # A plain date: three boxes, no birthday autocomplete, and words about a date, not a date of birth.
    page = portal.get(f"{base}/moved_in").soup
    assert (
        page.select_one("legend h1").get_text(" ", strip=True).endswith("When did you move into your home?")
    )
    boxes = page.select("input.govuk-date-input__input")
    assert [b["name"] for b in boxes] == ["moved_in-day", "moved_in-month", "moved_in-year"]
    assert not any(b.has_attr("autocomplete") for b in boxes)
    for typed, message, href in [
        ({}, "Enter the date you moved in", "#moved_in-day"),
        (
            {"moved_in-day": "30", "moved_in-month": "2", "moved_in-year": "2007"},
            "The date must be a real date",
            "#moved_in-day",
        ),
        ({"moved_in-day": "3", "moved_in-year": "2007"}, "The date must include a month", "#moved_in-month"),
        (
            {"moved_in-day": "3", "moved_in-month": "4", "moved_in-year": "07"},
            "The year must have 4 numbers, like 1960",
            "#moved_in-year",
        ),
    ]:
        shown = portal.post(f"{base}/moved_in", typed, status=200)
        assert _error(shown) == (message, href)
        assert "date of birth" not in shown.soup.get_text()
    # Any real date will do, even one still to come: it is not a date of birth.
    next_url = portal.post(
        f"{base}/moved_in", {"moved_in-day": "1", "moved_in-month": "6", "moved_in-year": "2099"}
    ).location
    assert next_url.endswith("/questions/people_at_home")

    # A number.
    page = portal.get(f"{base}/people_at_home").soup
    assert page.select_one("h1 label").get_text(strip=True) == "How many people live with you?"
    assert page.select_one("input[name=people_at_home]")["inputmode"] == "numeric"
    for typed, message in [
        ("", "Enter how many people live with you"),
        ("two", "Enter a whole number, like 2"),
        ("-1", "The number must be 0 or more"),
        ("12345", "The number must be 9,999 or less"),
    ]:
        shown = portal.post(f"{base}/people_at_home", {"people_at_home": typed}, status=200)
        assert _error(shown) == (message, "#people_at_home")
        assert shown.soup.select_one("input[name=people_at_home]")["value"] == typed
    assert portal.post(f"{base}/people_at_home", {"people_at_home": " 2 "}).location.endswith(
        "/questions/has_pets"
    )

    # A yes/no question, and the text question it brings in.
    shown = portal.post(f"{base}/has_pets", {}, status=200)
    assert _error(shown) == ("Select if you have a pet", "#has_pets")
    assert portal.post(f"{base}/has_pets", {"has_pets": "yes"}).location.endswith("/questions/pet_names")
    shown = portal.post(f"{base}/pet_names", {"pet_names": "x" * 61}, status=200)
    assert _error(shown) == ("Your answer must be 60 characters or fewer", "#pet_names")
    assert portal.post(f"{base}/pet_names", {"pet_names": " Rex & Tibbles "}).location.endswith("/check")

    check = portal.get(f"/assessments/{assessment_id}/check").soup
    rows = {
        row.select_one("dt").get_text(strip=True): row.select_one(".govuk-summary-list__value").get_text(
            " ", strip=True
        )
        for row in check.select(".govuk-summary-list__row")
    }
    assert rows["When did you move into your home?"] == "1 June 2099"
    assert rows["How many people live with you?"] == "2"
    assert rows["Do you have a pet?"] == "Yes"
    assert rows["What is your pet called?"] == "Rex & Tibbles"  # as typed, without the spaces

    # A change that skips the pet's name drops it from the check page and from the budget's answers.
    assert portal.post(f"{base}/has_pets?change=1", {"has_pets": "no"}).location.endswith("/check")
    check = portal.get(f"/assessments/{assessment_id}/check").soup
    assert "What is your pet called?" not in check.get_text()
    portal.send(assessment_id)
    budget = portal.get(f"/assessments/{assessment_id}/budget").soup
    assert (
        budget.select_one("#weekly-amount").get_text(strip=True) == "£118.80 a week"
    )  # no points: no change
    with council_app.extensions["db_sessionmaker"]() as session:
        stored = session.scalar(select(Calculation)).answers
        assert (stored["moved_in"], stored["people_at_home"], stored["has_pets"]) == ("2099-06-01", "2", "no")
        assert "pet_names" not in stored
        assert (
            session.scalar(select(Answer.value).where(Answer.question_id == "pet_names")) == "Rex & Tibbles"
        )


def test_the_date_of_birth_keeps_its_own_words_and_autocomplete(council_app):
    portal = Portal(council_app)
    portal.sign_in("alex")
    assessment_id = portal.start()
    url = f"/assessments/{assessment_id}/questions/date_of_birth"
    boxes = portal.get(url).soup.select("input.govuk-date-input__input")
    assert [b["autocomplete"] for b in boxes] == ["bday-day", "bday-month", "bday-year"]
    shown = portal.post(
        url, {"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "2099"}, status=200
    )
    assert _error(shown) == ("The date of birth must be in the past", "#date_of_birth-day")
    shown = portal.post(
        url, {"date_of_birth-day": "30", "date_of_birth-month": "2", "date_of_birth-year": "1960"}, status=200
    )
    assert _error(shown) == ("Enter a real date", "#date_of_birth-day")


def test_someone_filling_in_for_another_sees_the_new_questions_about_them(council_app):
    portal = Portal(council_app)
    portal.sign_in("jo")
    assessment_id = portal.start("someone_else")
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    url = f"/assessments/{assessment_id}/questions/has_pets"
    portal.get(url, status=302)  # not yet: its section's questions before it have no answers
    portal.post(
        f"/assessments/{assessment_id}/questions/moved_in",
        {"moved_in-day": "1", "moved_in-month": "6", "moved_in-year": "2001"},
    )
    boxes = portal.get(f"/assessments/{assessment_id}/questions/moved_in").soup.select(
        "input.govuk-date-input__input"
    )
    assert not any(b.has_attr("autocomplete") for b in boxes)
    portal.post(f"/assessments/{assessment_id}/questions/people_at_home", {"people_at_home": "0"})
    shown = portal.post(url, {}, status=200)
    assert _error(shown) == ("Select if Ravi has a pet", "#has_pets")
