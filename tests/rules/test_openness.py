"""The open rules in the rules layer: transparency.yaml checked on load (each mistake names the file, the
setting and the problem), the public summary of the rules with its worked example, and the transparency
record's field list (ATRS 3.0) and exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.ras import ConfigError, calculate, transparency
from portal.ras.loading.openness import TRANSPARENCY_FILE, load_openness
from portal.ras.open_rules import BandRule, open_rules
from tests.examples import WORKED_EXAMPLE

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def broken(content: Path, config, old: str, new: str) -> ConfigError:
    path = content / TRANSPARENCY_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_openness(content, config)
    assert caught.value.file == TRANSPARENCY_FILE
    return caught.value


def test_the_demo_file_loads(demo_config):
    loaded = load_openness(CONTENT, demo_config)
    assert loaded.rules_version == demo_config.version
    assert loaded.rules_from.isoformat() == "2026-12-01"
    assert loaded.worked_example == WORKED_EXAMPLE
    assert [(v.version, v.came_in.isoformat(), v.words) for v in loaded.history] == [
        ("example-2026-1", "2026-12-01", "example_2026_1"),
        ("example-2025-1", "2025-04-07", "example_2025_1"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            "  version: example-2026-1",
            "  version: example-2025-9",
            "rules.version",
            "council.yaml are version",
        ),
        ("  from: 2026-12-01", "  from: 2026-13-01", "rules.from", "must be a date"),
        ("  nutrition: daily_help", "  nutrition: lots", "worked_example.nutrition", "is not an answer"),
        ("  toilet: some_help\n", "", "worked_example.toilet", "is missing"),
        (
            "  living_situation: alone",
            "  living_situation: alone\n  shoe_size: nine",
            "worked_example.shoe_size",
            "is not a setting we know",
        ),
        ("  team: Adult Social Care, Personalisation Team\n", "", "record.team", "is missing"),
        ("  third_parties: []", "  third_parties: none", "record.third_parties", "must be a list"),
        ("  phase: Production", "  phase: 3", "record.phase", "must be text"),
        ("      risk_category: Fairness\n", "", "record.risks.1.risk_category", "is missing"),
        ("  updated: 2026-12-01", "  updated: 2026-11-01", "record.updated", "on or after"),
        ("      from: 2025-04-07", "      from: 2026-12-01", "rules.earlier.1.from", "newest first"),
        (
            "    - version: example-2025-1",
            "    - version: example-2026-1",
            "rules.earlier.1.version",
            "more than once",
        ),
        (
            "  what_changed: example_2026_1",
            "  what_changed: example_2099",
            "rules.what_changed",
            "rules_changes.example_2099",
        ),
        (
            "      what_changed: example_2025_1",
            "      what_changed: Our first rules",
            "rules.earlier.1.what_changed",
            "must be an id",
        ),
        ("  what_changed: example_2026_1\n", "", "rules.what_changed", "is missing"),
    ],
)
def test_each_mistake_names_the_file_setting_and_problem(content, demo_config, old, new, key, problem):
    error = broken(content, demo_config, old, new)
    assert error.key == key
    assert problem in error.problem


def test_a_missing_file_says_so(content, demo_config):
    (content / TRANSPARENCY_FILE).unlink()
    with pytest.raises(ConfigError, match="transparency.yaml: this file is missing"):
        load_openness(content, demo_config)


def test_the_open_rules_come_from_the_config(demo_config):
    rules = open_rules(demo_config, WORKED_EXAMPLE)
    assert rules.bands == (BandRule(1, 40, 600), BandRule(41, 80, 750), BandRule(81, None, 900))
    assert rules.example == calculate(demo_config, WORKED_EXAMPLE)
    assert (rules.example.total_points, rules.example.weekly_pence) == (22, 11880)
    scored = [q.id for area in rules.areas for q in area.questions]
    assert scored == [q.id for q in demo_config.questionnaire.scored_questions]
    assert "date_of_birth" in rules.unscored and "nutrition" not in rules.unscored
    assert [(h.option_id, str(h.percent)) for h in rules.help] == [
        ("none", "0"),
        ("few_hours", "5"),
        ("most_days", "10"),
        ("every_day", "20"),
    ]


def test_the_field_list_is_the_standards():
    attributes = [field.attribute for field in transparency.FIELDS]
    references = [field.reference for field in transparency.FIELDS]
    assert len(set(attributes)) == len(attributes) and len(set(references)) == len(references)
    tier_1 = [field.attribute for field in transparency.FIELDS if field.tier == 1]
    assert tier_1 == ["name", "description", "website", "contact_email"]
    assert {field.section for field in transparency.FIELDS if field.tier == 2} == {
        "Owner and responsibility",
        "Description and rationale",
        "Decision making process",
        "Tool specification",
        "Data specification",
        "Risks, mitigations and impact assessments",
    }
    for needed in (
        "senior_responsible_owner",
        "human_decisions_and_review",
        "risk_mitigation",
        "data_description",
    ):
        assert needed in attributes


def test_every_field_is_exported_even_an_empty_group(demo_config):
    written = load_openness(CONTENT, demo_config).record
    record = transparency.complete(
        written,
        organisation="Example Council",
        contact_email="a@example.org",
        website="https://x.example/rules",
        rules_version="v1",
    )
    assert record.groups["third_parties"] == ()
    rows = transparency.as_rows(record)
    assert {row["attribute"] for row in rows} == {field.attribute for field in transparency.FIELDS}
    assert all(set(row) == set(transparency.CSV_COLUMNS) for row in rows)
    third = [row for row in rows if row["attribute"] == "third_party"]
    assert third == [{**third[0], "entry": "", "value": ""}]
    models = [row for row in rows if row["attribute"] == "model_version"]
    assert [row["value"] for row in models] == ["v1"]
    data = transparency.as_mapping(record)
    assert data["tier_1"]["website"] == "https://x.example/rules"
    assert data["tier_2"]["Owner and responsibility"]["third_parties"][0]["third_party"] == ""
