"""Languages, and the one place where money and dates are formatted for people.

UI text goes through Flask-Babel (`translations/`); council text comes from `content/text/<lang>.yaml`.
A language is offered when it has both. Adding one needs files only, no code.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from flask import Flask, current_app, g, request, session
from flask_babel import Babel, get_locale

from portal.clock import london_date
from portal.content import config


def _find_languages(app: Flask) -> list[str]:
    """Languages with both UI text (a compiled catalogue) and council text. English first."""
    folders = [Path(p) for p in app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")]
    ui = {"en"} | {
        p.name
        for folder in folders
        if folder.is_dir()
        for p in folder.iterdir()
        if (p / "LC_MESSAGES" / "messages.mo").is_file()
    }
    return sorted((lang for lang in config(app).texts if lang in ui), key=lambda code: (code != "en", code))


def available_languages(app: Flask | None = None) -> list[str]:
    """The languages offered. Found once when the app starts, as the council content is loaded then:
    every request asks (twice for a page), and looking in the translations folder each time was a
    measurable part of a bare request's time."""
    app = app or current_app
    return list(app.extensions["portal_languages"])


def select_locale() -> str:
    languages = available_languages()
    asked = request.args.get("lang")
    if asked in languages:
        session["lang"] = asked
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or "en"


def lang() -> str:
    return str(get_locale() or "en")


def text_direction() -> str:
    return "rtl" if Locale.parse(lang()).character_order == "right-to-left" else "ltr"


def content_text(key: str, **fmt) -> str:
    """Council text by id, in the person's language."""
    return config().text(key, lang(), **fmt)


def person_text(key: str, name: str | None, **fmt) -> str:
    """Council text that talks to 'you', or about the named person someone is acting for."""
    if name:
        return content_text(f"{key}.other", name=name, **fmt)
    return content_text(f"{key}.self", **fmt)


def money(pence: int) -> str:
    """£132, £118.80 or £6,177.60: whole pounds without pence, as people say them."""
    if not isinstance(pence, int):
        raise TypeError(f"money is held in whole pence, not {type(pence).__name__}")
    pounds = Decimal(pence) / 100
    if pence % 100 == 0:
        return format_currency(pounds, "GBP", format="¤#,##0", locale=lang(), currency_digits=False)
    return format_currency(pounds, "GBP", locale=lang())


def number(value) -> str:
    return format_decimal(value, locale=lang())


def long_date(value: date | datetime | str) -> str:
    """ "12 March 1958". A moment (stored in UTC) is shown as its date in London."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = london_date(value)
    return format_date(value, format="d MMMM y", locale=lang())


def language_name(code: str) -> str:
    """A language's name in that language, as a language switcher shows it."""
    return Locale.parse(code).get_display_name(code).capitalize()


def init_app(app: Flask) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(app.extensions["portal_settings"].translations_dir)
    app.extensions["portal_languages"] = tuple(_find_languages(app))
    Babel(app, locale_selector=select_locale)

    @app.before_request
    def _remember_language():
        g.lang = lang()
