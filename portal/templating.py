"""Jinja for the portal: where templates are found, and every global and filter they can use.

Templates live in portal/templates/<journey>/<page>.html; GOV.UK Frontend's macros are imported from
`govuk_frontend_jinja/components/<name>/macro.html`, and the form widgets from `govuk_frontend_wtf`.
Everything a template calls is registered here, by what it is for.

The one global not registered here is `wtforms_errors`, which govuk-frontend-wtf's WTFormsHelpers adds
(create_app).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import re
import threading
import time
from collections import ChainMap, OrderedDict
from collections.abc import Callable, MutableMapping
from typing import Any, cast

from flask import Flask, current_app, render_template
from flask.templating import Environment
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from portal import forms, hard_words, i18n, pictures, security
from portal.content import config

log = logging.getLogger(__name__)


class _Globals(ChainMap[str, Any]):
    """A template's globals over the environment's, as Jinja keeps them, with its keys as a set made in C.

    Every `{% from ... import %}` (GOV.UK's macros do several inside every macro, so a page does dozens)
    subtracts the imported template's global names from the importer's; on a ChainMap that asks
    `name in` of each map in Python, for every name, every time: about a sixth of a question page's CPU."""

    def keys(self) -> Any:
        names = set(self.maps[0])
        for more in self.maps[1:]:
            names.update(more)
        return names


class PortalEnvironment(Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return _Globals({} if d is None else d, self.globals)


class RenderedOnce:
    """GOV.UK macros' output for the page chrome (skip link, header, service navigation, phase banner),
    kept by the macro's name and its parameters.

    A GOV.UK Frontend macro is a function of its parameters alone; the words in them are already in the
    person's language. The header and footer are the same on every page for a language and a council, so
    rendering them once and reusing the HTML saves most of their cost (about 35,000 Python calls a page
    went into the chrome and the macros' imports). The published macros stay the source of the markup."""

    def __init__(self, size: int = 512):
        self.size = size
        self.kept: OrderedDict[str, Markup] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, macro: Any, params: dict[str, Any]) -> Markup:
        return self._kept(macro.name, params, lambda: macro(params))

    def template(self, name: str, params: dict[str, Any]) -> Markup:
        return self._kept(name, params, lambda: render_template(name, params=params))

    def _kept(self, name: str, params: dict[str, Any], render: Callable[[], str]) -> Markup:
        key = name + json.dumps(params, sort_keys=True, default=str)
        with self.lock:
            html = self.kept.get(key)
            if html is not None:
                self.kept.move_to_end(key)
                return html
        html = Markup(render())
        with self.lock:
            self.kept[key] = html
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return html


# The fields of a GOV.UK macro's parameters that it only ever puts into the page as they are (escaped, or
# as HTML): the words, the links and the attributes. Everything else (classes, types, values, heading levels,
# which fields are given at all) decides what the macro makes.
def _is_slot(field: str) -> bool:
    return field in ("text", "html", "href") or field.endswith(("Text", "Html"))


_SLOT = re.compile("\ue000([0-9]+)\ue001")  # private-use characters: no font, escaping or trim touches them
_NOT_YET = object()


class ShapedMacros:
    """GOV.UK macros made once for each *shape* of their parameters, then filled in with each call's words.

    A summary card for a plan item, say, is the same HTML for every item but for its words and links: the
    macro is run once with a mark in place of each of those, and each card after that is the kept HTML with
    the item's own words, escaped as the macro escapes them, in place of the marks (about a twentieth of the
    Python calls). The shape is everything else in the parameters: which fields are given, the lengths of
    lists, classes and other settings, so the macro's every choice is made again for a new shape.

    The first time a shape is seen, the filled HTML is checked against the macro's own for that call (up to
    white space between and around the words, which a browser treats alike: the macro indents HTML it is
    given); a shape where they differ is never kept, and that macro is run every time for it. Only the
    published macros that use their words by putting them in the page are made this way (`SHAPED`); what
    the kept HTML holds is marks, never a person's words."""

    def __init__(self, size: int = 2048):
        self.size = size
        self.kept: OrderedDict[tuple[Any, ...], list[str | int] | None] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, macro: Any, params: dict[str, Any]) -> Markup:
        words: list[str] = []
        signature: list[Any] = [macro.name]
        _sign(params, words, "", signature)
        key = tuple(signature)
        with self.lock:
            parts = self.kept.get(key, _NOT_YET)
            if parts is not _NOT_YET:
                self.kept.move_to_end(key)
        if parts is _NOT_YET:
            own = str(macro(params))
            split = _SLOT.split(str(macro(_shape(params, [], ""))))
            parts = [int(part) if index % 2 else part for index, part in enumerate(split)]
            if " ".join(_fill(parts, words).split()) != " ".join(own.split()):
                log.warning(
                    "%s cannot be kept for this shape of its parameters: it is run each time", macro.name
                )
                parts = None
            with self.lock:
                self.kept[key] = parts
                while len(self.kept) > self.size:
                    self.kept.popitem(last=False)
            return Markup(own)
        if parts is None:
            return Markup(macro(params))
        return Markup(_fill(cast("list[str | int]", parts), words))


def _shape(node: Any, words: list[str], field: str) -> Any:
    """The parameters with a numbered mark in place of each word, link and attribute (collected in `words`,
    each as the page will have it)."""
    if isinstance(node, dict):
        inside = "attributes" if field == "attributes" else ""
        return {key: _shape(value, words, inside or key) for key, value in node.items()}
    if isinstance(node, list | tuple):
        return [_shape(value, words, field) for value in node]
    if isinstance(node, str) and node and _holds_words(field):
        html = isinstance(node, Markup) or _holds_html(field)
        words.append(str(node) if html else str(escape(node)))
        return f"\ue000{len(words) - 1}\ue001"
    return node


# The marks of a signature's structure: objects, so that no value can be taken for one.
_DICT, _LIST, _END, _WORD = object(), object(), object(), object()


def _sign(node: Any, words: list[str], field: str, signature: list[Any]) -> None:
    """What `_shape` makes of the parameters, as a flat list that can be a key (with the same words): the
    structure, each key, each value that is not a word (with its type, so that True is not 1), and a mark
    for each word. Two parameters with the same signature have the same shape. (It runs for every macro
    call on a page: plain types are told apart by `type`, the quickest test, and a dict's words are signed
    in its own loop, not by a call for each.)"""
    kind = type(node)
    if kind is dict or (kind not in _LEAVES and isinstance(node, dict)):
        inside = "attributes" if field == "attributes" else ""
        signature.append(_DICT)
        for key, value in node.items():
            signature.append(key)
            name = inside or key
            if type(value) is str and value and _holds_words(name):  # a plain word: signed here
                words.append(value if _holds_html(name) else str(escape(value)))
                signature.append(_WORD)
            else:
                _sign(value, words, name, signature)
        signature.append(_END)
    elif kind is list or kind is tuple or (kind not in _LEAVES and isinstance(node, list | tuple)):
        signature.append(_LIST)
        for value in node:
            _sign(value, words, field, signature)
        signature.append(_END)
    elif isinstance(node, str) and node and _holds_words(field):
        html = isinstance(node, Markup) or _holds_html(field)
        words.append(str(node) if html else str(escape(node)))
        signature.append(_WORD)
    else:
        signature.append((kind, node if kind.__hash__ is not None else str(node)))


_LEAVES = frozenset({str, Markup, int, bool, float, type(None)})  # types that are never a dict or a list


@functools.lru_cache(maxsize=1024)
def _holds_html(field: str) -> bool:
    """Whether a string in this field is HTML already ("html", "descriptionHtml"), not words to escape."""
    return field == "html" or field.endswith("Html")


@functools.lru_cache(maxsize=1024)
def _holds_words(field: str) -> bool:
    """Whether a string in this field is a word, link or attribute (`_is_slot`, or in the attributes)."""
    return _is_slot(field) or field == "attributes"


def _fill(parts: list[str | int], words: list[str]) -> str:
    """The kept HTML's parts (between its marks, and each mark's number) with the words in place."""
    return "".join([words[part] if isinstance(part, int) else part for part in parts])


def shaped(macro: Any, params: dict[str, Any]) -> Markup:
    """{{ shaped(govukSummaryList, {...}) }}: the published macro's HTML, made once for each shape of its
    parameters and filled in with these (`ShapedMacros`)."""
    kept: ShapedMacros = current_app.extensions["portal_shaped_macros"]
    return kept(macro, params)


def rendered_template_once(template: str, params: dict[str, Any]) -> Markup:
    """A GOV.UK form widget's template (govuk-frontend-wtf's `radios.html`, which only calls the published
    macro with `params`), rendered once for these parameters and kept."""
    kept: RenderedOnce = current_app.extensions["portal_rendered_once"]
    return kept.template(template, params)


def slot_mark(name: str) -> Markup:
    """Where a page's own value goes in kept HTML (see `kept_include`)."""
    return Markup(f"\ue000{name}\ue001")


_NAMED_SLOT = re.compile("\ue000([^\ue000\ue001]+)\ue001")


def _filled(html: str, slots: dict[str, Any] | None) -> Markup:
    """Each slot's value, escaped, in place of its mark, in one pass: nothing in a value is read as a mark."""
    if not slots:
        return Markup(html)
    values = {name: str(escape(value)) for name, value in slots.items()}
    return Markup(_NAMED_SLOT.sub(lambda mark: values.get(mark[1], mark[0]), str(html)))


def kept_include(name: str, slots: dict[str, Any] | None = None, **params: Any) -> Markup:
    """{{ kept_include("components/council-footer.html", council=council) }}: a template that is the same
    on every page for a language and these `params`, made once and kept.

    Such a template may use only its params, the page's language (`_()`) and what is the same all the time
    (`url_for` of a fixed page). What changes from page to page goes in `slots`: the template writes
    `{{ slot.left }}`, and each page's value, escaped, takes its place in the kept HTML."""
    kept: RenderedOnce = current_app.extensions["portal_rendered_once"]
    marks = {slot: slot_mark(slot) for slot in sorted(slots or {})}
    html = kept._kept(
        f"{name}:{i18n.lang()}:{','.join(marks)}", params, lambda: render_template(name, slot=marks, **params)
    )
    return _filled(html, slots)


def rendered_once(macro: Any, params: dict[str, Any], slots: dict[str, Any] | None = None) -> Markup:
    """{{ rendered_once(govukGenericHeader, {...}) }}: the macro's HTML, made once for these parameters.
    A page's own values go in `slots`, marked in the parameters with `slot_mark(name)`."""
    kept: RenderedOnce = current_app.extensions["portal_rendered_once"]
    return _filled(kept(macro, params), slots)


def init_app(app: Flask) -> None:
    app.extensions["portal_rendered_once"] = RenderedOnce()
    app.extensions["portal_shaped_macros"] = ShapedMacros()
    env = app.jinja_env
    # Templates are read once; only the development server (debug) looks for changed files.
    env.auto_reload = app.debug
    app.jinja_loader = ChoiceLoader([
        PackageLoader("portal"),
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])  # fmt: skip
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.add_extension("jinja2.ext.do")

    from portal import access, logging_setup
    from portal.journeys.assessment.forms import authority_label
    from portal.journeys.auth.views import session_seconds_left
    from portal.journeys.staff.roles import is_ras_lead, is_staff
    from portal.store import plans

    # Money, numbers and dates, formatted for people in their language: {{ pence | money }}.
    env.filters.update(
        money=i18n.money, number=i18n.number, long_date=i18n.long_date, hard_word=hard_words.explanation
    )
    env.globals.update(
        # The council's words, in the person's language: content_text("questions.toilet.why"), and
        # person_text("questions.toilet.title", name) for words that talk to "you" or about the named person.
        content_text=i18n.content_text,
        person_text=i18n.person_text,
        # for_pronouns(they=_("..."), he=_("..."), she=_("...")): whole sentences about the person helped.
        for_pronouns=i18n.for_pronouns,
        # The council and its questions.
        config_council=council_in_language,
        config_questionnaire=lambda: config().questionnaire,
        other_forms=other_forms,
        # Languages.
        current_lang=i18n.lang,
        text_direction=i18n.text_direction,
        available_languages=i18n.available_languages,
        language_name=i18n.language_name,
        language_url=i18n.language_url,
        language_urls=i18n.language_urls,
        draft_notice=i18n.draft_notice,
        plural_text=i18n.plural_text,
        # Pictures beside questions and answers.
        pictures_shown=pictures.shown,
        page_has_pictures=pictures.page_has_pictures,
        question_picture=pictures.question_picture,
        option_picture=pictures.option_picture,
        idea_picture=pictures.idea_picture,
        picture_url=pictures.picture_url,
        picture_words=pictures.picture_words,
        same_words=pictures.same_words,
        # Forms: the GOV.UK error summary, and who a form is filled in for.
        error_summary=forms.error_summary,
        authority_label=authority_label,
        # Who is signed in, and the nonce that lets the page's own inline script run.
        signed_in_user=access.signed_in_user_for_page,
        # Whether a page that changes, sends or disagrees is offered to the signed-in user, for the record
        # this page is about: offered("assessment.send"). The one place a page asks the access rule.
        offered=access.offered,
        why_not=access.why_not,
        is_staff=is_staff,
        is_ras_lead=is_ras_lead,
        csp_nonce=security.csp_nonce,
        # Sessions: the timeout warning's seconds left, and a form given back after signing in again.
        session_seconds_left=session_seconds_left,
        form_was_restored=access.form_was_restored,
        # The assessment's support plan, if one is started: the budget page links to it.
        support_plan_for=lambda assessment: plans.plan_for(assessment.id),
        # GOV.UK macros' HTML for the page chrome, made once for each set of parameters.
        rendered_once=rendered_once,
        kept_include=kept_include,
        slot_mark=slot_mark,
        shaped=shaped,
        # The request's id, quoted on error pages and in every log line.
        request_id=logging_setup.request_id,
    )
    # _() and ngettext() with the fallback to English (replacing Flask-Babel's, so i18n starts first).
    env.globals.update(app.extensions["portal_template_gettext"])


def compile_all(app: Flask) -> list[str]:
    """Compile every template the app can load, now, and keep each in Jinja's cache.

    gunicorn's master calls this once, before it starts the workers, which are copies of it (or, without
    preload_app, each worker before its first request: gunicorn.conf.py). Without it a new worker compiled
    each template on the first request that used it: about 1 s of CPU in all, so the first people a new
    worker served waited a tenth of a second or more. Returns the names of any that would not
    compile (each is logged); those pages show the error page, as they would have without this."""
    env = app.jinja_env
    names = env.list_templates()
    started = time.process_time()
    failed = []
    for name in names:
        try:
            env.get_template(name)
        except Exception:  # a broken template breaks its own pages, not the worker
            log.exception("Template %s does not compile", name)
            failed.append(name)
    spent = time.process_time() - started
    log.info("Compiled %d templates in %.2f s of CPU", len(names) - len(failed), spent)
    return failed


def other_forms() -> list[dict[str, str | None]]:
    """The council's other questionnaires, such as a carer's assessment, as the start and account pages
    offer them: its title, what it is (text questionnaires.<id>.about, if the council wrote one), the
    words of its start link (questionnaires.<id>.start, or its title) and where that goes."""
    from flask import url_for

    council = config()
    english = council.texts["en"]
    found: list[dict[str, str | None]] = []
    for questionnaire in council.questionnaires.values():
        if not questionnaire.text_prefix:  # the self-assessment has its own start button
            continue
        title = i18n.content_text(questionnaire.text_key("title"))
        about, start = questionnaire.text_key("about"), questionnaire.text_key("start")
        found.append(
            {
                "id": questionnaire.id,
                "title": title,
                "about": i18n.content_text(about) if about in english else None,
                "start": i18n.content_text(start) if start in english else title,
                "href": url_for("assessment.new-form", questionnaire_id=questionnaire.id),
            }
        )
    return found


def council_in_language() -> Any:
    """The council, with its name and address in the page's language (`council.name` and
    `council.address` in text/<language>.yaml; English when a language's file does not give them)."""
    council = config().council
    lang = i18n.lang()
    return dataclasses.replace(
        council, name=config().text("council.name", lang), address=config().text("council.address", lang)
    )
