"""Today is the date in London, and a date of birth must be before it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from portal import clock
from portal.store.disagreement_models import Disagreement
from portal.store.models import Calculation
from tests.web.helpers import answer_fields
from tests.web.test_disagreement import raise_data, set_today, url

# 23:30 UTC on Tuesday 30 June 2026 is 00:30 British Summer Time on Wednesday 1 July.
HALF_PAST_MIDNIGHT_BST = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "moment,london",
    [
        (HALF_PAST_MIDNIGHT_BST, date(2026, 7, 1)),
        (datetime(2026, 6, 30, 22, 59, tzinfo=UTC), date(2026, 6, 30)),  # 23:59 BST
        (datetime(2026, 12, 1, 23, 30, tzinfo=UTC), date(2026, 12, 1)),  # winter: London is on UTC
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), date(2026, 3, 29)),  # the night the clocks go forward
        (datetime(2026, 6, 30, 23, 30), date(2026, 7, 1)),  # a stored moment has no zone: it is UTC
    ],
)
def test_the_date_is_the_date_in_london(moment, london):
    assert clock.london_date(moment) == london


def test_a_request_at_half_past_midnight_in_summer_is_dated_that_day(portal, app, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: HALF_PAST_MIDNIGHT_BST)
    app.extensions["clock"] = clock.london_today  # the portal's own clock, not a test date
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    response = portal.submit(url(assessment_id, "care-manager"), raise_data())
    sent = portal.get(response.location).soup
    with app.extensions["db_sessionmaker"]() as session:
        assert session.scalar(select(Disagreement.raised_on)) == date(2026, 7, 1)
    # Wednesday 1 July + 10 working days.
    assert (
        sent.select_one("#answer-by").get_text(strip=True)
        == "The care manager should answer by 15 July 2026."
    )
    route = portal.get(url(assessment_id)).soup.select_one("#step-care_manager").get_text(" ", strip=True)
    assert "You sent this on 1 July 2026." in route


def test_a_moment_is_shown_as_its_date_in_london(portal, app):
    set_today(app, date(2026, 7, 1))
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    with app.extensions["db_sessionmaker"]() as session:
        session.execute(update(Calculation).values(created_at=HALF_PAST_MIDNIGHT_BST.replace(tzinfo=None)))
        session.commit()
    budget = portal.get(f"/assessments/{assessment_id}/budget").soup
    assert "Worked out on 1 July 2026" in budget.select_one("#config-version").get_text(" ", strip=True)


@pytest.mark.parametrize("today", [date(2020, 1, 15), date(2031, 5, 1)])
def test_a_date_of_birth_must_be_before_the_portals_today(portal, app, today):
    """Today's date is refused and yesterday's accepted, by the portal's clock, not the server's."""
    set_today(app, today)
    portal.sign_in("alex")
    assessment_id = portal.start()
    question = f"/assessments/{assessment_id}/questions/date_of_birth"
    refused = portal.post(question, answer_fields("date_of_birth", today.isoformat()), status=200).soup
    summary = refused.select_one(".govuk-error-summary")
    assert "The date of birth must be in the past" in summary.get_text()
    assert summary.select_one("a")["href"] == "#date_of_birth-day"
    yesterday = today - timedelta(days=1)
    portal.post(question, answer_fields("date_of_birth", yesterday.isoformat()))
