"""Readability as people read: beside the formula (test_page_readability.py), no page a person reads
shows a percentage, a raw code (a question or answer id, a version of the council's rules) or a hard word
from content/hard-words.yaml without its explanation on the same page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.ras import ConfigError, load_config
from portal.ras.model import HardWord
from tests.web.test_page_readability import _disagreement_pages, _main_text, _pages

ROOT = Path(__file__).resolve().parents[2]
PERCENT = re.compile(r"\d\s*%|\bper ?cent\b", re.IGNORECASE)


def _plain_faults(text: str, config) -> list[str]:
    faults = []
    if PERCENT.search(text):
        faults.append(f"a percentage: {PERCENT.search(text).group()!r}; say it in money")
    codes = {config.version, config.prices.version}
    for questionnaire in config.questionnaires.values():
        for question in questionnaire.questions.values():
            codes |= {question.id, *question.option_ids} if "_" in question.id else set(question.option_ids)
    for code in sorted(c for c in codes if "_" in c or "-" in c):
        if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text):
            faults.append(f"a raw code: {code!r}")
    faults += [
        f"the hard word {word!r} without its explanation" for word in unexplained(text, config.hard_words)
    ]
    return faults


def unexplained(text: str, hard_words: tuple[HardWord, ...]) -> list[str]:
    """The hard words used in `text` that it does not explain."""
    folded = " ".join(text.casefold().split())
    found = []
    for hard in hard_words:
        if not re.search(rf"\b{re.escape(hard.word.casefold())}\b", folded):
            continue
        if not any(
            " ".join(e.casefold().split()).rstrip(".") in folded for e in (hard.explanation, *hard.also)
        ):
            found.append(hard.word)
    return found


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT / "content")


def _check(pages, config) -> str:
    """Each page's faults, one page a line ("" when there are none)."""
    return "\n".join(
        f"{name}: {'; '.join(faults)}"
        for name, response in pages.items()
        if (faults := _plain_faults(_main_text(response), config))
    )


def test_the_journey_pages_have_no_percentages_codes_or_unexplained_words(portal, config):
    found = _check(_pages(portal), config)
    assert not found, found


def test_the_disagreement_pages_have_no_percentages_codes_or_unexplained_words(portal, app, config):
    found = _check(_disagreement_pages(portal, app), config)
    assert not found, found


def test_the_plan_page_has_no_percentages_codes_or_unexplained_words(portal, config):
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    pages = {"plan": portal.get(f"/assessments/{assessment_id}/plan")}
    found = _check(pages, config)
    assert not found, found


# --- the check itself can fail ---------------------------------------------------------------------


def test_the_check_catches_each_fault(config):
    assert _plain_faults("We take off 10% of it.", config)
    assert _plain_faults("You chose daily_help.", config)
    assert _plain_faults("Worked out with rules example-2026-1.", config)
    assert _plain_faults("Ask an advocate.", config) == ["the hard word 'advocate' without its explanation"]
    assert (
        _plain_faults("Ask an advocate. An advocate is someone who helps you say what you want.", config)
        == []
    )
    assert _plain_faults("Download a PDF. A PDF is a file you can save, print or send.", config) == []
    assert _plain_faults("We take off £10 in every £100.", config) == []


# --- the list is checked when the portal starts ------------------------------------------------------


def _with_hard_words(tmp_path: Path, text: str) -> Path:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "hard-words.yaml").write_text(text, encoding="utf-8")
    return content


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("words:\n  deputy: {}\n", "words.deputy.explanation", "missing"),
        ("words:\n  deputy:\n    explanation: deputy\n", "words.deputy.explanation", "not only the word"),
        ("words:\n  deputy:\n    explanation: ''\n", "words.deputy.explanation", "must not be empty"),
        (
            "words:\n  deputy:\n    explanation: " + "word " * 26 + "\n",
            "words.deputy.explanation",
            "under 25 words",
        ),
        (
            "words:\n  deputy:\n    explanation: A judge picks them.\n    also: one\n",
            "words.deputy.also",
            "list",
        ),
        (
            "words:\n  deputy:\n    explanation: A judge picks them.\n    colour: red\n",
            "words.deputy.colour",
            "not a setting",
        ),
        (
            "words:\n  Deputy:\n    explanation: A judge picks them.\n  deputy:\n    explanation: Same.\n",
            "words.deputy",
            "twice",
        ),
    ],
)
def test_a_broken_hard_words_list_stops_loading_and_names_the_problem(tmp_path, text, key, problem):
    with pytest.raises(ConfigError) as error:
        load_config(_with_hard_words(tmp_path, text))
    assert error.value.file == "hard-words.yaml"
    assert error.value.key == key
    assert problem in error.value.problem
