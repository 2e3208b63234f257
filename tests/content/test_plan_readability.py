"""Easy read for the support plan's own words: the UI text in its templates and Python (Flask-Babel).

The council's words for the plan (prices, ways to manage money, messages) are measured with the rest of
content/ in test_readability.py. Here every message the plan pages pass to Flask-Babel is extracted the
way `make extract-text` does it, and measured with the same rules (CONTENT.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "portal" / "templates" / "plan").glob("*.html")) + sorted(
    (ROOT / "portal" / "journeys" / "plan").glob("*.py")
)
SAMPLES = {
    "amount": "£12.50",
    "name": "Sam",
    "item": "Meals brought to the home",
    "units": "hours",
    "most": "1,000",
    "weekly": "£120.50",
    "yearly": "£6,266",
    "one_off": "£450",
    "lowest": "£5,559.84",
    "highest": "£6,795.36",
    "difference": "£24.50 a week more than your budget",
    "date": "3 May 2026",
    "period": "£30 a month",
    "what": "7.5 hours",
    "how_often": "each week",
    "prices": "example-1",
    "rules": "example-2",
    "max": "100",
}


def _messages() -> list[tuple[str, str]]:
    found = []
    for path in SOURCES:
        method, options = (
            ("jinja2", {"extensions": "jinja2.ext.do"}) if path.suffix == ".html" else ("python", {})
        )
        for _line, message, _comments, _context in extract_from_file(
            method, str(path), keywords={"_": None, "_l": None, "gettext": None}, options=options
        ):
            text = message if isinstance(message, str) else message[0]
            found.append((path.name, re.sub(r"%\((\w+)\)s", lambda m: SAMPLES.get(m.group(1), "Sam"), text)))
    return found


MESSAGES = _messages()


def test_the_plan_pages_have_their_words_extracted():
    files = {name for name, _ in MESSAGES}
    assert {
        "plan.html",
        "_item.html",
        "_choose.html",
        "remove-item.html",
        "check.html",
        "send.html",
        "sent.html",
        "pdf.html",
        "_parts.html",
        "forms.py",
        "words.py",
        "views.py",
        "drafts.py",
        "view_model.py",
    } <= files
    assert len(MESSAGES) > 150


def test_no_plan_sentence_is_over_25_words(readability):
    too_long = {text: found for _, text in MESSAGES if (found := readability.long_sentences(text))}
    assert not too_long, too_long


def test_most_plan_sentences_are_15_words_or_fewer(readability):
    share = readability.short_share([text for _, text in MESSAGES])
    assert share >= readability.MIN_SHORT_SHARE, share


@pytest.mark.parametrize("name", sorted({name for name, _ in MESSAGES}))
def test_each_plan_page_as_a_whole_is_grade_6_or_lower(readability, name):
    # Labels of a word or two ("Continue", "Reference") have no meaningful grade on their own, so the
    # text of each file is measured together, as a page is read.
    page = " ".join(
        t if t.rstrip().endswith((".", "?", "!", ":")) else t + "." for n, t in MESSAGES if n == name
    )
    assert readability.grade(page) <= readability.MAX_PAGE_GRADE, (name, round(readability.grade(page), 1))


def test_plan_sentences_of_some_length_are_grade_6_or_lower(readability):
    hard = {
        text: round(readability.grade(text), 1)
        for _, text in MESSAGES
        if readability.word_count(text) >= 8 and readability.grade(text) > readability.MAX_PAGE_GRADE
    }
    assert not hard, hard


JARGON = re.compile(
    r"\b(RAS|PA|ISF|DP|e\.g|etc|i\.e|resources?|indicative|allocation|provision|assessed|"
    r"outcomes?|facilitat\w*|utili[sz]\w*|appropriate\w*|tolerance)\b"
)


def test_no_jargon_in_the_plan_pages():
    found = {text: JARGON.findall(text) for _, text in MESSAGES if JARGON.search(text)}
    assert not found, found
