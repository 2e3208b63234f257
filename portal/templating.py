"""Jinja for the portal: where templates are found, and every global and filter they can use.

Templates live in portal/templates/<journey>/<page>.html; GOV.UK Frontend's macros are imported from
`govuk_frontend_jinja/components/<name>/macro.html`, and the form widgets from `govuk_frontend_wtf`.
Everything a template calls is registered here, by what it is for.

The one global not registered here is `wtforms_errors`, which govuk-frontend-wtf's WTFormsHelpers adds
(create_app).
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import ChainMap, OrderedDict
from collections.abc import MutableMapping
from typing import Any

from flask import Flask, current_app
from flask.templating import Environment
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from markupsafe import Markup

from portal import forms, hard_words, i18n, pictures, security
from portal.content import config


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
        key = macro.name + json.dumps(params, sort_keys=True, default=str)
        with self.lock:
            html = self.kept.get(key)
            if html is not None:
                self.kept.move_to_end(key)
                return html
        html = Markup(macro(params))
        with self.lock:
            self.kept[key] = html
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return html


def rendered_once(macro: Any, params: dict[str, Any]) -> Markup:
    """{{ rendered_once(govukGenericHeader, {...}) }}: the macro's HTML, made once for these parameters."""
    kept: RenderedOnce = current_app.extensions["portal_rendered_once"]
    return kept(macro, params)


def init_app(app: Flask) -> None:
    app.extensions["portal_rendered_once"] = RenderedOnce()
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
        # The request's id, quoted on error pages and in every log line.
        request_id=logging_setup.request_id,
    )
    # _() and ngettext() with the fallback to English (replacing Flask-Babel's, so i18n starts first).
    env.globals.update(app.extensions["portal_template_gettext"])


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
