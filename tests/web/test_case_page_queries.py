"""A staff case page asks the database the same number of times however long the case is: the person,
the assessment, the steps and the entries (and who wrote each) come with the case, not one by one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from portal.ras import disagreement as rules
from portal.store.disagreement_models import Disagreement, DisagreementEntry
from portal.store.models import User
from tests.web.helpers import Portal
from tests.web.test_case_list_queries import _statements
from tests.web.test_staff import disagreement

MORE = 30  # entries added, each by a different person acting for Alex


def _more_entries(app, reference: str) -> None:
    """`MORE` messages on the case's timeline, each written by someone different."""
    now = datetime(2026, 12, 22, 9, 0)
    with app.extensions["db_engine"].begin() as connection:
        case_id = connection.scalar(select(Disagreement.id).where(Disagreement.reference == reference))
        connection.execute(
            insert(User),
            [{"issuer": "test", "subject": f"writer{n}", "created_at": now} for n in range(MORE)],
        )
        writers = connection.scalars(select(User.id).where(User.subject.like("writer%"))).all()
        connection.execute(
            insert(DisagreementEntry),
            [
                {
                    "disagreement_id": case_id,
                    "step_kind": rules.STEP_CARE_MANAGER,
                    "kind": rules.ADD_INFORMATION,
                    "author_id": writer,
                    "author_role": rules.PERSON,
                    "basis": "self",
                    "at": now,
                    "sent_on": now.date(),
                    "text": f"More about my needs, number {n}.",
                    "details": {},
                }
                for n, writer in enumerate(writers)
            ],
        )


def test_the_case_page_asks_the_database_the_same_number_of_times_for_a_short_and_a_long_case(portal, app):
    _assessment, reference = disagreement(portal, app)
    chris = Portal(app)
    chris.sign_in("chris")
    short, page = _statements(app, chris, f"/staff/cases/{reference}")
    assert "More about my needs" not in page.get_text()

    _more_entries(app, reference)
    long, page = _statements(app, chris, f"/staff/cases/{reference}")
    assert page.get_text().count("More about my needs, number") == MORE  # all on the timeline
    assert long == short, f"{short} statements for a new case, {long} with {MORE} more entries"
    assert short <= 10, f"{short} statements"
