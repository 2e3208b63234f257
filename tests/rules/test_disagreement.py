"""The disagreement route's state machine, checked for every state, move and role."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from portal.ras import disagreement as d
from portal.ras.disagreement import Facts

TODAY = date(2027, 1, 11)
DUE_TODAY = TODAY
DUE_YESTERDAY = TODAY - timedelta(days=1)

P, CM, TM, CO = d.PERSON, d.CARE_MANAGER, d.TEAM_MANAGER, d.COMPLAINTS_OFFICER

# The route written out by hand, independently of RULES: (state, move) -> (who, next state, condition).
EXPECTED = {
    ("not_started", "raise"): (P, "care_manager_waiting", None),
    ("care_manager_waiting", "add_information"): (P, "care_manager_waiting", None),
    ("care_manager_waiting", "request_advocate"): (P, "care_manager_waiting", "once"),
    ("care_manager_waiting", "arrange_meeting"): (CM, "care_manager_waiting", None),
    ("care_manager_waiting", "agree_new_amount"): (CM, "care_manager_answered", None),
    ("care_manager_waiting", "keep_amount"): (CM, "care_manager_answered", None),
    ("care_manager_waiting", "escalate"): (P, "team_manager_waiting", "overdue"),
    ("care_manager_waiting", "close"): (P, "closed", None),
    ("care_manager_answered", "request_advocate"): (P, "care_manager_answered", "once"),
    ("care_manager_answered", "escalate"): (P, "team_manager_waiting", None),
    ("care_manager_answered", "close"): (P, "closed", None),
    ("team_manager_waiting", "add_information"): (P, "team_manager_waiting", None),
    ("team_manager_waiting", "request_advocate"): (P, "team_manager_waiting", "once"),
    ("team_manager_waiting", "arrange_meeting"): (TM, "team_manager_waiting", None),
    ("team_manager_waiting", "agree_new_amount"): (TM, "team_manager_answered", None),
    ("team_manager_waiting", "keep_amount"): (TM, "team_manager_answered", None),
    ("team_manager_waiting", "complain"): (P, "complaint_waiting", "overdue"),
    ("team_manager_waiting", "close"): (P, "closed", None),
    ("team_manager_answered", "request_advocate"): (P, "team_manager_answered", "once"),
    ("team_manager_answered", "complain"): (P, "complaint_waiting", None),
    ("team_manager_answered", "close"): (P, "closed", None),
    ("complaint_waiting", "add_information"): (P, "complaint_waiting", None),
    ("complaint_waiting", "request_advocate"): (P, "complaint_waiting", "once"),
    ("complaint_waiting", "acknowledge"): (CO, "complaint_acknowledged", None),
    ("complaint_waiting", "answer_complaint"): (CO, "complaint_answered", None),
    ("complaint_waiting", "close"): (P, "closed", None),
    ("complaint_acknowledged", "add_information"): (P, "complaint_acknowledged", None),
    ("complaint_acknowledged", "request_advocate"): (P, "complaint_acknowledged", "once"),
    ("complaint_acknowledged", "answer_complaint"): (CO, "complaint_answered", None),
    ("complaint_acknowledged", "close"): (P, "closed", None),
    ("complaint_answered", "request_advocate"): (P, "complaint_answered", "once"),
}


def test_the_states_moves_and_roles_are_the_ones_the_route_needs():
    assert d.STATES == (
        "not_started",
        "care_manager_waiting",
        "care_manager_answered",
        "team_manager_waiting",
        "team_manager_answered",
        "complaint_waiting",
        "complaint_acknowledged",
        "complaint_answered",
        "closed",
    )
    assert set(d.MOVES) == {move for _, move in EXPECTED}
    assert d.ROLES == ("person", "care_manager", "team_manager", "complaints_officer")


CASES = list(itertools.product(d.STATES, d.MOVES, d.ROLES, (DUE_TODAY, DUE_YESTERDAY), (False, True)))


@pytest.mark.parametrize("state,move,role,due,advocate", CASES)
def test_every_state_move_and_role(state, move, role, due, advocate):
    facts = Facts(state=state, due=due, advocate_requested=advocate)
    verdict = d.check(facts, move, role, TODAY)
    expected = EXPECTED.get((state, move))
    if expected is None:
        assert verdict == d.Verdict(False, d.NOT_NOW), "this move does not exist in this state"
        return
    who, to_state, condition = expected
    if role != who:
        assert verdict == d.Verdict(False, d.NOT_YOUR_MOVE)
    elif condition == "overdue" and due == DUE_TODAY:
        # On the due date itself the council still has time; the move opens the next day.
        assert verdict == d.Verdict(False, d.TOO_EARLY, opens_on=TODAY + timedelta(days=1))
    elif condition == "once" and advocate:
        assert verdict == d.Verdict(False, d.ALREADY_DONE)
    else:
        assert verdict == d.Verdict(True, d.ALLOWED, to_state=to_state)


def test_a_closed_or_finished_disagreement_cannot_be_reopened_by_anyone():
    for move, role in itertools.product(d.MOVES, d.ROLES):
        assert not d.check(Facts(state="closed", due=DUE_YESTERDAY), move, role, TODAY).allowed
        if move != "request_advocate":
            assert not d.check(
                Facts(state="complaint_answered", due=DUE_YESTERDAY), move, role, TODAY
            ).allowed


def test_no_step_is_skipped_except_when_time_has_passed():
    # Every move that goes forward (to a later step) either starts from an answered step, or needs the
    # answer date to have passed.
    order = {state: n for n, state in enumerate(d.STATES)}
    for rule in d.RULES:
        if rule.move in ("escalate", "complain"):
            assert rule.from_state.endswith("_answered") or rule.when == d.ONCE_DUE_DATE_PASSED
        if rule.to_state != "closed":
            assert order[rule.to_state] >= order[rule.from_state], rule
    for state in d.STATES:
        complaint = d.check(Facts(state=state, due=DUE_YESTERDAY), "complain", P, TODAY)
        assert complaint.allowed == (state in ("team_manager_waiting", "team_manager_answered"))


def test_staff_cannot_move_a_disagreement_to_the_next_step_and_people_cannot_answer_for_the_council():
    for rule in d.RULES:
        if rule.move in ("raise", "escalate", "complain", "add_information", "request_advocate", "close"):
            assert rule.who == d.PERSON
        else:
            assert rule.who in d.STAFF_ROLES


def test_the_moves_open_to_each_role():
    facts = Facts(state="care_manager_waiting", due=DUE_TODAY)
    assert d.moves_open(facts, P, TODAY) == ("add_information", "request_advocate", "close")
    assert d.moves_open(facts, CM, TODAY) == ("arrange_meeting", "agree_new_amount", "keep_amount")
    assert d.moves_open(facts, TM, TODAY) == ()
    late = Facts(state="care_manager_waiting", due=DUE_YESTERDAY, advocate_requested=True)
    assert d.moves_open(late, P, TODAY) == ("add_information", "escalate", "close")


def test_unknown_states_moves_and_roles_are_errors_not_refusals():
    with pytest.raises(ValueError):
        d.check(Facts(state="lost"), "raise", P, TODAY)
    with pytest.raises(ValueError):
        d.check(Facts(), "appeal", P, TODAY)
    with pytest.raises(ValueError):
        d.check(Facts(), "raise", "director", TODAY)
    with pytest.raises(ValueError, match="due date"):
        d.check(Facts(state="care_manager_waiting"), "escalate", P, TODAY)


def test_where_the_person_is_on_the_route():
    assert d.current_step("not_started", has_plan=False) == "plan"
    assert d.current_step("not_started", has_plan=True) == "care_manager"
    assert d.current_step("care_manager_answered", has_plan=True) == "care_manager"
    assert d.current_step("team_manager_waiting", has_plan=False) == "team_manager"
    assert d.current_step("complaint_acknowledged", has_plan=False) == "complaint"
    assert d.current_step("complaint_acknowledged", has_plan=False, ombudsman_is_open=True) == "ombudsman"
    assert d.current_step("complaint_answered", has_plan=False) == "ombudsman"
    assert d.current_step("closed", has_plan=True) is None
    assert [d.staff_step(s) for s in d.STATES] == [
        None,
        "care_manager",
        None,
        "team_manager",
        None,
        "complaints_officer",
        "complaints_officer",
        None,
        None,
    ]


LIMITS = d.TimeLimits(
    care_manager_working_days=10,
    team_manager_working_days=10,
    complaint_acknowledge_working_days=3,
    complaint_answer_working_days=20,
    ombudsman_after_weeks=12,
    ombudsman_within_months=12,
)


def test_due_dates_use_working_days_and_calendar_spans():
    asked = date(2026, 12, 22)
    assert d.care_manager_due(LIMITS, asked) == date(2027, 1, 8)
    assert d.team_manager_due(LIMITS, asked) == date(2027, 1, 8)
    assert d.complaint_acknowledge_due(LIMITS, asked) == date(2026, 12, 29)  # 23, 24, 29
    assert d.complaint_answer_due(LIMITS, asked) == date(2027, 1, 22)
    assert d.ombudsman_opens_on(LIMITS, asked) == date(2027, 3, 16)
    assert d.ombudsman_go_by(LIMITS, asked) == date(2027, 12, 22)


def test_the_ombudsman_opens_with_the_final_answer_or_after_12_weeks():
    complained = date(2027, 1, 11)
    opens = date(2027, 4, 5)
    assert not d.ombudsman_open("complaint_waiting", complained, LIMITS, opens - timedelta(days=1))
    assert d.ombudsman_open("complaint_waiting", complained, LIMITS, opens)
    assert d.ombudsman_open("complaint_acknowledged", complained, LIMITS, opens)
    assert d.ombudsman_open("complaint_answered", complained, LIMITS, complained)
    for state in ("not_started", "care_manager_waiting", "team_manager_answered", "closed"):
        assert not d.ombudsman_open(state, complained, LIMITS, date(2030, 1, 1))


@pytest.mark.parametrize(
    "state,move", [("care_manager_waiting", "escalate"), ("team_manager_waiting", "complain")]
)
def test_the_opening_date_a_page_shows_is_the_first_day_check_allows(state, move):
    # The care manager's answer is due on Friday 8 January 2027:
    # the team manager can be asked from Saturday 9th.
    due = date(2027, 1, 8)
    facts = Facts(state=state, due=due)
    opens = d.opening_dates(facts, P, due)
    assert opens == {move: date(2027, 1, 9)}
    assert not d.check(facts, move, P, opens[move] - timedelta(days=1)).allowed
    assert d.check(facts, move, P, opens[move]).allowed
    assert d.opening_dates(facts, P, opens[move]) == {}
    assert d.is_overdue(due, opens[move]) and not d.is_overdue(due, due)


def test_what_comes_before_a_move_that_does_not_exist_yet():
    assert d.comes_first("care_manager_waiting", "complain") == "escalate"
    assert d.comes_first("care_manager_answered", "complain") == "escalate"
    assert d.comes_first(None, "escalate") == "raise"
    assert d.comes_first("team_manager_waiting", "escalate") is None  # left behind: nothing leads back to it
    assert d.comes_first("closed", "complain") is None


def test_an_answered_complaint_is_still_the_complaint_step_and_the_guide_moves_on_to_the_ombudsman():
    # The final answer is kept on the complaint's own record: staff see "Formal complaint", and an advocate
    # asked for then goes to the complaints team. The person's guide is at the Ombudsman, because the
    # council's complaints process has finished (PRODUCT.md, step 6).
    assert d.step_of_state("complaint_answered") == "complaint"
    assert d.current_step("complaint_answered", has_plan=True) == "ombudsman"
    assert [d.step_of_state(s) for s in d.STATES] == [
        None,
        "care_manager",
        "care_manager",
        "team_manager",
        "team_manager",
        "complaint",
        "complaint",
        "complaint",
        None,
    ]
    # every state that has a step has its record kind among the steps the council answers
    assert set(d.STEP_OF_STATE.values()) == set(d.ANSWERED_STEPS)
    # every state that waits for one role is at one step: the work list asks for that step by its kind
    for role in {d.staff_step(s) for s in d.STATES} - {None}:
        assert len({d.STEP_OF_STATE[s] for s in d.STATES if d.staff_step(s) == role}) == 1, role


def test_the_task_waiting_for_staff_in_each_state():
    assert [d.staff_task(s) for s in d.STATES] == [
        None,
        "answer",
        None,
        "answer",
        None,
        "acknowledge",
        "answer_complaint",
        None,
        None,
    ]
    # a task waits exactly where a role must act next
    assert {s for s in d.STATES if d.staff_task(s)} == {s for s in d.STATES if d.staff_step(s)}
    # an answer is one of the moves that role can make then
    for state, task in d.STAFF_TASKS.items():
        moves = d.moves_open(Facts(state=state, due=DUE_TODAY), d.staff_step(state), TODAY)
        assert (set(d.STAFF_ANSWERS) <= set(moves)) if task == d.ANSWER else (task in moves)


def test_the_work_list_date_is_the_sooner_of_acknowledging_and_answering_a_new_complaint():
    acknowledge, answer = date(2026, 12, 29), date(2027, 1, 22)
    assert d.work_due("complaint_waiting", answer, acknowledge) == acknowledge
    assert d.work_due("complaint_waiting", date(2026, 12, 28), acknowledge) == date(2026, 12, 28)
    # once acknowledged, only the final answer is due
    assert d.work_due("complaint_acknowledged", answer, acknowledge) == answer
    assert d.work_due("care_manager_waiting", answer) == answer


@pytest.mark.parametrize(
    "finished,advocate,has_plan,here,expected",
    [
        ({}, False, False, "plan", {"plan": "current"}),
        ({}, False, True, "care_manager", {"plan": "done", "care_manager": "current"}),
        (
            {"care_manager": False},
            True,
            True,
            "care_manager",
            {"plan": "done", "care_manager": "current_waiting", "advocate": "asked"},
        ),
        (
            {"care_manager": True, "team_manager": False},
            False,
            False,
            "team_manager",
            {"care_manager": "done", "team_manager": "current_waiting"},
        ),
        # the Ombudsman opens while the complaint still waits: "You are here" is said once, at the Ombudsman
        (
            {"care_manager": True, "team_manager": True, "complaint": False},
            False,
            False,
            "ombudsman",
            {"care_manager": "done", "team_manager": "done", "complaint": "waiting", "ombudsman": "current"},
        ),
        # closed: no step is current
        ({"care_manager": True}, False, False, None, {"care_manager": "done"}),
    ],
)
def test_the_persons_progress_with_each_step(finished, advocate, has_plan, here, expected):
    found = d.progress(finished, advocate, has_plan, here)
    assert list(found) == list(d.STEPS)
    assert found == {**dict.fromkeys(d.STEPS, "todo"), **expected}
    assert sum(status in ("current", "current_waiting") for status in found.values()) == (here is not None)
