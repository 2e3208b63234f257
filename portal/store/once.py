"""Doing a thing once, however many times it is asked for at the same moment.

A person double-clicks, presses Continue again while the page loads, or has the same page open in two
tabs. Each function here gives the same result whether its requests come one after another or all at
once, on PostgreSQL and on SQLite: the database, not the timing of the web server, decides.

- Starting a form ("Myself", or someone else): an empty form already started by the same person for the
  same person is used again, instead of making another. An empty form holds nothing, so a second one
  would only be a duplicate on the account page. This needs no token in the page and no new column, and
  it also covers the back button and a second tab, which a one-time token would not. Starts by one user
  take turns (`_one_at_a_time`), so that 20 clicks at once still find the first one's form.
- Saving an answer: the first answer sent twice at once is one row (the database's primary key); the
  second is saved over the first, as if they had come one after the other.
- Adding a message to a disagreement's waiting step does not change where the disagreement is, so another
  message added at the same moment from another tab does not stop it (`unchanged_since_shown`).
- A form sent with a one-time token (an early review asked for, a review done): the row is added once
  (`add_once`), and a second send at the same moment is refused by the database when it commits
  (`commit_once`); either way the caller gets `AlreadyStored`. Requests about one person can take turns
  (`one_at_a_time`), so that two tabs sending different forms at once do not both pass a check.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, exists, select, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from portal.store import db
from portal.store.disagreement_models import Disagreement
from portal.store.models import SEND, Answer, Assessment, Grant, Person, User, utcnow

MAIN = "self_assessment"  # the questionnaire a form is when none is named (portal.ras.model)

Row = TypeVar("Row")


class AlreadyStored(Exception):
    """The same form was stored before (its one-time token is known)."""


def one_at_a_time(session: Session, model: type[User] | type[Person], row_id: int) -> None:
    """Make other requests that take turns on this row (a user's, a person's) wait until this transaction
    ends, then see what it wrote.

    An UPDATE that changes nothing: on PostgreSQL it takes the row's lock; on SQLite it takes the
    database's write lock (SQLite begins a transaction at the first write, so the reads after it see
    everything the request before it committed)."""
    session.execute(
        update(model)
        .where(model.id == row_id)
        .values(id=model.id)
        .execution_options(synchronize_session=False)
    )


def _one_at_a_time(session: Session, user: User) -> None:
    """This user's other starts wait until this transaction ends."""
    one_at_a_time(session, User, user.id)


def add_once(row: Row, token: InstrumentedAttribute[Any]) -> Row:
    """Add a row sent with a one-time token (`token`, its column) to the session and flush; not committed.
    AlreadyStored when a row with the same token was stored before."""
    session = db()
    if session.scalar(select(token).where(token == getattr(row, token.key))) is not None:
        raise AlreadyStored
    session.add(row)
    session.flush()
    return row


def commit_once() -> None:
    """Commit; a form sent twice at once (the same one-time token, a unique column) is stored once: the
    second gets AlreadyStored, and nothing of it is kept."""
    try:
        db().commit()
    except IntegrityError as clash:
        db().rollback()
        raise AlreadyStored from clash


def _empty_form(
    session: Session, person_id: int, user: User, questionnaire_id: str | None = None
) -> Assessment | None:
    """A form this user started for this person that is still a draft and has no answers (of this
    questionnaire, when one is named)."""
    answered = exists().where(Answer.assessment_id == Assessment.id)
    return session.scalar(
        select(Assessment)
        .where(
            Assessment.person_id == person_id,
            Assessment.started_by_id == user.id,
            Assessment.status == "draft",
            ~answered,
            *([Assessment.questionnaire_id == questionnaire_id] if questionnaire_id else []),
        )
        .order_by(Assessment.id.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )


def _form_for(
    session: Session, person_id: int, user: User, config_version: str, questionnaire_id: str
) -> Assessment:
    form = _empty_form(session, person_id, user, questionnaire_id)
    if form is None:
        form = Assessment(
            person_id=person_id,
            started_by_id=user.id,
            config_version=config_version,
            questionnaire_id=questionnaire_id,
        )
        session.add(form)
    session.commit()
    return form


def start_own_form(user: User, config_version: str, questionnaire_id: str = MAIN) -> Assessment:
    """The user's form about themself: their empty one of this questionnaire if they have one, else a new
    one (and their person record, the first time)."""
    session = db()
    _one_at_a_time(session, user)
    person = session.scalar(
        select(Person).where(Person.user_id == user.id).execution_options(populate_existing=True)
    )
    if person is None:
        person = Person(user_id=user.id, name=user.name)
        session.add(person)
        session.flush()
    return _form_for(session, person.id, user, config_version, questionnaire_id)


def start_form_for_someone(
    user: User,
    config_version: str,
    *,
    name: str,
    relationship: str,
    basis: str,
    basis_reference: str | None = None,
    questionnaire_id: str = MAIN,
    pronouns: str | None = None,
) -> Assessment:
    """A form the user fills in for someone else: the empty one they started for a person of this name,
    on this basis and relationship, if there is one; else a new person, the user's grant (to send and
    disagree, not confirmed by the person, with the LPA reference, court order number or advocate's
    organisation when given), and a form. Pronouns, when given, go on the person's record."""
    session = db()
    _one_at_a_time(session, user)
    same = session.scalars(
        select(Person.id)
        .join(Grant, Grant.person_id == Person.id)
        .where(
            Grant.user_id == user.id,
            Grant.active_clause(),
            Person.name == name,
            Grant.basis == basis,
            Grant.relationship_to_person == relationship,
        )
        .order_by(Person.id.desc())
    )
    for person_id in same:
        if _empty_form(session, person_id, user, questionnaire_id) is not None:
            if pronouns is not None:
                session.get_one(Person, person_id).pronouns = pronouns
            return _form_for(session, person_id, user, config_version, questionnaire_id)
    person = Person(name=name, pronouns=pronouns)
    session.add(person)
    session.flush()
    session.add(
        Grant(
            user_id=user.id,
            person_id=person.id,
            basis=basis,
            basis_reference=basis_reference,
            relationship_to_person=relationship,
            scope=SEND,
            confirmed_by_person=False,
        )
    )
    return _form_for(session, person.id, user, config_version, questionnaire_id)


def _insert_answer(session: Session) -> postgresql.Insert | sqlite.Insert:
    """An INSERT of an answer in the database's own dialect, which can say what to do on a conflict."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(Answer)
    return sqlite.insert(Answer)


def save_answer(assessment: Assessment, question_id: str, value: str, more: str | None, user_id: int) -> None:
    """Write the answer, new or over the one saved, in one statement: sent twice at the same moment it is
    still one answer."""
    session = db()
    now = utcnow()
    statement = _insert_answer(session).values(
        assessment_id=assessment.id,
        question_id=question_id,
        value=value,
        more=more,
        updated_by_id=user_id,
        updated_at=now,
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[Answer.assessment_id, Answer.question_id],
            set_={"value": value, "more": more, "updated_by_id": user_id, "updated_at": now},
        )
    )
    assessment.updated_at = now
    session.commit()
    session.expire(assessment, ["answers"])


def unchanged_since_shown(case: Disagreement, to_state: str) -> ColumnElement[bool]:
    """The condition for writing a move: nobody changed the disagreement since the page was shown.

    A move that keeps the state (a message added to the waiting step) needs only the state to be the
    same (the caller checks it): another message added at the same moment does not refuse it."""
    if to_state == case.state:
        return true()
    return Disagreement.version == case.version
