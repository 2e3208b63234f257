"""Loading the council's content: the demo loads, and every broken file is named plainly."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from portal.ras import Band, Condition, ConfigError, Option, load_config

# --- the demo --------------------------------------------------------------

# ras-demo.md, table "The needs questions (points)".
DEMO_POINTS = {
    "nutrition": [("independent", 0), ("some_help", 3), ("daily_help", 6), ("full_help", 9)],
    "personal_hygiene": [("independent", 0), ("some_help", 4), ("daily_help", 8), ("full_help", 12)],
    "toilet": [("independent", 0), ("some_help", 4), ("daily_help", 8), ("full_help", 12)],
    "dressing": [("independent", 0), ("some_help", 2), ("daily_help", 4), ("full_help", 6)],
    "home_safety": [("independent", 0), ("some_help", 3), ("daily_help", 6), ("full_help", 9)],
    "home_environment": [("independent", 0), ("some_help", 2), ("daily_help", 4), ("full_help", 6)],
    "relationships": [("independent", 0), ("some_help", 2), ("daily_help", 4), ("full_help", 6)],
    "work_learning": [("independent", 0), ("some_help", 2), ("daily_help", 4), ("full_help", 6)],
    "community": [("independent", 0), ("some_help", 3), ("daily_help", 6), ("full_help", 9)],
    "caring_for_child": [("independent", 0), ("some_help", 2), ("daily_help", 4), ("full_help", 6)],
    "nights": [("none", 0), ("some_nights", 4), ("most_nights", 10), ("awake_all_night", 20)],
}


def test_demo_config_loads(demo_config):
    assert demo_config.version == "example-2026-1"
    assert demo_config.council.name == "Example Council"
    assert demo_config.council.demo is True
    assert demo_config.bands == (Band(40, 600), Band(80, 750), Band(None, 900))
    assert demo_config.tolerance_percent == Decimal(10)
    assert demo_config.panel_weekly_pence == 60000
    assert demo_config.weeks_per_year == 52
    assert demo_config.languages == ("en", "cy", "ur")


def test_demo_sections_and_questions_in_order(questionnaire):
    assert [(s.id, s.question_ids) for s in questionnaire.sections] == [
        ("about_you", ("date_of_birth", "living_situation")),
        ("looking_after_yourself", ("nutrition", "personal_hygiene", "toilet", "dressing")),
        ("your_home", ("home_safety", "home_environment")),
        ("your_life", ("relationships", "work_learning", "community", "cares_for_child", "caring_for_child")),
        ("nights", ("nights",)),
        ("family_and_friends", ("informal_help", "carer_name", "informal_help_continues")),
    ]
    assert list(questionnaire.questions) == [qid for s in questionnaire.sections for qid in s.question_ids]
    assert all(
        q.section == s.id
        for s in questionnaire.sections
        for q in map(questionnaire.questions.get, s.question_ids)
    )


def test_demo_points_are_exactly_the_reference(questionnaire):
    scored = {q.id: [(o.id, o.points) for o in q.options] for q in questionnaire.scored_questions}
    assert scored == DEMO_POINTS
    assert sum(q.options[-1].points for q in questionnaire.scored_questions) == 101


def test_demo_questions_without_points(questionnaire):
    q = questionnaire.questions
    assert q["date_of_birth"].kind == "date_of_birth" and q["date_of_birth"].options == ()
    assert q["living_situation"].option_ids == ("alone", "with_family", "shared_or_supported", "other")
    assert q["cares_for_child"].option_ids == ("no", "yes")  # words, not true/false
    assert q["informal_help"].option_ids == ("none", "few_hours", "most_days", "every_day")
    assert q["informal_help_continues"].option_ids == ("yes", "less", "no")
    for qid in (
        "date_of_birth",
        "living_situation",
        "cares_for_child",
        "informal_help",
        "informal_help_continues",
    ):
        assert not q[qid].scored
        assert all(o.points == 0 for o in q[qid].options)


def test_demo_skip_rules(questionnaire):
    skips = {qid: q.skip_when for qid, q in questionnaire.questions.items() if q.skip_when}
    assert skips == {
        "caring_for_child": Condition("cares_for_child", "equals", ("no",)),
        "carer_name": Condition("informal_help", "equals", ("none",)),
        "informal_help_continues": Condition("informal_help", "equals", ("none",)),
    }


def test_demo_family_help_rule(demo_config):
    rule = demo_config.family_help
    assert (rule.help_question, rule.continues_question) == ("informal_help", "informal_help_continues")
    assert rule.reduction_percent == {"none": 0, "few_hours": 5, "most_days": 10, "every_day": 20}
    assert rule.continues_factor == {"yes": 1, "less": Decimal("0.5"), "no": 0}
    assert all(
        isinstance(v, Decimal) for v in [*rule.reduction_percent.values(), *rule.continues_factor.values()]
    )
    assert rule.carer_assessment_when == ("less", "no")


def test_option_lookup(questionnaire):
    nutrition = questionnaire.questions["nutrition"]
    assert nutrition.option("daily_help") == Option("daily_help", 6)
    with pytest.raises(KeyError):
        nutrition.option("sometimes")


def test_text_lookup(demo_config):
    assert demo_config.text("questions.personal_hygiene.title.self") == "Do you need help to wash?"
    assert (
        demo_config.text("questions.personal_hygiene.title.other", name="Sam")
        == "Does Sam need help to wash?"
    )
    assert demo_config.text("questions.personal_hygiene.title.other") == "Does {name} need help to wash?"
    assert demo_config.text("sections.nights.title", lang="xx") == demo_config.text("sections.nights.title")
    with pytest.raises(KeyError):
        demo_config.text("questions.personal_hygiene.title.nobody")


def test_every_text_the_questions_need_is_there(demo_config, questionnaire):
    for question in questionnaire.questions.values():
        for name in (
            "title.self",
            "title.other",
            "hint.self",
            "hint.other",
            "error.self",
            "error.other",
            "why",
        ):
            assert demo_config.text(f"questions.{question.id}.{name}")
        if question.scored:
            assert demo_config.text(f"questions.{question.id}.area")
        for option in question.options:
            for name in ("label.self", "label.other", "hint.self", "hint.other"):
                assert demo_config.text(f"options.{question.id}.{option.id}.{name}")


def test_a_second_language_is_loaded_and_used(tmp_path, content_dir):
    content = _copy(content_dir, tmp_path)
    english = (content / "text" / "en.yaml").read_text(encoding="utf-8")
    welsh = english.replace("self: Do you need help to wash?", "self: Oes angen help arnoch chi i ymolchi?")
    (content / "text" / "cy.yaml").write_text(welsh, encoding="utf-8")
    config = load_config(content)
    assert config.languages[0] == "en" and "cy" in config.languages
    assert (
        config.text("questions.personal_hygiene.title.self", lang="cy")
        == "Oes angen help arnoch chi i ymolchi?"
    )
    assert config.text("questions.personal_hygiene.title.self", lang="en") == "Do you need help to wash?"


def test_config_error_message_names_file_key_and_problem():
    error = ConfigError("questionnaire.yaml", "questions.nutrition.kind", "must be one of: radios, date")
    assert str(error) == "questionnaire.yaml: questions.nutrition.kind: must be one of: radios, date"
    assert (
        str(ConfigError("council.yaml", "", "this file is missing")) == "council.yaml: this file is missing"
    )


# --- broken content: each names the file, the setting and the problem ------


def _copy(content_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target


def edit(content: Path, file: str, old: str, new: str) -> None:
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test setup: {old!r} should be in {file} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(content: Path, file: str, needle: str) -> int:
    lines = (content / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def add_language(content: Path, code: str, old: str = "", new: str = "") -> None:
    text = (content / "text" / "en.yaml").read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1, f"test setup: {old!r} should be in en.yaml exactly once"
        text = text.replace(old, new)
    (content / "text" / f"{code}.yaml").write_text(text, encoding="utf-8")


NUTRITION_SOME_HELP = """  nutrition:                 # managing and maintaining nutrition
    kind: radios
    scored: true
    options:
      independent: {points: 0}
      some_help: {points: 3}
"""


@dataclass
class Broken:
    name: str
    change: Callable[[Path], None]
    file: str
    key: str | Callable[[Path], str]
    problem: str | Callable[[Path], str]


BROKEN = [
    Broken(
        "malformed YAML",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            "  date_of_birth:\n    kind: date_of_birth\n",
            "  date_of_birth:\n    kind: date_of_birth\n      scored: false\n",
        ),
        "questionnaire.yaml",
        lambda c: f"line {line_of(c, 'questionnaire.yaml', '      scored: false')}",
        "this is not valid YAML (mapping values are not allowed here); check the spaces at the start "
        "of the line and that each setting has a colon",
    ),
    Broken(
        "missing file", lambda c: (c / "council.yaml").unlink(), "council.yaml", "", "this file is missing"
    ),
    Broken(
        "missing English text file",
        lambda c: (c / "text" / "en.yaml").unlink(),
        "text/en.yaml",
        "",
        "this file is missing",
    ),
    Broken(
        "empty file",
        lambda c: (c / "questionnaire.yaml").write_text("# nothing yet\n", encoding="utf-8"),
        "questionnaire.yaml",
        "",
        "this file is empty",
    ),
    Broken(
        "points that are not a number",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            NUTRITION_SOME_HELP,
            NUTRITION_SOME_HELP.replace("{points: 3}", "{points: three}"),
        ),
        "questionnaire.yaml",
        "questions.nutrition.options.some_help.points",
        'must be a whole number of 0 or more, not "three"',
    ),
    Broken(
        "points with a fraction",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            NUTRITION_SOME_HELP,
            NUTRITION_SOME_HELP.replace("{points: 3}", "{points: 3.5}"),
        ),
        "questionnaire.yaml",
        "questions.nutrition.options.some_help.points",
        "must be a whole number of 0 or more, not 3.5",
    ),
    Broken(
        "negative points",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            "      awake_all_night: {points: 20}",
            "      awake_all_night: {points: -20}",
        ),
        "questionnaire.yaml",
        "questions.nights.options.awake_all_night.points",
        "must be a whole number of 0 or more, not -20",
    ),
    Broken(
        "points going down",
        lambda c: edit(
            c, "questionnaire.yaml", "      most_nights: {points: 10}", "      most_nights: {points: 2}"
        ),
        "questionnaire.yaml",
        "questions.nights.options.most_nights.points",
        "options must run from least to most help, so points cannot go down: most_nights has 2 but "
        "some_nights before it has 4",
    ),
    Broken(
        "duplicate option id",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            NUTRITION_SOME_HELP,
            NUTRITION_SOME_HELP + "      some_help: {points: 5}\n",
        ),
        "questionnaire.yaml",
        "questions.nutrition.options.some_help",
        lambda c: (
            f"is given more than once (again on line {line_of(c, 'questionnaire.yaml', '{points: 5}')}); "
            "each one needs its own name"
        ),
    ),
    Broken(
        "duplicate option id in a plain list",
        lambda c: edit(c, "questionnaire.yaml", "options: [alone, with_family,", "options: [alone, alone,"),
        "questionnaire.yaml",
        "questions.living_situation.options",
        '"alone" is listed more than once',
    ),
    Broken(
        "option id that is not an id",
        lambda c: edit(
            c, "questionnaire.yaml", "options: [alone, with_family,", "options: [Alone, with_family,"
        ),
        "questionnaire.yaml",
        "questions.living_situation.options.1",
        'must be an id made of lower-case letters, digits and _, starting with a letter, not "Alone"',
    ),
    Broken(
        "unknown skip option",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            "{answer: cares_for_child, equals: no}",
            "{answer: cares_for_child, equals: maybe}",
        ),
        "questionnaire.yaml",
        "questions.caring_for_child.skip_when.equals",
        '"maybe" is not an option of cares_for_child (its options are: no, yes)',
    ),
    Broken(
        "skip naming a later question",
        lambda c: edit(
            c, "questionnaire.yaml", "{answer: cares_for_child, equals: no}", "{answer: nights, equals: none}"
        ),
        "questionnaire.yaml",
        "questions.caring_for_child.skip_when.answer",
        'must name a question asked before caring_for_child; "nights" is not asked before it',
    ),
    Broken(
        "skip naming a question that does not exist",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            "{answer: cares_for_child, equals: no}",
            "{answer: has_child, equals: no}",
        ),
        "questionnaire.yaml",
        "questions.caring_for_child.skip_when.answer",
        '"has_child" is not a question in this file',
    ),
    Broken(
        "skip with an unknown operator",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            "{answer: cares_for_child, equals: no}",
            "{answer: cares_for_child, is: no}",
        ),
        "questionnaire.yaml",
        "questions.caring_for_child.skip_when.is",
        "is not a setting we know; check the spelling (it can be: answer, equals, in, not_in)",
    ),
    Broken(
        "skip on a date",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            "{answer: cares_for_child, equals: no}",
            "{answer: date_of_birth, equals: no}",
        ),
        "questionnaire.yaml",
        "questions.caring_for_child.skip_when.answer",
        '"date_of_birth" has no options, so it cannot be used to skip a question',
    ),
    Broken(
        "question in no section",
        lambda c: edit(c, "questionnaire.yaml", "  nights: [nights]\n", ""),
        "questionnaire.yaml",
        "questions.nights",
        "is not in any section; add it to a list under sections",
    ),
    Broken(
        "section naming a question that does not exist",
        lambda c: edit(c, "questionnaire.yaml", "  nights: [nights]\n", "  nights: [nights, sleep]\n"),
        "questionnaire.yaml",
        "sections.nights",
        '"sleep" is not a question under questions',
    ),
    Broken(
        "unknown question kind",
        lambda c: edit(
            c,
            "questionnaire.yaml",
            "  date_of_birth:\n    kind: date_of_birth\n",
            "  date_of_birth:\n    kind: calendar\n",
        ),
        "questionnaire.yaml",
        "questions.date_of_birth.kind",
        'must be one of: radios, date, date_of_birth, number, text, not "calendar"',
    ),
    Broken(
        "misspelt setting",
        lambda c: edit(c, "council.yaml", "    pence_per_point: 750", "    pence_per_pont: 750"),
        "council.yaml",
        "bands.2.pence_per_pont",
        "is not a setting we know; check the spelling (it can be: pence_per_point, up_to)",
    ),
    Broken(
        "bands not ascending",
        lambda c: edit(c, "council.yaml", "  - up_to: 80 ", "  - up_to: 30 "),
        "council.yaml",
        "bands.2.up_to",
        "must be a whole number more than the band before it (40), not 30",
    ),
    Broken(
        "last band with an upper limit",
        lambda c: edit(
            c, "council.yaml", "  - pence_per_point: 900", "  - up_to: 120\n    pence_per_point: 900"
        ),
        "council.yaml",
        "bands.3.up_to",
        "must be left out: the last band has no upper limit, so every point has a price",
    ),
    Broken(
        "price with pounds and pence",
        lambda c: edit(c, "council.yaml", "    pence_per_point: 600", "    pence_per_point: 6.00"),
        "council.yaml",
        "bands.1.pence_per_point",
        "must be a whole number of pence of 0 or more (600 means £6.00), not 6.00",
    ),
    Broken(
        "percent over 100",
        lambda c: edit(c, "council.yaml", "    every_day: 20", "    every_day: 120"),
        "council.yaml",
        "family_help.reduction_percent.every_day",
        "must be a percent from 0 to 100, not 120",
    ),
    Broken(
        "percent missing for an answer",
        lambda c: edit(c, "council.yaml", "    every_day: 20\n", ""),
        "council.yaml",
        "family_help.reduction_percent.every_day",
        "is missing; give a value for every answer to informal_help",
    ),
    Broken(
        "factor over 1",
        lambda c: edit(c, "council.yaml", "    less: 0.5", "    less: 50"),
        "council.yaml",
        "family_help.continues_factor.less",
        "must be a share (1 = the full reduction, 0.5 = half of it, 0 = none) from 0 to 1, not 50",
    ),
    Broken(
        "carer's assessment for an answer that does not exist",
        lambda c: edit(
            c, "council.yaml", "carer_assessment_when: [less, no]", "carer_assessment_when: [less, never]"
        ),
        "council.yaml",
        "family_help.carer_assessment_when.2",
        '"never" is not an answer to informal_help_continues (its answers are: yes, less, no)',
    ),
    Broken(
        "family help on a scored question",
        lambda c: edit(c, "council.yaml", "help_question: informal_help", "help_question: nutrition"),
        "council.yaml",
        "family_help.help_question",
        '"nutrition" must be a question with options and scored: false, '
        "so its answers do not also add points",
    ),
    Broken(
        "demo that is not true or false",
        lambda c: edit(c, "council.yaml", "  demo: true", "  demo: yes"),
        "council.yaml",
        "council.demo",
        'must be true or false, not "yes"',
    ),
    Broken(
        "version that is a number",
        lambda c: edit(c, "council.yaml", "version: example-2026-1", "version: 2026"),
        "council.yaml",
        "version",
        "must be a short name made of letters, digits, - _ and . (like example-2026-1), not 2026; "
        "put it in quotes",
    ),
    Broken(
        "missing en text key",
        lambda c: edit(c, "text/en.yaml", "    area: Eating and drinking\n", ""),
        "text/en.yaml",
        "questions.nutrition.area",
        "is missing; every question, option and section needs this text",
    ),
    Broken(
        "missing en option text",
        lambda c: edit(c, "text/en.yaml", "        self: I can manage on my own at night.\n", ""),
        "text/en.yaml",
        "options.nights.none.hint.self",
        "is missing; every question, option and section needs this text",
    ),
    Broken(
        "other title without the name",
        lambda c: edit(
            c, "text/en.yaml", "other: Does {name} need help to wash?", "other: Do they need help to wash?"
        ),
        "text/en.yaml",
        "questions.personal_hygiene.title.other",
        "must include {name}, the name of the person the form is about",
    ),
    Broken(
        "unknown placeholder in a question",
        lambda c: edit(
            c, "text/en.yaml", "other: Does {name} need help to wash?", "other: Does {nme} need help to wash?"
        ),
        "text/en.yaml",
        "questions.personal_hygiene.title.other",
        "can only use the placeholder {name} here, not {nme}",
    ),
    Broken(
        "broken braces",
        lambda c: edit(
            c, "text/en.yaml", "other: Does {name} need help to wash?", "other: Does {name need help to wash?"
        ),
        "text/en.yaml",
        "questions.personal_hygiene.title.other",
        "has a { or } that is not part of a {placeholder} like {name}; to show a brace, write {{ or }}",
    ),
    Broken(
        "empty text",
        lambda c: edit(c, "text/en.yaml", "    title: Help at night\n", "    title:\n"),
        "text/en.yaml",
        "sections.nights.title",
        "is empty; write the text or remove the line",
    ),
    Broken(
        "extra-language file missing a key",
        lambda c: add_language(c, "cy", "    area: Eating and drinking\n", ""),
        "text/cy.yaml",
        "questions.nutrition.area",
        "is missing; every language needs the same texts as text/en.yaml",
    ),
    Broken(
        "extra-language file with a key English does not have",
        lambda c: add_language(
            c, "cy", "    area: Eating and drinking\n", "    area: Eating and drinking\n    note: Bwyd\n"
        ),
        "text/cy.yaml",
        "questions.nutrition.note",
        "is not in text/en.yaml; remove it, or add it to English first",
    ),
    Broken(
        "placeholder mismatch",
        lambda c: add_language(
            c, "cy", "other: Does {name} need help to wash?", "other: Oes angen help i ymolchi?"
        ),
        "text/cy.yaml",
        "questions.personal_hygiene.title.other",
        "must use the same {placeholders} as text/en.yaml ({name}), not none",
    ),
    Broken(
        "placeholder renamed in translation",
        lambda c: add_language(
            c,
            "cy",
            "reduced: Family or friends help now. So we take {amount} off each week.",
            "reduced: Mae teulu yn helpu. Rydym yn tynnu {swm} bob wythnos.",
        ),
        "text/cy.yaml",
        "family_help.explain.reduced",
        "must use the same {placeholders} as text/en.yaml ({amount}), not {swm}",
    ),
    Broken(
        "disagreement file missing",
        lambda c: (c / "disagreement.yaml").unlink(),
        "disagreement.yaml",
        "",
        "this file is missing",
    ),
    Broken(
        "working days that are not a whole number",
        lambda c: edit(
            c, "disagreement.yaml", "care_manager_working_days: 10", "care_manager_working_days: ten"
        ),
        "disagreement.yaml",
        "time_limits.care_manager_working_days",
        'must be a whole number of 1 or more, not "ten"',
    ),
    Broken(
        "a time limit of 0",
        lambda c: edit(c, "disagreement.yaml", "ombudsman_after_weeks: 12", "ombudsman_after_weeks: 0"),
        "disagreement.yaml",
        "time_limits.ombudsman_after_weeks",
        "must be a whole number of 1 or more, not 0",
    ),
    Broken(
        "a time limit missing",
        lambda c: edit(c, "disagreement.yaml", "  team_manager_working_days: 10\n", ""),
        "disagreement.yaml",
        "time_limits.team_manager_working_days",
        "is missing",
    ),
    Broken(
        "acknowledging after answering",
        lambda c: edit(
            c,
            "disagreement.yaml",
            "complaint_acknowledge_working_days: 3",
            "complaint_acknowledge_working_days: 30",
        ),
        "disagreement.yaml",
        "time_limits.complaint_acknowledge_working_days",
        "must not be more than complaint_answer_working_days: "
        "we say we have the complaint before we answer it",
    ),
    Broken(
        "advocacy service with no phone or email",
        lambda c: edit(
            c, "disagreement.yaml", "    phone: 01632 960456\n    email: hello@carers.example.org\n", ""
        ),
        "disagreement.yaml",
        "advocacy.2",
        "needs a phone number or an email, so people can get in touch",
    ),
    Broken(
        "advocacy ids used twice",
        lambda c: edit(c, "disagreement.yaml", "id: example_carers", "id: example_advocacy"),
        "disagreement.yaml",
        "advocacy.2.id",
        '"example_advocacy" is used more than once; each service needs its own id',
    ),
    Broken(
        "complaints email that is not an email",
        lambda c: edit(c, "disagreement.yaml", "email: complaints@example.org", "email: complaints team"),
        "disagreement.yaml",
        "complaints.email",
        'must be an email address, not "complaints team"',
    ),
    Broken(
        "misspelt contact setting",
        lambda c: edit(
            c, "disagreement.yaml", "  website: https://www.lgo.org.uk", "  web: https://www.lgo.org.uk"
        ),
        "disagreement.yaml",
        "ombudsman.web",
        "is not a setting we know; check the spelling (it can be: phone, email, website, address)",
    ),
    Broken(
        "the complaints team's name in disagreement.yaml, not in the texts",
        lambda c: edit(c, "disagreement.yaml", "complaints:\n", "complaints:\n  name: Complaints team\n"),
        "disagreement.yaml",
        "complaints.name",
        "is words people read, so it is a text: write it in text/en.yaml at disagreement.complaints.name, "
        "and in each language's file, and remove it here",
    ),
    Broken(
        "the council's address in council.yaml, not in the texts",
        lambda c: edit(
            c, "council.yaml", "  phone: 01632 960000\n", "  phone: 01632 960000\n  address: Town Hall\n"
        ),
        "council.yaml",
        "council.address",
        "is words people read, so it is a text: write it in text/en.yaml at council.address, and in each "
        "language's file, and remove it here",
    ),
    Broken(
        "no Ombudsman's name in English",
        lambda c: edit(
            c,
            "text/en.yaml",
            '    name: "Local Government and Social Care Ombudsman"\n',
            "    phone_note: Call them\n",
        ),
        "text/en.yaml",
        "disagreement.ombudsman.name",
        "is missing; every step of the disagreement route needs this text",
    ),
    Broken(
        "missing step text",
        lambda c: edit(
            c, "text/en.yaml", "      who_helps: A family member, a friend or an advocate can help you.\n", ""
        ),
        "text/en.yaml",
        "disagreement.steps.care_manager.who_helps",
        "is missing; every step of the disagreement route needs this text",
    ),
    Broken(
        "an advocacy service whose text is left empty",
        lambda c: edit(
            c, "text/en.yaml", "      about: Help and advice for carers and the people they look after.\n", ""
        ),
        "text/en.yaml",
        "disagreement.advocacy.example_carers",
        "is empty; write the text or remove the line",
    ),
    Broken(
        "a time limit typed into the text",
        lambda c: edit(
            c,
            "text/en.yaml",
            "The team manager should answer within {days} working days.",
            "The team manager should answer within 10 working days.",
        ),
        "text/en.yaml",
        "disagreement.steps.team_manager.how_long",
        "must use {days}, so the time shown comes from time_limits in disagreement.yaml",
    ),
    Broken(
        "a placeholder a step cannot fill",
        lambda c: edit(
            c,
            "text/en.yaml",
            "The team manager should answer within {days} working days.",
            "The team manager should answer within {days} working days, {name}.",
        ),
        "text/en.yaml",
        "disagreement.steps.team_manager.how_long",
        "can only use {days} here, not {name}",
    ),
    Broken(
        "words about someone else for a step text that does not exist",
        lambda c: edit(
            c,
            "text/en.yaml",
            "      title:\n        other: Talk to {name}'s care manager",
            "      heading:\n        other: Talk to {name}'s care manager",
        ),
        "text/en.yaml",
        "disagreement.someone_else.care_manager.heading.other",
        "is not a step's text; it can be one of title, what, happens, how_long, who_helps under a step "
        "(plan, care_manager, advocate, team_manager, complaint, ombudsman)",
    ),
    Broken(
        "words about someone else that are not a they, he or she form",
        lambda c: edit(
            c,
            "text/en.yaml",
            "        other: Talk to {name}'s care manager",
            "        other: Talk to {name}'s care manager\n        other_they: Talk to {name}'s care manager",
        ),
        "text/en.yaml",
        "disagreement.someone_else.care_manager.title.other_they",
        "must be one of other, other_he, other_she under disagreement.someone_else.care_manager.title: "
        "words about the person, as they, he or she",
    ),
    Broken(
        "words about someone else for he with a placeholder its other text does not use",
        lambda c: edit(
            c,
            "text/en.yaml",
            "        other_he: An advocate is someone who helps {name} say what he wants.",
            "        other_he: An advocate is someone who helps {days} say what he wants.",
        ),
        "text/en.yaml",
        "disagreement.someone_else.advocate.what.other_he",
        "must use the same {placeholders} as disagreement.someone_else.advocate.what.other ({name}), "
        "not {days}",
    ),
    Broken(
        "an accessibility statement date that is not a date",
        lambda c: edit(c, "council.yaml", "  reviewed: 2026-12-01", "  reviewed: 1 December 2026"),
        "council.yaml",
        "accessibility.reviewed",
        'must be a date written year-month-day, like 2026-12-01, not "1 December 2026"',
    ),
    Broken(
        "an accessibility statement reviewed before it was written",
        lambda c: edit(c, "council.yaml", "  reviewed: 2026-12-01", "  reviewed: 2026-11-30"),
        "council.yaml",
        "accessibility.reviewed",
        "must be on or after the date the statement was prepared",
    ),
    Broken(
        "partly accessible with no known problems listed",
        lambda c: edit(
            c, "council.yaml", "  known_issues: [signed_out_without_warning]", "  known_issues: []"
        ),
        "council.yaml",
        "accessibility.known_issues",
        "must list what does not meet the standard, as compliance is partially",
    ),
    Broken(
        "a compliance status the statement does not know",
        lambda c: edit(c, "council.yaml", "  compliance: partially", "  compliance: mostly"),
        "council.yaml",
        "accessibility.compliance",
        'must be one of fully, partially, not, not "mostly"',
    ),
    Broken(
        "a known accessibility problem with no words",
        lambda c: edit(
            c,
            "council.yaml",
            "  known_issues: [signed_out_without_warning]",
            "  known_issues: [signed_out_without_warning, no_captions]",
        ),
        "text/en.yaml",
        "accessibility.known_issues.no_captions.what",
        "is missing; each known accessibility problem in council.yaml needs this text",
    ),
    Broken(
        "language file with a bad name",
        lambda c: add_language(c, "welsh"),
        "text/welsh.yaml",
        "",
        "the file name must be a language code, like cy.yaml",
    ),
]


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_config_is_reported(tmp_path, content_dir, case):
    content = _copy(content_dir, tmp_path)
    case.change(content)
    with pytest.raises(ConfigError) as caught:
        load_config(content)
    error = caught.value
    key = case.key(content) if callable(case.key) else case.key
    problem = case.problem(content) if callable(case.problem) else case.problem
    assert (error.file, error.key, error.problem) == (case.file, key, problem)
    assert str(error) == (f"{case.file}: {key}: {problem}" if key else f"{case.file}: {problem}")


def test_not_utf8(tmp_path, content_dir):
    content = _copy(content_dir, tmp_path)
    (content / "council.yaml").write_bytes("name: Caerdydd \u00e2".encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_config(content)
    assert (caught.value.file, caught.value.problem) == (
        "council.yaml",
        "this file must be saved as UTF-8 text",
    )


def test_yes_and_no_stay_words_and_numbers_are_never_floats(tmp_path, content_dir):
    content = _copy(content_dir, tmp_path)
    config = load_config(content)
    assert config.family_help.continues_factor["less"] == Decimal("0.5")
    assert type(config.family_help.continues_factor["less"]) is Decimal
    assert config.council.phone == "01632 960000"  # not a number with its 0 lost
