"""A question whose words name an earlier text answer (`uses_answer` in questionnaire.yaml): the demo's
"Can they keep helping you?" reads "Can Sam keep helping you?" once "Who helps you most?" was answered.
Loading checks the setting and the `*_named` words in every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.ras import ConfigError, load_config

USES = "    uses_answer: {carer: carer_name}"


@pytest.fixture
def content(tmp_path: Path, content_dir: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problem(content: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(content)
    return caught.value


def test_the_demo_names_the_carer_in_the_keep_helping_question(questionnaire):
    assert questionnaire.questions["informal_help_continues"].uses_answer == ("carer", "carer_name")
    assert all(
        q.uses_answer is None
        for qid, q in questionnaire.questions.items()
        if qid != "informal_help_continues"
    )


@pytest.mark.parametrize(
    ("new", "problem"),
    [
        ("    uses_answer: {carer: nutrition}", '"nutrition" must be a text question'),
        ("    uses_answer: {carer: nobody}", '"nobody" is not a question in this file'),
        ("    uses_answer: {carer: informal_help_continues}", "must name a question asked before"),
        ("    uses_answer: {name: carer_name}", "cannot be the placeholder"),
        ("    uses_answer: {carer: carer_name, helper: carer_name}", "must name one placeholder"),
    ],
)
def test_the_setting_must_name_an_earlier_text_question(content, new, problem):
    _replace(content / "questionnaire.yaml", USES, new)
    found = _problem(content)
    assert found.file == "questionnaire.yaml"
    assert found.key.startswith("questions.informal_help_continues.uses_answer")
    assert problem in found.problem


def test_the_named_words_must_be_there_in_english(content):
    _replace(content / "text" / "en.yaml", "      self_named: Can {carer} keep helping you?\n", "")
    found = _problem(content)
    assert (found.file, found.key) == ("text/en.yaml", "questions.informal_help_continues.title.self_named")
    assert "is missing" in found.problem


def test_the_named_words_must_use_the_answer(content):
    _replace(
        content / "text" / "en.yaml",
        "      self_named: Select if {carer} can keep helping you\n",
        "      self_named: Select if they can keep helping you\n",
    )
    found = _problem(content)
    assert found.key == "questions.informal_help_continues.error.self_named"
    assert "must include {carer}" in found.problem


def test_other_words_cannot_use_the_answer(content):
    _replace(
        content / "text" / "en.yaml",
        "      self: Can they keep helping you?\n",
        "      self: Can {carer} keep helping you?\n",
    )
    found = _problem(content)
    assert found.key == "questions.informal_help_continues.title.self"
    assert "{carer}" in found.problem


def test_named_words_need_the_setting(content):
    _replace(
        content / "questionnaire.yaml", USES + '   # "Can Sam keep helping you?" when a name was given\n', ""
    )
    found = _problem(content)
    assert found.key.startswith("questions.informal_help_continues.") and found.key.endswith("_named")
    assert "is not used" in found.problem


@pytest.mark.parametrize("language", ["cy", "ur"])
def test_every_language_has_the_named_words_with_the_answer(content, language):
    path = content / "text" / f"{language}.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "other_named:" in line and "{carer}" in line)
    _replace(path, line + "\n", line.replace("{carer}", "Sam") + "\n")
    found = _problem(content)
    assert found.file == f"text/{language}.yaml"
    assert found.key.endswith(".other_named")
    _replace(path, line.replace("{carer}", "Sam") + "\n", "")
    found_missing = _problem(content)
    assert found_missing.key.endswith(".other_named") and "is missing" in found_missing.problem


def test_an_options_named_hint_must_use_the_answer(content):
    _replace(
        content / "text" / "en.yaml",
        '        self_named: "{carer} cannot keep helping me."\n',
        '        self_named: "They cannot keep helping me."\n',
    )
    found = _problem(content)
    assert (found.file, found.key) == ("text/en.yaml", "options.informal_help_continues.no.hint.self_named")
    assert "must include {carer}" in found.problem


def test_an_options_named_words_need_the_setting(content):
    """Named words for an option of a question that names no answer are not used: loading says so."""
    _replace(
        content / "text" / "en.yaml",
        "        self: No one else lives in my home.\n",
        "        self: No one else lives in my home.\n        self_named: No one else lives in my home.\n",
    )
    found = _problem(content)
    assert (found.file, found.key) == ("text/en.yaml", "options.living_situation.alone.hint.self_named")
    assert "is not used" in found.problem


def test_an_options_named_words_are_in_every_language(content):
    _replace(content / "text" / "cy.yaml", '        self_named: "Nac ydy"\n', "")
    found = _problem(content)
    assert (found.file, found.key) == ("text/cy.yaml", "options.informal_help_continues.no.label.self_named")
    assert "is missing" in found.problem
