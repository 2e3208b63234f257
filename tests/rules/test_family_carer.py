"""The family carer's own view in the family-help rule: who the carer is, whether they say they are willing
and able to keep helping, and (when the council says so) help taken off only when they agreed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from portal.ras import ConfigError, load_config
from portal.ras.model import FamilyHelpRule
from portal.ras.scoring import (
    FAMILY_HELP_FULL,
    FAMILY_HELP_NOT_AGREED,
    FAMILY_HELP_STOPS,
    Adjustment,
    adjustment,
    family_help_case,
)

RULE = FamilyHelpRule(
    help_question="informal_help",
    continues_question="informal_help_continues",
    reduction_percent={"none": Decimal(0), "most_days": Decimal(10)},
    continues_factor={"yes": Decimal(1), "less": Decimal("0.5"), "no": Decimal(0)},
    carer_assessment_when=("less", "no"),
    carer_name_question="carer_name",
    agreement_question="carer_agrees",
    agreed_answers=("yes",),
    needs_carer_agreement=True,
)
HELP = {"informal_help": "most_days", "informal_help_continues": "yes"}


def test_help_is_taken_off_when_the_carer_agreed_and_the_page_names_them():
    adj = adjustment(RULE, {**HELP, "carer_name": " Jo ", "carer_agrees": "yes"}, 13200)
    assert adj.percent == Decimal(10)
    assert adj.reduction_pence == 1320
    assert (adj.carer_name, adj.carer_view, adj.carer_agreed, adj.not_agreed) == ("Jo", "yes", True, False)
    assert family_help_case(adj, RULE) == FAMILY_HELP_FULL


@pytest.mark.parametrize("view", ["no", "not_asked", None])
def test_no_help_is_taken_off_when_the_carer_did_not_agree(view):
    answers = {**HELP, "carer_name": "Jo"} | ({} if view is None else {"carer_agrees": view})
    adj = adjustment(RULE, answers, 13200)
    assert adj.percent == 0 and adj.reduction_pence == 0
    assert adj.not_agreed and not adj.carer_agreed
    assert adj.carer_view == view
    assert family_help_case(adj, RULE) == FAMILY_HELP_NOT_AGREED


def test_without_the_need_for_agreement_the_carer_is_named_but_help_counts_as_before():
    rule = replace(RULE, needs_carer_agreement=False)
    adj = adjustment(rule, {**HELP, "carer_name": "Jo", "carer_agrees": "no"}, 13200)
    assert adj.percent == Decimal(10) and not adj.not_agreed and not adj.carer_agreed
    assert adj.carer_name == "Jo"


def test_nothing_to_agree_to_when_no_help_would_be_taken_off():
    """Help that stops, or nobody helping, is not 'not agreed': that case says why already."""
    stops = adjustment(RULE, {**HELP, "informal_help_continues": "no"}, 13200)
    assert not stops.not_agreed and family_help_case(stops, RULE) == FAMILY_HELP_STOPS
    nobody = adjustment(RULE, {"informal_help": "none"}, 13200)
    assert not nobody.not_agreed and nobody.carer_name is None


def test_a_rule_without_the_carers_view_works_as_before():
    rule = FamilyHelpRule(
        help_question="informal_help",
        continues_question="informal_help_continues",
        reduction_percent=RULE.reduction_percent,
        continues_factor=RULE.continues_factor,
        carer_assessment_when=("less", "no"),
    )
    adj = adjustment(rule, HELP, 13200)
    assert adj.percent == Decimal(10) and adj.carer_name is None and adj.carer_view is None
    assert not adj.not_agreed


def test_the_carers_view_is_stored_and_read_back():
    from portal.ras.scoring import FORMAT, Calculation

    adj = adjustment(RULE, {**HELP, "carer_name": "Jo", "carer_agrees": "not_asked"}, 13200)
    calc = Calculation(
        config_version="x",
        areas=(),
        total_points=22,
        bands=(),
        weekly_before_pence=13200,
        adjustment=adj,
        weekly_pence=13200,
        yearly_pence=13200 * 52,
        panel=False,
    )
    stored = calc.to_dict()
    assert stored["format"] == FORMAT
    assert stored["adjustment"]["carer_name"] == "Jo" and stored["adjustment"]["not_agreed"] is True
    assert Calculation.from_dict(stored) == calc


def test_a_budget_stored_before_the_carers_view_reads_back_without_it():
    old = Adjustment(
        help_option="most_days",
        continues_option="yes",
        percent=Decimal(10),
        reduction_pence=1320,
        carer_assessment=False,
    )
    assert (old.carer_name, old.carer_view, old.carer_agreed, old.not_agreed) == (None, None, False, False)


# --- council.yaml ----------------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path: Path, content_dir: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target


def without_the_demo_carers_view(text: str) -> str:
    """council.yaml's text without the demo's carer settings (the carer_name_question ...
    needs_carer_agreement lines and the comment before them), so a test can give its own."""
    start = text.index("  # The person who helps, and their own view.")
    end = text.index("  needs_carer_agreement: false\n") + len("  needs_carer_agreement: false\n")
    return text[:start] + text[end:]


def _council(content: Path, extra: str) -> None:
    path = content / "council.yaml"
    text = without_the_demo_carers_view(path.read_text(encoding="utf-8"))
    anchor = "  carer_assessment_when: [less, no]\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + extra, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "extra,key,problem",
    [
        (
            "  needs_carer_agreement: true\n",
            "family_help.needs_carer_agreement",
            "can be true only with an agreement_question that asks if the carer is willing to keep helping",
        ),
        (
            "  agreement_question: carer_agrees\n  agreed_answers: [yes]\n",
            "family_help.agreement_question",
            '"carer_agrees" is not a question in questionnaire.yaml',
        ),
        (
            "  carer_name_question: living_situation\n",
            "family_help.carer_name_question",
            '"living_situation" must be a text question, for the carer\'s name',
        ),
        (
            "  agreed_answers: [yes]\n",
            "family_help.agreed_answers",
            "must be left out, as there is no agreement_question",
        ),
    ],
)
def test_broken_carers_view_settings_are_named(content, extra, key, problem):
    _council(content, extra)
    with pytest.raises(ConfigError) as error:
        load_config(content)
    assert (error.value.file, error.value.key, error.value.problem) == ("council.yaml", key, problem)
