"""Pages as data: one kebab-case page id names the URL, the endpoint, the template and the form of a page,
and the rules move it performs. One generic view does what every form page does:

    show the form  ->  check what was typed  ->  ask the rules  ->  save once  ->  go to the next page

(A form can also be sent only to see what it works out, like "Work out the cost": `Journey.preview`.)

A journey declares its pages and says, once, how to load what a URL names, which rules move a page asks
for, how to save and where to go next. It writes no view functions. For example::

    class Disagree(Journey):
        name = "disagree"
        pages = (
            Page("care-manager", "/<public_id>/disagree/care-manager", form=RaiseForm, move=rules.RAISE),
            Page("timeline", "/<public_id>/disagree/timeline"),
        )

gives, for "care-manager": the URL /assessments/<public_id>/disagree/care-manager (with the blueprint's
prefix), the endpoint `disagree.care-manager`, the template `disagree/care-manager.html`, the form
`RaiseForm`, and the rules move RAISE. A page without a form only shows.

Sending once: forms that change a record carry a one-time `send_token` (`SendOnceForm`), made when the
page is shown. The same form sent twice (a double click, the back button, a retry, two tabs) is stored
once: the journey's `save` raises `AlreadySent` and the person lands where the first one took them.
Whatever the form says, the rules decide: `save` raises `Refused` with the rules' verdict and nothing
changes; the person sees why (`Journey.refuse`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from flask import Blueprint, Response, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields import HiddenField
from wtforms.validators import ValidationError

PAGE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_token() -> str:
    """A one-time token for a form that changes a record."""
    return secrets.token_urlsafe(24)


class SendOnceForm(FlaskForm):
    """A form that is stored once, however many times it is sent."""

    send_token = HiddenField()

    def validate_send_token(self, field: HiddenField) -> None:
        if not TOKEN.match(field.data or ""):
            field.data = new_token()
            raise ValidationError(_l("Something went wrong. Check your answers and send the form again."))

    def fresh(self) -> SendOnceForm:
        """Keep the token of a form shown again with errors, so sending it twice still stores it once."""
        if not TOKEN.match(self.send_token.data or ""):
            self.send_token.data = new_token()
        return self


class AlreadySent(Exception):
    """This form was stored before (its send token is known): nothing more to do."""


class Refused(Exception):
    """The rules refused the move; nothing was changed. `verdict` says why."""

    def __init__(self, verdict: Any) -> None:
        super().__init__(getattr(verdict, "reason", verdict))
        self.verdict = verdict


class Verdict(Protocol):
    """What the rules say about a move: only `allowed` matters to the generic view."""

    @property
    def allowed(self) -> bool: ...


@dataclass(frozen=True)
class Allowed:
    """The verdict of a page that has no rules move: always allowed."""

    allowed: bool = True


@dataclass(frozen=True)
class Page:
    """One page of a journey. Its id names the endpoint and, unless `template` is given, the template."""

    id: str
    path: str
    form: type[FlaskForm] | None = None
    move: str | None = None
    template: str | None = None

    def __post_init__(self) -> None:
        if not PAGE_ID.match(self.id):
            raise ValueError(f"page id {self.id!r} must be kebab-case, like 'care-manager'")

    @property
    def methods(self) -> tuple[str, ...]:
        return ("GET", "POST") if self.form is not None else ("GET",)

    def template_in(self, journey: str) -> str:
        return self.template or f"{journey}/{self.id}.html"


Subject = TypeVar("Subject")


class Journey(Generic[Subject]):
    """A journey's pages and how they work. Subclass it, set `name` and `pages`, and override what differs.

    `Subject` is what a page works on (an assessment, a disagreement, a plan page...), loaded from the
    URL with access control by `load`.
    """

    name: ClassVar[str]
    pages: ClassVar[tuple[Page, ...]] = ()
    decorators: ClassVar[tuple[Callable[..., Any], ...]] = ()

    # --- what a journey says --------------------------------------------------------------------

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Subject | Response:
        """What the URL names, checked for access (abort 404 for anyone without a right to it), or a
        response (a redirect) when the page does not apply now."""
        raise NotImplementedError

    def verdict(self, page: Page, subject: Subject, form: FlaskForm | None) -> Verdict:
        """What the rules say about this page's move now. `form` is the sent form, when there is one."""
        return Allowed()

    def make_form(self, page: Page, subject: Subject, posting: bool) -> FlaskForm:
        """The page's form: from the request when posting, else empty (or filled from what is saved)."""
        assert page.form is not None
        return page.form() if posting else page.form(formdata=None)

    def preview(self, page: Page, subject: Subject, form: FlaskForm) -> bool:
        """True when the form was sent to see what it works out (a "Work out the cost" button), not to be
        stored: it is checked and shown again, with its errors or its results, and nothing is saved."""
        return False

    def save(self, page: Page, subject: Subject, form: FlaskForm) -> None:
        """Store what the form says, once. Raise AlreadySent or Refused."""
        raise NotImplementedError

    def done(self, page: Page, subject: Subject) -> str:
        """Where to go after the page's form is stored."""
        raise NotImplementedError

    def context(self, page: Page, subject: Subject, form: FlaskForm | None) -> dict[str, Any]:
        """What the page's template shows."""
        return {}

    def refuse(self, page: Page, subject: Subject, verdict: Verdict, status: int) -> ResponseReturnValue:
        """The page shown when the rules refuse the move: why, and what can be done instead."""
        raise NotImplementedError

    # --- the one generic view -------------------------------------------------------------------

    def handle(self, page: Page, **args: Any) -> ResponseReturnValue:
        posting = request.method == "POST"
        loaded = self.load(page, args, posting)
        if isinstance(loaded, Response):
            return loaded
        subject: Subject = loaded
        form: FlaskForm | None = None
        if page.form is not None and posting:
            form = self.make_form(page, subject, posting=True)
            if form.validate_on_submit() and not self.preview(page, subject, form):
                try:
                    self.save(page, subject, form)
                except AlreadySent:
                    pass
                except Refused as refused:
                    return self.refuse(page, subject, refused.verdict, 409)
                return redirect(self.done(page, subject))
            if isinstance(form, SendOnceForm):
                form.fresh()  # shown again with its errors and what was typed
        found = self.verdict(page, subject, form)
        if not found.allowed:
            return self.refuse(page, subject, found, 409 if posting else 200)
        if page.form is not None and form is None:
            form = self.make_form(page, subject, posting=False)
            if isinstance(form, SendOnceForm):
                form.send_token.data = new_token()
        return self.render(page, subject, form)

    def render(
        self, page: Page, subject: Subject, form: FlaskForm | None, status: int = 200
    ) -> ResponseReturnValue:
        context = self.context(page, subject, form)
        return render_template(page.template_in(self.name), page=page, form=form, **context), status

    def register(self, blueprint: Blueprint) -> None:
        """Add a URL rule for each declared page."""
        for page in self.pages:
            view: Callable[..., ResponseReturnValue] = self._view(page)
            for decorate in reversed(self.decorators):
                view = decorate(view)
            blueprint.add_url_rule(page.path, endpoint=page.id, view_func=view, methods=list(page.methods))

    def _view(self, page: Page) -> Callable[..., ResponseReturnValue]:
        def view(**args: Any) -> ResponseReturnValue:
            return self.handle(page, **args)

        view.__name__ = page.id.replace("-", "_")
        view.__doc__ = f"The {page.id} page of the {self.name} journey."
        return view
