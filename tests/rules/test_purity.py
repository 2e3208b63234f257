"""The rules package (with its support plan arithmetic) stays pure: no web framework, no database, only the
standard library, YAML, the bank holiday list (`holidays`) and Babel's CLDR data (each language's plural
rule, to check council texts that count)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAS = ROOT / "portal" / "ras"
WEB_OR_DATABASE = {
    "flask",
    "flask_babel",
    "flask_wtf",
    "werkzeug",
    "jinja2",
    "wtforms",
    "sqlalchemy",
    "alembic",
    "psycopg",
}

# portal/__init__.py builds the web app, so importing the package "portal"
# would bring Flask in before portal.ras is reached. The child process gives
# "portal" an empty stand-in, so that only portal.ras and what it imports load.
CHILD = textwrap.dedent("""
    import sys, types
    from pathlib import Path
    root = Path(sys.argv[1])
    stand_in = types.ModuleType("portal")
    stand_in.__path__ = [str(root / "portal")]
    sys.modules["portal"] = stand_in
    import portal.ras
    import portal.ras.disagreement
    import portal.ras.plan
    import portal.ras.working_days
    config = portal.ras.load_config(root / "content")
    from datetime import date
    portal.ras.working_days.add_working_days(date(2026, 12, 22), 10)  # loads the bank holidays
    item = portal.ras.plan.Item(key="a", price_id="meals", unit_pence=650,
                                quantity=portal.ras.plan.parse_quantity("7"),
                                frequency="per_week", management="direct_payment", needs=())
    assert portal.ras.plan.line_for(item, config.weeks_per_year).weekly_pence == 4550
    print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
""")


def test_importing_the_rules_loads_no_web_or_database_code():
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT)], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert {"portal", "yaml", "holidays"} <= loaded  # the child really imported the rules
    assert not loaded & WEB_OR_DATABASE, f"portal.ras pulled in: {sorted(loaded & WEB_OR_DATABASE)}"


def test_rules_import_only_the_standard_library_yaml_holidays_and_each_other():
    allowed = set(sys.stdlib_module_names) | {"yaml", "holidays", "babel", "portal"}
    for path in sorted(RAS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else ["portal.ras"]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
                if name.startswith("portal"):
                    assert name == "portal.ras" or name.startswith("portal.ras."), (
                        f"{path.name} imports {name}"
                    )
