"""Letters: a person who asked us to get in touch by letter gets a letter for everything we tell them.

Each one is a task on the work list of the staff who sent it (or who hold the step), until they say it
is posted. Emails still go to the people who have them, as a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.access import audit
from portal.journeys.disagree.messages import postal_address
from portal.journeys.disagree.service import (
    Actor,
    add_entry,
    check_not_sent_before,
    commit_once,
)
from portal.journeys.pages import AlreadySent, Refused
from portal.journeys.staff.roles import sees_only_held, step_reached
from portal.ras import disagreement as rules
from portal.ras.disagreement import Verdict
from portal.store import disagreements as store
from portal.store.disagreement_models import Disagreement, DisagreementEntry, StaffMember

LETTER_POSTED = rules.LETTER_POSTED  # an entry: staff posted the letter about another entry
LETTER_KINDS = (
    rules.RAISE,
    rules.REQUEST_ADVOCATE,
    rules.ESCALATE,
    rules.COMPLAIN,
    rules.ARRANGE_MEETING,
    rules.AGREE_NEW_AMOUNT,
    rules.KEEP_AMOUNT,
    rules.ACKNOWLEDGE,
    rules.ANSWER_COMPLAINT,
)
ROLE_OF_STEP = {
    rules.STEP_CARE_MANAGER: rules.CARE_MANAGER,
    rules.STEP_TEAM_MANAGER: rules.TEAM_MANAGER,
    rules.STEP_COMPLAINT: rules.COMPLAINTS_OFFICER,
}


@dataclass(frozen=True)
class Letter:
    case: Disagreement
    entry: DisagreementEntry  # what the letter tells the person
    address: str
    role: str  # the staff role that posts it

    @property
    def confirms(self) -> bool:
        """True when the letter says we have something the person sent; False when it carries our answer."""
        return self.entry.author_role == rules.PERSON


def _letter_role(case: Disagreement, entry: DisagreementEntry) -> str:
    if entry.author_role in rules.STAFF_ROLES:
        return entry.author_role
    return ROLE_OF_STEP.get(entry.step_kind) or rules.staff_step(case.state) or rules.CARE_MANAGER


def letters_to_post(case: Disagreement) -> list[Letter]:
    """Letters not posted yet, oldest first."""
    address = postal_address(case)
    if address is None:
        return []
    posted = {entry.details.get("for_entry") for entry in case.entries if entry.kind == LETTER_POSTED}
    return [
        Letter(case, entry, address, _letter_role(case, entry))
        for entry in case.entries
        if entry.kind in LETTER_KINDS and entry.id not in posted
    ]


def cases_with_letters_for(member: StaffMember) -> list[Disagreement]:
    """Disagreements with a letter not posted yet that this member of staff may see: the access rule
    (`portal.journeys.staff.roles.may_see`) asked of the database, for all of them at once."""
    return store.with_letters_to_post(
        member.user_id,
        member.role,
        rules.RAISE,
        LETTER_KINDS,
        LETTER_POSTED,
        held=sees_only_held(member.role),
        step_kind=step_reached(member.role),
    )


def letter_posted(case: Disagreement, entry_id: int, actor: Actor, today: date, token: str | None) -> None:
    """Staff say they posted the letter about one entry. It shows on the timeline.

    Saying it twice does nothing."""
    check_not_sent_before(token)
    letter = next((letter for letter in letters_to_post(case) if letter.entry.id == entry_id), None)
    if letter is None:
        raise AlreadySent
    if letter.role != actor.role:
        raise Refused(Verdict(False, rules.NOT_YOUR_MOVE))
    add_entry(
        case,
        LETTER_POSTED,
        actor,
        today,
        token,
        step_kind=letter.entry.step_kind,
        details={"for_entry": entry_id},
    )
    commit_once()
    audit(actor.user, case.person, LETTER_POSTED, f"disagreement:{case.reference}", actor.basis)
