"""README.md "What is where": every path the table names exists (a path with a `<placeholder>` must match
at least one file), and every top-level key it names is in the one content file its row names."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PATH_LIKE = re.compile(r"^[\w.*<> -]+(/[\w.*<> -]*)+$|^[\w-]+\.(py|yaml|html|svg|md|sh|pot)$")


def table_rows(readme: str) -> list[list[str]]:
    """The backticked words of each row of the table under "## What is where"."""
    section = readme.split("## What is where", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    return [re.findall(r"`([^`]+)`", row) for row in rows[1:]]


def missing_paths(rows: list[list[str]], root: Path) -> list[str]:
    missing = []
    for words in rows:
        for word in words:
            if not PATH_LIKE.match(word):
                continue
            pattern = re.sub(r"<[^>]+>", "*", word).rstrip("/")
            found = any(root.glob(pattern)) if "*" in pattern else (root / pattern).exists()
            if not found:
                missing.append(word)
    return missing


def missing_keys(rows: list[list[str]], root: Path) -> list[str]:
    missing = []
    for words in rows:
        files = [w for w in words if w.endswith(".yaml") and "<" not in w]
        if len(files) != 1:
            continue
        top = yaml.safe_load((root / files[0]).read_text(encoding="utf-8"))
        for word in words:
            key = re.match(r"^([a-z_]+)(\.|$)", word)
            if key and key.group(1) not in top:
                missing.append(f"{files[0]}: {word}")
    return missing


def test_the_table_covers_every_kind_of_change():
    rows = table_rows((ROOT / "README.md").read_text(encoding="utf-8"))
    named = {word for words in rows for word in words}
    for expected in (
        "content/questionnaire.yaml",
        "content/text/en.yaml",
        "content/prices.yaml",
        "content/council.yaml",
        "content/disagreement.yaml",
        "portal/templates/<journey>/<page-id>.html",
        "portal/ras/",
        "portal/store/",
        "translations/messages.pot",
        "portal/settings.py",
    ):
        assert expected in named, expected
    assert len(rows) >= 15


def test_every_path_and_key_in_the_table_exists():
    rows = table_rows((ROOT / "README.md").read_text(encoding="utf-8"))
    assert missing_paths(rows, ROOT) == []
    assert missing_keys(rows[1:], ROOT) == []


def test_the_checker_finds_a_wrong_path_or_key():
    rows = [
        ["content/nowhere.yaml", "portal/templates/<journey>/<nothing>.txt", "portal/ras/", "money"],
        ["content/prices.yaml", "items", "no_such_key", "questions.<question id>"],
    ]
    assert missing_paths(rows, ROOT) == ["content/nowhere.yaml", "portal/templates/<journey>/<nothing>.txt"]
    assert missing_keys(rows[1:], ROOT) == [
        "content/prices.yaml: no_such_key",
        "content/prices.yaml: questions.<question id>",
    ]
