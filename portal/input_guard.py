"""Bad input stops here, before any form or view sees it, with a clear page and a 4xx, never a 500.

One request hook, run before the forms and views of every journey:

- **Web addresses** (the path and the query string) with NUL or any other control character get a 400
  page that says what to do. No link the portal makes has them, PostgreSQL cannot store or look up NUL,
  and a person cannot fix an address they did not type.
- **Form values** are normalised, as `clean` says: every line break becomes one LF, and NUL and the other
  control characters (all but tab and line breaks) are taken out. We strip rather than refuse, because
  these characters are invisible: nobody types them on purpose (they come from pasting out of another
  program, or from an attack), a browser cannot show them in a box, and an error saying "remove the
  characters you cannot see" could not be acted on. What a person can see stays exactly as they typed
  it. Line breaks become LF before any length check, so a line break counts as 1 character on the
  server, as it does in the GOV.UK character count and in the browser's own count.
- **Files** sent to a portal form (no form has a file field) get a 400 page; so does a JSON body, which
  Flask-WTF would otherwise read as form data of any shape.
- **Too much** (more than the body cap) gets a 413 page that says how to keep what was typed.

The body cap is worked out from the forms' own limits (`body_cap`): the largest form, filled to its
limits in the script that costs the most bytes, sent the way that costs the most bytes.

Ids too big for the database (`/letters/99999999999`) are simply not found: the `int` URL converter is
bounded to the database's integer column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import IntegerConverter, Map

# C0 controls other than tab, LF and CR; DEL; C1 controls. CR is turned into LF first.
_UNSEEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# In a web address: every control character, tab and line breaks too.
_NOT_IN_ADDRESS = re.compile("[\x00-\x1f\x7f-\x9f]")

# Sent as application/x-www-form-urlencoded, each byte of UTF-8 is %XX: 3 bytes. The worst script is one
# of 4-byte characters (emoji, historic and rare CJK): 12 bytes a character.
WORST_BYTES_PER_CHARACTER = 4 * 3
# Field names, the CSRF and one-time tokens, choices, date boxes and the multipart boundaries.
FORM_OVERHEAD_BYTES = 16 * 1024
# The largest id the database stores (PostgreSQL's integer).
LARGEST_ID = 2**31 - 1


def clean(value: str) -> str:
    """Typed text as the portal keeps it: each line break (CRLF, CR or LF) one LF, and NUL and other
    control characters (not tab or line breaks) taken out."""
    return _UNSEEN.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


class DatabaseId(IntegerConverter):
    """A whole-number id in a URL: one the database cannot hold is simply not found (404)."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        super().__init__(
            map, fixed_digits=fixed_digits, min=min, max=LARGEST_ID if max is None else max, signed=signed
        )


def _fields(form_class: type) -> Iterator[Any]:
    for name in dir(form_class):
        unbound = getattr(form_class, name, None)
        if hasattr(unbound, "_formfield"):
            yield unbound


def _most_characters(unbound: Any) -> int:
    from wtforms.validators import Length  # type: ignore[import-untyped]

    validators = unbound.kwargs.get("validators") or (unbound.args[1] if len(unbound.args) > 1 else ())
    if not isinstance(validators, (list, tuple)):
        return 0
    limits = [
        validator.max
        for validator in validators
        if isinstance(validator, Length) and isinstance(validator.max, int) and validator.max > 0
    ]
    return max(limits, default=0)


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def largest_form_characters() -> int:
    """The most characters any of the portal's forms allows in all its boxes together, from their own
    `Length` limits (the complaint form: two boxes of 5,000)."""
    from flask_wtf import FlaskForm  # type: ignore[import-untyped]

    return max(
        (
            sum(_most_characters(unbound) for unbound in _fields(form_class))
            for form_class in set(_subclasses(FlaskForm))
        ),
        default=0,
    )


def body_cap(characters: int | None = None) -> int:
    """The most bytes a request body may have: the largest form, filled to its limits in the worst script."""
    characters = largest_form_characters() if characters is None else characters
    return characters * WORST_BYTES_PER_CHARACTER + FORM_OVERHEAD_BYTES


def set_body_cap(app: Flask, cap: int | None = None) -> None:
    """Set Flask's body limits. Call it once every journey's forms are imported: they size it."""
    cap = cap or body_cap()
    app.config.update(MAX_CONTENT_LENGTH=cap, MAX_FORM_MEMORY_SIZE=cap)


def _address_is_bad() -> bool:
    if _NOT_IN_ADDRESS.search(request.path):
        return True
    return any(
        _NOT_IN_ADDRESS.search(key) or _NOT_IN_ADDRESS.search(value)
        for key, value in request.args.items(multi=True)
    )


def _guard() -> ResponseReturnValue | None:
    if _address_is_bad():
        return render_template("errors/bad-address.html"), 400
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    if request.is_json:
        return render_template("errors/400.html"), 400
    if request.files:
        return render_template("errors/no-files.html"), 400
    request.form = ImmutableMultiDict(  # type: ignore[misc]  # werkzeug's cached_property can be set
        [(clean(key), clean(value)) for key, value in request.form.items(multi=True)]
    )
    return None


def _too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    return render_template("errors/too-much-text.html"), 413


def init_app(app: Flask) -> None:
    """Register the guard. Call it before the CSRF check and the journeys, so that they see clean input."""
    app.url_map.converters["int"] = DatabaseId
    app.before_request(_guard)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
