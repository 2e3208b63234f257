"""Who is signed in, who may see whose record, and the audit trail of every look and change by someone else.

Sessions are kept on the server (`portal.store.session_models`): the cookie holds a random token, and the
database says whether it is still open. Signing out, or signing out everywhere, ends a session at once on
every server; so does doing nothing for too long (staff sooner), and every session ends some hours after
sign-in however busy the person is. A cookie copied before any of these opens nothing.

A form sent just after the session ended is not lost: what was typed is kept on the server for a short
while, keyed to a random value in the cookie, and shown again (not saved) after the same person signs in.

A person reaches their own records, and the records of people they act for: one rule (`may`) for every
route. A helper's grant (`portal.store.models.Grant`) says what they may do (see; fill in and change;
send and disagree) and it counts only while it is in force: ended by anyone, or past its end, it opens
nothing from the next request on. Anything else is answered with 404, so that nobody learns what
exists; a helper whose grant has ended, or who asks for more than their grant allows, is told so.
A page that is there to make a change (`NEEDED_TO_OPEN`) opens only for a helper who may make it, and
pages offer a link or button to such a page only when the signed-in person may use it (`offered`).

Time comes from `app.extensions["now"]` when a test sets it (a function returning an aware UTC
datetime), and from the clock otherwise; nothing here sleeps or reads the system time itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import unquote, urlsplit

from flask import abort, current_app, g, redirect, request, session, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect
from werkzeug.wrappers import Response

from portal import clock
from portal.store import db
from portal.store import session_models as sessions
from portal.store.assessments import authority, ended_authority
from portal.store.models import FILL_IN, SEE, SEND, Assessment, AuditEvent, Grant, Person, User, scope_allows
from portal.store.sessions import assessment_by_public_id
from portal.store.staff import active_member

View = TypeVar("View", bound=Callable[..., Any])

# What the signed cookie holds about signing in. Nothing else in it says who someone is.
TOKEN = "session_token"
NEXT = "next"
SIGNED_OUT = "signed_out"  # why the last session ended, for the sign-in page to say
KEPT_FORM = "kept_form"  # the key of a form kept when the session ended as it was sent
RESTORE_FORM = "restore_form"  # the same key, once the person has signed in again

# The idle deadline moves on when the person uses the portal, but at most once a minute (a database
# write on every request would cost more than it is worth): a session may end up to a minute early.
SEEN_EVERY = timedelta(minutes=1)
KEEP_FORMS_FOR = timedelta(minutes=30)
# Fields never kept: the CSRF token, and buttons' names.
NOT_KEPT = {"csrf_token", "submit"}
LONGEST_NEXT = 500
TIMED_OUT = {sessions.IDLE, sessions.TOO_LONG}

# Choices about how pages look, kept when a person signs in or out: their language, and pictures.
KEPT_CHOICES = ("lang", "pictures")
# Where Flask-WTF keeps the secret its CSRF tokens are made from.
CSRF_KEY = "csrf_token"
# Kept when a person signs in (never when they sign out): the answers of an estimate tried without an
# account, for "Save this and carry on" to keep as their draft.
KEPT_AT_SIGN_IN = ("try_out",)


def now() -> datetime:
    """This moment in UTC, without a time zone, as the database stores moments."""
    moment = cast(Callable[[], datetime], current_app.extensions.get("now", clock.now))()
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _settings() -> Any:
    return current_app.extensions["portal_settings"]


def idle_seconds_for(user: User) -> int:
    """How long this user's sessions last with nothing done: staff sooner than everyone else."""
    settings = _settings()
    is_staff = active_member(user.id) is not None
    return 60 * (settings.staff_session_idle_minutes if is_staff else settings.session_idle_minutes)


def current_user() -> User | None:
    if "current_user" not in g:
        g.current_user = _user_from_session()
    return cast(User | None, g.current_user)


def _user_from_session() -> User | None:
    token = session.get(TOKEN)
    if not isinstance(token, str):
        return None
    found = sessions.find_signed_in(db(), token)
    row = found[0] if found else None
    moment = now()
    reason = "unknown" if row is None else row.reason_ended(moment)
    if row is None or reason is not None:
        if row is not None:
            sessions.end(db(), row, moment, reason or sessions.SIGNED_OUT)
        g.ended_session = (row.user_id if row else None, reason)
        _fresh_session(keep_form_check=True)  # the token is worth nothing now: forget it
        return None
    if moment - row.last_seen_at >= SEEN_EVERY:
        sessions.seen(db(), row, moment)
    g.user_session = row
    g.staff_member_of_session = found[1] if found else None  # read by `staff.roles` for the page header
    return row.user


def current_session() -> sessions.UserSession | None:
    """The signed-in session of this request, or None."""
    return g.get("user_session") if current_user() is not None else None


def seconds_left(row: sessions.UserSession) -> int:
    """Whole seconds left, rounded up: 0 only once the session has ended."""
    return max(0, math.ceil((row.ends_at - now()).total_seconds()))


def peek_seconds_left() -> int:
    """Seconds until the session ends if nothing more is done, without counting this as doing something
    (for the timeout warning's own check). 0 when signed out."""
    token = session.get(TOKEN)
    row = sessions.find(db(), token) if isinstance(token, str) else None
    if row is None or row.reason_ended(now()) is not None:
        return 0
    return seconds_left(row)


def stay_signed_in() -> int:
    """The person asked for more time: move the idle deadline on now. Returns the seconds left."""
    row = current_session()
    if row is None:
        return 0
    sessions.seen(db(), row, now())
    return seconds_left(row)


def signed_in_user_for_page() -> User | None:
    """For the page header: never let a broken database stop an error page from showing."""
    try:
        return current_user()
    except Exception:  # noqa: BLE001
        return None


def _fresh_session(keep_form_check: bool = False) -> None:
    """Forget everything in the cookie but the person's choices. When a session has just ended by itself
    (`keep_form_check`), the CSRF secret stays too: a form made earlier in this request, or sent from a
    page made before it ended, still passes its check. So a person coming back months later simply signs
    in, and a form sent just after the time ran out reaches `login_required`, which keeps what was typed.
    Signing in and signing out always make a new one."""
    kept = {key: session[key] for key in KEPT_CHOICES if session.get(key)}
    if keep_form_check and session.get(CSRF_KEY):
        kept[CSRF_KEY] = session[CSRF_KEY]
    session.clear()
    session.update(kept)


def sign_in(user: User) -> str | None:
    """Start a fresh session for the user (a new token defeats session fixation). Returns the page to go
    back to, if the person was sent to sign in from one of ours."""
    next_url = safe_next(session.get(NEXT))
    kept_key = session.get(KEPT_FORM)
    earlier = current_session()
    if earlier is not None:  # signing in again (as someone else, say): the earlier session ends
        sessions.end(db(), earlier, now(), sessions.SIGNED_OUT)
    sessions.forget_expired_forms(db(), now())
    carried = {key: session[key] for key in KEPT_AT_SIGN_IN if key in session}
    _fresh_session()
    session.update(carried)
    settings = _settings()
    token = sessions.start(db(), user, now(), idle_seconds_for(user), 3600 * settings.session_max_hours)
    session[TOKEN] = token
    session.permanent = True
    g.current_user = user
    g.user_session = sessions.find(db(), token)
    for stale in ("ended_session", "staff_member_of_session", "header_staff"):
        g.pop(stale, None)
    if isinstance(kept_key, str):
        kept = sessions.find_kept_form(db(), kept_key, now())
        if kept is not None and kept.user_id == user.id:
            session[RESTORE_FORM] = kept_key
            return kept.path
        if kept is not None:  # someone else signed in on this browser: they never see it, nor go there
            sessions.forget_form(db(), kept)
            return None
    return next_url


def sign_out(everywhere: bool = False) -> None:
    """End this session on the server (or every session of this user), and forget it in the cookie."""
    row = current_session()
    if row is not None:
        if everywhere:
            sessions.end_all(db(), row.user_id, now())
        else:
            sessions.end(db(), row, now(), sessions.SIGNED_OUT)
    _fresh_session()
    g.pop("current_user", None)
    g.pop("user_session", None)


def safe_next(value: object) -> str | None:
    """A page of ours to go back to after sign-in, or None. Only a local path is accepted: never another
    site ("//evil.example", "/\\evil.example", "https://..."), in any encoding, nor anything odd."""
    if not isinstance(value, str) or not value or len(value) > LONGEST_NEXT or not value.isascii():
        return None
    seen = value
    for _ in range(3):  # as typed, and decoded (twice, for double encoding): each must be a local path
        if not seen.startswith("/") or seen.startswith("//") or "\\" in seen:
            return None
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in seen):
            return None
        parts = urlsplit(seen)
        if parts.scheme or parts.netloc:
            return None
        seen = unquote(seen)
    if any(ch.isspace() for ch in value):
        return None
    return value.removesuffix("?")


def login_required(view: View) -> View:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None:
            return to_sign_in()
        return view(*args, **kwargs)

    return cast(View, wrapper)


def to_sign_in() -> Response:
    """Send someone who is not signed in to sign in. If their session has just ended, say so on the
    sign-in page; and if they were sending a form, keep what they typed for after they sign in."""
    ended = g.get("ended_session")
    if ended is not None:
        session[SIGNED_OUT] = ended[1] or sessions.SIGNED_OUT
    if request.method == "GET":
        session[NEXT] = request.full_path
        return redirect(url_for("auth.sign_in"))
    session[NEXT] = None
    page = _page_of_the_form()
    if ended is not None and ended[0] is not None and page is not None:
        session[NEXT] = page
        fields = {name: request.form.getlist(name) for name in request.form if name not in NOT_KEPT}
        # Only a session that ran out keeps what was sent: nobody types after signing out, and a
        # cookie copied from an ended session must not fill the table.
        if fields and ended[1] in TIMED_OUT and page == request.full_path.removesuffix("?"):
            session[KEPT_FORM] = sessions.keep_form(
                db(), ended[0], page, fields, now(), int(KEEP_FORMS_FOR.total_seconds())
            )
    return redirect(url_for("auth.sign_in"), 303)


def _page_of_the_form() -> str | None:
    """The page a form was sent from: its own address when that page can be opened, else the page
    that linked to it (from our own site)."""
    here = safe_next(request.full_path)
    if here is not None:
        try:
            current_app.url_map.bind("").match(request.path, method="GET")
            return here
        except (NotFound, MethodNotAllowed, RequestRedirect):
            pass  # a form that only sends (a button): go back to the page it was on
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host:
        return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""))
    return None


def restored_formdata(form: Any) -> MultiDict[str, str] | None:
    """What was typed into the form on this page before the session ended, for the form to show again
    once the same person has signed in. Hidden fields keep the page's own values. Given back only
    once: the kept copy is deleted when the page is shown."""
    if request.method != "GET" or RESTORE_FORM not in session:
        return None
    if "restored_fields" not in g:
        g.restored_fields = None
        user = current_user()
        kept = sessions.find_kept_form(db(), session[RESTORE_FORM], now())
        if (
            kept is not None
            and user is not None
            and kept.user_id == user.id
            and kept.path == request.full_path.removesuffix("?")
        ):
            g.restored_fields = dict(kept.fields)
            sessions.forget_form(db(), kept)
            session.pop(RESTORE_FORM, None)
    fields: dict[str, list[str]] | None = g.restored_fields
    if not fields:
        return None
    hidden = {field.name for field in form if field.type in {"HiddenField", "CSRFTokenField"}}
    data: MultiDict[str, str] = MultiDict()
    for name, values in fields.items():
        if name not in hidden:
            for value in values:
                data.add(name, value)
    return data


def form_was_restored() -> bool:
    return bool(g.get("restored_fields"))


# What each kind of action needs of a helper's grant. Looking needs "see"; sending a form or a plan,
# deleting a form and every step of a disagreement need "send"; every other change needs "fill in".
SEND_ACTIONS = frozenset({"send", "send plan", "delete", "disagree"})


def scope_needed(action: str) -> str:
    if action in {"view", "download"} or action.startswith(("view ", "download ")):
        return SEE
    if action in SEND_ACTIONS:
        return SEND
    return FILL_IN


# What opening a page needs of a helper's grant, for the pages that are there to make a change: a
# helper whose grant does not allow the change is not offered the page (`offered`), and is told why if
# they open it anyway. Every other page of a person's record needs "see".
NEEDED_TO_OPEN = {
    "assessment.question": FILL_IN,
    "assessment.send": SEND,
    "assessment.delete": SEND,
    "plan.choose-help": FILL_IN,
    "plan.add-help": FILL_IN,
    "plan.change-item": FILL_IN,
    "plan.change-help": FILL_IN,
    "plan.remove-item": FILL_IN,
    "plan.send": SEND,
    "disagree.care-manager": SEND,
    "disagree.team-manager": SEND,
    "disagree.complaint": SEND,
    "disagree.add": SEND,
    "disagree.close": SEND,
    "review.ask": FILL_IN,
    "account.pronouns": FILL_IN,
}


def needed_to_open(endpoint: str | None) -> str:
    return NEEDED_TO_OPEN.get(endpoint or "", SEE)


def _stronger(first: str, second: str) -> str:
    return first if scope_allows(first, second) else second


def needed_here(needed: str) -> str:
    """What this request needs of a helper's grant: what its action needs and, when it opens a page
    that is there to make a change, what that change needs."""
    if request.method == "GET":
        return _stronger(needed, needed_to_open(request.endpoint))
    return needed


def may_open(user: User, person: Person, endpoint: str) -> bool:
    """Whether this user may open this page of this person's record: what the page offers needs."""
    return may(user, person, needed_to_open(endpoint)) is not None


def offered(endpoint: str) -> bool:
    """Whether a page of the record this request is about may be offered to the signed-in user: the
    one question every template and view model asks before showing a link or button to a page that
    changes, sends or disagrees. The access rule is asked once for each scope in a request."""
    person = g.get("record_person")
    user = current_user()
    if person is None or user is None:
        return True  # a page about no one's record, or a page that loads its record its own way
    offers = g.setdefault("offers", {})
    if person.id not in offers:
        offers[person.id] = {scope: may(user, person, scope) is not None for scope in (SEE, FILL_IN, SEND)}
    return bool(offers[person.id][needed_to_open(endpoint)])


def why_not(endpoint: str) -> list[str]:
    """Why the signed-in helper is not offered this page of the record this request is about, in easy
    words; empty when it is offered."""
    person = g.get("record_person")
    user = current_user()
    if offered(endpoint) or person is None or user is None:
        return []
    held = grant_for(user, person)
    return _why_refused(held.scope if held else SEE, needed_to_open(endpoint), person)


def grant_for(user: User, person: Person) -> Grant | None:
    """The helper's grant in force for this person, if any."""
    return authority(user.id, person.id, now())


def may(user: User, person: Person, needed: str = SEE) -> str | None:
    """The one access rule. The basis on which this user may do what needs `needed` to this person's
    record: 'self' for the person themself, 'authority:<basis>' for a helper whose grant is in force and
    allows it; None otherwise."""
    if person.user_id == user.id:
        return "self"
    held = grant_for(user, person)
    if held is not None and scope_allows(held.scope, needed):
        return f"authority:{held.basis}"
    return None


def basis_for(user: User, person: Person) -> str | None:
    """'self' for the person themself, 'authority:<basis>' for someone who may see their record, else None."""
    return may(user, person, SEE)


def refuse(user: User, person: Person, needed: str = SEE) -> None:
    """Stop a request this user may not make: a helper whose grant has ended, or who asked for more than
    it allows, sees a page that says so and why (403); anyone else sees 'Page not found'."""
    from flask import render_template

    last = ended_authority(user.id, person.id)
    if last is not None:
        ended = not last.active_at(now())
        page = render_template(
            "grants/refused.html",
            person_name=person.name,
            person_pronouns=person.pronouns,  # the page is not about their record, so say whose words
            ended=ended,
            why=_why_refused(last.scope, needed, person),
        )
        abort(Response(page, status=403, mimetype="text/html"))
    abort(404)


def _why_refused(held: str, needed: str, person: Person) -> list[str]:
    """Why a helper whose grant is in force cannot do this, and what they can do about it."""
    from flask_babel import gettext as _

    from portal.i18n import for_pronouns

    name = person.name or _("this person")
    chosen = person.pronouns
    if held == SEE:
        return [
            for_pronouns(
                they=_(
                    "%(name)s has let you look at their information. You cannot change it or send it.",
                    name=name,
                ),
                he=_(
                    "%(name)s has let you look at his information. You cannot change it or send it.",
                    name=name,
                ),
                she=_(
                    "%(name)s has let you look at her information. You cannot change it or send it.",
                    name=name,
                ),
                pronouns=chosen,
            ),
            _(
                "If you need to do more, ask %(name)s to invite you again and choose what you can do.",
                name=name,
            ),
        ]
    if held == FILL_IN and needed == SEND:
        return [
            for_pronouns(
                they=_(
                    "%(name)s has let you fill in and change their information. "
                    "You cannot send it or disagree with a decision for them.",
                    name=name,
                ),
                he=_(
                    "%(name)s has let you fill in and change his information. "
                    "You cannot send it or disagree with a decision for him.",
                    name=name,
                ),
                she=_(
                    "%(name)s has let you fill in and change her information. "
                    "You cannot send it or disagree with a decision for her.",
                    name=name,
                ),
                pronouns=chosen,
            ),
            for_pronouns(
                they=_(
                    "Ask %(name)s to send it. Or ask them to invite you again and let you send forms too.",
                    name=name,
                ),
                he=_(
                    "Ask %(name)s to send it. Or ask him to invite you again and let you send forms too.",
                    name=name,
                ),
                she=_(
                    "Ask %(name)s to send it. Or ask her to invite you again and let you send forms too.",
                    name=name,
                ),
                pronouns=chosen,
            ),
        ]
    return [
        for_pronouns(
            they=_("%(name)s has not let you do this. Ask them if you need to.", name=name),
            he=_("%(name)s has not let you do this. Ask him if you need to.", name=name),
            she=_("%(name)s has not let you do this. Ask her if you need to.", name=name),
            pronouns=chosen,
        )
    ]


def audit(user: User, person: Person, action: str, target: str, basis: str) -> None:
    """Write who did what to whose record. Only looks and changes by someone else are recorded."""
    if basis == "self":
        return
    db().add(AuditEvent(actor_id=user.id, person_id=person.id, action=action, target=target, basis=basis))
    db().commit()


def load_assessment(public_id: str, action: str = "view", needed: str | None = None) -> Assessment:
    """The assessment with this id, if the signed-in user may do `action` to it (`needed`: what that
    needs of a helper's grant, found from the action when not given); refused otherwise. Audited."""
    user = current_user()
    assessment = assessment_by_public_id(public_id)
    if assessment is None or user is None:
        abort(404)
    needed = needed_here(needed or scope_needed(action))
    basis = may(user, assessment.person, needed)
    if basis is None:
        refuse(user, assessment.person, needed)
        abort(404)
    audit(user, assessment.person, action, f"assessment:{assessment.public_id}", basis)
    g.basis = basis
    g.record_person = assessment.person
    return assessment
