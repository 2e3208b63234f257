"""questionnaire.yaml, the main self-assessment, and any further questionnaire in
questionnaires/<id>.yaml, which has the same settings.

Each questionnaire has an id: the main one's is `id:` in questionnaire.yaml (self_assessment when left
out); another's is its file name, and an `id:` inside it must say the same. The words for the main
questionnaire are under `sections.`, `questions.` and `options.` in text/<language>.yaml; the words for
another are under `questionnaires.<id>.` with the same names below it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from portal.ras.answers import OPTIONAL_KINDS
from portal.ras.loading.council import FAMILY_HELP_KEYS, FAMILY_HELP_OPTIONAL_KEYS, bands, family_help_rule
from portal.ras.loading.yaml_files import ID_PATTERN, ContentFile, read_yaml, show
from portal.ras.model import (
    MAIN_QUESTIONNAIRE,
    QUESTION_KINDS,
    Condition,
    ConfigError,
    MoneyRules,
    Option,
    Question,
    Questionnaire,
    Section,
)

QUESTIONNAIRE_FILE = "questionnaire.yaml"
QUESTIONNAIRES_DIR = "questionnaires"

# The skip-rule operators, as they are written in questionnaire.yaml.
CONDITION_OPERATORS = ("equals", "in", "not_in")


def load_questionnaires(content_dir: Path) -> dict[str, Questionnaire]:
    """Every questionnaire by id, the main self-assessment first."""
    main = load_questionnaire(content_dir, QUESTIONNAIRE_FILE)
    found = {main.id: main}
    folder = content_dir / QUESTIONNAIRES_DIR
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        name = f"{QUESTIONNAIRES_DIR}/{path.name}"
        if path.suffix != ".yaml" or not ID_PATTERN.match(path.stem):
            raise ConfigError(
                name,
                "",
                "the file name must be the questionnaire's id, like carers.yaml: "
                "lower-case letters, digits and _, then .yaml",
            )
        if path.stem in found:
            raise ConfigError(
                name,
                "",
                f'"{path.stem}" is already the id of the questionnaire in '
                f"{QUESTIONNAIRE_FILE}; each questionnaire needs its own id",
            )
        found[path.stem] = load_questionnaire(content_dir, name, questionnaire_id=path.stem)
    return found


def load_questionnaire(content_dir: Path, name: str, *, questionnaire_id: str | None = None) -> Questionnaire:
    """One questionnaire file. `questionnaire_id` is None for the main one, whose id may be in the file."""
    f = ContentFile(name)
    data = f.mapping(
        "",
        read_yaml(content_dir, name),
        required=("sections", "questions"),
        optional=("id", "produces_budget", "money"),
    )
    given = f.identifier("id", data["id"]) if "id" in data else None
    if questionnaire_id is None:
        questionnaire_id = given or MAIN_QUESTIONNAIRE
        text_prefix = ""
    else:
        if given is not None and given != questionnaire_id:
            f.fail("id", f'must be "{questionnaire_id}", the same as the file name, not {show(given)}')
        text_prefix = f"{QUESTIONNAIRES_DIR}.{questionnaire_id}."
    main = not text_prefix
    produces_budget = f.boolean("produces_budget", data.get("produces_budget", main))
    if main and not produces_budget:
        f.fail(
            "produces_budget",
            "must be true or left out: the self-assessment in questionnaire.yaml works out the budget",
        )
    if main and "money" in data:
        f.fail("money", "must be left out: the self-assessment uses the money rules in council.yaml")
    if not main and produces_budget and "money" not in data:
        f.fail(
            "money",
            "is missing: a questionnaire with produces_budget: true needs its own money rules "
            "(version and bands, and family_help if help from family or friends takes money off)",
        )
    if not main and not produces_budget and "money" in data:
        f.fail(
            "money",
            "must be left out, or produces_budget must be true: this questionnaire works out no budget",
        )
    sections_raw = f.mapping("sections", data["sections"], any_keys=True)
    questions_raw = f.mapping("questions", data["questions"], any_keys=True)
    if not sections_raw:
        f.fail("sections", "must list at least one section")

    section_of: dict[str, str] = {}
    sections = []
    for section_id, listed in sections_raw.items():
        key = f"sections.{section_id}"
        f.identifier(key, section_id)
        ids = f.id_list(key, listed)
        if not ids:
            f.fail(key, "must list at least one question")
        for qid in ids:
            if qid in section_of:
                f.fail(
                    key,
                    f'"{qid}" is already in section {section_of[qid]}; a question can be in one section only',
                )
            if qid not in questions_raw:
                f.fail(key, f'"{qid}" is not a question under questions')
            section_of[qid] = section_id
        sections.append(Section(id=section_id, question_ids=ids))
    for qid in questions_raw:
        f.identifier(f"questions.{qid}", qid)
        if qid not in section_of:
            f.fail(f"questions.{qid}", "is not in any section; add it to a list under sections")

    asked = [qid for section in sections for qid in section.question_ids]
    questions: dict[str, Question] = {}
    for qid in asked:
        questions[qid] = _question(f, qid, section_of[qid], questions_raw[qid], questions, asked)
        if questions[qid].scored and not produces_budget:
            f.fail(
                f"questions.{qid}.scored",
                "must be false or left out: this questionnaire works out no budget, "
                "so its answers have no points",
            )
    questionnaire = Questionnaire(
        sections=tuple(sections),
        questions=questions,
        id=questionnaire_id,
        text_prefix=text_prefix,
        produces_budget=produces_budget,
    )
    if not main and produces_budget:
        questionnaire = replace(questionnaire, money=_money(f, name, data["money"], questionnaire))
    return questionnaire


def _money(f: ContentFile, name: str, value: Any, questionnaire: Questionnaire) -> MoneyRules:
    """A questionnaire's own money rules: `version`, `bands` as in council.yaml, and an optional
    `family_help` as in council.yaml, naming questions of this questionnaire."""
    data = f.mapping("money", value, required=("version", "bands"), optional=("family_help",))
    if not questionnaire.scored_questions:
        f.fail("questions", "must have at least one question with scored: true, to give the budget points")
    family_help = None
    if "family_help" in data:
        raw = f.mapping(
            "money.family_help",
            data["family_help"],
            required=FAMILY_HELP_KEYS,
            optional=FAMILY_HELP_OPTIONAL_KEYS,
        )
        family_help = family_help_rule(raw, questionnaire, name, file=name, at="money.family_help")
    return MoneyRules(
        version=f.version("money.version", data["version"], example="example-carers-2026-1"),
        bands=bands(f, data["bands"], at="money.bands"),
        family_help=family_help,
    )


def _question(
    f: ContentFile, qid: str, section: str, raw: Any, earlier: dict[str, Question], asked: list[str]
) -> Question:
    key = f"questions.{qid}"
    data = f.mapping(
        key, raw, required=("kind",), optional=("scored", "options", "skip_when", "optional", "uses_answer")
    )
    kind = data["kind"]
    if kind not in QUESTION_KINDS:
        f.fail(f"{key}.kind", f"must be one of: {', '.join(QUESTION_KINDS)}, not {show(kind)}")
    scored = f.boolean(f"{key}.scored", data.get("scored", False))
    options: tuple[Option, ...] = ()
    if kind != "radios":
        if "options" in data:
            f.fail(f"{key}.options", f"must be left out: a {kind} question has no options")
        if scored:
            f.fail(f"{key}.scored", f"must be false: a {kind} question has no points")
    else:
        if "options" not in data:
            f.fail(f"{key}.options", "is missing")
        options = _options(f, f"{key}.options", data["options"], scored)
    optional = f.boolean(f"{key}.optional", data.get("optional", False))
    if optional and kind not in OPTIONAL_KINDS:
        f.fail(
            f"{key}.optional",
            f"must be false or left out: only a {' or '.join(OPTIONAL_KINDS)} question can be left empty, "
            f"not a {kind} question",
        )
    skip_when = None
    if "skip_when" in data:
        skip_when = _condition(f, f"{key}.skip_when", data["skip_when"], qid, earlier, asked)
    uses_answer = None
    if "uses_answer" in data:
        uses_answer = _uses_answer(f, f"{key}.uses_answer", data["uses_answer"], qid, earlier, asked)
    return Question(
        id=qid,
        section=section,
        kind=kind,
        options=options,
        skip_when=skip_when,
        scored=scored,
        optional=optional,
        uses_answer=uses_answer,
    )


def _uses_answer(
    f: ContentFile, key: str, value: Any, qid: str, earlier: dict[str, Question], asked: list[str]
) -> tuple[str, str]:
    """`uses_answer: {carer: carer_name}`: the question's words may use the answer to an earlier text
    question, as {carer}."""
    data = f.mapping(key, value, any_keys=True)
    if len(data) != 1:
        f.fail(key, "must name one placeholder and one question, like: {carer: carer_name}")
    placeholder, answer = next(iter(data.items()))
    if not isinstance(placeholder, str) or not ID_PATTERN.match(placeholder) or placeholder == "name":
        f.fail(
            key,
            f"{show(placeholder)} cannot be the placeholder: use lower-case letters, digits and _, "
            "and not name (that is the person the form is about)",
        )
    answer = f.identifier(f"{key}.{placeholder}", answer)
    if answer not in earlier:
        if answer == qid or answer in asked:
            f.fail(
                f"{key}.{placeholder}",
                f'must name a question asked before {qid}; "{answer}" is not asked before it',
            )
        f.fail(f"{key}.{placeholder}", f'"{answer}" is not a question in this file')
    if earlier[answer].kind != "text":
        f.fail(f"{key}.{placeholder}", f'"{answer}" must be a text question, whose answer is a name or words')
    return placeholder, answer


def _options(f: ContentFile, key: str, value: Any, scored: bool) -> tuple[Option, ...]:
    if scored:
        if isinstance(value, list):
            f.fail(key, "must give points for each option, like: some_help: {points: 3}")
        raw = f.mapping(key, value, any_keys=True)
        options: list[Option] = []
        for option_id, spec in raw.items():
            okey = f"{key}.{option_id}"
            f.identifier(okey, option_id)
            checked = f.mapping(okey, spec, required=("points",))
            points = f.whole_number(f"{okey}.points", checked["points"])
            if options and points < options[-1].points:
                f.fail(
                    f"{okey}.points",
                    "options must run from least to most help, so points cannot go "
                    f"down: {option_id} has {points} but {options[-1].id} before it has {options[-1].points}",
                )
            options.append(Option(id=option_id, points=points))
    else:
        if isinstance(value, dict):
            f.fail(
                key,
                "must be a plain list of option ids, because this question has no points "
                "(add scored: true to give its options points)",
            )
        options = [Option(id=option_id, points=0) for option_id in f.id_list(key, value)]
    if len(options) < 2:
        f.fail(key, "must have at least 2 options")
    return tuple(options)


def _condition(
    f: ContentFile, key: str, value: Any, qid: str, earlier: dict[str, Question], asked: list[str]
) -> Condition:
    data = f.mapping(key, value, required=("answer",), optional=CONDITION_OPERATORS)
    ops = [op for op in CONDITION_OPERATORS if op in data]
    if len(ops) != 1:
        f.fail(key, f"must have exactly one of: {', '.join(CONDITION_OPERATORS)}")
    op = ops[0]
    answer = f.identifier(f"{key}.answer", data["answer"])
    if answer not in earlier:
        if answer == qid or answer in asked:
            f.fail(
                f"{key}.answer", f'must name a question asked before {qid}; "{answer}" is not asked before it'
            )
        f.fail(f"{key}.answer", f'"{answer}" is not a question in this file')
    source = earlier[answer]
    if source.kind != "radios":
        f.fail(f"{key}.answer", f'"{answer}" has no options, so it cannot be used to skip a question')
    values: tuple[str, ...]
    if op == "equals":
        values = (f.identifier(f"{key}.{op}", data[op]),)
    else:
        values = f.id_list(f"{key}.{op}", data[op])
        if not values:
            f.fail(f"{key}.{op}", "must list at least one option")
    for option_id in values:
        if option_id not in source.option_ids:
            f.fail(
                f"{key}.{op}",
                f'"{option_id}" is not an option of {answer} '
                f"(its options are: {', '.join(source.option_ids)})",
            )
    return Condition(answer=answer, op=op, values=values)
