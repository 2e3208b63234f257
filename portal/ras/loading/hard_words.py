"""hard-words.yaml: words many people find hard, each with the easy-read sentence that explains it.

A page a person reads may use one of these words only if the same page explains it (the test suite
checks every page). The file is optional: without it there is no list.
"""

from __future__ import annotations

from pathlib import Path

from portal.ras.loading.yaml_files import ContentFile, read_yaml
from portal.ras.model import HardWord

HARD_WORDS_FILE = "hard-words.yaml"
MAX_WORDS = 25  # as for any sentence (CONTENT.md)


def load_hard_words(content_dir: Path) -> tuple[HardWord, ...]:
    if not (content_dir / HARD_WORDS_FILE).is_file():
        return ()
    f = ContentFile(HARD_WORDS_FILE)
    data = f.mapping("", read_yaml(content_dir, HARD_WORDS_FILE), required=("words",))
    raw = f.mapping("words", data["words"], any_keys=True)
    words: list[HardWord] = []
    seen: set[str] = set()
    for word, spec in raw.items():
        key = f"words.{word}"
        if not isinstance(word, str) or not word.strip():
            f.fail(key, "each hard word must be a word or a few words")
        if word.casefold() in seen:
            f.fail(key, "is in the list twice (upper and lower case do not matter)")
        seen.add(word.casefold())
        entry = f.mapping(key, spec, required=("explanation",), optional=("also",))
        explanation = f.text(f"{key}.explanation", entry["explanation"])
        also = entry.get("also", [])
        if not isinstance(also, list):
            f.fail(f"{key}.also", "must be a list of sentences, each on a line starting with -")
        others = tuple(f.text(f"{key}.also", text) for text in also)
        for where, text in [(f"{key}.explanation", explanation), *((f"{key}.also", t) for t in others)]:
            if len(text.split()) > MAX_WORDS:
                f.fail(where, f"is {len(text.split())} words long; keep it under {MAX_WORDS} words")
            if text.strip().casefold() == word.casefold():
                f.fail(where, "must say what the word means, not only the word again")
        words.append(HardWord(word=word, explanation=explanation, also=others))
    return tuple(words)
