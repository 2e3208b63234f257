"""The council's fairness pages, for the RAS lead only: indicative budgets against the budgets agreed
(with a chart, a table of the same figures and a CSV download), and a preview of new money per point.

Every figure comes from the rules layer (`portal.ras.fairness`, `portal.ras.recalibration`); the queries
are in `portal.store.fairness`. Anyone but a RAS lead gets "Page not found". The pages show figures about
groups, never a person; still, every look is written to the audit log, once for each person whose
agreed budget the figures count (one statement, whatever their number).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, timedelta

from flask import Blueprint, Response, g, render_template, request
from flask_babel import lazy_gettext as _l
from wtforms import StringField

from portal.clock import today
from portal.content import config
from portal.forms import DateField, Form, TextInput
from portal.i18n import gettext as _
from portal.i18n import money
from portal.journeys.staff.roles import basis, staff_required
from portal.ras import fairness as rules
from portal.ras import recalibration as recal
from portal.ras.model import MANAGEMENT_WAYS
from portal.store import fairness as store

bp = Blueprint("staff_fairness", __name__, url_prefix="/staff/ras")
RAS_LEADS = (rules.RAS_LEAD,)


@bp.record_once
def _setup(state) -> None:
    from portal.journeys.staff.demo_cases import demo_cases

    state.app.cli.add_command(demo_cases)


AGE_NAMES = {
    "18-64": _l("18 to 64"),
    "65-74": _l("65 to 74"),
    "75-84": _l("75 to 84"),
    "85+": _l("85 and over"),
    rules.UNKNOWN: _l("Age not known"),
}
WAY_NAMES = {
    "direct_payment": _l("Direct payment"),
    "council_arranged": _l("Arranged by the council"),
    "individual_service_fund": _l("Individual service fund"),
    rules.MIXED: _l("More than one way"),
    rules.UNKNOWN: _l("No items in the plan"),
}
DIMENSION_NAMES = {
    "all": _l("Everyone"),
    "age": _l("Age group"),
    "management": _l("How the money is managed"),
    "service": _l("Type of service"),
}


def group_name(dimension: str, group: str) -> str:
    if dimension == "all":
        return _("Everyone")
    if dimension == "age":
        return str(AGE_NAMES.get(group, group))
    if dimension == "management":
        return str(WAY_NAMES.get(group, group))
    from portal.i18n import content_text

    return content_text(f"prices.{group}.name")


class PeriodForm(Form):
    class Meta(Form.Meta):
        csrf = False  # a GET form that changes nothing

    first = DateField(
        _l("From"),
        description=_l("For example, 1 4 2026."),
        messages={"required": _l("Enter the first day of the period")},
    )
    last = DateField(
        _l("To"),
        description=_l("For example, 31 3 2027."),
        messages={"required": _l("Enter the last day of the period")},
    )

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if valid and self.first.data > self.last.data:
            self.last.error_part = "day"
            self.last.errors = [_("The last day must be the same as or after the first day")]
            return False
        return valid


def _period() -> tuple[PeriodForm, date, date, bool]:
    """The period asked for, or the last 12 months; and whether the form has errors."""
    last_default = today()
    first_default = last_default - timedelta(days=365)
    if "first-day" in request.args or "last-day" in request.args:
        form = PeriodForm(request.args)
        if form.validate():
            return form, form.first.data, form.last.data, False
        return form, first_default, last_default, True
    form = PeriodForm(data={"first": first_default, "last": last_default})
    return form, first_default, last_default, False


def period_args(first: date, last: date) -> dict[str, int]:
    """The period as the date boxes send it, for links to the same period."""
    return {
        f"{name}-{part}": getattr(day, part)
        for name, day in (("first", first), ("last", last))
        for part in ("day", "month", "year")
    }


def _audit(first: date, last: date, action: str) -> None:
    """One audit row for each person whose agreed budgets are counted."""
    member = g.staff
    store.audit_counted(first, last, member.user_id, action, basis(member))


def _report(first: date, last: date) -> rules.Report:
    cfg = config()
    return rules.report(
        store.agreed_cases(first, last), cfg.tolerance_percent, MANAGEMENT_WAYS, tuple(cfg.prices.items)
    )


CHART_WIDTH, ROW_HEIGHT, LABEL_WIDTH = 520, 28, 300


@bp.get("/report")
@staff_required(roles=RAS_LEADS)
def report():
    form, first, last, errors = _period()
    figures = None if errors else _report(first, last)
    if figures is not None:
        _audit(first, last, "staff_view_ras_report")
    chart = None
    if figures is not None and figures.everyone.count:
        rows = [(group_name(r.dimension, r.group), r.spread) for r in figures.rows]
        bars, lowest, highest, zero = rules.chart_bars(rows, CHART_WIDTH, ROW_HEIGHT)
        chart = {"bars": bars, "lowest": lowest, "highest": highest, "zero": zero}
    return render_template(
        "staff/ras-report.html",
        form=form,
        figures=figures,
        first=first,
        last=last,
        chart=chart,
        chart_width=CHART_WIDTH,
        row_height=ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        group_name=group_name,
        dimension_names=DIMENSION_NAMES,
        percent=rules.percent_text,
        tolerance=config().tolerance_percent,
        period_args=period_args(first, last),
    ), (400 if errors else 200)


CSV_COLUMNS = (
    "dimension",
    "group",
    "group_name",
    "count",
    "median_difference_pence",
    "lower_quartile_pence",
    "upper_quartile_pence",
    "interquartile_range_pence",
    "outside_tolerance",
    "outside_tolerance_percent",
    "sent_to_panel",
    "sent_to_panel_percent",
)


def csv_text(figures: rules.Report) -> str:
    """The report's figures as CSV: one row a group (its id and its name in the page's language), money in
    whole pence, shares in whole percent."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in figures.rows:
        s = row.spread
        writer.writerow(
            (
                row.dimension,
                row.group,
                group_name(row.dimension, row.group),
                row.count,
                "" if s.median is None else s.median,
                "" if s.lower_quartile is None else s.lower_quartile,
                "" if s.upper_quartile is None else s.upper_quartile,
                "" if s.interquartile_range is None else s.interquartile_range,
                row.outside_tolerance,
                rules.percent_text(row.outside_share),
                row.to_panel,
                rules.percent_text(row.panel_share),
            )
        )
    return out.getvalue()


@bp.get("/report.csv")
@staff_required(roles=RAS_LEADS)
def report_csv():
    form, first, last, errors = _period()
    if errors:
        return report()
    figures = _report(first, last)
    _audit(first, last, "staff_download_ras_report")
    name = f"budgets-agreed-{first.isoformat()}-to-{last.isoformat()}.csv"
    return Response(
        csv_text(figures),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --- recalibration preview -------------------------------------------------------------------------


MOST_PENCE_PER_POINT = 100_000  # £1,000 a point: anything more is a typing mistake


class RatesForm(Form):
    """Money per point for each band, as the lead types it: empty boxes take the fitted value."""

    class Meta(Form.Meta):
        csrf = False  # a GET form that changes nothing


def _rates_form(band_count: int) -> type[RatesForm]:
    class Rates(RatesForm):
        pass

    for index in range(band_count):
        setattr(
            Rates,
            f"band_{index}",
            StringField(
                _l("Band %(number)s, pence a point", number=index + 1),
                widget=TextInput(),
            ),
        )
    return Rates


def _proposed(form: RatesForm, fitted: Sequence[int]) -> tuple[list[int], bool]:
    values, bad = [], False
    for index, fitted_value in enumerate(fitted):
        field = getattr(form, f"band_{index}")
        text = (field.data or "").strip()
        if not text:
            values.append(fitted_value)
            continue
        if text.isdecimal() and 0 < int(text) <= MOST_PENCE_PER_POINT:
            values.append(int(text))
        else:
            field.errors = [_("Enter the pence a point as a whole number from 1 to 100000, like 650")]
            values.append(fitted_value)
            bad = True
    return values, bad


@bp.get("/recalibration")
@staff_required(roles=RAS_LEADS)
def recalibration():
    cfg = config()
    period, first, last, errors = _period()
    cases = [] if errors else store.fit_cases(first, last)
    fit = recal.fit(cfg.bands, cases)
    form = _rates_form(len(cfg.bands))(request.args)
    proposed, bad = _proposed(form, fit.pence_per_point)
    for index, value in enumerate(proposed):
        field = getattr(form, f"band_{index}")
        if not bad and not (field.data or "").strip():
            field.data = str(value)
    change = None if (bad or errors) else recal.preview(cfg, proposed, cases)
    if not errors:
        _audit(first, last, "staff_view_ras_recalibration")
    bands = []
    lower = 0
    for band, exact, fitted, new in zip(cfg.bands, fit.exact, fit.pence_per_point, proposed, strict=True):
        bands.append(
            {
                "from": lower + 1,
                "to": band.up_to,
                "present": band.pence_per_point,
                "exact": exact,
                "fitted": fitted,
                "proposed": new,
                "field": f"band_{len(bands)}",
            }
        )
        lower = band.up_to or lower
    return render_template(
        "staff/ras-recalibration.html",
        period=period,
        form=form,
        fit=fit,
        bands=bands,
        change=change,
        age_names=AGE_NAMES,
        money=money,
        version=cfg.version,
        first=first,
        last=last,
        errors=errors,
        period_args=period_args(first, last),
    ), (400 if (errors or bad) else 200)
