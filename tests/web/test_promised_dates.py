"""A date a page promises is a date the rules keep.

Every page that tells a person (or staff about a person) "you can ... from <date>" is read as a
person reads it: the date is taken from the page's visible text. Then the portal's clock is set to
the day before, when the action must be refused, and to that date, when it must be accepted.

The time limits are in working days (ras-demo.md): "the care manager answers within 10 working
days" makes the answer due on the 10th working day, and the person can move on the day after it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.store.disagreement_models import Disagreement
from tests.web.dates import promised_date, promised_dates
from tests.web.helpers import Portal
from tests.web.test_disagreement import TUESDAY_BEFORE_CHRISTMAS, raise_data, set_today, url

ESCALATED_ON = date(2027, 1, 11)  # a Monday, once the care manager's date (8 January) has passed
COMPLAINED_ON = date(2027, 1, 26)  # the day after the team manager's date (25 January)


def _state(app) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(select(Disagreement.state))


def _reference(app) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(select(Disagreement.reference))


# --- where the person is -------------------------------------------------------


def raised(portal, app) -> str:
    """Alex tells the care manager on Tuesday 22 December 2026: the answer is due by 8 January 2027."""
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    portal.submit(url(assessment_id, "care-manager"), raise_data())
    return assessment_id


def escalated(portal, app) -> str:
    """No answer: Alex asks a team manager on 11 January 2027. Due by 25 January."""
    assessment_id = raised(portal, app)
    set_today(app, ESCALATED_ON)
    portal.submit(url(assessment_id, "team-manager"), {"reason": "No answer yet."})
    return assessment_id


def complained(portal, app) -> str:
    """No answer: Alex makes a formal complaint on 26 January 2027."""
    assessment_id = escalated(portal, app)
    set_today(app, COMPLAINED_ON)
    portal.submit(url(assessment_id, "complaint"), {"complaint": "No answers.", "put_right": "An answer."})
    return assessment_id


# --- the pages that promise ------------------------------------------------------


def person_page(page: str):
    def read(portal, app, assessment_id):
        return portal.get(url(assessment_id, page)).soup

    return read


def staff_page(who: str, page: str):
    def read(portal, app, assessment_id):
        staff = Portal(app)
        staff.sign_in(who)
        return staff.get(f"/staff/cases/{_reference(app)}/{page}").soup

    return read


# --- trying the action on a day ----------------------------------------------------


def _crafted_post(portal, assessment_id: str, page: str, data: dict) -> int:
    """A send with a good CSRF token and a new one-time token, as a browser kept open would send."""
    token = portal.csrf(url(assessment_id, "add"))
    response = portal.client.post(
        url(assessment_id, page), data={"csrf_token": token, "send_token": "p" * 32, **data}
    )
    return response.status_code


def _form_action(page: str, data: dict, moves_to: str):
    def attempt(portal, app, assessment_id, day: date) -> bool:
        set_today(app, day)
        before = _state(app)
        shown = portal.get(url(assessment_id, page)).soup
        refused = shown.h1.get_text(strip=True) == "You cannot do this now"
        status = _crafted_post(portal, assessment_id, page, data)
        if refused:
            assert status == 409 and _state(app) == before, "a refused action changed something"
            return False
        assert status == 302 and _state(app) == moves_to, f"the action was shown but not accepted ({status})"
        return True

    return attempt


def _go_to_ombudsman(portal, app, assessment_id, day: date) -> bool:
    set_today(app, day)
    shown = portal.get(url(assessment_id, "ombudsman")).soup
    return shown.h1.get_text(strip=True) != "You cannot do this now"


ACTIONS = {
    "escalate": _form_action("team-manager", {"reason": "Please look again."}, "team_manager_waiting"),
    "complain": _form_action(
        "complaint", {"complaint": "No answer.", "put_right": "An answer."}, "complaint_waiting"
    ),
    "ombudsman": _go_to_ombudsman,
}

PROMISES = [
    # (action, where the person is, the page that promises, the date it should say)
    ("escalate", raised, "route page", person_page(""), date(2027, 1, 9)),
    ("escalate", raised, "sent page", person_page("sent?what=raise"), date(2027, 1, 9)),
    ("escalate", raised, "refusal page", person_page("team-manager"), date(2027, 1, 9)),
    ("escalate", raised, "complaint refusal page", person_page("complaint"), date(2027, 1, 9)),
    ("escalate", raised, "care manager's answer page", staff_page("chris", "answer"), date(2027, 1, 9)),
    ("complain", escalated, "route page", person_page(""), date(2027, 1, 26)),
    ("complain", escalated, "sent page", person_page("sent?what=escalate"), date(2027, 1, 26)),
    ("complain", escalated, "refusal page", person_page("complaint"), date(2027, 1, 26)),
    ("complain", escalated, "team manager's answer page", staff_page("pat", "answer"), date(2027, 1, 26)),
    ("ombudsman", complained, "route page", person_page(""), date(2027, 4, 20)),
    ("ombudsman", complained, "sent page", person_page("sent?what=complain"), date(2027, 4, 20)),
    ("ombudsman", complained, "refusal page", person_page("ombudsman"), date(2027, 4, 20)),
    ("ombudsman", complained, "final answer page", staff_page("kim", "final-answer"), date(2027, 4, 20)),
]


@pytest.mark.parametrize(
    "action,stage,where,read,expected",
    PROMISES,
    ids=[f"{action}-{where.replace(' ', '-')}" for action, _, where, _, _ in PROMISES],
)
def test_a_promised_date_is_the_first_day_the_rules_accept(portal, app, action, stage, where, read, expected):
    assessment_id = stage(portal, app)
    promised = promised_date(read(portal, app, assessment_id), action)
    assert promised == expected
    attempt = ACTIONS[action]
    assert not attempt(portal, app, assessment_id, promised - timedelta(days=1)), (
        f"the {where} says {action} from {promised}, but the day before was accepted"
    )
    assert attempt(portal, app, assessment_id, promised), (
        f"the {where} says {action} from {promised}, but that day was refused"
    )


def test_the_complaint_refusal_says_what_to_do_first_and_when(portal, app):
    assessment_id = raised(portal, app)
    set_today(app, date(2027, 1, 4))
    page = portal.get(url(assessment_id, "complaint")).soup
    reason = " ".join(page.select_one("#reason").get_text(" ", strip=True).split())
    assert "First, ask a team manager to look again. You can make a formal complaint after that." in reason
    assert "or from 9 January 2027" in reason
    assert "It may already have an answer" not in reason
    # Once the care manager has answered, the team manager can be asked straight away: the page links there.
    staff = Portal(app)
    staff.sign_in("chris")
    staff.submit(
        f"/staff/cases/{_reference(app)}/answer", {"decision": "keep_amount", "message": "It stands."}
    )
    page = portal.get(url(assessment_id, "complaint")).soup
    link = page.select_one("#reason a")
    assert link.get_text(strip=True) == "Ask a team manager to look again"
    assert link["href"] == url(assessment_id, "team-manager")
    assert promised_dates(page) == {}


def test_no_date_is_promised_once_the_step_is_open(portal, app):
    assessment_id = raised(portal, app)
    set_today(app, date(2027, 1, 9))
    route = portal.get(url(assessment_id)).soup
    assert promised_dates(route) == {}
    assert route.select_one("#step-team_manager a.govuk-button")["href"] == url(assessment_id, "team-manager")


def test_an_unmarked_promise_fails_the_page_check():
    from bs4 import BeautifulSoup

    page = BeautifulSoup("<main><p>You can ask from 9 January 2027.</p></main>", "html.parser")
    with pytest.raises(AssertionError, match="not marked"):
        promised_dates(page)
    marked = BeautifulSoup(
        '<main><p data-acts-from="escalate">You can ask from 9 January 2027.</p></main>', "html.parser"
    )
    assert promised_dates(marked) == {"escalate": {date(2027, 1, 9)}}
