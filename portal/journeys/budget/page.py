"""What the budget page shows, worked out before the template sees it: the figures, which explanations
apply, and the rows of its tables. The template only lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import url_for

from portal import ras
from portal.access import offered
from portal.i18n import content_text, money, ngettext, person_text
from portal.i18n import gettext as _
from portal.journeys.budget import easy_read, words
from portal.ras import scoring
from portal.store.models import Assessment, Calculation
from portal.store.plan_models import Plan


@dataclass(frozen=True)
class Agreed:
    """A new amount agreed after a disagreement. The estimate is kept as it was."""

    weekly_pence: int
    yearly_pence: int
    on: date


@dataclass(frozen=True)
class Explanation:
    """How a budget was worked out, step by step: what the budget page and the try-out estimate both show
    (template `budget/_explanation.html`)."""

    points_table: dict[str, Any]
    money_table: dict[str, Any] | None  # None when there are no points
    family_help_lead: str
    family_help_steps: list[str]
    result_table: dict[str, Any]


def explanation(calc: ras.Calculation, config: ras.Config, name: str | None) -> Explanation:
    """The steps from answers to the estimate, for any calculation the rules made."""
    lead, steps = words.family_help(calc, config.family_help, name)
    return Explanation(
        points_table=_points_table(calc, config, name),
        money_table=_money_table(calc),
        family_help_lead=lead,
        family_help_steps=steps,
        result_table=_result_table(calc, config.weeks_per_year),
    )


@dataclass(frozen=True)
class BudgetPage:
    calc: ras.Calculation
    sent_on: datetime | None
    worked_out_on: datetime
    no_points: bool  # the answers scored nothing, so the estimate is £0
    rules_changed: bool  # the council has changed its rules since the budget was worked out
    panel_weekly_pence: int
    family_help_lead: str
    ideas: tuple[easy_read.Idea, ...]  # the budget in easy read, first on the page
    family_help_steps: list[str]
    agreed: Agreed | None
    points_table: dict[str, Any]
    money_table: dict[str, Any] | None  # None when there are no points
    result_table: dict[str, Any]
    plan_button: (
        dict[str, Any] | None
    )  # the button to the support plan (none for a helper who may only look) ...
    plan_invitation: str | None  # ... with a sentence before it when the plan is not sent yet
    # The name of the form when its own money rules worked the budget out ("Carer's assessment"): the page
    # says it is a carer's budget. None for the self-assessment.
    form_title: str | None = None


# The cells of a total row: bold, with a rule above (portal/static/src/_portal.scss).
TOTAL = "app-table__cell--total"


def _numeric(text: str, **more: Any) -> dict[str, Any]:
    return {"text": text, "format": "numeric", **more}


def _points_table(calc: ras.Calculation, config: ras.Config, name: str | None) -> dict[str, Any]:
    rows = [
        [
            {"text": content_text(config.area_key(area.question_id))},
            {
                "text": person_text(
                    config.questionnaire.text_key(f"options.{area.question_id}.{area.option_id}.label"), name
                )
                if area.option_id
                else _("Not asked")
            },
            _numeric(str(area.points)),
        ]
        for area in calc.areas
    ]
    rows.append(
        [
            {"text": _("Total points"), "colspan": 2, "classes": TOTAL},
            _numeric(str(calc.total_points), classes=TOTAL, attributes={"id": "total-points"}),
        ]
    )
    return {
        "caption": _("Points for each answer"),
        "captionClasses": "govuk-visually-hidden",
        "attributes": {"id": "points-table"},
        "firstCellIsHeader": True,
        "head": [{"text": _("Part of life")}, {"text": _("Answer")}, _numeric(_("Points"))],
        "rows": rows,
    }


def _money_table(calc: ras.Calculation) -> dict[str, Any] | None:
    if not calc.bands:
        return None
    rows = [
        [
            {
                "text": ngettext(
                    "%(num)s point, from %(first)s to %(last)s",
                    "%(num)s points, from %(first)s to %(last)s",
                    band.points,
                    first=band.from_point,
                    last=band.to_point,
                )
            },
            _numeric(money(band.pence_per_point)),
            _numeric(money(band.subtotal_pence)),
        ]
        for band in calc.bands
    ]
    rows.append(
        [
            {"text": _("Money a week from points"), "colspan": 2, "classes": TOTAL},
            _numeric(
                money(calc.weekly_before_pence),
                classes=TOTAL,
                attributes={"id": "weekly-before"},
            ),
        ]
    )
    return {
        "caption": _("Points into money"),
        "captionClasses": "govuk-visually-hidden",
        "attributes": {"id": "money-table"},
        "firstCellIsHeader": True,
        "head": [{"text": _("Points")}, _numeric(_("Money for each point")), _numeric(_("Money a week"))],
        "rows": rows,
    }


def _result_table(calc: ras.Calculation, weeks_per_year: int) -> dict[str, Any]:
    return {
        "caption": _("The estimate"),
        "captionClasses": "govuk-visually-hidden",
        "attributes": {"id": "result-table"},
        "firstCellIsHeader": True,
        "rows": [
            [{"text": _("Money a week from points")}, _numeric(money(calc.weekly_before_pence))],
            [
                {"text": _("Take away for help from family and friends")},
                _numeric(money(calc.adjustment.reduction_pence)),
            ],
            [
                {"text": _("Estimate a week"), "classes": TOTAL},
                _numeric(money(calc.weekly_pence), classes=TOTAL),
            ],
            [
                {
                    "text": ngettext(
                        "Estimate a year (%(num)s week)", "Estimate a year (%(num)s weeks)", weeks_per_year
                    )
                },
                _numeric(money(calc.yearly_pence)),
            ],
        ],
    }


def _plan_button(
    assessment: Assessment, plan: Plan | None, name: str | None
) -> tuple[dict | None, str | None]:
    public_id = assessment.public_id
    if plan is not None and plan.submitted:
        return {
            "text": _("See the support plan you sent"),
            "href": url_for("plan.sent", public_id=public_id),
            "classes": "app-no-print",
        }, None
    if not offered("plan.choose-help"):  # a helper who may only look: no plan to make, or one to see
        if plan is None:
            return None, None
        return {
            "text": _("See %(name)s's support plan", name=name or ""),
            "href": url_for("plan.plan", public_id=public_id),
            "classes": "app-no-print",
        }, None
    if not name:
        text = _("Make your support plan") if plan is None else _("Carry on with your support plan")
        invitation = _("A support plan says what help you want and what it costs. You can make one now.")
    else:
        text = (
            _("Make %(name)s's support plan", name=name)
            if plan is None
            else _("Carry on with %(name)s's support plan", name=name)
        )
        invitation = _(
            "A support plan says what help %(name)s wants and what it costs. You can make one now.", name=name
        )
    return {
        "text": text,
        "href": url_for("plan.plan", public_id=public_id),
        "classes": "app-no-print",
    }, invitation


def budget_page(
    assessment: Assessment,
    stored: Calculation,
    config: ras.Config,
    name: str | None,
    agreed_step: Any | None,
    plan: Plan | None,
) -> BudgetPage:
    """The budget page for a sent form. `agreed_step` is the disagreement step that agreed a new amount."""
    calc = ras.Calculation.from_dict(stored.result)
    explained = explanation(calc, config, name)
    agreed = None
    if agreed_step is not None:
        agreed = Agreed(
            weekly_pence=agreed_step.agreed_weekly_pence,
            on=agreed_step.answered_on,
            yearly_pence=scoring.yearly(agreed_step.agreed_weekly_pence, config.weeks_per_year),
        )
    button, invitation = _plan_button(assessment, plan, name)
    return BudgetPage(
        calc=calc,
        sent_on=assessment.submitted_at,
        worked_out_on=stored.created_at,
        no_points=calc.total_points == 0,
        rules_changed=calc.config_version != config.version,
        panel_weekly_pence=config.panel_weekly_pence,
        family_help_lead=explained.family_help_lead,
        ideas=easy_read.ideas(
            calc,
            explained.family_help_lead,
            config.weeks_per_year,
            name,
            words.whose_help(calc, config.family_help, name),
        ),
        family_help_steps=explained.family_help_steps,
        agreed=agreed,
        points_table=explained.points_table,
        money_table=explained.money_table,
        result_table=explained.result_table,
        plan_button=button,
        plan_invitation=invitation,
        form_title=(
            content_text(config.questionnaire.text_key("title"))
            if config.questionnaire.money is not None
            else None
        ),
    )
