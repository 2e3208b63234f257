"""The portal's records. Money is integer pence; every time is stored in UTC."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any, NoReturn

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
    event,
    false,
    or_,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_public_id() -> str:
    """An unguessable id for URLs, so that record numbers cannot be walked."""
    return secrets.token_urlsafe(12)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


class User(Base):
    """Someone who signs in: a person, a carer or advocate, or a member of staff."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    # The language they chose with the language switch (a code such as "cy"), for their pages after sign-in
    # and for every email, letter and PDF to them; None until they choose one.
    language: Mapped[str | None] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("issuer", "subject", name="uq_users_issuer_subject"),)


class Person(Base):
    """The person who needs care and support. They may or may not have their own account."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    name: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # How pages talk about them to someone who helps: "he", "she" or "they"; None (not given) reads as
    # "they". Chosen by the person, or by a helper who may fill in and change their information.
    pronouns: Mapped[str | None] = mapped_column(String(10))
    user: Mapped[User | None] = relationship()

    @property
    def known_as(self) -> str | None:
        """The name to show others: the one on the record, else the name of the person's own account."""
        return self.name or (self.user.name if self.user is not None else None)


HE, SHE, THEY = "he", "she", "they"
PRONOUNS = (HE, SHE, THEY)


# What a helper may do with a person's record, each including the ones before it.
SEE = "see"
FILL_IN = "fill_in"
SEND = "send"
SCOPES = (SEE, FILL_IN, SEND)


def scope_allows(held: str, needed: str) -> bool:
    """Whether a grant of scope `held` lets its helper do what needs `needed`."""
    if held not in SCOPES or needed not in SCOPES:
        return False
    return SCOPES.index(held) >= SCOPES.index(needed)


class Grant(Base):
    """One helper's right to act for a person: who, how they are related, on what basis (with its
    reference), what they may do, and from when until when. The record stays the person's. Ended and
    expired grants are kept, for the history the person sees."""

    __tablename__ = "grants"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # the helper
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    relationship_to_person: Mapped[str] = mapped_column(String(100))
    # asked_by_person | lasting_power_of_attorney | deputy | advocate
    basis: Mapped[str] = mapped_column(String(40))
    # The LPA reference, the court order number, or the advocate's organisation.
    basis_reference: Mapped[str | None] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(20), default=SEND, server_default=SEND)
    starts_at: Mapped[datetime] = mapped_column(default=utcnow)
    ends_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_by_person: Mapped[bool] = mapped_column(default=False, server_default=false())
    # A case holder checked the basis (they saw the LPA or the court order): who, and when. Not the same
    # as the person confirming it; the note is in the grant's history (`GrantNote`).
    council_confirmed_at: Mapped[datetime | None]
    council_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    person: Mapped[Person] = relationship()
    helper: Mapped[User] = relationship(foreign_keys=[user_id])
    __table_args__ = (Index("ix_grants_user_person", "user_id", "person_id"),)

    def active_at(self, moment: datetime) -> bool:
        """In force: not ended by anyone, and not past its end date."""
        return self.ended_at is None and (self.ends_at is None or moment < self.ends_at)

    @classmethod
    def active_clause(cls, moment: datetime | None = None) -> ColumnElement[bool]:
        """SQL for "this grant is in force at `moment`" (now, when not given)."""
        return and_(cls.ended_at.is_(None), or_(cls.ends_at.is_(None), cls.ends_at > (moment or utcnow())))


# What the council did about a grant, for the case page and the person's and helper's history.
COUNCIL_CONFIRMED = "confirmed"
COUNCIL_CONCERN = "concern"
COUNCIL_ENDED = "ended"
NOTE_KINDS = (COUNCIL_CONFIRMED, COUNCIL_CONCERN, COUNCIL_ENDED)


class GrantNote(Base):
    """A case holder's action on a helper's grant: confirmed its basis, recorded a concern, or ended it,
    with who, when and why. Written once (one-time token); never changed."""

    __tablename__ = "grant_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text)
    send_token: Mapped[str] = mapped_column(String(64), unique=True)
    by: Mapped[User] = relationship()


class Invitation(Base):
    """A one-time code a person gives a helper. Only a hash of the code is kept; it works once, until
    it expires."""

    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    helper_name: Mapped[str] = mapped_column(String(200))
    relationship_to_person: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(20))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    # When the helper's access ends, if the person chose a date (the grant gets it); None: no end date.
    grant_ends_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("grants.id"))


class Assessment(Base):
    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # Which of the council's questionnaires this is (content/questionnaire.yaml or questionnaires/<id>.yaml).
    questionnaire_id: Mapped[str] = mapped_column(
        String(60), default="self_assessment", server_default="self_assessment"
    )
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | submitted
    config_version: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A sent form that makes no budget: the reference the person quotes, like FORM-7K3M-9QX2.
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    # A reassessment: the form the person answered before, whose answers this one started from.
    previous_assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"), index=True)
    person: Mapped[Person] = relationship()
    answers: Mapped[list[Answer]] = relationship(back_populates="assessment", cascade="all, delete-orphan")
    calculation: Mapped[Calculation | None] = relationship(back_populates="assessment", uselist=False)

    @property
    def submitted(self) -> bool:
        return self.status == "submitted"


class Answer(Base):
    """One answer, written when the person presses Continue."""

    __tablename__ = "answers"
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(60))
    more: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assessment: Mapped[Assessment] = relationship(back_populates="answers")


class Calculation(Base):
    """An indicative budget as it was worked out and shown. Written once; never changed."""

    __tablename__ = "calculations"
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), unique=True)
    config_version: Mapped[str] = mapped_column(String(60))
    answers: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]
    weekly_pence: Mapped[int] = mapped_column(Integer)
    yearly_pence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    assessment: Mapped[Assessment] = relationship(back_populates="calculation")


class AuditEvent(Base):
    """Append-only: who did what to whose record, when, and on what basis."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(120))
    basis: Mapped[str] = mapped_column(String(60))


class ImmutableRecordError(RuntimeError):
    pass


@event.listens_for(Calculation, "before_update")
@event.listens_for(AuditEvent, "before_update")
def _refuse_update(  # noqa: ARG001
    mapper: Mapper[Any], connection: Connection, target: Calculation | AuditEvent
) -> NoReturn:
    raise ImmutableRecordError(f"{type(target).__name__} records are never changed once written")


@event.listens_for(Calculation, "before_delete")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(  # noqa: ARG001
    mapper: Mapper[Any], connection: Connection, target: Calculation | AuditEvent
) -> NoReturn:
    raise ImmutableRecordError(f"{type(target).__name__} records are never deleted")
