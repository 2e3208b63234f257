"""Read and check the council's content files.

`load_config(content_dir)` reads `council.yaml`, `questionnaire.yaml`,
`prices.yaml` and every `text/<language>.yaml`, checks them, and returns a `Config`. The first
problem found stops loading with a `ConfigError` that names the file, the
setting and what is wrong, in words a council officer can act on.

The YAML reader is deliberately plain: only `true` and `false` are yes/no
values (so option ids `yes` and `no` stay words), whole numbers stay whole,
numbers with a point become `Decimal` (never float), dates stay text, and a
setting given twice is reported instead of silently keeping the last one.
"""

from __future__ import annotations

import re
import string
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from portal.ras.model import (
    COMPLIANCE_LEVELS,
    FREQUENCIES,
    MANAGEMENT_WAYS,
    QUESTION_KINDS,
    AccessibilityStatement,
    Band,
    Condition,
    Config,
    ConfigError,
    Council,
    FamilyHelpRule,
    Option,
    PriceItem,
    PriceList,
    Question,
    Questionnaire,
    Section,
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
TEXT_KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
PLACEHOLDER_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")

COUNCIL_FILE = "council.yaml"
QUESTIONNAIRE_FILE = "questionnaire.yaml"
PRICES_FILE = "prices.yaml"
TEXT_DIR = "text"
ENGLISH = "en"

# The skip-rule operators, as they are written in questionnaire.yaml.
CONDITION_OPERATORS = ("equals", "in", "not_in")

# Text every question, option and section needs, in each language.
QUESTION_TEXTS = ("title.self", "title.other", "hint.self", "hint.other", "error.self", "error.other", "why")
SCORED_QUESTION_TEXTS = ("area",)
OPTION_TEXTS = ("label.self", "label.other", "hint.self", "hint.other")
QUESTION_PLACEHOLDERS = frozenset({"name"})

# Support plan text: each price item, each way of managing the money, and the plan messages.
# The value is the set of {placeholders} the text must use (and the only ones it may use).
PRICE_TEXTS = {"name": set(), "hint": set()}
PRICED_ITEM_TEXTS = {"price": {"amount"}, "quantity": set(), "units": set(),
                     "count_one": {"quantity"}, "count_other": {"quantity"}}
MANAGEMENT_TEXTS = {"label.self": set(), "label.other": {"name"}, "hint.self": set(), "hint.other": {"name"}}
PLAN_TEXTS = {
    "plan.tolerance.within": {"amount"},
    "plan.tolerance.above": {"amount"},
    "plan.tolerance.below": {"amount"},
    "plan.tolerance.talk": set(),
    "plan.panel.budget": {"amount"},
    "plan.panel.plan": {"amount"},
}


# --- a small, strict YAML reader -------------------------------------------

class _Mapping(dict):
    """A YAML mapping that remembers keys given more than once."""

    duplicates: list[tuple[Any, int]]


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789."))


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    return int(loader.construct_scalar(node))


def _construct_decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):
    data = _Mapping()
    data.duplicates = []
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a setting's name must be a single word", key_node.start_mark) from None
        value = loader.construct_object(value_node, deep=True)
        if key in data:
            data.duplicates.append((key, key_node.start_mark.line + 1))
        data[key] = value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _read_yaml(content_dir: Path, relative: str) -> Any:
    path = content_dir / relative
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(relative, "", "this file is missing") from None
    except UnicodeDecodeError:
        raise ConfigError(relative, "", "this file must be saved as UTF-8 text") from None
    except OSError as error:
        raise ConfigError(relative, "", f"this file cannot be read ({error.strerror})") from None
    try:
        data = yaml.load(source, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"line {mark.line + 1}" if mark is not None else ""
        problem = (error.problem or error.context or "unreadable").strip()
        raise ConfigError(
            relative, line,
            f"this is not valid YAML ({problem}); check the spaces at the start of the line "
            "and that each setting has a colon") from None
    except yaml.YAMLError as error:
        raise ConfigError(relative, "", f"this is not valid YAML ({error})") from None
    if data is None:
        raise ConfigError(relative, "", "this file is empty")
    return data


# --- helpers that check one value and name it in the error -----------------

def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a set of settings"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _join(key: str, part: object) -> str:
    return f"{key}.{part}" if key else str(part)


class _File:
    """Checks values from one file, raising ConfigError with that file's name."""

    def __init__(self, name: str):
        self.name = name

    def fail(self, key: str, problem: str) -> None:
        raise ConfigError(self.name, key, problem)

    def mapping(self, key: str, value: Any, required: tuple[str, ...] = (),
                optional: tuple[str, ...] = (), *, any_keys: bool = False) -> dict:
        if not isinstance(value, dict):
            self.fail(key, f"must be a set of settings (name: value), not {_show(value)}")
        for duplicate, line in getattr(value, "duplicates", []):
            self.fail(_join(key, duplicate), f"is given more than once (again on line {line}); "
                                             "each one needs its own name")
        for name in value:
            if not isinstance(name, str):
                self.fail(_join(key, name), "must be a word, not a number or true/false; "
                                            "put it in quotes if you need it")
        if not any_keys:
            known = required + optional
            for name in value:
                if name not in known:
                    self.fail(_join(key, name), "is not a setting we know; check the spelling "
                                                f"(it can be: {', '.join(known)})")
        for name in required:
            if name not in value:
                self.fail(_join(key, name), "is missing")
        return value

    def identifier(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.fail(key, "must be an id made of lower-case letters, digits and _, "
                           f"starting with a letter, not {_show(value)}")
        return value

    def text(self, key: str, value: Any) -> str:
        if not isinstance(value, str):
            self.fail(key, f"must be text, not {_show(value)}; put it in quotes")
        if not value.strip():
            self.fail(key, "must not be empty")
        return value

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {_show(value)}")
        return value

    def whole_number(self, key: str, value: Any, *, minimum: int = 0, what: str = "a whole number",
                     example: str = "") -> int:
        if type(value) is not int or value < minimum:
            self.fail(key, f"must be {what} of {minimum} or more{example}, not {_show(value)}")
        return value

    def number(self, key: str, value: Any, *, low: int, high: int, what: str) -> Decimal:
        if type(value) is int:
            value = Decimal(value)
        if not isinstance(value, Decimal) or not value.is_finite() or not low <= value <= high:
            self.fail(key, f"must be {what} from {low} to {high}, not {_show(value)}")
        return value

    def id_list(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(key, f"must be a list, not {_show(value)}")
        seen: set[str] = set()
        for index, item in enumerate(value, start=1):
            self.identifier(_join(key, index), item)
            if item in seen:
                self.fail(key, f'"{item}" is listed more than once')
            seen.add(item)
        return tuple(value)


# --- council.yaml ----------------------------------------------------------

def _load_council_file(content_dir: Path) -> dict:
    f = _File(COUNCIL_FILE)
    data = f.mapping("", _read_yaml(content_dir, COUNCIL_FILE), required=(
        "version", "council", "bands", "family_help", "tolerance_percent",
        "panel_weekly_pence", "weeks_per_year", "accessibility"))
    version = data["version"]
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        f.fail("version", "must be a short name made of letters, digits, - _ and . "
                          f"(like example-2026-1), not {_show(version)}; put it in quotes")
    return {
        "version": version,
        "council": _council(f, data["council"]),
        "bands": _bands(f, data["bands"]),
        "family_help": f.mapping("family_help", data["family_help"], required=(
            "help_question", "continues_question", "reduction_percent", "continues_factor",
            "carer_assessment_when")),
        "tolerance_percent": f.number("tolerance_percent", data["tolerance_percent"],
                                      low=0, high=100, what="a percent"),
        "panel_weekly_pence": f.whole_number("panel_weekly_pence", data["panel_weekly_pence"],
                                             minimum=1, what="a whole number of pence",
                                             example=" (60000 means £600.00)"),
        "weeks_per_year": _weeks(f, data["weeks_per_year"]),
        "accessibility": _accessibility(f, data["accessibility"]),
    }


def _date(f: _File, key: str, value: Any) -> date:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    f.fail(key, f"must be a date written year-month-day, like 2026-12-01, not {_show(value)}")
    raise AssertionError("unreachable")  # f.fail raises


def _accessibility(f: _File, value: Any) -> AccessibilityStatement:
    data = f.mapping("accessibility", value, required=(
        "compliance", "known_issues", "prepared", "reviewed", "tested", "reply_working_days"))
    compliance = data["compliance"]
    if compliance not in COMPLIANCE_LEVELS:
        f.fail("accessibility.compliance", f"must be one of {', '.join(COMPLIANCE_LEVELS)}, not {_show(compliance)}")
    issues = f.id_list("accessibility.known_issues", data["known_issues"])
    if compliance != "fully" and not issues:
        f.fail("accessibility.known_issues", "must list what does not meet the standard, "
                                             f"as compliance is {compliance}")
    prepared = _date(f, "accessibility.prepared", data["prepared"])
    reviewed = _date(f, "accessibility.reviewed", data["reviewed"])
    if reviewed < prepared:
        f.fail("accessibility.reviewed", "must be on or after the date the statement was prepared")
    return AccessibilityStatement(
        compliance=compliance, known_issues=issues, prepared=prepared, reviewed=reviewed,
        tested=_date(f, "accessibility.tested", data["tested"]),
        reply_working_days=f.whole_number("accessibility.reply_working_days", data["reply_working_days"],
                                          minimum=1, what="a whole number of working days"))


def _council(f: _File, value: Any) -> Council:
    fields = ("id", "name", "demo", "phone", "email", "address", "website")
    data = f.mapping("council", value, required=fields)
    email = f.text("council.email", data["email"])
    if "@" not in email or " " in email.strip():
        f.fail("council.email", f"must be an email address, not {_show(email)}")
    website = f.text("council.website", data["website"])
    if not website.startswith(("https://", "http://")):
        f.fail("council.website", f"must be a web address starting with https://, not {_show(website)}")
    return Council(
        id=f.identifier("council.id", data["id"]),
        name=f.text("council.name", data["name"]),
        demo=f.boolean("council.demo", data["demo"]),
        phone=f.text("council.phone", data["phone"]),
        email=email,
        address=f.text("council.address", data["address"]),
        website=website,
    )


def _bands(f: _File, value: Any) -> tuple[Band, ...]:
    if not isinstance(value, list) or not value:
        f.fail("bands", f"must be a list of at least one band, not {_show(value)}")
    bands = []
    previous = 0
    for number, item in enumerate(value, start=1):
        key = f"bands.{number}"
        last = number == len(value)
        data = f.mapping(key, item, required=("pence_per_point",), optional=("up_to",))
        pence = f.whole_number(f"{key}.pence_per_point", data["pence_per_point"],
                               what="a whole number of pence", example=" (600 means £6.00)")
        up_to = data.get("up_to")
        if up_to is None:
            if not last:
                f.fail(f"{key}.up_to", "is missing; only the last band can have no upper limit")
        else:
            if last:
                f.fail(f"{key}.up_to", "must be left out: the last band has no upper limit, "
                                       "so every point has a price")
            if type(up_to) is not int or up_to <= previous:
                f.fail(f"{key}.up_to", f"must be a whole number more than the band before it "
                                       f"({previous}), not {_show(up_to)}")
            previous = up_to
        bands.append(Band(up_to=up_to, pence_per_point=pence))
    return tuple(bands)


def _weeks(f: _File, value: Any) -> int:
    if type(value) is not int or not 1 <= value <= 53:
        f.fail("weeks_per_year", f"must be a whole number from 1 to 53 (usually 52), not {_show(value)}")
    return value


def _family_help(f: _File, data: dict, questionnaire: Questionnaire) -> FamilyHelpRule:
    def radios_question(key: str) -> Question:
        qid = f.identifier(f"family_help.{key}", data[key])
        question = questionnaire.questions.get(qid)
        if question is None:
            f.fail(f"family_help.{key}", f'"{qid}" is not a question in {QUESTIONNAIRE_FILE}')
        if question.kind != "radios" or question.scored:
            f.fail(f"family_help.{key}", f'"{qid}" must be a question with options and scored: false, '
                                         "so its answers do not also add points")
        return question

    help_q = radios_question("help_question")
    continues_q = radios_question("continues_question")
    if help_q.id == continues_q.id:
        f.fail("family_help.continues_question", "must be a different question from help_question")

    def table(key: str, question: Question, low: int, high: int, what: str) -> dict[str, Decimal]:
        raw = f.mapping(f"family_help.{key}", data[key], any_keys=True)
        for option_id in raw:
            if option_id not in question.option_ids:
                f.fail(f"family_help.{key}.{option_id}",
                       f"is not an answer to {question.id} "
                       f"(its answers are: {', '.join(question.option_ids)})")
        result = {}
        for option_id in question.option_ids:
            if option_id not in raw:
                f.fail(f"family_help.{key}.{option_id}",
                       f"is missing; give a value for every answer to {question.id}")
            result[option_id] = f.number(f"family_help.{key}.{option_id}", raw[option_id],
                                         low=low, high=high, what=what)
        return result

    reduction = table("reduction_percent", help_q, 0, 100, "a percent")
    factor = table("continues_factor", continues_q, 0, 1,
                   "a share (1 = the full reduction, 0.5 = half of it, 0 = none)")
    when = f.id_list("family_help.carer_assessment_when", data["carer_assessment_when"])
    for index, option_id in enumerate(when, start=1):
        if option_id not in continues_q.option_ids:
            f.fail(f"family_help.carer_assessment_when.{index}",
                   f'"{option_id}" is not an answer to {continues_q.id} '
                   f"(its answers are: {', '.join(continues_q.option_ids)})")
    return FamilyHelpRule(help_question=help_q.id, continues_question=continues_q.id,
                          reduction_percent=reduction, continues_factor=factor,
                          carer_assessment_when=when)


# --- questionnaire.yaml ----------------------------------------------------

def _load_questionnaire(content_dir: Path) -> Questionnaire:
    f = _File(QUESTIONNAIRE_FILE)
    data = f.mapping("", _read_yaml(content_dir, QUESTIONNAIRE_FILE), required=("sections", "questions"))
    sections_raw = f.mapping("sections", data["sections"], any_keys=True)
    questions_raw = f.mapping("questions", data["questions"], any_keys=True)
    if not sections_raw:
        f.fail("sections", "must list at least one section")

    section_of: dict[str, str] = {}
    sections = []
    for section_id, ids in sections_raw.items():
        key = f"sections.{section_id}"
        f.identifier(key, section_id)
        ids = f.id_list(key, ids)
        if not ids:
            f.fail(key, "must list at least one question")
        for qid in ids:
            if qid in section_of:
                f.fail(key, f'"{qid}" is already in section {section_of[qid]}; '
                            "a question can be in one section only")
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
    return Questionnaire(sections=tuple(sections), questions=questions)


def _question(f: _File, qid: str, section: str, raw: Any, earlier: dict[str, Question],
              asked: list[str]) -> Question:
    key = f"questions.{qid}"
    data = f.mapping(key, raw, required=("kind",), optional=("scored", "options", "skip_when"))
    kind = data["kind"]
    if kind not in QUESTION_KINDS:
        f.fail(f"{key}.kind", f"must be one of: {', '.join(QUESTION_KINDS)}, not {_show(kind)}")
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
    skip_when = None
    if "skip_when" in data:
        skip_when = _condition(f, f"{key}.skip_when", data["skip_when"], qid, earlier, asked)
    return Question(id=qid, section=section, kind=kind, options=options, skip_when=skip_when, scored=scored)


def _options(f: _File, key: str, value: Any, scored: bool) -> tuple[Option, ...]:
    if scored:
        if isinstance(value, list):
            f.fail(key, "must give points for each option, like: some_help: {points: 3}")
        raw = f.mapping(key, value, any_keys=True)
        options = []
        for option_id, spec in raw.items():
            okey = f"{key}.{option_id}"
            f.identifier(okey, option_id)
            spec = f.mapping(okey, spec, required=("points",))
            points = f.whole_number(f"{okey}.points", spec["points"])
            if options and points < options[-1].points:
                f.fail(f"{okey}.points", "options must run from least to most help, so points cannot go "
                                         f"down: {option_id} has {points} but {options[-1].id} before it "
                                         f"has {options[-1].points}")
            options.append(Option(id=option_id, points=points))
    else:
        if isinstance(value, dict):
            f.fail(key, "must be a plain list of option ids, because this question has no points "
                        "(add scored: true to give its options points)")
        options = [Option(id=option_id, points=0) for option_id in f.id_list(key, value)]
    if len(options) < 2:
        f.fail(key, "must have at least 2 options")
    return tuple(options)


def _condition(f: _File, key: str, value: Any, qid: str, earlier: dict[str, Question],
               asked: list[str]) -> Condition:
    data = f.mapping(key, value, required=("answer",), optional=CONDITION_OPERATORS)
    ops = [op for op in CONDITION_OPERATORS if op in data]
    if len(ops) != 1:
        f.fail(key, f"must have exactly one of: {', '.join(CONDITION_OPERATORS)}")
    op = ops[0]
    answer = f.identifier(f"{key}.answer", data["answer"])
    if answer not in earlier:
        if answer == qid or answer in asked:
            f.fail(f"{key}.answer",
                   f'must name a question asked before {qid}; "{answer}" is not asked before it')
        f.fail(f"{key}.answer", f'"{answer}" is not a question in this file')
    source = earlier[answer]
    if source.kind != "radios":
        f.fail(f"{key}.answer", f'"{answer}" has no options, so it cannot be used to skip a question')
    if op == "equals":
        values = (data[op],)
        f.identifier(f"{key}.{op}", data[op])
    else:
        values = f.id_list(f"{key}.{op}", data[op])
        if not values:
            f.fail(f"{key}.{op}", "must list at least one option")
    for option_id in values:
        if option_id not in source.option_ids:
            f.fail(f"{key}.{op}", f'"{option_id}" is not an option of {answer} '
                                  f"(its options are: {', '.join(source.option_ids)})")
    return Condition(answer=answer, op=op, values=tuple(values))


# --- prices.yaml -----------------------------------------------------------

def _load_prices(content_dir: Path) -> PriceList:
    f = _File(PRICES_FILE)
    data = f.mapping("", _read_yaml(content_dir, PRICES_FILE), required=("version", "limits", "items"))
    version = data["version"]
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        f.fail("version", "must be a short name made of letters, digits, - _ and . "
                          f"(like example-prices-2026-27), not {_show(version)}; put it in quotes")
    limits = f.mapping("limits", data["limits"], required=("item_pence", "quantity"))
    item_limit = f.whole_number("limits.item_pence", limits["item_pence"], minimum=1,
                                what="a whole number of pence", example=" (5000000 means £50,000.00)")
    quantity_limit = f.whole_number("limits.quantity", limits["quantity"], minimum=1)
    raw_items = f.mapping("items", data["items"], any_keys=True)
    if not raw_items:
        f.fail("items", "must list at least one item")
    items: dict[str, PriceItem] = {}
    for item_id, spec in raw_items.items():
        key = f"items.{item_id}"
        f.identifier(key, item_id)
        spec = f.mapping(key, spec, optional=("price_pence", "own_cost", "how_often"))
        own_cost = f.boolean(f"{key}.own_cost", spec.get("own_cost", False))
        if own_cost == ("price_pence" in spec):
            f.fail(key, "must have either price_pence (the price of one unit) or own_cost: true "
                        "(the person says what it costs), and not both")
        price = None
        if not own_cost:
            price = f.whole_number(f"{key}.price_pence", spec["price_pence"], minimum=1,
                                   what="a whole number of pence", example=" (1650 means £16.50)")
            if price > item_limit:
                f.fail(f"{key}.price_pence", f"is more than limits.item_pence ({item_limit}), "
                                             "so nobody could choose it")
        frequencies = FREQUENCIES
        if "how_often" in spec:
            chosen = f.id_list(f"{key}.how_often", spec["how_often"])
            if not chosen:
                f.fail(f"{key}.how_often", "must list at least one way; leave it out to offer all of them")
            for frequency in chosen:
                if frequency not in FREQUENCIES:
                    f.fail(f"{key}.how_often", f'"{frequency}" is not a way to pay '
                                               f"(it can be: {', '.join(FREQUENCIES)})")
            frequencies = tuple(fr for fr in FREQUENCIES if fr in chosen)
        items[item_id] = PriceItem(id=item_id, price_pence=price, frequencies=frequencies)
    return PriceList(version=version, items=items, item_limit_pence=item_limit, quantity_limit=quantity_limit)


# --- text/<language>.yaml --------------------------------------------------

def _flatten(f: _File, key: str, value: Any, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        f.mapping(key, value, any_keys=True)
        for name, item in value.items():
            if not TEXT_KEY_PATTERN.match(name):
                f.fail(_join(key, name), "text names must be lower-case letters, digits and _")
            _flatten(f, _join(key, name), item, out)
    else:
        if value is None:
            f.fail(key, "is empty; write the text or remove the line")
        out[key] = f.text(key, value)


def placeholders(text: str) -> frozenset[str] | None:
    """The {names} in a text, or None when its braces are not well formed."""
    names = set()
    try:
        for _literal, field, conversion, spec in string.Formatter().parse(text):
            if field is None:
                continue
            if not PLACEHOLDER_PATTERN.match(field) or conversion or spec:
                return None
            names.add(field)
    except ValueError:
        return None
    return frozenset(names)


def _show_placeholders(names: frozenset[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names)) or "none"


def _load_texts(content_dir: Path) -> dict[str, dict[str, str]]:
    folder = content_dir / TEXT_DIR
    english_file = f"{TEXT_DIR}/{ENGLISH}.yaml"
    if not (folder / f"{ENGLISH}.yaml").is_file():
        raise ConfigError(english_file, "", "this file is missing")
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.yaml"), key=lambda p: (p.stem != ENGLISH, p.stem)):
        name = f"{TEXT_DIR}/{path.name}"
        if not LANGUAGE_PATTERN.match(path.stem):
            raise ConfigError(name, "", "the file name must be a language code, like cy.yaml")
        f = _File(name)
        flat: dict[str, str] = {}
        data = _read_yaml(content_dir, name)
        f.mapping("", data, any_keys=True)
        _flatten(f, "", data, flat)
        for key, text in flat.items():
            if placeholders(text) is None:
                f.fail(key, "has a { or } that is not part of a {placeholder} like {name}; "
                            "to show a brace, write {{ or }}")
        texts[path.stem] = flat
    return texts


def _plan_texts(prices: PriceList) -> dict[str, set[str]]:
    """Every support plan text key English needs, with the {placeholders} it must use."""
    needed: dict[str, set[str]] = {}
    for item in prices.items.values():
        names = PRICE_TEXTS | ({} if item.own_cost else PRICED_ITEM_TEXTS)
        needed.update({f"prices.{item.id}.{name}": want for name, want in names.items()})
    for way in MANAGEMENT_WAYS:
        needed.update({f"plan.management.{way}.{name}": want for name, want in MANAGEMENT_TEXTS.items()})
    needed.update(PLAN_TEXTS)
    return needed


def _check_plan_texts(texts: dict[str, str], prices: PriceList) -> None:
    f = _File(f"{TEXT_DIR}/{ENGLISH}.yaml")
    needed = _plan_texts(prices)
    for key, want in needed.items():
        if key not in texts:
            f.fail(key, "is missing; every price list item and support plan message needs this text")
        got = placeholders(texts[key])
        if got != want:
            f.fail(key, f"must use the placeholders {_show_placeholders(frozenset(want))}, "
                        f"not {_show_placeholders(got)}")
    for key in texts:
        if key.startswith(("prices.", "plan.")) and key not in needed:
            f.fail(key, f"is not a text the support plan uses; check the spelling, or the item id in {PRICES_FILE}")


def _check_english(texts: dict[str, str], questionnaire: Questionnaire) -> None:
    f = _File(f"{TEXT_DIR}/{ENGLISH}.yaml")
    needed = ["council.name"]
    for section in questionnaire.sections:
        needed.append(f"sections.{section.id}.title")
    for question in questionnaire.questions.values():
        names = QUESTION_TEXTS + (SCORED_QUESTION_TEXTS if question.scored else ())
        needed.extend(f"questions.{question.id}.{name}" for name in names)
        for option in question.options:
            needed.extend(f"options.{question.id}.{option.id}.{name}" for name in OPTION_TEXTS)
    for key in needed:
        if key not in texts:
            f.fail(key, "is missing; every question, option and section needs this text")
    for key, text in texts.items():
        if key.startswith(("questions.", "options.")):
            unknown = placeholders(text) - QUESTION_PLACEHOLDERS
            if unknown:
                f.fail(key, f"can only use the placeholder {{name}} here, not {_show_placeholders(unknown)}")
    for question in questionnaire.questions.values():
        key = f"questions.{question.id}.title.other"
        if "name" not in placeholders(texts[key]):
            f.fail(key, "must include {name}, the name of the person the form is about")


ACCESSIBILITY_ISSUE_TEXTS = ("what", "criterion", "fix")


def _check_accessibility_texts(texts: dict[str, str], statement: AccessibilityStatement) -> None:
    f = _File(f"{TEXT_DIR}/{ENGLISH}.yaml")
    needed = ["accessibility.tested_by"] + [f"accessibility.known_issues.{issue}.{name}"
                                             for issue in statement.known_issues for name in ACCESSIBILITY_ISSUE_TEXTS]
    for key in needed:
        if key not in texts:
            f.fail(key, f"is missing; each known accessibility problem in {COUNCIL_FILE} needs this text")
    for key in texts:
        if key.startswith("accessibility.") and key not in needed:
            f.fail(key, f"is not a text the accessibility statement uses; check it is listed in {COUNCIL_FILE}")


def _check_other_languages(texts: dict[str, dict[str, str]]) -> None:
    english = texts[ENGLISH]
    for lang, flat in texts.items():
        if lang == ENGLISH:
            continue
        f = _File(f"{TEXT_DIR}/{lang}.yaml")
        for key in english:
            if key not in flat:
                f.fail(key, f"is missing; every language needs the same texts as {TEXT_DIR}/{ENGLISH}.yaml")
        for key in flat:
            if key not in english:
                f.fail(key, f"is not in {TEXT_DIR}/{ENGLISH}.yaml; remove it, or add it to English first")
        for key, text in flat.items():
            want, got = placeholders(english[key]), placeholders(text)
            if want != got:
                f.fail(key, f"must use the same {{placeholders}} as {TEXT_DIR}/{ENGLISH}.yaml "
                            f"({_show_placeholders(want)}), not {_show_placeholders(got)}")


# --- all together ----------------------------------------------------------

def load_config(content_dir: Path | str) -> Config:
    """Read and check every content file. Raises ConfigError on the first problem."""
    content_dir = Path(content_dir)
    council = _load_council_file(content_dir)
    questionnaire = _load_questionnaire(content_dir)
    family_help = _family_help(_File(COUNCIL_FILE), council["family_help"], questionnaire)
    from portal.ras.disagreement_loader import check_disagreement_texts, load_disagreement

    disagreement = load_disagreement(content_dir)
    prices = _load_prices(content_dir)
    texts = _load_texts(content_dir)
    _check_english(texts[ENGLISH], questionnaire)
    _check_accessibility_texts(texts[ENGLISH], council["accessibility"])
    check_disagreement_texts(texts[ENGLISH], disagreement)
    _check_plan_texts(texts[ENGLISH], prices)
    _check_other_languages(texts)
    return Config(
        version=council["version"],
        council=council["council"],
        questionnaire=questionnaire,
        bands=council["bands"],
        family_help=family_help,
        tolerance_percent=council["tolerance_percent"],
        panel_weekly_pence=council["panel_weekly_pence"],
        weeks_per_year=council["weeks_per_year"],
        texts=texts,
        prices=prices,
        disagreement=disagreement,
        accessibility=council["accessibility"],
    )
