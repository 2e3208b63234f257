"""The carer's own assessment works out a carer's budget: the same engine as the self-assessment, with
the questionnaire's own points and money rules (questionnaires/carers.yaml, `money:`)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from portal.ras import Band, ConfigError, calculate, load_config
from portal.ras.model import FamilyHelpRule
from portal.ras.scoring import FAMILY_HELP_NONE, NO_FAMILY_HELP_RULE, family_help_case

# content/README.md, "A carer's budget": the points of each answer.
CARERS_POINTS = {
    "caring_hours": [("few_hours", 1), ("some_hours", 3), ("many_hours", 6), ("all_the_time", 9)],
    "caring_nights": [("never", 0), ("sometimes", 2), ("most_nights", 4)],
    "carer_health": [("no_effect", 0), ("some_effect", 2), ("big_effect", 5)],
    "work_education": [("no_effect", 0), ("some_effect", 2), ("big_effect", 4)],
    "other_responsibilities": [("none", 0), ("some", 1), ("a_lot", 3)],
    "breaks": [("often", 0), ("sometimes", 2), ("never", 4)],
    "willing": [("yes", 0), ("with_more_support", 2), ("not_sure", 3)],
}

# content/README.md, "A carer's budget": the worked example.
WORKED_EXAMPLE = {
    "caring_hours": "many_hours",
    "caring_nights": "sometimes",
    "carer_health": "some_effect",
    "work_education": "big_effect",
    "other_responsibilities": "some",
    "breaks": "never",
    "willing": "with_more_support",
}


def test_the_demo_carers_questionnaire_has_its_documented_points_and_money_rules(demo_config):
    carers = demo_config.questionnaires["carers"]
    assert carers.produces_budget
    assert {q.id: [(o.id, o.points) for o in q.options] for q in carers.questions.values()} == CARERS_POINTS
    assert all(q.scored for q in carers.questions.values())
    assert carers.money is not None
    assert carers.money.version == "example-carers-2026-1"
    assert carers.money.bands == (Band(10, 400), Band(None, 500))
    assert carers.money.family_help is None


def test_rules_for_the_carers_questionnaire_swap_only_the_money_rules(demo_config):
    rules = demo_config.rules_for("carers")
    assert rules.version == "example-carers-2026-1"
    assert rules.questionnaire is demo_config.questionnaires["carers"]
    assert rules.bands == (Band(10, 400), Band(None, 500))
    assert rules.family_help is None
    # Everything else is the council's.
    assert rules.weeks_per_year == demo_config.weeks_per_year
    assert rules.panel_weekly_pence == demo_config.panel_weekly_pence
    assert rules.prices is demo_config.prices
    assert demo_config.rules_for("self_assessment") is demo_config
    with pytest.raises(KeyError):
        demo_config.rules_for("no_such_form")


def test_the_documented_worked_example_of_a_carers_budget(demo_config):
    calc = calculate(demo_config.rules_for("carers"), WORKED_EXAMPLE)
    assert [(a.question_id, a.points) for a in calc.areas] == [
        ("caring_hours", 6),
        ("caring_nights", 2),
        ("carer_health", 2),
        ("work_education", 4),
        ("other_responsibilities", 1),
        ("breaks", 4),
        ("willing", 2),
    ]
    assert calc.total_points == 21
    assert [(b.from_point, b.to_point, b.pence_per_point, b.subtotal_pence) for b in calc.bands] == [
        (1, 10, 400, 4000),
        (11, 21, 500, 5500),
    ]
    assert calc.weekly_before_pence == 9500
    assert calc.adjustment == NO_FAMILY_HELP_RULE
    assert family_help_case(calc.adjustment) == FAMILY_HELP_NONE
    assert calc.weekly_pence == 9500  # £95.00 a week
    assert calc.yearly_pence == 494000  # £4,940.00 a year
    assert calc.config_version == "example-carers-2026-1"
    assert not calc.panel


def test_the_least_and_the_most_a_carers_budget_can_be(demo_config):
    rules = demo_config.rules_for("carers")
    least = {qid: options[0][0] for qid, options in CARERS_POINTS.items()}
    most = {qid: options[-1][0] for qid, options in CARERS_POINTS.items()}
    assert calculate(rules, least).weekly_pence == 400  # 1 point: £4.00
    assert calculate(rules, most).total_points == 32
    assert calculate(rules, most).weekly_pence == 10 * 400 + 22 * 500  # £150.00


def test_the_carers_budget_is_stored_and_read_back_as_it_was(demo_config):
    from portal.ras import Calculation

    calc = calculate(demo_config.rules_for("carers"), WORKED_EXAMPLE)
    assert Calculation.from_dict(calc.to_dict()) == calc


def test_the_self_assessment_is_worked_out_as_before(demo_config):
    """The main questionnaire still uses council.yaml, with its family-help rule."""
    assert demo_config.rules_for(demo_config.questionnaire.id).family_help is demo_config.family_help
    assert demo_config.family_help is not None


# --- a questionnaire's own money rules in content ---------------------------------------------------


@pytest.fixture
def content(tmp_path: Path, content_dir: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target


def edit(content: Path, file: str, old: str, new: str) -> None:
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CARERS = "questionnaires/carers.yaml"
FAMILY_HELP = """\
  family_help:
    help_question: willing
    continues_question: breaks
    reduction_percent: {yes: 10, with_more_support: 5, not_sure: 0}
    continues_factor: {often: 1, sometimes: 0.5, never: 0}
    carer_assessment_when: []
"""


OWN_FAMILY_HELP = """\
produces_budget: true
money:
  version: example-carers-2026-9
  bands:
    - pence_per_point: 1000
  family_help:
    help_question: hours_caring
    continues_question: breaks
    reduction_percent: {few: 10, many: 0}
    continues_factor: {yes: 1, no: 0.5}
    carer_assessment_when: [no]
sections:
  caring: [points, hours_caring, breaks]
questions:
  points:
    kind: radios
    scored: true
    options: {few: {points: 1}, many: {points: 3}}
  hours_caring:
    kind: radios
    options: [few, many]
  breaks:
    kind: radios
    options: [yes, no]
"""


def test_a_questionnaire_can_have_its_own_family_help_rule(content):
    """The same family-help step as the self-assessment, with the questions this questionnaire names."""
    from tests.demo_content import drop_carers_assessment
    from tests.rules.test_loading import add_questionnaire, add_words, carers_words, question_words

    drop_carers_assessment(content)
    add_questionnaire(content, OWN_FAMILY_HELP)
    words = carers_words()
    words["questionnaires"]["carers"]["questions"]["points"] = {**question_words(), "area": "Points"}
    words["questionnaires"]["carers"]["options"]["points"] = words["questionnaires"]["carers"]["options"][
        "hours_caring"
    ]
    add_words(content, words)
    rules = load_config(content).rules_for("carers")
    assert isinstance(rules.family_help, FamilyHelpRule)
    calc = calculate(rules, {"points": "many", "hours_caring": "few", "breaks": "no"})
    assert calc.weekly_before_pence == 3000  # 3 points at £10.00
    assert calc.adjustment.percent == Decimal(5)  # 10% x 0.5
    assert calc.weekly_pence == 2850
    assert calc.adjustment.carer_assessment


BROKEN = [
    (
        "no money rules",
        lambda c: edit(
            c,
            CARERS,
            "money:\n  version: example-carers-2026-1\n",
            "spare:\n  version: example-carers-2026-1\n",
        ),
        CARERS,
        "",
        None,
    ),
    (
        "the council's version",
        lambda c: edit(c, CARERS, "version: example-carers-2026-1", "version: example-2026-1"),
        CARERS,
        "money.version",
        'must not be "example-2026-1", the version of the rules in council.yaml: give this '
        "questionnaire's money rules their own name, so every budget says which rules worked it out",
    ),
    (
        "a band going down",
        lambda c: edit(c, CARERS, "up_to: 10 ", "up_to: 0 "),
        CARERS,
        "money.bands.1.up_to",
        "must be a whole number more than the band before it (0), not 0",
    ),
    (
        "a band price in pounds",
        lambda c: edit(c, CARERS, "pence_per_point: 400", "pence_per_point: 4.00"),
        CARERS,
        "money.bands.1.pence_per_point",
        None,
    ),
    (
        "a family-help question that is not there",
        lambda c: edit(
            c,
            CARERS,
            "  bands:\n",
            FAMILY_HELP.replace("help_question: willing", "help_question: hours") + "  bands:\n",
        ),
        CARERS,
        "money.family_help.help_question",
        '"hours" is not a question in questionnaires/carers.yaml',
    ),
    (
        "a family-help question with points",
        lambda c: edit(c, CARERS, "  bands:\n", FAMILY_HELP + "  bands:\n"),
        CARERS,
        "money.family_help.help_question",
        '"willing" must be a question with options and scored: false, so its answers do not also add points',
    ),
    (
        "money rules without a budget",
        lambda c: edit(c, CARERS, "produces_budget: true", "produces_budget: false"),
        CARERS,
        "money",
        "must be left out, or produces_budget must be true: this questionnaire works out no budget",
    ),
    (
        "a need with the id of a self-assessment need",
        lambda c: (
            edit(c, CARERS, "other_responsibilities, breaks]", "other_responsibilities, nutrition]"),
            edit(c, CARERS, "  breaks:\n    kind", "  nutrition:\n    kind"),
        ),
        CARERS,
        "questions.nutrition",
        '"nutrition" is already a question with points in questionnaire.yaml; '
        "a support plan names each need by its question, so give this one another id",
    ),
    (
        "money rules in the self-assessment",
        lambda c: edit(c, "questionnaire.yaml", "sections:", "money: {version: x, bands: []}\nsections:"),
        "questionnaire.yaml",
        "money",
        "must be left out: the self-assessment uses the money rules in council.yaml",
    ),
]


@pytest.mark.parametrize("change,file,key,problem", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_money_rules_of_a_questionnaire_are_named(content, change, file, key, problem):
    change(content)
    with pytest.raises(ConfigError) as error:
        load_config(content)
    assert error.value.file == file
    if key:
        assert error.value.key == key
    if problem is not None:
        assert error.value.problem == problem
