"""The family carer in the self-assessment, as a council turns it on in content: the questions after the
family-help questions (who the carer is, and whether they are willing and able to keep helping) and the
rule `family_help.needs_carer_agreement`. The budget page says whose help was counted and that the carer
agreed, or that nothing is taken off because they did not say so."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from portal import create_app
from tests.rules.test_family_carer import without_the_demo_carers_view
from tests.web.helpers import WORKED_EXAMPLE, Portal

ROOT = Path(__file__).resolve().parents[2]

QUESTIONS = """
  carer_name:
    kind: text
    skip_when: {answer: informal_help, equals: none}
  carer_agrees:
    kind: radios
    skip_when: {answer: informal_help, equals: none}
    options: [yes, no, not_asked]
"""

RULE = """\
  carer_name_question: carer_name
  agreement_question: carer_agrees
  agreed_answers: [yes]
  needs_carer_agreement: true
"""


def _words(title: str, other: str, hint: str, error: str) -> str:
    return f"""    title:
      self: "{title}"
      other: "{other}"
    hint:
      self: "{hint}"
      other: "{hint}"
    error:
      self: "{error}"
      other: "{error}"
    why: "We ask the person who helps what they want. We count their help only if they agree."
"""


QUESTION_TEXTS = (
    "  carer_name:\n"
    + _words("Who helps you most?", "Who helps {name} most?", "Their first name is enough.", "Enter a name")
    + "  carer_agrees:\n"
    + _words(
        "Has the person who helps said they can keep helping?",
        "Has the person who helps {name} said they can keep helping?",
        "Ask them what they think.",
        "Select what they said",
    )
)


def _option(label: str, hint: str) -> str:
    return f"""      label:
        self: "{label}"
        other: "{label}"
      hint:
        self: "{hint}"
        other: "{hint}"
"""


OPTION_TEXTS = (
    "  carer_agrees:\n"
    + "    yes:\n"
    + _option("Yes", "They want to and they can.")
    + "    no:\n"
    + _option("No", "They do not want to, or they cannot.")
    + "    not_asked:\n"
    + _option("I have not asked yet", "You can ask them later.")
)


def turn_on_the_carers_view(content: Path) -> None:
    questionnaire = content / "questionnaire.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    section = "  family_and_friends: [informal_help, carer_name, informal_help_continues]\n"
    assert text.count(section) == 1
    text = text.replace(
        section, "  family_and_friends: [informal_help, informal_help_continues, carer_name, carer_agrees]\n"
    )
    # the demo's own carer_name question (optional) makes way for this council's (an answer is needed)
    start = text.index("  carer_name:                # who helps most")
    end = text.index("  informal_help_continues:   # the carer's own view")
    text = text[:start] + text[end:] + QUESTIONS
    # informal_help_continues now comes first: its words cannot name the carer (nor say "Can Sam ...")
    uses = '    uses_answer: {carer: carer_name}   # "Can Sam keep helping you?" when a name was given\n'
    assert text.count(uses) == 1
    questionnaire.write_text(text.replace(uses, ""), encoding="utf-8")
    council = content / "council.yaml"
    text = without_the_demo_carers_view(council.read_text(encoding="utf-8"))
    anchor = "  carer_assessment_when: [less, no]\n"
    council.write_text(text.replace(anchor, anchor + RULE, 1), encoding="utf-8")
    english = content / "text" / "en.yaml"
    text = english.read_text(encoding="utf-8")
    # the demo's words for carer_name make way for this council's
    start = text.index("\n  carer_name:\n    title:")
    end = text.index("\n  informal_help_continues:\n    title:")
    text = text[:start] + text[end:]
    text = "".join(line for line in text.splitlines(keepends=True) if "_named: " not in line)
    text = text.replace("\nquestions:\n", "\nquestions:\n" + QUESTION_TEXTS, 1)
    text = text.replace("\noptions:\n", "\noptions:\n" + OPTION_TEXTS, 1)
    english.write_text(text, encoding="utf-8")
    openness = content / "transparency.yaml"
    text = openness.read_text(encoding="utf-8")
    text = text.replace('  carer_name: ""\n', "", 1)
    text = text.replace(
        "\nworked_example:\n", '\nworked_example:\n  carer_name: Jo\n  carer_agrees: "yes"\n', 1
    )
    openness.write_text(text, encoding="utf-8")


@pytest.fixture
def app(settings, tmp_path):
    from tests.web.helpers import CheckedClient

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for other in (content / "text").glob("*.yaml"):  # English only: the new questions have English words
        if other.name != "en.yaml":
            other.unlink()
    turn_on_the_carers_view(content)
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


def _budget(portal, carer_agrees: str) -> str:
    portal.sign_in("alex")
    _id, page = portal.budget_for({**WORKED_EXAMPLE, "carer_name": "Jo", "carer_agrees": carer_agrees})
    assert page.soup.select_one("#weekly-amount") is not None
    return page.soup


def test_the_help_of_a_carer_who_agreed_is_counted_and_the_page_says_so(portal):
    page = _budget(portal, "yes")
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£118.80 a week"
    text = page.get_text(" ", strip=True)
    assert "We counted the help of Jo. Jo said they are willing and able to keep helping." in text


@pytest.mark.parametrize("view", ["no", "not_asked"])
def test_nothing_is_taken_off_when_the_carer_did_not_say_they_are_willing(portal, view):
    page = _budget(portal, view)
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£132 a week"  # before the 10% off
    text = page.get_text(" ", strip=True)
    assert (
        "Family or friends help now. But the person who helps has not said they are willing and able to "
        "keep helping. So we take nothing off." in text
    )
    assert "Jo did not say they are willing and able to keep helping. So their help is not counted." in text


def test_the_carer_is_asked_after_the_family_help_questions(portal):
    portal.sign_in("alex")
    form_id = portal.start()
    url = f"/assessments/{form_id}/questions/date_of_birth"
    asked = []
    answers = {**WORKED_EXAMPLE, "carer_name": "Jo", "carer_agrees": "yes"}
    from tests.web.helpers import answer_fields

    while "/questions/" in url:
        question_id = url.split("?")[0].rsplit("/", 1)[-1]
        asked.append(question_id)
        url = portal.post(url, answer_fields(question_id, answers[question_id])).location
    assert asked[-4:] == ["informal_help", "informal_help_continues", "carer_name", "carer_agrees"]
    page = portal.get(f"/assessments/{form_id}/questions/carer_agrees").soup
    labels = [label.get_text(strip=True) for label in page.select(".govuk-radios__label")]
    assert labels == ["Yes", "No", "I have not asked yet"]
