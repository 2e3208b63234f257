"""transparency.yaml: the date the council's rules came in, the worked example on the public rules page,
and the council's own words for its algorithmic transparency record (`portal.ras.transparency`).

It is read after the other files: the version it names must be council.yaml's, and the worked example must
be a complete set of answers to the questionnaire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from portal.ras import transparency
from portal.ras.loading.yaml_files import ContentFile, join_key, read_yaml
from portal.ras.model import Config
from portal.ras.routing import first_unanswered, valid_answer

TRANSPARENCY_FILE = "transparency.yaml"


@dataclass(frozen=True)
class RulesVersion:
    """One version of the council's rules, the day it came in, and the id of its words (in
    text/<lang>.yaml, under `rules_changes.<words>`) that say what it changed."""

    version: str
    came_in: date
    words: str


@dataclass(frozen=True)
class Openness:
    rules_version: str  # council.yaml's version ...
    rules_from: date  # ... and the day it came in
    history: tuple[
        RulesVersion, ...
    ]  # every version, the one in use first, then the earlier ones, newest first
    worked_example: dict[str, str]  # complete answers, by question id
    record: transparency.Record  # as the council wrote it: the fields from other content are not in it


def load_openness(content_dir: Path, config: Config) -> Openness:
    f = ContentFile(TRANSPARENCY_FILE)
    data = f.mapping(
        "", read_yaml(content_dir, TRANSPARENCY_FILE), required=("rules", "worked_example", "record")
    )
    rules = f.mapping(
        "rules", data["rules"], required=("version", "from", "what_changed"), optional=("earlier",)
    )
    version = f.version("rules.version", rules["version"], example=config.version)
    if version != config.version:
        f.fail(
            "rules.version",
            f'is "{version}" but the rules in council.yaml are version "{config.version}"; '
            "when the rules change, put the new version here with the date it came in",
        )
    came_in = f.date("rules.from", rules["from"])
    history = _history(f, rules, version, came_in, config)
    return Openness(
        rules_version=version,
        rules_from=came_in,
        history=history,
        worked_example=_worked_example(f, data["worked_example"], config),
        record=_record(f, data["record"]),
    )


def _history(
    f: ContentFile, rules: dict[str, Any], version: str, came_in: date, config: Config
) -> tuple[RulesVersion, ...]:
    """The rules in use, then each earlier version (newest first): each came in before the one after it,
    each version once, and each with its words in English (the other languages are checked with all texts)."""
    found = [RulesVersion(version, came_in, f.identifier("rules.what_changed", rules["what_changed"]))]
    earlier = rules.get("earlier", [])
    if not isinstance(earlier, list):
        f.fail("rules.earlier", "must be a list of the earlier versions, newest first")
    for index, raw in enumerate(earlier, start=1):
        key = join_key("rules.earlier", index)
        entry = f.mapping(key, raw, required=("version", "from", "what_changed"))
        older = RulesVersion(
            f.version(join_key(key, "version"), entry["version"], example=config.version),
            f.date(join_key(key, "from"), entry["from"]),
            f.identifier(join_key(key, "what_changed"), entry["what_changed"]),
        )
        if any(older.version == seen.version for seen in found):
            f.fail(join_key(key, "version"), f'"{older.version}" is listed more than once')
        if older.came_in >= found[-1].came_in:
            f.fail(
                join_key(key, "from"),
                f"must be before {found[-1].came_in.isoformat()}, the day the version after it came in: "
                "list the earlier versions newest first",
            )
        found.append(older)
    english = config.texts.get("en", {})
    for index, version_entry in enumerate(found):
        text_key = f"rules_changes.{version_entry.words}"
        if text_key not in english:
            where = (
                "rules.what_changed"
                if index == 0
                else join_key(join_key("rules.earlier", index), "what_changed")
            )
            f.fail(
                where, f"names words that are not in text/en.yaml: add {text_key} there, saying what changed"
            )
    return tuple(found)


def _worked_example(f: ContentFile, raw: Any, config: Config) -> dict[str, str]:
    q = config.questionnaire
    answers = f.mapping("worked_example", raw, optional=tuple(q.questions))
    for qid, value in answers.items():
        key = join_key("worked_example", qid)
        if valid_answer(q.questions[qid], value) is None:
            shown = ", ".join(q.questions[qid].option_ids) or "a date written year-month-day, in quotes"
            f.fail(key, f"is not an answer to this question (it can be: {shown})")
    missing = first_unanswered(q, answers)
    if missing is not None:
        f.fail(
            join_key("worked_example", missing),
            "is missing: the worked example on the rules page needs an answer to every question "
            "asked; add one here",
        )
    return dict(answers)


def _record(f: ContentFile, raw: Any) -> transparency.Record:
    written = tuple(
        field.attribute for field in transparency.SINGLE if field.attribute not in transparency.FROM_CONTENT
    )
    groups = tuple(transparency.GROUPS)
    record = f.mapping("record", raw, required=("published", "updated", *written, *groups))
    values = {name: f.text(join_key("record", name), record[name]).strip() for name in written}
    entries: dict[str, tuple[dict[str, str], ...]] = {}
    for group in groups:
        key = join_key("record", group)
        items = record[group]
        if not isinstance(items, list):
            f.fail(key, "must be a list (write [] when there are none)")
        members = tuple(
            m.attribute for m in transparency.GROUPS[group] if m.attribute != transparency.MODEL_VERSION
        )
        found = []
        for number, item in enumerate(items, start=1):
            entry = f.mapping(join_key(key, number), item, required=members)
            found.append(
                {name: f.text(join_key(join_key(key, number), name), entry[name]).strip() for name in members}
            )
        entries[group] = tuple(found)
    for group in ("models", "risks"):
        if not entries[group]:
            f.fail(join_key("record", group), "must list at least one")
    published = f.date("record.published", record["published"])
    updated = f.date("record.updated", record["updated"])
    if updated < published:
        f.fail("record.updated", "must be on or after record.published")
    return transparency.Record(published=published, updated=updated, values=values, groups=entries)
