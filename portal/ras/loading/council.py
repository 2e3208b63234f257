"""council.yaml: the council, its money bands, the family-help rule, the plan tolerance and panel limit,
and the facts of the accessibility statement."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from portal.ras.loading.reviews import review_rules
from portal.ras.loading.yaml_files import ContentFile, read_yaml, show
from portal.ras.model import (
    COMPLIANCE_LEVELS,
    AccessibilityStatement,
    Band,
    Council,
    FamilyHelpRule,
    Question,
    Questionnaire,
)
from portal.ras.reviews import ReviewRules

COUNCIL_FILE = "council.yaml"


@dataclass(frozen=True)
class CouncilFile:
    """What council.yaml says. The family-help rule is checked later, against the questionnaire."""

    version: str
    council: Council
    bands: tuple[Band, ...]
    family_help: dict[str, Any]
    tolerance_percent: Decimal
    panel_weekly_pence: int
    weeks_per_year: int
    accessibility: AccessibilityStatement
    reviews: ReviewRules


def load_council(content_dir: Path) -> CouncilFile:
    f = ContentFile(COUNCIL_FILE)
    data = f.mapping(
        "",
        read_yaml(content_dir, COUNCIL_FILE),
        required=(
            "version", "council", "bands", "family_help", "tolerance_percent",
            "panel_weekly_pence", "weeks_per_year", "accessibility", "reviews",
        ),
    )  # fmt: skip
    return CouncilFile(
        version=f.version("version", data["version"], example="example-2026-1"),
        council=_council(f, data["council"]),
        bands=bands(f, data["bands"]),
        family_help=f.mapping(
            "family_help",
            data["family_help"],
            required=FAMILY_HELP_KEYS,
            optional=FAMILY_HELP_OPTIONAL_KEYS,
        ),
        tolerance_percent=f.number(
            "tolerance_percent", data["tolerance_percent"], low=0, high=100, what="a percent"
        ),
        panel_weekly_pence=f.whole_number(
            "panel_weekly_pence",
            data["panel_weekly_pence"],
            minimum=1,
            what="a whole number of pence",
            example=" (60000 means £600.00)",
        ),
        weeks_per_year=_weeks(f, data["weeks_per_year"]),
        accessibility=_accessibility(f, data["accessibility"]),
        reviews=review_rules(f, data["reviews"]),
    )


def _accessibility(f: ContentFile, value: Any) -> AccessibilityStatement:
    data = f.mapping(
        "accessibility",
        value,
        required=("compliance", "known_issues", "prepared", "reviewed", "tested", "reply_working_days"),
    )
    compliance = data["compliance"]
    if compliance not in COMPLIANCE_LEVELS:
        f.fail(
            "accessibility.compliance",
            f"must be one of {', '.join(COMPLIANCE_LEVELS)}, not {show(compliance)}",
        )
    issues = f.id_list("accessibility.known_issues", data["known_issues"])
    if compliance != "fully" and not issues:
        f.fail(
            "accessibility.known_issues",
            f"must list what does not meet the standard, as compliance is {compliance}",
        )
    prepared = f.date("accessibility.prepared", data["prepared"])
    reviewed = f.date("accessibility.reviewed", data["reviewed"])
    if reviewed < prepared:
        f.fail("accessibility.reviewed", "must be on or after the date the statement was prepared")
    return AccessibilityStatement(
        compliance=compliance,
        known_issues=issues,
        prepared=prepared,
        reviewed=reviewed,
        tested=f.date("accessibility.tested", data["tested"]),
        reply_working_days=f.whole_number(
            "accessibility.reply_working_days",
            data["reply_working_days"],
            minimum=1,
            what="a whole number of working days",
        ),
    )


def _council(f: ContentFile, value: Any) -> Council:
    fields = ("id", "name", "demo", "phone", "email", "website")
    if isinstance(value, dict) and "address" in value:
        f.fail(
            "council.address",
            "is words people read, so it is a text: write it in text/en.yaml at council.address, and in "
            "each language's file, and remove it here",
        )
    data = f.mapping("council", value, required=fields)
    email = f.text("council.email", data["email"])
    if "@" not in email or " " in email.strip():
        f.fail("council.email", f"must be an email address, not {show(email)}")
    website = f.text("council.website", data["website"])
    if not website.startswith(("https://", "http://")):
        f.fail("council.website", f"must be a web address starting with https://, not {show(website)}")
    return Council(
        id=f.identifier("council.id", data["id"]),
        name=f.text("council.name", data["name"]),
        demo=f.boolean("council.demo", data["demo"]),
        phone=f.text("council.phone", data["phone"]),
        email=email,
        address="",  # a text in each language: council.address in text/<lang>.yaml
        website=website,
    )


def bands(f: ContentFile, value: Any, at: str = "bands") -> tuple[Band, ...]:
    """A table of money bands, at `at` in the file f names."""
    if not isinstance(value, list) or not value:
        f.fail(at, f"must be a list of at least one band, not {show(value)}")
    bands = []
    previous = 0
    for number, item in enumerate(value, start=1):
        key = f"{at}.{number}"
        last = number == len(value)
        data = f.mapping(key, item, required=("pence_per_point",), optional=("up_to",))
        pence = f.whole_number(
            f"{key}.pence_per_point",
            data["pence_per_point"],
            what="a whole number of pence",
            example=" (600 means £6.00)",
        )
        up_to = data.get("up_to")
        if up_to is None:
            if not last:
                f.fail(f"{key}.up_to", "is missing; only the last band can have no upper limit")
        else:
            if last:
                f.fail(
                    f"{key}.up_to",
                    "must be left out: the last band has no upper limit, so every point has a price",
                )
            if type(up_to) is not int or up_to <= previous:
                f.fail(
                    f"{key}.up_to",
                    f"must be a whole number more than the band before it ({previous}), not {show(up_to)}",
                )
            previous = up_to
        bands.append(Band(up_to=up_to, pence_per_point=pence))
    return tuple(bands)


def _weeks(f: ContentFile, value: Any) -> int:
    if type(value) is not int or not 1 <= value <= 53:
        f.fail("weeks_per_year", f"must be a whole number from 1 to 53 (usually 52), not {show(value)}")
    return value


FAMILY_HELP_KEYS = (
    "help_question",
    "continues_question",
    "reduction_percent",
    "continues_factor",
    "carer_assessment_when",
)
# The family carer's own view: who they are, and whether they agreed to keep helping.
FAMILY_HELP_OPTIONAL_KEYS = (
    "carer_name_question",
    "agreement_question",
    "agreed_answers",
    "needs_carer_agreement",
)


def family_help_rule(
    data: dict[str, Any],
    questionnaire: Questionnaire,
    questionnaire_file: str,
    *,
    file: str = COUNCIL_FILE,
    at: str = "family_help",
) -> FamilyHelpRule:
    """The family-help rule from council.yaml (or at `at` in another file), checked against the questions
    it names."""
    f = ContentFile(file)

    def radios_question(key: str) -> Question:
        qid = f.identifier(f"{at}.{key}", data[key])
        question = questionnaire.questions.get(qid)
        if question is None:
            f.fail(f"{at}.{key}", f'"{qid}" is not a question in {questionnaire_file}')
        if question.kind != "radios" or question.scored:
            f.fail(
                f"{at}.{key}",
                f'"{qid}" must be a question with options and scored: false, '
                "so its answers do not also add points",
            )
        return question

    help_q = radios_question("help_question")
    continues_q = radios_question("continues_question")
    if help_q.id == continues_q.id:
        f.fail(f"{at}.continues_question", "must be a different question from help_question")

    def table(key: str, question: Question, low: int, high: int, what: str) -> dict[str, Decimal]:
        raw = f.mapping(f"{at}.{key}", data[key], any_keys=True)
        for option_id in raw:
            if option_id not in question.option_ids:
                f.fail(
                    f"{at}.{key}.{option_id}",
                    f"is not an answer to {question.id} (its answers are: {', '.join(question.option_ids)})",
                )
        result = {}
        for option_id in question.option_ids:
            if option_id not in raw:
                f.fail(
                    f"{at}.{key}.{option_id}",
                    f"is missing; give a value for every answer to {question.id}",
                )
            result[option_id] = f.number(
                f"{at}.{key}.{option_id}", raw[option_id], low=low, high=high, what=what
            )
        return result

    reduction = table("reduction_percent", help_q, 0, 100, "a percent")
    factor = table(
        "continues_factor", continues_q, 0, 1, "a share (1 = the full reduction, 0.5 = half of it, 0 = none)"
    )
    when = f.id_list(f"{at}.carer_assessment_when", data["carer_assessment_when"])
    for index, option_id in enumerate(when, start=1):
        if option_id not in continues_q.option_ids:
            f.fail(
                f"{at}.carer_assessment_when.{index}",
                f'"{option_id}" is not an answer to {continues_q.id} '
                f"(its answers are: {', '.join(continues_q.option_ids)})",
            )
    name_q = None
    if "carer_name_question" in data:
        qid = f.identifier(f"{at}.carer_name_question", data["carer_name_question"])
        question = questionnaire.questions.get(qid)
        if question is None:
            f.fail(f"{at}.carer_name_question", f'"{qid}" is not a question in {questionnaire_file}')
        if question.kind != "text":
            f.fail(f"{at}.carer_name_question", f'"{qid}" must be a text question, for the carer\'s name')
        name_q = qid
    agreement_q = radios_question("agreement_question") if "agreement_question" in data else None
    agreed: tuple[str, ...] = ()
    if agreement_q is not None:
        # The continues question can be the agreement question: the person (or their helper) answers it
        # for the carer, and its answer is the carer's view.
        if agreement_q.id == help_q.id:
            f.fail(
                f"{at}.agreement_question",
                "must be continues_question or a question of its own, not help_question",
            )
        if "agreed_answers" not in data:
            f.fail(
                f"{at}.agreed_answers",
                f"is missing; list the answers to {agreement_q.id} that mean the carer agreed",
            )
        agreed = f.id_list(f"{at}.agreed_answers", data["agreed_answers"])
        if not agreed:
            f.fail(f"{at}.agreed_answers", "must list at least one answer")
        for index, option_id in enumerate(agreed, start=1):
            if option_id not in agreement_q.option_ids:
                f.fail(
                    f"{at}.agreed_answers.{index}",
                    f'"{option_id}" is not an answer to {agreement_q.id} '
                    f"(its answers are: {', '.join(agreement_q.option_ids)})",
                )
    elif "agreed_answers" in data:
        f.fail(f"{at}.agreed_answers", "must be left out, as there is no agreement_question")
    needs = f.boolean(f"{at}.needs_carer_agreement", data.get("needs_carer_agreement", False))
    if needs and agreement_q is None:
        f.fail(
            f"{at}.needs_carer_agreement",
            "can be true only with an agreement_question that asks if the carer is willing to keep helping",
        )
    return FamilyHelpRule(
        help_question=help_q.id,
        continues_question=continues_q.id,
        reduction_percent=reduction,
        continues_factor=factor,
        carer_assessment_when=when,
        carer_name_question=name_q,
        agreement_question=agreement_q.id if agreement_q else None,
        agreed_answers=agreed,
        needs_carer_agreement=needs,
    )
