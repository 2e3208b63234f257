"""The demo council's pictures: one beside each need, easy-read words for each, small simple drawings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from portal.pictures import load_pictures

NEED_QUESTIONS = [
    "nutrition",
    "personal_hygiene",
    "toilet",
    "dressing",
    "home_safety",
    "home_environment",
    "relationships",
    "work_learning",
    "community",
    "cares_for_child",
    "caring_for_child",
    "nights",
    "informal_help",
]
# Questions without points have pictures too: every question of the self-assessment has one.
OTHER_QUESTIONS = ["date_of_birth", "living_situation", "carer_name", "informal_help_continues"]
# The carer's own assessment (questionnaires/carers.yaml): each question and answer has its own picture.
CARER_QUESTIONS = [
    "caring_hours",
    "caring_nights",
    "carer_health",
    "work_education",
    "other_responsibilities",
    "breaks",
    "willing",
]
HELP_LEVELS = ["independent", "some_help", "daily_help", "full_help"]
NIGHTS = ["none", "some_nights", "most_nights", "awake_all_night"]
# Beside the key ideas of the budget, plan and disagreement pages.
IDEAS = ["budget", "disagree", "family_help", "help", "money", "plan", "points", "talk", "time"]


@pytest.fixture(scope="module")
def pictures(content_dir, demo_config):
    return load_pictures(content_dir, demo_config)


def _picture_texts(config, lang="en"):
    return {key: text for key, text in config.texts[lang].items() if key.startswith("pictures.")}


def test_each_need_has_a_picture_and_each_help_level_too(pictures):
    assert sorted(pictures.by_kind["questions"]) == sorted(NEED_QUESTIONS + OTHER_QUESTIONS + CARER_QUESTIONS)
    assert sorted(pictures.by_kind["levels"]) == sorted(HELP_LEVELS + NIGHTS)
    assert sorted(pictures.by_kind["ideas"]) == IDEAS


def test_every_question_and_every_answer_of_every_questionnaire_has_its_own_picture_and_words(
    demo_config, pictures
):
    # The council's questionnaires in content/ (the self-assessment; pictures are named after its ids).
    english = demo_config.texts["en"]
    for questionnaire in demo_config.questionnaires.values():
        for question in questionnaire.questions.values():
            picture = pictures.for_question(question)
            assert picture is not None, f"{question.id} has no picture"
            for option_id in question.option_ids:
                own = pictures.get("answers", f"{question.id}/{option_id}")
                assert own is not None, f"{question.id}: the answer {option_id} has no picture of its own"
                assert pictures.for_option(question, option_id) is own, "its own picture comes first"
                for drawn in (picture, own):
                    for form in ("self", "other"):
                        assert english.get(f"{drawn.text_key}.{form}"), f"{drawn.file} has no words"


def test_answer_pictures_of_one_question_all_differ(content_dir):
    # Daily help and help with all of it must not look alike.
    for folder in sorted((content_dir / "pictures" / "answers").iterdir()):
        drawings = [path.read_bytes() for path in sorted(folder.glob("*.svg"))]
        assert len(set(drawings)) == len(drawings), folder.name


def test_picture_words_are_grade_4_or_lower(demo_config, readability):
    texts = _picture_texts(demo_config)
    answers = sum(
        len(q.option_ids) for form in demo_config.questionnaires.values() for q in form.questions.values()
    )
    questions = len(NEED_QUESTIONS) + len(OTHER_QUESTIONS) + len(CARER_QUESTIONS)
    forms = [key for key in texts if key.endswith((".self", ".other"))]  # and other_he, other_she for some
    assert len(forms) == 2 * (questions + len(HELP_LEVELS) + len(NIGHTS) + answers + len(IDEAS))
    too_hard = {
        key: round(readability.grade(text), 1)
        for key, text in texts.items()
        if readability.grade(text) > readability.MAX_GRADE
    }
    assert not too_hard, f"Flesch-Kincaid grade over {readability.MAX_GRADE}: {too_hard}"


def test_picture_words_are_short(demo_config, readability):
    long = {
        key: text for key, text in _picture_texts(demo_config).items() if readability.word_count(text) > 10
    }
    assert not long, f"say what a picture means in a few words: {long}"


def test_picture_words_about_someone_else_use_their_name_where_they_say_you(demo_config):
    texts = _picture_texts(demo_config)
    for key, text in texts.items():
        if key.endswith(".self") and re.search(r"\b(you|your|I|my)\b", text):
            other = texts[key[: -len("self")] + "other"]
            assert "{name}" in other, (
                f"{key} talks to the person, so its .other text needs {{name}}: {other!r}"
            )


def test_help_level_words_say_what_the_answers_say(demo_config, pictures):
    # A help-level picture means what its answer says. Saying so in the same words lets the page
    # leave the picture's alt text empty, so a screen reader does not read the answer twice.
    for question in demo_config.questionnaire.scored_questions:
        for option in question.options:
            assert pictures.for_option(question, option.id), (question.id, option.id)
            for form in ("self", "other"):
                label = demo_config.text(f"options.{question.id}.{option.id}.label.{form}")
                words = demo_config.text(f"pictures.levels.{option.id}.{form}")
                assert words == label, (question.id, option.id, form)


@pytest.mark.parametrize("kind", ["questions", "levels", "answers", "ideas"])
def test_drawings_are_small_simple_and_alike(content_dir, kind):
    # CONTENT.md: no text in images; flat shapes in a few strong colours, clear at 64 to 112 pixels.
    for path in sorted((content_dir / "pictures" / kind).glob("**/*.svg")):
        assert path.stat().st_size < 3000, f"{path.name} is over 3 KB"
        root = ET.fromstring(path.read_bytes())
        assert root.get("viewBox") == "0 0 64 64", f"{path.name}: draw on the same 64 by 64 grid"
        colours = {el.get(attr) for el in root.iter() for attr in ("fill", "stroke")}
        colours -= {None, "none", "#ffffff"}
        assert colours <= {"#0b0c0c", "#1d70b8", "#b35900", "#00703c"}, f"{path.name}: {colours}"
        assert len(colours) <= 3, f"{path.name} uses {len(colours)} colours"
        assert not [el for el in root.iter() if el.tag.endswith("}text")], f"{path.name} has words in it"
