"""The records the benchmark's pages show, made in the benchmark's own database with the portal's own code
(tests/factories.py: the same rules, access checks and audit as the pages), not by hand-written SQL."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PA_WEEKLY = {
    "quantity": "7.5",
    "frequency": "per_week",
    "needs": ["nutrition"],
    "management": "direct_payment",
    "provider": "Ana Silva",
}
MEALS = {"quantity": "3", "frequency": "per_week", "needs": [], "management": "council_arranged"}


class Records:
    """An app on the benchmark's database (it never serves a request: gunicorn does that)."""

    def __init__(self, database_url: str, secret_key: str):
        from portal import create_app
        from portal.settings import Settings

        self.app = create_app(
            Settings(
                environment="demo",
                secret_key=secret_key,
                database_url=database_url,
                content_dir=ROOT / "content",
                demo_sign_in=True,
                rate_limits_on=False,
                outbox_in_process=False,
            )
        )

    def answered_draft(self, who: str) -> str:
        """A form with every question answered (the worked example), not yet sent: its check page."""
        from portal import ras
        from tests import factories
        from tests.examples import WORKED_EXAMPLE

        questionnaire = factories.config(self.app).questionnaire
        return factories.draft_assessment(self.app, who, ras.relevant_answers(questionnaire, WORKED_EXAMPLE))

    def sent(self, who: str) -> str:
        from tests import factories

        return factories.sent_assessment(self.app, who)

    def plan(self, who: str, items: int) -> str:
        """A sent form with a draft plan of this many items (a personal assistant each)."""
        from tests import factories

        assessment = self.sent(who)
        factories.plan(self.app, assessment, [("personal_assistant", PA_WEEKLY)] * items, who=who)
        return assessment

    def sent_plan(self, who: str, items: int) -> str:
        from tests import factories

        assessment = self.plan(who, items)
        factories.send_plan(self.app, assessment, who=who)
        return assessment

    def cases(self, count: int, start: int = 0) -> list[str]:
        """Disagreements held by the demo care manager (Chris), each from a person of its own.
        Returns their references."""
        from tests import factories

        references = []
        for n in range(start, start + count):
            who = f"bench-person-{n}"
            assessment = self.sent(who)
            references.append(factories.disagreement(self.app, assessment, on=date.today(), who=who))
        self.analyse()
        return references

    def analyse(self) -> None:
        """Give PostgreSQL the tables' statistics now, as a production database's autovacuum does soon after
        many new rows (and a machine with autovacuum off never does): without them PostgreSQL guesses each
        table's size, and plans the staff lists as if each held a few rows (about 40 ms a statement at 5,000
        cases, against 8 to 10 ms with them)."""
        from sqlalchemy import text

        engine = self.app.extensions["db_engine"]
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("ANALYZE"))

    def close(self) -> None:
        self.app.extensions["db_engine"].dispose()
