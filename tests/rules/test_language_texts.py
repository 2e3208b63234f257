"""Each language's council text file: its review status and draft notice, and texts that count, with a form
for each plural category of the language (CLDR, through Babel), checked when the content is loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from portal.ras import ConfigError, load_config
from portal.ras.loading.texts import plural_groups

ROOT = Path(__file__).resolve().parents[2]
HOURS = "prices.personal_assistant.count"


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder, ignore=shutil.ignore_patterns("cy.yaml", "ur.yaml"))
    return folder


def english() -> dict:
    text = (ROOT / "content" / "text" / "en.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)


def write(content: Path, code: str, words: dict) -> None:
    (content / "text" / f"{code}.yaml").write_text(
        yaml.safe_dump(words, allow_unicode=True), encoding="utf-8"
    )


def hours(words: dict) -> dict:
    return words["prices"]["personal_assistant"]["count"]


def test_english_says_it_is_reviewed_and_has_the_draft_notice():
    config = load_config(ROOT / "content")
    assert config.text("language.review_status") == "reviewed"
    assert config.text("language.draft_notice") == "This translation has not been checked yet."


def test_the_price_lists_counts_are_plural_groups_in_english():
    config = load_config(ROOT / "content")
    assert f"{HOURS}" in plural_groups(config.texts["en"])
    assert config.texts["en"][f"{HOURS}.one"] == "{quantity} hour"


def test_welsh_can_have_all_six_forms_and_each_is_kept(content):
    words = english()
    hours(words).update(zero="{quantity} awr (0)", two="{quantity} awr (2)", few="{quantity} awr (3)",
                        many="{quantity} awr (6)")  # fmt: skip
    write(content, "cy", words)
    texts = load_config(content).texts["cy"]
    assert {key.rsplit(".", 1)[1] for key in texts if key.startswith(f"{HOURS}.")} == {
        "zero", "one", "two", "few", "many", "other"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (lambda w: w["language"].update(review_status="checked"), "language.review_status",
         "must be reviewed or draft, not 'checked'"),
        (lambda w: w["language"].pop("draft_notice"), "language.draft_notice", "is missing"),
        (lambda w: w.pop("language"), "language.review_status", "is missing"),
        (lambda w: hours(w).update(two="{quantity} hours"), f"{HOURS}.two",
         "is not a plural form of ur; its forms are one, other"),
        (lambda w: hours(w).pop("other"), f"{HOURS}.other",
         "is missing; a text that counts needs its other form"),
        (lambda w: hours(w).update(one="{amount} hour"), f"{HOURS}.one", "can use only the {placeholders}"),
    ],
    ids=["unknown status", "no draft notice", "no language block", "form the language lacks", "no other form",
         "wrong placeholder"],
)  # fmt: skip
def test_a_language_file_with_a_problem_is_refused_with_its_file_key_and_problem(
    content, change, key, problem
):
    words = english()
    change(words)
    write(content, "ur", words)
    with pytest.raises(ConfigError) as error:
        load_config(content)
    assert error.value.file == "text/ur.yaml" and error.value.key == key, str(error.value)
    assert problem in str(error.value)


def test_a_form_the_language_uses_may_be_left_out_and_other_is_used(content):
    words = english()
    hours(words).pop("one")
    write(content, "ur", words)
    assert f"{HOURS}.one" not in load_config(content).texts["ur"]


def test_older_files_with_count_one_and_count_other_still_load(content):
    words = english()
    counts = words["prices"]["personal_assistant"].pop("count")
    words["prices"]["personal_assistant"].update(count_one=counts["one"], count_other=counts["other"])
    write(content, "ur", words)
    texts = load_config(content).texts["ur"]
    assert texts[f"{HOURS}.one"] == "{quantity} hour" and texts[f"{HOURS}.other"] == "{quantity} hours"
