"""The opening checks both state machines share (the disagreement route, agreeing a plan)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from portal.ras import disagreement, state_machine
from portal.ras.plan import approval


@dataclass(frozen=True)
class Rule:
    move: str
    from_state: str
    who: str | tuple[str, ...]


RULES = (Rule("go", "a", "alice"), Rule("go", "a", ("bob", "carol")), Rule("stop", "b", "alice"))
KNOWN = (("a", "b"), ("go", "stop"), ("alice", "bob", "carol", "dan"))


def test_the_rule_for_a_role_whether_the_rule_names_one_role_or_several():
    assert state_machine.rule_for(RULES, "a", "go", "alice", KNOWN) is RULES[0]
    assert state_machine.rule_for(RULES, "a", "go", "carol", KNOWN) is RULES[1]


def test_why_there_is_no_rule():
    assert state_machine.rule_for(RULES, "b", "go", "alice", KNOWN) == state_machine.NOT_NOW
    assert state_machine.rule_for(RULES, "a", "go", "dan", KNOWN) == state_machine.NOT_YOUR_MOVE


@pytest.mark.parametrize(
    "state,move,role", [("z", "go", "alice"), ("a", "jump", "alice"), ("a", "go", "eve")]
)
def test_an_unknown_state_move_or_role_is_a_programming_error(state, move, role):
    with pytest.raises(ValueError):
        state_machine.rule_for(RULES, state, move, role, KNOWN)


def test_both_machines_give_the_same_reasons():
    assert disagreement.NOT_NOW == approval.NOT_NOW == state_machine.NOT_NOW
    assert disagreement.NOT_YOUR_MOVE == approval.NOT_YOUR_MOVE == state_machine.NOT_YOUR_MOVE
