"""Pages anyone can read without signing in: how budgets are worked out, the price list, the algorithmic
transparency record (with CSV and JSON downloads), and trying an estimate without an account.

Every figure on them comes from the rules layer (`portal.ras`), worked out from `content/` as each page is
shown; nothing is written twice. The try-out's question pages are the self-assessment's own."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from flask import Blueprint, Response, redirect, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal import ras
from portal.access import NEXT, current_user, to_sign_in
from portal.content import config
from portal.forms import Form
from portal.journeys.assessment.asking import question_page
from portal.journeys.budget.page import explanation
from portal.journeys.pages import Journey, Page
from portal.journeys.public import openness as open_content
from portal.journeys.public import rules_page
from portal.journeys.public.tryout import SessionAnswers
from portal.ras import transparency
from portal.store import assessments as store
from portal.store import once

bp = Blueprint("public", __name__)

RULES, PRICES = "how-budgets-are-worked-out", "price-list"
RECORD, RECORD_CSV, RECORD_JSON = (
    "algorithmic-transparency-record",
    "algorithmic-transparency-record-csv",
    "algorithmic-transparency-record-json",
)
TRY, TRY_QUESTION, TRY_ESTIMATE, TRY_SAVE = "try-an-estimate", "try-question", "try-estimate", "try-save"
DOWNLOADS = {RECORD_CSV: "csv", RECORD_JSON: "json"}


class SaveForm(Form):
    """The "Save this and carry on" button: no fields of its own."""


@dataclass
class Visit:
    answers: SessionAnswers
    next_url: str | None = None


class PublicPages(Journey[Visit]):
    name = "public"
    pages = (
        Page(RULES, "/how-budgets-are-worked-out"),
        Page(PRICES, "/price-list"),
        Page(RECORD, "/algorithmic-transparency-record"),
        Page(RECORD_CSV, "/algorithmic-transparency-record.csv"),
        Page(RECORD_JSON, "/algorithmic-transparency-record.json"),
        Page(TRY, "/try-an-estimate"),
        Page(TRY_QUESTION, "/try-an-estimate/questions/<question_id>", form=FlaskForm),
        Page(TRY_ESTIMATE, "/try-an-estimate/estimate"),
        Page(TRY_SAVE, "/try-an-estimate/save", form=SaveForm),
    )

    def handle(self, page: Page, **args: Any) -> ResponseReturnValue:
        if page.id == TRY_QUESTION:  # the self-assessment's own question page, on answers in the session
            return question_page(SessionAnswers(), args["question_id"])
        return super().handle(page, **args)

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Visit | Response:
        answers = SessionAnswers()
        if page.id == TRY_ESTIMATE and not answers.complete():
            return _go(answers.next_url())
        if page.id == TRY_SAVE:
            if current_user() is None:
                if not posting:
                    return to_sign_in()
                session[NEXT] = url_for("public.try-save")
                return cast(Response, redirect(url_for("auth.sign_in"), 303))
            if not answers.complete():
                return _go(url_for("public.try-an-estimate"))
        return Visit(answers)

    def save(self, page: Page, subject: Visit, form: FlaskForm) -> None:
        # Only TRY_SAVE has a form that is saved: the try-out's answers become the person's own draft.
        user = current_user()
        assert user is not None
        answers = subject.answers
        draft = once.start_own_form(user, config().version)
        for qid, value in ras.relevant_answers(answers.questionnaire, answers.all()).items():
            store.save_answer(draft, qid, value, None, user.id)
        answers.forget()
        subject.next_url = url_for("assessment.check", public_id=draft.public_id)

    def done(self, page: Page, subject: Visit) -> str:
        return subject.next_url or url_for("account.home")

    def context(self, page: Page, subject: Visit, form: FlaskForm | None) -> dict[str, Any]:
        cfg = config()
        if page.id == RULES:
            rules = open_content.rules()
            help_table, share_table = rules_page.family_help_tables(rules)
            return {
                "rules": rules,
                "rules_from": open_content.openness().rules_from,
                "rules_history": open_content.openness().history,
                "example": rules_page.example_sums(rules.example, cfg),
                "areas": rules_page.area_tables(rules),
                "bands_table": rules_page.bands_table(rules),
                "help_table": help_table,
                "share_table": share_table,
            }
        if page.id == PRICES:
            return {"prices_table": rules_page.prices_table(cfg), "prices": cfg.prices}
        if page.id == RECORD:
            record = _record()
            return {
                "record": record,
                "fields": transparency.FIELDS,
                "sections": transparency.SECTIONS,
                "single": transparency.SINGLE,
                "groups": transparency.GROUPS,
                "group_names": GROUP_NAMES,
            }
        if page.id == TRY:
            answers = subject.answers
            return {"started": bool(answers.all()), "next_url": answers.next_url()}
        if page.id == TRY_ESTIMATE:
            calc = ras.calculate(cfg, subject.answers.all())
            return {
                "calc": calc,
                "explained": explanation(calc, cfg, None),
                "panel_weekly_pence": cfg.panel_weekly_pence,
            }
        return {}

    def render(
        self, page: Page, subject: Visit, form: FlaskForm | None, status: int = 200
    ) -> ResponseReturnValue:
        if page.id in DOWNLOADS:
            return _download(_record(), DOWNLOADS[page.id])
        return super().render(page, subject, form, status)


# How the record page names one entry of a group.
GROUP_NAMES = {
    "third_parties": _l("Third party %(num)s"),
    "models": _l("Model %(num)s"),
    "impact_assessments": _l("Impact assessment %(num)s"),
    "risks": _l("Risk %(num)s"),
}


def _record() -> transparency.Record:
    cfg = config()
    return transparency.complete(
        open_content.openness().record,
        organisation=cfg.council.name,
        contact_email=cfg.council.email,
        website=url_for("public.how-budgets-are-worked-out", _external=True),
        rules_version=cfg.version,
    )


def _safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _download(record: transparency.Record, kind: str) -> Response:
    name = "algorithmic-transparency-record"
    if kind == "json":
        body = json.dumps(transparency.as_mapping(record), ensure_ascii=False, indent=2)
        mimetype = "application/json"
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=transparency.CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for row in transparency.as_rows(record):
            writer.writerow({key: _safe_cell(value) for key, value in row.items()})
        body, mimetype = out.getvalue(), "text/csv"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def _go(url: str) -> Response:
    return cast(Response, redirect(url))


PublicPages().register(bp)


@bp.record_once
def _load_openness(state: Any) -> None:
    open_content.init_app(state.app, state.app.extensions["portal_settings"].content_dir)
