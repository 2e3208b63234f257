"""Jinja for the portal: where templates are found, and every global and filter they can use.

Templates live in portal/templates/<journey>/<page>.html; GOV.UK Frontend's macros are imported from
`govuk_frontend_jinja/components/<name>/macro.html`, and the form widgets from `govuk_frontend_wtf`.
Everything a template calls is registered here, by what it is for.

The one global not registered here is `wtforms_errors`, which govuk-frontend-wtf's WTFormsHelpers adds
(create_app).
"""

from __future__ import annotations

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from portal import forms, hard_words, i18n, pictures, security
from portal.content import config


def init_app(app: Flask) -> None:
    env = app.jinja_env
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
    from portal.journeys.staff.roles import is_staff
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
        # The council and its questions.
        config_council=lambda: config().council,
        config_questionnaire=lambda: config().questionnaire,
        # Languages.
        current_lang=i18n.lang,
        text_direction=i18n.text_direction,
        available_languages=i18n.available_languages,
        language_name=i18n.language_name,
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
        is_staff=is_staff,
        csp_nonce=security.csp_nonce,
        # Sessions: the timeout warning's seconds left, and a form given back after signing in again.
        session_seconds_left=session_seconds_left,
        form_was_restored=access.form_was_restored,
        # The assessment's support plan, if one is started: the budget page links to it.
        support_plan_for=lambda assessment: plans.plan_for(assessment.id),
        # The request's id, quoted on error pages and in every log line.
        request_id=logging_setup.request_id,
    )
