"""Readability measures for the text people read (test helpers only).

Grade: textstat's Flesch-Kincaid grade. textstat looks English syllables up
in the CMU Pronouncing Dictionary, which NLTK downloads from the internet the
first time it is used. Tests must not need the internet, so we ask textstat
for "en-GB": it then counts syllables with pyphen's British English
dictionary, which is installed with textstat. The result is the same on
every machine. Pyphen finds a few fewer syllables than the CMU dictionary in
some words, so when you write text, aim a little under the limit.
"""

from __future__ import annotations

import re

from textstat.textstat import textstatistics

MAX_GRADE = 4  # each question and answer option
MAX_PAGE_GRADE = 6  # a page's text as a whole
MAX_SENTENCE_WORDS = 25  # no sentence longer than this
SHORT_SENTENCE_WORDS = 15  # "short" sentence
MIN_SHORT_SHARE = 0.8  # at least 8 in 10 sentences are short

# What stands in for a {placeholder} when text is measured.
SAMPLE_VALUES = {"name": "Sam", "amount": "£12"}
# A sentence ends at . ! ? and at the Urdu full stop ۔ and question mark ؟.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?۔؟])\s+|\s*\n\s*")


class _Samples(dict):
    def __missing__(self, key: str) -> str:
        return "Sam"


_measure = textstatistics()
_measure.set_lang("en-GB")


def fill(text: str) -> str:
    """Put sample values in place of {placeholders}: "{name} needs" -> "Sam needs"."""
    return text.format_map(_Samples(SAMPLE_VALUES))


def grade(text: str) -> float:
    """Flesch-Kincaid grade of the text, with placeholders filled in."""
    return _measure.flesch_kincaid_grade(fill(text))


def sentences(text: str) -> list[str]:
    """The sentences in a text. A line break also ends a sentence."""
    return [part.strip() for part in _SENTENCE_BREAK.split(fill(text)) if part.strip()]


def word_count(sentence: str) -> int:
    """Words in a sentence: runs of characters between spaces that hold a letter or digit."""
    return sum(1 for token in sentence.split() if any(ch.isalnum() for ch in token))


def long_sentences(text: str, limit: int = MAX_SENTENCE_WORDS) -> list[str]:
    return [s for s in sentences(text) if word_count(s) > limit]


def short_share(texts: list[str]) -> float:
    """The share of all sentences in `texts` that are SHORT_SENTENCE_WORDS words or fewer."""
    every = [s for text in texts for s in sentences(text)]
    if not every:
        return 1.0
    return sum(1 for s in every if word_count(s) <= SHORT_SENTENCE_WORDS) / len(every)
