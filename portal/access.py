"""Who may see whose record, and the audit trail of every look and change by someone else.

A person reaches their own records, and the records of people they act for with recorded
authority. Anything else is answered with 404, so that nobody learns what exists.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, g, redirect, request, session, url_for
from sqlalchemy import select

from portal.store import db
from portal.store.models import Assessment, AuditEvent, Authority, Person, User


def current_user() -> User | None:
    if "current_user" not in g:
        user_id = session.get("user_id")
        g.current_user = db().get(User, user_id) if isinstance(user_id, int) else None
    return g.current_user


def signed_in_user_for_page() -> User | None:
    """For the page header: never let a broken database stop an error page from showing."""
    try:
        return current_user()
    except Exception:  # noqa: BLE001
        return None


# Choices about how pages look, kept when a person signs in or out: their language, and pictures.
KEPT_CHOICES = ("lang", "pictures")


def _fresh_session() -> None:
    kept = {key: session[key] for key in KEPT_CHOICES if session.get(key)}
    session.clear()
    session.update(kept)


def sign_in(user: User) -> None:
    """Start a fresh session for the user (a new session id defeats session fixation)."""
    _fresh_session()
    session["user_id"] = user.id
    session.permanent = True
    g.current_user = user


def sign_out() -> None:
    _fresh_session()
    g.pop("current_user", None)


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            session["next"] = request.full_path if request.method == "GET" else None
            return redirect(url_for("auth.sign_in"))
        return view(*args, **kwargs)

    return wrapper


def basis_for(user: User, person: Person) -> str | None:
    """'self' for the person themself, 'authority:<basis>' for someone acting for them, else None."""
    if person.user_id == user.id:
        return "self"
    authority = db().scalar(select(Authority).where(Authority.user_id == user.id,
                                                    Authority.person_id == person.id))
    if authority is not None:
        return f"authority:{authority.basis}"
    return None


def audit(user: User, person: Person, action: str, target: str, basis: str) -> None:
    """Write who did what to whose record. Only looks and changes by someone else are recorded."""
    if basis == "self":
        return
    db().add(AuditEvent(actor_id=user.id, person_id=person.id, action=action, target=target, basis=basis))
    db().commit()


def load_assessment(public_id: str, action: str = "view") -> Assessment:
    """The assessment with this id, if the signed-in user may reach it; 404 otherwise. Audited."""
    user = current_user()
    assessment = db().scalar(select(Assessment).where(Assessment.public_id == public_id))
    if assessment is None or user is None:
        abort(404)
    basis = basis_for(user, assessment.person)
    if basis is None:
        abort(404)
    audit(user, assessment.person, action, f"assessment:{assessment.public_id}", basis)
    g.basis = basis
    return assessment
