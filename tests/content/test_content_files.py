"""The demo council's content files: they load, and the demo is plainly fictional."""

from __future__ import annotations

import re

from portal.ras import load_config


def test_demo_content_loads(content_dir):
    config = load_config(content_dir)
    assert config.version == "example-2026-1"
    assert config.languages[0] == "en"


def test_demo_council_is_clearly_fictional(demo_config):
    council = demo_config.council
    assert council.demo is True
    assert council.name == "Example Council"
    # Ofcom keeps 01632 960000 to 960999 for drama; example.org is reserved for examples.
    assert re.fullmatch(r"01632 960\d{3}", council.phone)
    assert council.email.endswith("@example.org")
    assert re.fullmatch(r"https://(www\.)?example\.org/?", council.website)


def test_council_name_text_matches_the_council(demo_config):
    assert demo_config.text("council.name") == demo_config.council.name


def test_text_files_hold_only_text_the_portal_uses(demo_config):
    # Question and option texts belong to a real question and option; a typo
    # in a text name would otherwise leave a text nobody sees.
    questions = demo_config.questionnaire.questions
    orphans = []
    for key in demo_config.texts["en"]:
        parts = key.split(".")
        if parts[0] == "questions" and parts[1] not in questions:
            orphans.append(key)
        if parts[0] == "options" and (
            parts[1] not in questions or parts[2] not in questions[parts[1]].option_ids
        ):
            orphans.append(key)
        if parts[0] == "sections" and parts[1] not in {s.id for s in demo_config.questionnaire.sections}:
            orphans.append(key)
    assert not orphans, f"texts for questions, options or sections that do not exist: {orphans}"


def test_answer_labels_are_different_within_a_question(demo_config):
    for question in demo_config.questionnaire.questions.values():
        for variant in ("self", "other"):
            labels = [
                demo_config.text(f"options.{question.id}.{o.id}.label.{variant}") for o in question.options
            ]
            assert len(set(labels)) == len(labels), (question.id, variant, labels)
