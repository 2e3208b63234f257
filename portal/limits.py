"""Rate limits, with Flask-Limiter, counted in Redis so that every instance shares the counts.

The limits are applied here, by endpoint and method, not at each route, so that a new form is
limited without anyone remembering to:

- every form sent (POST): per person (by their account when signed in, else by network address),
  and, more loosely, per network address (a council office may share one);
- sign-in (starting it with the provider, the provider's return, the demo sign-in): per address;
- PDF downloads, which cost many page renders each: per person;
- forms that send a message or an invitation to someone else: per person.

Each limit is a setting (see `portal.settings.RATE_LIMITS`); they are on except in development
(RATE_LIMITS turns them on or off, and cannot turn them off in production). Without REDIS_URL
(development and demo), the counts are kept in memory, one set per process. If Redis stops
answering, the counts fall back to memory and the portal keeps serving: readiness (/health/ready)
reports Redis as down.

Someone who goes over a limit gets the "Please wait" page with status 429 and a Retry-After header.
If they were sending a form, the page shows what they typed in a form they can send again after
the wait, so nothing typed is lost.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable

from flask import Flask, current_app, render_template, request
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.errors import RateLimitExceeded

from portal.i18n import ngettext
from portal.settings import Settings

SIGN_IN_ENDPOINTS = frozenset({"auth.provider_sign_in", "auth.callback", "auth.demo_sign_in"})
PDF_ENDPOINTS = frozenset({"plan.pdf", "budget.summary_pdf"})
# Forms whose sending tells someone else (staff, an advocate); and any invitation to come.
MESSAGE_ENDPOINTS = frozenset(
    {
        "disagree.care-manager",
        "disagree.add",
        "disagree.advocate",
        "disagree.team-manager",
        "disagree.complaint",
        "grants.invite",  # making an invitation code
        "grants.use_invitation",  # trying a code: wrong guesses are limited with the rest
    }
)
NEVER_LIMITED = frozenset({"static", "health.live", "health.ready"})
# A kept form value that looks like an option's code ("yes", "asked_by_person", "12"), a form's own
# token or the page to go back to is sent back unseen; anything else is shown, so that the person can
# see and change what they typed.
CODE_LIKE = re.compile(r"[a-z0-9_-]{0,40}")
UNSEEN_FIELDS = re.compile(r"csrf_token|.*_token|next")


def client_address() -> str:
    """The address the request came from (the proxies' X-Forwarded-For, once ProxyFix trusts them)."""
    return request.remote_addr or "unknown"


def person_or_address() -> str:
    from portal.access import signed_in_user_for_page

    user = signed_in_user_for_page()
    return f"user:{user.id}" if user is not None else f"address:{client_address()}"


def _only(endpoints: frozenset[str], also: str | None = None) -> Callable[[], bool]:
    """Exempt every request except to these endpoints (or to any whose name contains `also`)."""

    def exempt() -> bool:
        endpoint = request.endpoint or ""
        return endpoint not in endpoints and not (also and also in endpoint)

    return exempt


def _limits(settings: Settings) -> list[str | Callable[[], str] | ApplicationLimit]:
    return [
        ApplicationLimit(
            settings.rate_limit_post, key_function=person_or_address, scope="post", methods=["POST"]
        ),
        ApplicationLimit(
            settings.rate_limit_post_per_address,
            key_function=client_address,
            scope="post-address",
            methods=["POST"],
        ),
        ApplicationLimit(
            settings.rate_limit_sign_in,
            key_function=client_address,
            scope="sign-in",
            exempt_when=_only(SIGN_IN_ENDPOINTS),
        ),
        ApplicationLimit(
            settings.rate_limit_pdf,
            key_function=person_or_address,
            scope="pdf",
            exempt_when=_only(PDF_ENDPOINTS),
        ),
        ApplicationLimit(
            settings.rate_limit_messages,
            key_function=person_or_address,
            scope="messages",
            methods=["POST"],
            exempt_when=_only(MESSAGE_ENDPOINTS, also="invit"),
        ),
    ]


def wait_words(seconds: int) -> str:
    """How long to wait, in plain words, rounded up: "30 seconds", "2 minutes", "1 hour"."""
    if seconds < 60:
        return ngettext("%(num)d second", "%(num)d seconds", seconds)
    if seconds <= 90 * 60:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(num)d minute", "%(num)d minutes", minutes)
    hours = math.ceil(seconds / 3600)
    return ngettext("%(num)d hour", "%(num)d hours", hours)


def _seconds_to_wait(limiter: Limiter) -> int:
    current = limiter.current_limit
    if current is None:
        return 60
    reset_at = current.window[0]  # when the window that was used up ends (RequestLimit.reset_at adds 1 s)
    return max(1, math.ceil(reset_at - time.time()))


def kept_fields() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What a refused form carried: (shown, hidden) pairs of name and value, without the CSRF token."""
    shown: list[tuple[str, str]] = []
    hidden: list[tuple[str, str]] = []
    for name, values in request.form.lists():
        if name == "csrf_token":
            continue
        for value in values:
            unseen = UNSEEN_FIELDS.fullmatch(name) or CODE_LIKE.fullmatch(value)
            (hidden if unseen else shown).append((name, value))
    return shown, hidden


def too_many(error: RateLimitExceeded) -> tuple[str, int, dict[str, str]]:
    limiter: Limiter = current_app.extensions["portal_limiter"]
    seconds = _seconds_to_wait(limiter)
    shown: list[tuple[str, str]] = []
    hidden: list[tuple[str, str]] = []
    if request.method == "POST":
        shown, hidden = kept_fields()
    current_app.logger.warning(
        "Rate limit reached", extra={"limit": str(error.limit.limit), "endpoint": request.endpoint or "-"}
    )
    page = render_template(
        "errors/429.html",
        wait=wait_words(seconds),
        posted=request.method == "POST",
        shown=shown,
        hidden=hidden,
        again=request.full_path.rstrip("?"),
    )
    return page, 429, {"Retry-After": str(seconds)}


def init_app(app: Flask) -> None:
    settings = app.extensions["portal_settings"]
    limiter = Limiter(
        key_func=person_or_address,
        application_limits=_limits(settings),
        storage_uri=settings.redis_url or "memory://",
        key_prefix=settings.rate_limit_key_prefix,
        strategy="fixed-window",
        swallow_errors=True,  # a Redis that stops answering must not stop the portal
        in_memory_fallback_enabled=True,
        headers_enabled=False,
        enabled=settings.rate_limits_enabled,
    )
    limiter.request_filter(lambda: request.endpoint in NEVER_LIMITED or request.endpoint is None)
    limiter.init_app(app)
    app.extensions["portal_limiter"] = limiter
    app.register_error_handler(RateLimitExceeded, too_many)


def reset(app: Flask) -> None:
    """Forget every count (for tests)."""
    app.extensions["portal_limiter"].reset()
