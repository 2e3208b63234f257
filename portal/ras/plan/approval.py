"""Agreeing a support plan and the final personal budget, as a small state machine: its states, the moves
between them, who may make each move, and what each move needs.

    draft  ->  sent  ->  returned (for changes)  ->  sent again (a new version)  ->  ...
    sent   ->  approved by the care manager, with the final weekly budget:
                 outside the tolerance  ->  awaiting team manager  ->  (agreed or back to sent)
                 at or over the panel level  ->  awaiting panel  ->  (agreed or back to sent)
                 otherwise  ->  agreed

The tolerance and the panel level are the council's (`tolerance_percent`, `panel_weekly_pence` in
content/council.yaml). A plan, or a final figure, more than the tolerance above or below the indicative
budget needs a team manager's agreement; a final figure at or over the panel level needs a panel's
decision. Nothing is ever capped: a high figure waits for the panel, it is never cut to fit.

The final figure may differ from the indicative one; then a reason is required (the person is shown it,
beside the RAS figure). A team manager's and a panel's decision always carry a reason. A decision that
says "no" sends the plan back to the care manager ("sent"), who can return it to the person for changes
or approve a different figure.

Pure: plain data in, plain data out. Nothing here reads a clock, a database or a web request.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portal.ras import state_machine
from portal.ras.plan.summary import compare

# --- who -------------------------------------------------------------------

PERSON = "person"  # the person, or someone with recorded authority to act for them
CARE_MANAGER = "care_manager"
TEAM_MANAGER = "team_manager"
PANEL = "panel"  # a member of the high-needs panel, when a council gives the role
ROLES = (PERSON, CARE_MANAGER, TEAM_MANAGER, PANEL)

# --- states: the values of a plan's status ---------------------------------

DRAFT = "draft"
SENT = "submitted"  # sent, waiting for the care manager
RETURNED = "returned"  # returned to the person for changes: it can be changed and sent again
AWAITING_TEAM_MANAGER = "awaiting_manager"  # outside the tolerance
AWAITING_PANEL = "awaiting_panel"  # the final figure is at or over the panel level
AGREED = "agreed"
STATES = (DRAFT, SENT, RETURNED, AWAITING_TEAM_MANAGER, AWAITING_PANEL, AGREED)
EDITABLE = (DRAFT, RETURNED)  # the person can add, change and remove help
WAITING_FOR_COUNCIL = (SENT, AWAITING_TEAM_MANAGER, AWAITING_PANEL)

# --- moves -----------------------------------------------------------------

SEND = "send"  # the person sends the plan (again)
RETURN = "return"  # the care manager returns it with comments
APPROVE = "approve"  # the care manager approves it and sets the final weekly budget
AGREE_EXCEPTION = "agree_exception"  # the team manager agrees a plan outside the tolerance
REFUSE_EXCEPTION = "refuse_exception"
PANEL_AGREE = "panel_agree"  # the panel agrees the budget
PANEL_REFUSE = "panel_refuse"
MOVES = (SEND, RETURN, APPROVE, AGREE_EXCEPTION, REFUSE_EXCEPTION, PANEL_AGREE, PANEL_REFUSE)
DECISIONS = (RETURN, APPROVE, AGREE_EXCEPTION, REFUSE_EXCEPTION, PANEL_AGREE, PANEL_REFUSE)


@dataclass(frozen=True)
class Rule:
    move: str
    from_state: str
    who: tuple[str, ...]


RULES: tuple[Rule, ...] = (
    Rule(SEND, DRAFT, (PERSON,)),
    Rule(SEND, RETURNED, (PERSON,)),
    Rule(RETURN, SENT, (CARE_MANAGER,)),
    Rule(APPROVE, SENT, (CARE_MANAGER,)),
    Rule(AGREE_EXCEPTION, AWAITING_TEAM_MANAGER, (TEAM_MANAGER,)),
    Rule(REFUSE_EXCEPTION, AWAITING_TEAM_MANAGER, (TEAM_MANAGER,)),
    Rule(PANEL_AGREE, AWAITING_PANEL, (TEAM_MANAGER, PANEL)),
    Rule(PANEL_REFUSE, AWAITING_PANEL, (TEAM_MANAGER, PANEL)),
)

# --- why a move is refused -------------------------------------------------

ALLOWED = "allowed"
NOT_NOW = state_machine.NOT_NOW  # the plan is not at a point where this move exists
NOT_YOUR_MOVE = state_machine.NOT_YOUR_MOVE  # the move exists now, but someone in another role makes it
REASON_NEEDED = "reason_needed"  # this decision needs a reason, and none was given
COMMENT_NEEDED = "comment_needed"  # a plan is returned with at least one comment
FIGURE_NEEDED = "figure_needed"  # an approval sets the final weekly budget


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about one plan."""

    state: str = DRAFT
    indicative_weekly_pence: int = 0  # the RAS figure
    plan_position: str = "within"  # the sent plan against the budget: below | within | above
    final_weekly_pence: int | None = None  # the figure the care manager approved, once approved
    tolerance_percent: Decimal = Decimal(10)
    panel_weekly_pence: int = 0
    weeks_per_year: int = 52


@dataclass(frozen=True)
class Decision:
    """What a move says: the final weekly figure (an approval), its reason, and comments (a return)."""

    final_weekly_pence: int | None = None
    reason: str = ""
    comments: int = 0  # how many comments come with it


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str
    to_state: str | None = None


def outside_tolerance(facts: Facts, final_weekly_pence: int) -> bool:
    """Whether the plan, or the final figure, is more than the tolerance above or below the indicative
    budget (exactly the tolerance is within). Compared a year, as the plan's own comparison is."""
    weeks = facts.weeks_per_year
    final = compare(
        final_weekly_pence,
        final_weekly_pence * weeks,
        facts.indicative_weekly_pence,
        facts.indicative_weekly_pence * weeks,
        facts.tolerance_percent,
    )
    return facts.plan_position != "within" or final.position != "within"


def needs_panel(facts: Facts, final_weekly_pence: int) -> bool:
    """A final figure at or over the panel level goes to the panel. It is never capped."""
    return final_weekly_pence >= facts.panel_weekly_pence


def differs(facts: Facts, final_weekly_pence: int) -> bool:
    return final_weekly_pence != facts.indicative_weekly_pence


def _after_team_manager(facts: Facts) -> str:
    assert facts.final_weekly_pence is not None
    return AWAITING_PANEL if needs_panel(facts, facts.final_weekly_pence) else AGREED


def _to_state(facts: Facts, move: str, decision: Decision) -> str:
    if move == SEND:
        return SENT
    if move == RETURN:
        return RETURNED
    if move == APPROVE:
        assert decision.final_weekly_pence is not None
        if outside_tolerance(facts, decision.final_weekly_pence):
            return AWAITING_TEAM_MANAGER
        if needs_panel(facts, decision.final_weekly_pence):
            return AWAITING_PANEL
        return AGREED
    if move == AGREE_EXCEPTION:
        return _after_team_manager(facts)
    if move == PANEL_AGREE:
        return AGREED
    return SENT  # a team manager or a panel said no: back to the care manager


def _missing(facts: Facts, move: str, decision: Decision) -> str | None:
    """What the decision lacks, if anything."""
    if move == RETURN and decision.comments < 1:
        return COMMENT_NEEDED
    if move == APPROVE:
        if decision.final_weekly_pence is None or decision.final_weekly_pence < 0:
            return FIGURE_NEEDED
        if differs(facts, decision.final_weekly_pence) and not decision.reason.strip():
            return REASON_NEEDED
    if move in (AGREE_EXCEPTION, REFUSE_EXCEPTION, PANEL_AGREE, PANEL_REFUSE) and not decision.reason.strip():
        return REASON_NEEDED
    return None


def check(facts: Facts, move: str, role: str, decision: Decision | None = None) -> Verdict:
    """May `role` make `move` now, with what `decision` says? If so, the state it leads to; if not, why
    not. Without a decision, only whether the move is open to the role (for showing buttons)."""
    rule = state_machine.rule_for(RULES, facts.state, move, role, (STATES, MOVES, ROLES))
    if isinstance(rule, str):
        return Verdict(False, rule)
    if decision is None:
        return Verdict(True, ALLOWED)
    missing = _missing(facts, move, decision)
    if missing is not None:
        return Verdict(False, missing)
    return Verdict(True, ALLOWED, _to_state(facts, move, decision))


def moves_open(facts: Facts, role: str) -> tuple[str, ...]:
    """The moves `role` can make now."""
    return tuple(move for move in MOVES if check(facts, move, role).allowed)


def editable(state: str) -> bool:
    return state in EDITABLE


def sent(state: str) -> bool:
    """The plan is with the council, or agreed: it is kept as it was sent and cannot be changed."""
    return state not in EDITABLE


# --- the case list: each person's stage, and how soon it needs the member of staff -------------

ASSESSMENT_SENT = "assessment_sent"  # the self-assessment is sent; no plan is sent yet
FORM_SENT = "form_sent"  # a form that makes no budget (a carer's assessment, say) is sent
PLAN_SENT = "plan_sent"  # a plan is waiting for the care manager
PLAN_RETURNED = "plan_returned"  # back with the person for changes
AWAITING_APPROVAL = "awaiting_approval"  # waiting for a team manager or the panel
PLAN_AGREED = "agreed"
REVIEW_DUE = "review_due"  # agreed, and the review is due soon or overdue (portal.ras.reviews.due_soon)
DISAGREEMENT_OPEN = "disagreement_open"
CASE_STAGES = (
    ASSESSMENT_SENT,
    FORM_SENT,
    PLAN_SENT,
    PLAN_RETURNED,
    AWAITING_APPROVAL,
    PLAN_AGREED,
    REVIEW_DUE,
    DISAGREEMENT_OPEN,
)


def case_stage(
    plan_state: str | None, disagreement_open: bool, review_due: bool = False, makes_budget: bool = True
) -> str:
    """The stage a case list shows for one person's form: an open disagreement first, then the plan;
    an agreed plan whose review is due soon is "review due". A form that makes no budget has no plan:
    it is "form sent"."""
    if not makes_budget:
        return FORM_SENT
    if disagreement_open:
        return DISAGREEMENT_OPEN
    if plan_state == AGREED and review_due:
        return REVIEW_DUE
    if plan_state == SENT:
        return PLAN_SENT
    if plan_state == RETURNED:
        return PLAN_RETURNED
    if plan_state in (AWAITING_TEAM_MANAGER, AWAITING_PANEL):
        return AWAITING_APPROVAL
    if plan_state == AGREED:
        return PLAN_AGREED
    return ASSESSMENT_SENT


def action_order(role: str) -> dict[str | None, int]:
    """For each plan state, how soon it needs this role (0 first): the case list is sorted by this, then
    by how long the case has waited. A state that does not need the role comes last."""
    first: tuple[str | None, ...]
    if role == TEAM_MANAGER:
        first = (AWAITING_TEAM_MANAGER, AWAITING_PANEL, SENT, RETURNED, DRAFT, None, AGREED)
    elif role == PANEL:
        first = (AWAITING_PANEL, AWAITING_TEAM_MANAGER, SENT, RETURNED, DRAFT, None, AGREED)
    else:
        first = (SENT, AWAITING_TEAM_MANAGER, AWAITING_PANEL, None, DRAFT, RETURNED, AGREED)
    return {state: order for order, state in enumerate(first)}
