"""UI text (Flask-Babel) is easy read, and ready for a translator.

The strings are extracted from the source at test time, so the test covers today's templates,
not an old catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.content.test_readability import JARGON

ROOT = Path(__file__).resolve().parents[2]
METHOD_MAP = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.do"}}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
# Proper names, laws and titles that are the words people will meet elsewhere.
ALLOWED_TERMS = {"Web Content Accessibility Guidelines", "Lasting Power of Attorney"}


def ui_strings() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "portal"), METHOD_MAP, options_map=OPTIONS, keywords=KEYWORDS
    ):
        found.update(m for m in (message if isinstance(message, tuple) else (message,)) if m)
    return found


STRINGS = sorted(ui_strings())


def _plain(text: str) -> str:
    return re.sub(r"%\((\w+)\)s", "Sam", text)


def test_there_is_ui_text_to_check():
    assert len(STRINGS) > 150


@pytest.mark.parametrize("text", STRINGS)
def test_no_ui_sentence_is_over_25_words(text, readability):
    assert not readability.long_sentences(_plain(text)), f"split this into shorter sentences: {text!r}"


def test_most_ui_sentences_are_15_words_or_fewer(readability):
    share = readability.short_share([_plain(t) for t in STRINGS])
    assert share >= readability.MIN_SHORT_SHARE, f"only {share:.0%} of sentences are 15 words or fewer"


def test_ui_text_has_no_jargon(readability):
    found = {}
    for text in STRINGS:
        checked = text
        for term in ALLOWED_TERMS:
            checked = checked.replace(term, "")
        words = JARGON.findall(checked)
        if words:
            found[text] = words
    assert not found, f"use everyday words instead of: {found}"


def test_the_catalogue_for_translators_is_up_to_date():
    """`make extract-text` must have been run: a translator starts from translations/messages.pot."""
    with open(ROOT / "translations" / "messages.pot", "rb") as pot:
        catalogue = {message.id for message in read_po(pot) if message.id}
    # A plural message's id is (one, more than one): both forms are in the catalogue.
    missing = set(STRINGS) - {form for m in catalogue for form in ((m,) if isinstance(m, str) else m)}
    assert not missing, f"run `make extract-text`; not in translations/messages.pot: {sorted(missing)[:10]}"


def test_every_language_catalogue_has_every_string():
    with open(ROOT / "translations" / "messages.pot", "rb") as pot:
        expected = {message.id for message in read_po(pot) if message.id}
    for po_path in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        with open(po_path, "rb") as po:
            catalogue = read_po(po)
        have = {message.id for message in catalogue if message.id}
        assert expected <= have, f"{po_path.parent.parent.name}: run `make extract-text` to add new strings"
        if catalogue.locale and str(catalogue.locale) != "en":
            untranslated = [m.id for m in catalogue if m.id and not m.string]
            assert not untranslated, f"{po_path.parent.parent.name}: not translated yet: {untranslated[:5]}"
