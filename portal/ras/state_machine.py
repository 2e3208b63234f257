"""What the council's small state machines (the disagreement route, agreeing a support plan) share: the
opening checks of a move. The state, the move and the role must be ones the machine knows (anything else
is a programming error); then the move must exist from this state (else "not now") and be one this role
makes (else "not your move").

Pure: plain data in, plain data out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol, TypeVar

NOT_NOW = "not_now"  # the move does not exist from this state
NOT_YOUR_MOVE = "not_your_move"  # the move exists now, but someone in another role makes it


class Rule(Protocol):
    @property
    def move(self) -> str: ...

    @property
    def from_state(self) -> str: ...

    @property
    def who(self) -> str | tuple[str, ...]: ...  # one role, or the roles that may make the move


R = TypeVar("R", bound=Rule)


def rule_for(
    rules: Sequence[R],
    state: str,
    move: str,
    role: str,
    known: tuple[Collection[str], Collection[str], Collection[str]],
) -> R | str:
    """The first rule that lets `role` make `move` from `state`, or why there is none (NOT_NOW,
    NOT_YOUR_MOVE). `known` is the machine's (states, moves, roles): an unknown one is a ValueError."""
    states, moves, roles = known
    if state not in states:
        raise ValueError(f"unknown state {state!r}")
    if move not in moves:
        raise ValueError(f"unknown move {move!r}")
    if role not in roles:
        raise ValueError(f"unknown role {role!r}")
    found = [rule for rule in rules if rule.move == move and rule.from_state == state]
    if not found:
        return NOT_NOW
    theirs = [rule for rule in found if role in ((rule.who,) if isinstance(rule.who, str) else rule.who)]
    return theirs[0] if theirs else NOT_YOUR_MOVE
