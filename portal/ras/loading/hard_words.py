"""hard-words.yaml: words many people find hard; the word and the sentence that explains it are texts.

A page a person reads may use one of these words only if the same page explains it (the test suite
checks every page, in every language). The file is optional: without it there is no list.

hard-words.yaml lists each word by id, with its matching rules: `also`, for each language, other
sentences (or parts of them) that explain the word just as well. The word itself, as each language
writes it, and the sentence that explains it are in text/<lang>.yaml under `hard_words.<id>`:
`word` and `explanation`, like every other text people read.
"""

from __future__ import annotations

from pathlib import Path

from portal.ras.loading.texts import ENGLISH, ENGLISH_FILE, LANGUAGE_PATTERN, TEXT_DIR
from portal.ras.loading.yaml_files import ContentFile, read_yaml
from portal.ras.model import HardWord

HARD_WORDS_FILE = "hard-words.yaml"
MAX_WORDS = 25  # as for any sentence (CONTENT.md)
PREFIX = "hard_words."
TEXTS = ("word", "explanation")


def load_hard_words(content_dir: Path, texts: dict[str, dict[str, str]]) -> tuple[HardWord, ...]:
    """The list, checked against every language's texts (already loaded and checked against English)."""
    ids, also = _read_list(content_dir, set(texts))
    _check_english_keys(texts[ENGLISH], ids)
    words = tuple(
        HardWord(
            id=word_id,
            words={lang: flat[f"{PREFIX}{word_id}.word"] for lang, flat in texts.items()},
            explanations={lang: flat[f"{PREFIX}{word_id}.explanation"] for lang, flat in texts.items()},
            also=also.get(word_id, {}),
        )
        for word_id in ids
    )
    for lang in texts:
        _check_language(lang, words)
    return words


def _read_list(
    content_dir: Path, languages: set[str]
) -> tuple[list[str], dict[str, dict[str, tuple[str, ...]]]]:
    if not (content_dir / HARD_WORDS_FILE).is_file():
        return [], {}
    f = ContentFile(HARD_WORDS_FILE)
    data = f.mapping("", read_yaml(content_dir, HARD_WORDS_FILE), required=("words",))
    raw = f.mapping("words", data["words"], any_keys=True)
    ids: list[str] = []
    also: dict[str, dict[str, tuple[str, ...]]] = {}
    for word_id, spec in raw.items():
        key = f"words.{word_id}"
        f.identifier(key, word_id)
        ids.append(word_id)
        entry = f.mapping(key, spec if spec is not None else {}, optional=("also",))
        by_language = f.mapping(f"{key}.also", entry.get("also", {}), any_keys=True)
        also[word_id] = {}
        for lang, sentences in by_language.items():
            where = f"{key}.also.{lang}"
            if not isinstance(lang, str) or not LANGUAGE_PATTERN.match(lang):
                f.fail(where, f"must be a language code, like cy for {TEXT_DIR}/cy.yaml")
            if not isinstance(sentences, list):
                f.fail(where, "must be a list of sentences, each on a line starting with -")
            found = tuple(f.text(where, text) for text in sentences)
            for text in found:
                if len(text.split()) > MAX_WORDS:
                    f.fail(where, f"is {len(text.split())} words long; keep it under {MAX_WORDS} words")
            if lang in languages:  # sentences for a language the portal does not have are not used
                also[word_id][lang] = found
    return ids, also


def _check_english_keys(english: dict[str, str], ids: list[str]) -> None:
    f = ContentFile(ENGLISH_FILE)
    for word_id in ids:
        for name in TEXTS:
            if f"{PREFIX}{word_id}.{name}" not in english:
                f.fail(
                    f"{PREFIX}{word_id}.{name}",
                    f"is missing; each word in {HARD_WORDS_FILE} needs its word and the sentence that "
                    "explains it",
                )
    for key in english:
        if key.startswith(PREFIX):
            word_id, _, name = key[len(PREFIX) :].partition(".")
            if word_id not in ids:
                f.fail(key, f"is not a word in {HARD_WORDS_FILE}; add {word_id} to its list, or remove this")
            if name not in TEXTS:
                f.fail(key, f"is not a text of a hard word; each has only {' and '.join(TEXTS)}")


def _check_language(lang: str, words: tuple[HardWord, ...]) -> None:
    f = ContentFile(f"{TEXT_DIR}/{lang}.yaml")
    seen: dict[str, str] = {}
    for hard in words:
        word, explanation = hard.words[lang], hard.explanations[lang]
        key = f"{PREFIX}{hard.id}"
        if word.casefold() in seen:
            f.fail(
                f"{key}.word",
                f"is the same word as {PREFIX}{seen[word.casefold()]}.word "
                "(upper and lower case do not matter)",
            )
        seen[word.casefold()] = hard.id
        if len(explanation.split()) > MAX_WORDS:
            f.fail(
                f"{key}.explanation",
                f"is {len(explanation.split())} words long; keep it under {MAX_WORDS} words",
            )
        if explanation.strip().rstrip(".").casefold() == word.casefold():
            f.fail(f"{key}.explanation", "must say what the word means, not only the word again")
