"""Commands for a council to add staff and assign cases, until there is a screen for it:

    flask --app portal staff-add --email chris@council.example --role care_manager
    flask --app portal staff-add --email robin@council.example --role ras_lead   (the fairness report only)
    flask --app portal staff-assign --person <person id> --role care_manager --email chris@council.example

The roles are the one list in `portal.ras.staff_roles`: care_manager, team_manager, complaints_officer,
panel and ras_lead (the fairness report only) for staff-add; care_manager and team_manager, the roles
that hold a case, for staff-assign.

A member of staff is found by the email their sign-in gives; they must have signed in once.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from portal.ras.staff_roles import CASE_HOLDERS, GRANTABLE
from portal.store import disagreements as store
from portal.store.disagreement_models import CaseAssignment, StaffMember
from portal.store.models import User


def _session() -> Session:
    return current_app.extensions["db_sessionmaker"]()


def _user(session: Session, email: str) -> User:
    user = store.user_by_email(session, email)
    if user is None:
        raise click.ClickException(f"No one with the email {email} has signed in yet")
    return user


@click.command("staff-add")
@click.option("--email", required=True, help="the email their sign-in gives")
@click.option("--role", required=True, type=click.Choice(GRANTABLE))
@with_appcontext
def staff_add(email: str, role: str) -> None:
    """Give someone who has signed in a staff role."""
    with _session() as session:
        user = _user(session, email)
        member = store.staff_member_of(session, user.id)
        if member is None:
            session.add(StaffMember(user_id=user.id, role=role))
        else:
            member.role, member.active = role, True
        session.commit()
    click.echo(f"{email} now has the staff role {role}.")


@click.command("staff-assign")
@click.option("--person", "person_id", required=True, help="the person's id (people.public_id)")
@click.option("--role", required=True, type=click.Choice(CASE_HOLDERS))
@click.option("--email", required=True, help="the member of staff's email")
@with_appcontext
def staff_assign(person_id: str, role: str, email: str) -> None:
    """Make a care manager or team manager hold a person's case."""
    with _session() as session:
        user = _user(session, email)
        member = store.staff_member_of(session, user.id)
        if member is None or member.role != role:
            raise click.ClickException(f"{email} is not a {role.replace('_', ' ')}: use staff-add first")
        person = store.person_by_public_id(session, person_id)
        if person is None:
            raise click.ClickException(f"No person has the id {person_id}")
        held = store.assignment(person.id, role, session)
        if held is None:
            session.add(CaseAssignment(person_id=person.id, role=role, staff_user_id=user.id))
        else:
            held.staff_user_id = user.id
        session.commit()
    click.echo(f"{email} now holds the case of person {person_id} as {role.replace('_', ' ')}.")
