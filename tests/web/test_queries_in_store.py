"""Queries live in `portal/store`: journeys and `portal/access.py` call its typed functions, and never build
a query (select, insert, update, delete, raw SQL) nor run one (`execute`, `scalar`, `scalars`, `query`)."""

from __future__ import annotations

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"
QUERY_BUILDERS = {"select", "insert", "update", "delete", "text", "union", "exists"}
QUERY_RUNNERS = {"execute", "scalar", "scalars", "query"}


def _modules() -> list[Path]:
    return sorted((PORTAL / "journeys").rglob("*.py")) + [PORTAL / "access.py"]


def query_code(source: str) -> list[str]:
    """What in this module builds or runs a query, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            found += [f"{node.lineno}: {alias.name}" for alias in node.names if alias.name in QUERY_BUILDERS]
        elif isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: import {a.name}" for a in node.names if a.name.split(".")[0] == "sqlalchemy"
            ]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_RUNNERS
        ):
            found.append(f"{node.lineno}: .{node.func.attr}(")
    return found


def test_the_checker_finds_queries():
    source = (
        "from sqlalchemy import select, func\nfrom sqlalchemy.sql import delete\nimport sqlalchemy\n"
        "db().scalar(select(User))\n"
    )
    assert query_code(source) == ["1: select", "2: delete", "3: import sqlalchemy", "4: .scalar("]
    assert query_code("from sqlalchemy.exc import IntegrityError\nrows.update(x)\n") == []


def test_no_journey_nor_access_builds_or_runs_a_query():
    assert len(_modules()) > 20
    found = {
        str(path.relative_to(PORTAL.parent)): lines
        for path in _modules()
        if (lines := query_code(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "move these into a typed function in portal/store"
