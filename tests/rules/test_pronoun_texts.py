"""Council words for the pronouns a person chose: `<key>.other_he` and `<key>.other_she` beside `other`.

Loading checks each variant: it sits beside its `other`, uses the same {placeholders}, and a variant in
English is in every language; a language may add variants of its own. Errors name the file and the key.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.ras import ConfigError, load_config

KEY = "questions.home_safety.title"
ENGLISH_HE = "      other_he: Does {name} need help to move around his home safely?\n"


@pytest.fixture
def content(tmp_path: Path, content_dir: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target


def _replace(path: Path, line: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(line) == 1, f"{line!r} is not once in {path}"
    path.write_text(text.replace(line, new), encoding="utf-8")


def _add_after(path: Path, line: str, new: str) -> None:
    _replace(path, line, line + new)


def test_the_demo_council_has_variants_in_every_language(content_dir):
    texts = load_config(content_dir).texts
    for lang in ("en", "cy", "ur"):
        assert f"{KEY}.other_he" in texts[lang] and f"{KEY}.other_she" in texts[lang], lang
    assert (
        texts["cy"][f"{KEY}.other_she"] == "Oes angen help ar {name} i symud o gwmpas ei chartref yn ddiogel?"
    )
    # Urdu adds a variant of its own where its verbs agree with a woman and English needs none.
    assert "questions.relationships.hint.other_she" in texts["ur"]
    assert "questions.relationships.hint.other_she" not in texts["en"]


def test_a_variant_with_another_placeholder_names_the_file_and_the_key(content):
    _replace(content / "text" / "en.yaml", ENGLISH_HE, ENGLISH_HE.replace("{name}", "{person}"))
    with pytest.raises(ConfigError) as error:
        load_config(content)
    message = str(error.value)
    assert message.startswith(f"text/en.yaml: {KEY}.other_he: must use the same {{placeholders}}")
    assert "{name}" in message and "{person}" in message


def test_a_variant_without_its_other_text_is_refused(content):
    path = content / "text" / "ur.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nextra:\n  words:\n    other_she: Some words\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as error:
        load_config(content)
    assert str(error.value).startswith(
        "text/ur.yaml: extra.words.other_she: has no extra.words.other beside it"
    )


def test_a_variant_in_english_is_needed_in_every_language(content):
    _add_after(
        content / "text" / "en.yaml",
        "      other: Think of the stairs, how {name} gets in and out of bed, and the kitchen.\n",
        "      other_he: Think of the stairs, how {name} gets in and out of his bed, and the kitchen.\n",
    )
    with pytest.raises(ConfigError) as error:
        load_config(content)
    assert str(error.value).startswith("text/cy.yaml: questions.home_safety.hint.other_he: is missing")


def test_a_language_may_add_a_variant_english_does_not_have(content):
    other = "Meddyliwch am y grisiau, sut mae {name} yn mynd i mewn ac allan o'r gwely, a'r gegin."
    she = other.replace("o'r gwely", "o'i gwely")
    _add_after(content / "text" / "cy.yaml", f"      other: {other}\n", f"      other_she: {she}\n")
    texts = load_config(content).texts
    assert "questions.home_safety.hint.other_she" in texts["cy"]
