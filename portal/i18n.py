"""Languages, and the one place where money and dates are formatted for people.

UI text goes through Flask-Babel (`translations/`); council text comes from `content/text/<lang>.yaml`.
A language is offered when it has both. Adding one needs files only, no code.

- Choosing: `?lang=cy` on any page (the language switch's links) keeps the choice in the session and, for
  someone signed in, on their record (`users.language`), which is used again when they next sign in and
  for everything written to them (`portal.notify.language_of`).
- Plurals: UI text with `ngettext`; council text with forms by CLDR category (`plural_text`).
- A broken translation never reaches a person: a string whose placeholders do not fit, or a catalogue
  that cannot be read, is shown in English instead (`SafeDomain`, `_safe_jinja_gettext`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern
from babel.support import NullTranslations
from flask import Flask, current_app, g, has_request_context, request, session
from flask.globals import _cv_app  # noqa: PLC2701 - the app context, as Flask's own `g` finds it
from flask_babel import Babel, Domain, get_domain, get_locale
from jinja2 import pass_eval_context
from markupsafe import Markup

from portal.clock import london_date
from portal.content import config

log = logging.getLogger(__name__)
ENGLISH = Locale("en")
# What %-formatting raises when a translation's placeholders do not fit the values given.
FORMAT_ERRORS = (KeyError, ValueError, TypeError, IndexError)


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


def chosen_language() -> str | None:
    """The language asked for in this request's address (`?lang=cy`), when the portal offers it."""
    asked = request.args.get("lang")
    return asked if asked in available_languages() else None


# Set when someone picks a language in this browser; forgotten at sign-out, so that the next person to sign
# in on a shared computer does not have the last person's choice put on their record.
CHOSEN_HERE = "lang_chosen_here"


def chosen_here() -> bool:
    """Whether a language was picked in this browser since the last sign-in or sign-out (ask before
    signing in: signing in starts a fresh session)."""
    return bool(session.get(CHOSEN_HERE))


def remember_at_sign_in(user: Any, picked: bool) -> None:
    """At sign-in: a language just picked in this browser goes on the person's record; otherwise the one
    on their record is used from now on."""
    from portal.store.languages import remember_language

    here = session.get("lang")
    if picked and here in available_languages():
        remember_language(user, here)
    elif user.language in available_languages():
        session["lang"] = user.language


def language_for_reader(person: Any) -> str:
    """The language of something made for a person (a PDF of their plan): the page's language when they, or
    someone acting for them, make it; the language on the person's record when council staff make it."""
    from portal.access import current_user
    from portal.store.staff import active_member

    reader = current_user()
    owner = getattr(person, "user", None)
    staff_for_them = (
        reader is not None and owner is not None and reader.id != owner.id and active_member(reader.id)
    )
    if staff_for_them and owner.language in available_languages():
        return str(owner.language)
    return lang()


def language_url(code: str) -> str:
    """This page in another language: the same address and query, with lang=<code>. An error page's
    switch goes to the start page: its address may name a record the person cannot see."""
    if g.get("error_page"):
        return f"/?{urlencode([('lang', code)])}"
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    return f"{request.path}?{urlencode([*args, ('lang', code)])}"


def _babel_context() -> SimpleNamespace | None:
    """Where Flask-Babel keeps the request's locale and domain (`g._flask_babel`), as its own
    `_get_current_context` finds it, without going through `g`'s proxy three times: a plan page asks for it
    thousands of times."""
    app_context = _cv_app.get(None)
    if app_context is None:
        return None
    kept = app_context.g.__dict__.get("_flask_babel")
    if kept is None:
        kept = app_context.g._flask_babel = SimpleNamespace()
    return kept


def _domain() -> Domain:
    """The request's domain, as Flask-Babel's `get_domain` finds it (which sets it the first time)."""
    ctx = _babel_context()
    if ctx is not None:
        domain = ctx.__dict__.get("babel_domain")
        if domain is not None:
            return domain  # type: ignore[no-any-return]
    return get_domain()


def gettext(string: str, **variables: Any) -> str:
    """Flask-Babel's `gettext` for Python code's _(), the same strings, without its proxies."""
    return _domain().gettext(string, **variables)  # type: ignore[no-any-return]


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """Flask-Babel's `ngettext`, the same strings, without its proxies."""
    return _domain().ngettext(singular, plural, num, **variables)  # type: ignore[no-any-return]


def lang() -> str:
    """The page's language code. Kept on the request beside the locale it was found for (a page asks for it
    hundreds of times; `force_locale` sets another locale, and so gets its own code)."""
    ctx = _babel_context()
    if ctx is None:
        return "en"
    locale = getattr(ctx, "babel_locale", None) or get_locale()
    kept = getattr(ctx, "portal_lang", None)
    if kept is not None and kept[0] is locale:
        return kept[1]
    code = str(locale or "en")
    ctx.portal_lang = (locale, code)
    return code


def text_direction() -> str:
    return _direction_of(lang())


@lru_cache(maxsize=64)
def _direction_of(code: str) -> str:
    return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"


def language_urls() -> dict[str, str]:
    """This page in each language the portal offers, by code (for the language switch)."""
    return {code: language_url(code) for code in available_languages()}


def content_text(key: str, **fmt) -> str:
    """Council text by id, in the person's language."""
    return config().text(key, lang(), **fmt)


def _as_written(count: int | Decimal) -> int | Decimal:
    """The count as `number` writes it, without trailing zeros: 1.00 is "1" (one), 7.50 is "7.5". Plural
    rules count the decimals written, so the form must be chosen for what the person reads."""
    if isinstance(count, Decimal):
        return count.quantize(Decimal(1)) if count == count.to_integral_value() else count.normalize()
    return count


def plural_text(key: str, count: int | Decimal, **fmt: object) -> str:
    """Council text that counts something, in the form the language's plural rule picks for `count`
    (CLDR categories: zero, one, two, few, many, other; English has one and other). A form the language's
    file does not give falls back to its `other`, as loading allows."""
    texts = config().texts
    language = lang()
    count = _as_written(count)
    category = _plural_rule(language)(count)
    own = texts.get(language, {})
    for name in (f"{key}.{category}", f"{key}.other"):
        if name in own:
            return own[name].format(**fmt)
    english = texts["en"]
    name = f"{key}.{ENGLISH.plural_form(count)}"
    return (english[name] if name in english else english[f"{key}.other"]).format(**fmt)


@lru_cache(maxsize=64)
def _plural_rule(code: str) -> Any:
    """A language's CLDR plural rule, read once (parsing the locale for each count was most of the cost)."""
    return Locale.parse(code).plural_form


def draft_notice() -> tuple[str, str] | None:
    """For a language whose translation is not yet checked: its notice, and the same in English."""
    language = lang()
    texts = config().texts.get(language, {})
    if language == "en" or texts.get("language.review_status") != "draft":
        return None
    return texts["language.draft_notice"], config().text("language.draft_notice", "en")


# The pronouns a person may choose, and the council text variant each reads (`<key>.other_he`); "they"
# and not given read `<key>.other`.
PRONOUN_VARIANTS = {"he": "other_he", "she": "other_she"}


def subject_pronouns() -> str | None:
    """The pronouns of the person whose record this request is about ("he", "she", "they" or None),
    for words about them read by someone who helps them."""
    if not has_request_context():
        return None
    person = g.get("record_person")
    return getattr(person, "pronouns", None)


def person_text(key: str, name: str | None, pronouns: str | None = None, **fmt) -> str:
    """Council text that talks to 'you', or about the named person someone is acting for: in the words
    for their pronouns (`<key>.other_he`, `<key>.other_she`) when they chose some and the language has
    them, else `<key>.other` ("they"). `pronouns` defaults to those of the record's person."""
    if not name:
        return content_text(f"{key}.self", **fmt)
    variant = PRONOUN_VARIANTS.get(pronouns or subject_pronouns() or "")
    if variant is not None and f"{key}.{variant}" in config().texts.get(lang(), {}):
        return content_text(f"{key}.{variant}", name=name, **fmt)
    return content_text(f"{key}.other", name=name, **fmt)


def for_pronouns(
    they: str, he: str | None = None, she: str | None = None, pronouns: str | None = None
) -> str:
    """One of whole sentences about the person someone helps, for their pronouns ("they" when not given):
    `for_pronouns(they=_("... their ..."), he=_("... his ..."), she=_("... her ..."))`. Whole sentences,
    so that each language's translation stays grammatical."""
    chosen = pronouns or subject_pronouns()
    if chosen == "he" and he is not None:
        return he
    if chosen == "she" and she is not None:
        return she
    return they


def money(pence: int) -> str:
    """£132, £118.80 or £6,177.60: whole pounds without pence, as people say them."""
    if not isinstance(pence, int) or isinstance(pence, bool):
        raise TypeError(f"money is held in whole pence, not {type(pence).__name__}")
    return _money_in(lang(), pence)


@lru_cache(maxsize=16_384)
def _money_in(code: str, pence: int) -> str:
    """`money` in one language. Kept: a plan page shows the same few amounts many times, and Babel takes
    a tenth of a millisecond to format each."""
    pounds = Decimal(pence) / 100
    formats = _number_formats(code)
    if pence % 100 == 0:  # the language's own pattern (where the £ goes, its spaces), without pence
        return formats.whole_pounds.apply(pounds, formats.locale, currency="GBP", currency_digits=False)
    return formats.pounds.apply(pounds, formats.locale, currency="GBP")


def number(value) -> str:
    return _number_in(lang(), value, str(value))


@lru_cache(maxsize=4096)
def _number_in(code: str, value: Any, _written: str) -> str:
    """`number` in one language, kept as `money` is. Keyed also by the number as written: 7.5 and 7.50 are
    equal, and one cached form must not stand for the other."""
    formats = _number_formats(code)
    return formats.decimal.apply(value, formats.locale)


@dataclass(frozen=True)
class _NumberFormats:
    locale: Locale
    pounds: NumberPattern
    whole_pounds: NumberPattern
    decimal: NumberPattern


@lru_cache(maxsize=64)
def _number_formats(code: str) -> _NumberFormats:
    """A language's patterns for money and numbers, as Babel's format_currency and format_decimal use
    them, read once: reading them again for each amount was a tenth of a plan page's time."""
    locale = Locale.parse(code)
    standard = locale.currency_formats["standard"]
    return _NumberFormats(
        locale=locale,
        pounds=standard,
        whole_pounds=parse_pattern(standard.pattern.replace(".00", "")),
        decimal=locale.decimal_formats[None],
    )


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


# --- a broken translation never reaches a person ----------------------------------------------------


def _fill(translated: str, english: str, variables: dict[str, Any]) -> str:
    """%-format a translation; when its placeholders do not fit, the English text instead."""
    try:
        return translated % variables
    except FORMAT_ERRORS as error:
        if translated is english:
            raise  # the English text itself is wrong: a bug to see, not to hide
        log.warning(
            "A translation into %s does not fit its values (%r), shown in English: %r", lang(), error, english
        )
        return english % variables


def _english_plural(singular: str, plural: str, num: int | Decimal) -> str:
    return singular if ENGLISH.plural_form(num) == "one" else plural


class SafeDomain(Domain):
    """Flask-Babel's domain, for Python code's gettext and ngettext: a catalogue that cannot be read means
    English, and a translation whose %(placeholders)s do not fit the values means that string in English."""

    def get_translations(self):
        # A page asks for its catalogue dozens of times (every _() in its templates): it is kept on the
        # request for the locale it was found for, so `force_locale` (a message in someone else's language)
        # still gets its own.
        ctx = _babel_context()
        if ctx is None:
            return NullTranslations()
        locale = getattr(ctx, "babel_locale", None)
        kept = getattr(ctx, "portal_translations", None)
        if kept is not None and locale is not None and kept[0] is locale:
            return kept[1]
        try:
            translations = super().get_translations()
        except Exception as error:  # noqa: BLE001 - whatever is wrong with the file, show English
            log.error("The translations for %s could not be read, English is shown: %s", lang(), error)
            return NullTranslations()
        ctx.portal_translations = (getattr(ctx, "babel_locale", None), translations)
        return translations

    def gettext(self, string, **variables):
        translated = self.get_translations().ugettext(string)
        return _fill(translated, string, variables) if variables else translated

    def ngettext(self, singular, plural, num, **variables):
        variables.setdefault("num", num)
        translated = self.get_translations().ungettext(singular, plural, num)
        return _fill(translated, _english_plural(singular, plural, num), variables)

    def pgettext(self, context, string, **variables):
        translated = self.get_translations().upgettext(context, string)
        return _fill(translated, string, variables) if variables else translated

    def npgettext(self, context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        translated = self.get_translations().unpgettext(context, singular, plural, num)
        return _fill(translated, _english_plural(singular, plural, num), variables)


def _markup(eval_ctx, text: str) -> str:
    return Markup(text) if eval_ctx.autoescape else text


def template_gettext(domain: SafeDomain) -> dict[str, Any]:
    """Templates' _() and ngettext(), as Jinja's "newstyle" gettext (always %-formatted, so %% is a
    percent sign), with the same fallback to English as `SafeDomain`; `templating` makes them globals.

    They take the evaluation context (is the template escaped?), not the whole context: Jinja copies the
    whole context, with its blocks, for each call of a function that takes it from inside a block that
    sets a variable, which was most of the cost of `_()` there."""

    @pass_eval_context
    def gettext(eval_ctx, string, **variables):
        translated = _markup(eval_ctx, domain.get_translations().ugettext(string))
        return _fill(translated, _markup(eval_ctx, string), variables)

    @pass_eval_context
    def ngettext(eval_ctx, singular, plural, num, **variables):
        variables.setdefault("num", num)
        translated = _markup(eval_ctx, domain.get_translations().ungettext(singular, plural, num))
        return _fill(translated, _markup(eval_ctx, _english_plural(singular, plural, num)), variables)

    @pass_eval_context
    def pgettext(eval_ctx, msgctxt, string, **variables):
        translated = _markup(eval_ctx, domain.get_translations().upgettext(msgctxt, string))
        return _fill(translated, _markup(eval_ctx, string), variables)

    @pass_eval_context
    def npgettext(eval_ctx, msgctxt, singular, plural, num, **variables):
        variables.setdefault("num", num)
        translated = _markup(eval_ctx, domain.get_translations().unpgettext(msgctxt, singular, plural, num))
        return _fill(translated, _markup(eval_ctx, _english_plural(singular, plural, num)), variables)

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}


def init_app(app: Flask) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(app.extensions["portal_settings"].translations_dir)
    app.extensions["portal_languages"] = tuple(_find_languages(app))
    babel = Babel(app, locale_selector=select_locale)
    domain = SafeDomain()
    babel.domain_instance = domain  # the domain every request's gettext uses (a cached property)
    app.extensions["portal_template_gettext"] = template_gettext(domain)

    @app.before_request
    def _remember_language():
        g.lang = lang()
        chosen = chosen_language()
        from portal.access import TOKEN, current_user
        from portal.store.languages import remember_language

        if chosen is not None:
            session[CHOSEN_HERE] = True
        if chosen is not None and session.get(TOKEN) is not None:
            user = current_user()
            if user is not None:
                remember_language(user, chosen)
