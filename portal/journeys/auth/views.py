"""Sign in with OpenID Connect (for example GOV.UK One Login), or as a demo person in demo mode."""

from __future__ import annotations

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, session, url_for
from joserfc.errors import JoseError

from portal import access
from portal.access import sign_in as start_session
from portal.access import sign_out as end_session
from portal.i18n import chosen_here, lang, remember_at_sign_in
from portal.journeys.auth.demo import DEMO_ISSUER, DEMO_PEOPLE, demo_person
from portal.journeys.auth.forms import DemoSignInForm
from portal.ras.fairness import RAS_LEAD
from portal.store.sessions import user_for_identity

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

# What a failed sign-in can raise: an OAuth error (state, error response from the provider), an ID token
# that fails validation (Authlib 1.9 checks ID tokens with joserfc, whose errors are not Authlib's), or
# the provider not answering (requests errors, handled apart).
SIGN_IN_FAILURES = (AuthlibBaseError, JoseError)


def _settings():
    return current_app.extensions["portal_settings"]


def _provider():
    return current_app.extensions["oauth"].idp


def session_seconds_left() -> int | None:
    """For the timeout warning on every page: seconds until the session ends, or None when signed out."""
    try:
        row = access.current_session()
    except Exception:  # noqa: BLE001 - the page must show even when the database does not answer
        return None
    return access.seconds_left(row) if row is not None else None


@bp.record
def _register_provider(state) -> None:
    settings = state.app.extensions["portal_settings"]
    if not settings.oidc_enabled:
        return
    oauth = OAuth(state.app)
    state.app.extensions["oauth"] = oauth
    client_kwargs = {"scope": settings.oidc_scopes, "code_challenge_method": "S256"}
    extra = {}
    if settings.oidc_private_key_file:
        with open(settings.oidc_private_key_file, encoding="utf-8") as key:
            secret = key.read()
        client_kwargs["token_endpoint_auth_method"] = "private_key_jwt"
        extra["client_auth_methods"] = [PrivateKeyJWT()]
    else:
        secret = settings.oidc_client_secret
    oauth.register(
        "idp",
        client_id=settings.oidc_client_id,
        client_secret=secret,
        server_metadata_url=f"{settings.oidc_issuer}/.well-known/openid-configuration",
        client_kwargs=client_kwargs,
        **extra,
    )


def _finish_sign_in(
    issuer: str, subject: str, name: str | None, email: str | None, home: str = "account.home"
):
    user = user_for_identity(issuer, subject, name, email)
    picked = chosen_here()  # asked first: signing in starts a fresh session
    back_to = start_session(user)
    remember_at_sign_in(user, picked)
    return redirect(back_to or url_for(home))


def _signed_out_notice() -> dict | None:
    """Why the person's last session ended, once, for the sign-in page to say; and whether what they
    typed was kept for them."""
    reason = session.pop(access.SIGNED_OUT, None)
    if reason is None:
        return None
    settings = _settings()
    return {
        "reason": reason,
        "kept_form": access.KEPT_FORM in session,
        "max_hours": settings.session_max_hours,
    }


@bp.get("/sign-in")
def sign_in():
    settings = _settings()
    if settings.oidc_enabled:
        return render_template("auth/sign-in.html", demo=settings.demo_sign_in, notice=_signed_out_notice())
    return redirect(url_for("auth.demo_sign_in"))


@bp.get("/sign-in/provider")
def provider_sign_in():
    if not _settings().oidc_enabled:
        abort(404)
    try:
        # ui_locales (OpenID Connect Core 3.1.2.1): the provider's pages in the person's language if it has
        # it, else English. The language's code with "-" for BCP 47 (Babel's "pt_BR" is "pt-BR").
        locales = dict.fromkeys([lang().replace("_", "-"), "en"])
        return _provider().authorize_redirect(
            url_for("auth.callback", _external=True), ui_locales=" ".join(locales)
        )
    except requests.RequestException as error:
        log.warning("Sign-in provider did not answer: %s", error)
        return render_template("auth/sign-in-failed.html"), 502


@bp.get("/sign-in/callback")
def callback():
    if not _settings().oidc_enabled:
        abort(404)
    if request.args.get("error"):
        return render_template("auth/sign-in-failed.html"), 400
    try:
        token = _provider().authorize_access_token()
    except SIGN_IN_FAILURES as error:
        log.warning("Sign-in failed: %s", error)
        return render_template("auth/sign-in-failed.html"), 400
    except requests.RequestException as error:
        log.warning("Sign-in provider did not answer: %s", error)
        return render_template("auth/sign-in-failed.html"), 502
    claims = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        return render_template("auth/sign-in-failed.html"), 400
    if "email" not in claims:
        claims.update(_userinfo(token, claims["sub"]))
    return _finish_sign_in(_settings().oidc_issuer, claims["sub"], claims.get("name"), claims.get("email"))


def _userinfo(token, subject: str) -> dict:
    """Some providers (GOV.UK One Login among them) give the email address only from the userinfo
    endpoint. Ask it; if it does not answer, or answers for someone else, sign in without it."""
    try:
        info = dict(_provider().userinfo(token=token))
    except (requests.RequestException, *SIGN_IN_FAILURES) as error:
        log.warning("Userinfo was not available: %s", error)
        return {}
    if info.get("sub") != subject:
        log.warning("Userinfo was for another subject; ignored")
        return {}
    return {key: info[key] for key in ("email", "name") if info.get(key)}


@bp.route("/sign-in/demo", methods=["GET", "POST"])
def demo_sign_in():
    if not _settings().demo_sign_in:
        abort(404)
    form = DemoSignInForm()
    if form.validate_on_submit():
        person = demo_person(form.person.data)
        if person.role:
            from portal.journeys.staff.roles import ensure_demo_staff

            ensure_demo_staff()
            home = "staff_fairness.report" if person.role == RAS_LEAD else "staff.work-list"
            return _finish_sign_in(DEMO_ISSUER, person.id, person.name, person.email, home=home)
        response = _finish_sign_in(DEMO_ISSUER, person.id, person.name, person.email)
        if person.pronouns:
            from portal.journeys.auth.demo import give_pronouns

            give_pronouns(access.current_user().id, person.name, person.pronouns)
        return response
    notice = _signed_out_notice() if request.method == "GET" else None
    return render_template("auth/demo-sign-in.html", form=form, people=DEMO_PEOPLE, notice=notice)


@bp.route("/sign-out", methods=["GET", "POST"])
def sign_out():
    """Signing out is a button (a POST with a CSRF token), so that no link or image on another site can
    sign someone out. Old links to sign out (a GET) come to a page with the button."""
    if request.method == "POST":
        everywhere = request.form.get("everywhere") == "yes"
        end_session(everywhere=everywhere)
        return redirect(
            url_for("auth.signed_out", everywhere="yes") if everywhere else url_for("auth.signed_out"), 303
        )
    if access.current_user() is None:
        return render_template("auth/signed-out.html")
    return render_template("auth/sign-out.html")


@bp.get("/signed-out")
def signed_out():
    if access.current_user() is not None:  # (a session that has just run out is ended by asking)
        return redirect(url_for("auth.sign_out"))  # still signed in: the page with the buttons
    everywhere = request.args.get("everywhere") == "yes"
    timed_out = request.args.get("timed_out") == "yes"
    return render_template("auth/signed-out.html", everywhere=everywhere, timed_out=timed_out)


# --- the timeout warning's questions (see static/assets/session-timeout.js) ----------------------


@bp.get("/sign-in/time-left")
def time_left():
    """Seconds until the session ends if nothing is done. Asking does not count as doing something."""
    return jsonify(seconds_left=access.peek_seconds_left())


@bp.post("/sign-in/stay")
def stay_signed_in():
    """ "Stay signed in": start the idle time again. 401 when the session has already ended."""
    if access.current_user() is None:
        return jsonify(seconds_left=0), 401
    return jsonify(seconds_left=access.stay_signed_in())
