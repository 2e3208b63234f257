"""Staff roles and who may see which disagreement.

- A care manager sees the disagreements of the people assigned to them, at every step.
- A team manager sees the disagreements of the people assigned to them, once the person has asked
  a team manager to look again.
- A complaints officer sees every disagreement that has become a formal complaint (the complaints
  team works for the whole council).

A conflict of interest comes before all of these (`conflict`): nobody on the staff sees or acts on a
case where they are the person, or act for the person (an authority), or started the person's
assessment. Such a case is not on their work list, and opening it is "Page not found", written to the
audit log as refused.

Anything else is answered with "Page not found", so that nobody learns what exists. Every look at
a case and every change is written to the audit log.

Staff sessions end sooner when left alone than other people's (STAFF_SESSION_IDLE_MINUTES).

Assignment: in demo mode the demo care manager and team manager hold every new case, from the first
form sent. Elsewhere a council assigns cases with `flask --app portal staff-assign` (see the README).
"""

from __future__ import annotations

import logging
from functools import wraps

from flask import abort, current_app, g
from sqlalchemy.exc import IntegrityError

from portal import access
from portal.access import audit, current_user, login_required
from portal.journeys.auth.demo import DEMO_ISSUER, DEMO_STAFF
from portal.ras import disagreement as rules
from portal.ras import staff_roles
from portal.store import db
from portal.store import disagreements as cases
from portal.store import session_models as sessions
from portal.store import staff as store
from portal.store.disagreement_models import CaseAssignment, Disagreement, StaffMember
from portal.store.models import Person, User
from portal.store.sessions import user_by_subject

log = logging.getLogger(__name__)


def staff_member(user: User | None) -> StaffMember | None:
    if user is None:
        return None
    return store.active_member(user.id)


def _header_member() -> StaffMember | None:
    """The signed-in member of staff, for the page header: looked up once a request, and never an error
    (the page header must never break an error page)."""
    if "header_staff" not in g:
        try:
            user = current_user()  # which also finds the user's staff role, if any, with their session
            if user is None:
                g.header_staff = None
            elif "staff_member_of_session" in g:
                g.header_staff = g.staff_member_of_session
            else:
                g.header_staff = staff_member(user)
        except Exception:  # noqa: BLE001
            g.header_staff = None
    return g.header_staff


def is_staff() -> bool:
    """Staff who hold cases: the RAS lead sees only the fairness pages (`is_ras_lead`)."""
    member = _header_member()
    return member is not None and member.role != staff_roles.RAS_LEAD


def is_ras_lead() -> bool:
    member = _header_member()
    return member is not None and member.role == staff_roles.RAS_LEAD


def is_team_manager() -> bool:
    """Team managers see the messages that could not be sent (`staff_outbox.messages`)."""
    member = _header_member()
    return member is not None and member.role == rules.TEAM_MANAGER


def staff_required(view=None, *, roles: tuple[str, ...] = staff_roles.STAFF_ROLES):
    """Signed in, and an active member of staff in one of `roles`; otherwise "Page not found"."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            member = staff_member(current_user())
            if member is None or member.role not in roles:
                abort(404)
            g.staff = member
            _staff_timeout()
            return view(*args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def _staff_timeout() -> None:
    """Someone given a staff role while signed in gets the staff timeout from their next staff page."""
    row = access.current_session()
    staff_seconds = 60 * current_app.extensions["portal_settings"].staff_session_idle_minutes
    if row is not None and row.idle_seconds > staff_seconds:
        sessions.seen(db(), row, access.now(), idle_seconds=staff_seconds)


def conflict(member: StaffMember, person_id: int) -> str | None:
    """Why this member of staff may not handle this person's case, or None when they may: they are the
    person, they act for the person, or they started one of the person's assessments."""
    person = db().get(Person, person_id)
    if person is not None and person.user_id == member.user_id:
        return "own_case"
    acts_for, started = store.ties(member.user_id, person_id)
    if acts_for:
        return "acts_for_person"
    if started:
        return "started_assessment"
    return None


# Which disagreements each role sees, besides never one where they have a conflict of interest: only the
# cases they hold (a complaints officer holds none, and sees every complaint), and only once the
# disagreement has reached their step. `may_see` asks it of one case; the work list asks the database.
HOLDS_CASES = {rules.COMPLAINTS_OFFICER: False}
STEP_REACHED = {rules.COMPLAINTS_OFFICER: rules.STEP_COMPLAINT, rules.TEAM_MANAGER: rules.STEP_TEAM_MANAGER}


def sees_only_held(role: str) -> bool:
    return HOLDS_CASES.get(role, True)


def step_reached(role: str) -> str | None:
    return STEP_REACHED.get(role)


def may_see(member: StaffMember, case: Disagreement) -> bool:
    return conflict(member, case.person_id) is None and _reached_and_held(member, case)


def _reached_and_held(member: StaffMember, case: Disagreement) -> bool:
    """`may_see`, once the member of staff is known to have no conflict of interest in the case."""
    step = step_reached(member.role)
    if step is not None and case.step(step) is None:
        return False
    if not sees_only_held(member.role):
        return True
    assignment = cases.assignment(case.person_id, member.role)
    return assignment is not None and assignment.staff_user_id == member.user_id


def load_case_for_staff(reference: str, action: str = "staff_view") -> Disagreement:
    """The disagreement with this reference, if this member of staff may see it; 404 otherwise. Audited."""
    member = g.staff
    case = cases.by_reference(reference)
    if case is None:
        abort(404)
    reason = conflict(member, case.person_id)  # the person came with the case: no second query
    if reason is not None:
        audit(
            member.user,
            case.person,
            f"refused_{action}",
            f"disagreement:{case.reference}",
            f"conflict:{reason}",
        )
        abort(404)
    if not _reached_and_held(member, case):
        abort(404)
    audit(member.user, case.person, action, f"disagreement:{case.reference}", basis(member))
    return case


def basis(member: StaffMember) -> str:
    return f"staff:{member.role}"


# --- demo staff and assignment --------------------------------------------------


def _added_once(row: object) -> bool:
    """Add the row in a savepoint of the request's transaction. False when the same row was added by another
    request at the same moment (a unique constraint): nothing is added then, and nothing else is undone."""
    try:
        with db().begin_nested():
            db().add(row)
        return True
    except IntegrityError:
        return False


def ensure_demo_staff(commit: bool = True) -> dict[str, User]:
    """The demo staff's users and staff roles, created if missing. Demo mode only. Two requests doing this at
    the same moment (the first demo sign-ins, or the first disagreements) each find the same users."""
    users = {}
    for person in DEMO_STAFF:
        user = user_by_subject(DEMO_ISSUER, person.id)
        if user is None:
            made = User(issuer=DEMO_ISSUER, subject=person.id, name=person.name, email=person.email)
            user = made if _added_once(made) else user_by_subject(DEMO_ISSUER, person.id)
        assert user is not None
        if store.any_member(user.id) is None:
            _added_once(StaffMember(user_id=user.id, role=person.role))
        users[person.role] = user
    if commit:
        db().commit()
    return users


def assign(person: Person, role: str, staff_user: User, commit: bool = True) -> None:
    """Give the person a staff member in this role (a care manager, a team manager)."""
    existing = cases.assignment(person.id, role)
    if existing is None:
        _added_once(CaseAssignment(person_id=person.id, role=role, staff_user_id=staff_user.id))
    else:
        existing.staff_user_id = staff_user.id
    if commit:
        db().commit()


def assign_new_case(person: Person) -> None:
    """Before a person's form, support plan or disagreement is sent: in demo mode, the demo care manager
    and team manager hold every case that has no one yet. Nothing is committed here: it is saved with the
    form (or the plan, or the disagreement) it comes before."""
    if current_app.extensions["portal_settings"].demo_sign_in:
        users = ensure_demo_staff(commit=False)
        for role in (rules.CARE_MANAGER, rules.TEAM_MANAGER):
            if cases.assignment(person.id, role) is None:
                assign(person, role, users[role], commit=False)
    elif cases.assignment(person.id, rules.CARE_MANAGER) is None:
        log.warning(
            "A form, a support plan or a disagreement was sent for person %s, who has no care manager: "
            "assign one with `flask staff-assign`",
            person.public_id,
        )
