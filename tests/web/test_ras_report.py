"""The RAS lead's fairness pages: indicative budgets against agreed ones, the CSV, the recalibration
preview, and the demo-cases command that fills a demo database for them."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from portal.journeys.staff.fairness import CSV_COLUMNS
from portal.store.agreement_models import AgreedBudget
from portal.store.models import AuditEvent
from tests.web.helpers import Portal

REPORT = "/staff/ras/report"
CSV_URL = "/staff/ras/report.csv"
RECALIBRATION = "/staff/ras/recalibration"
PAGES = (REPORT, CSV_URL, RECALIBRATION)


def _count(app, model, *where) -> int:
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def cases(app):
    result = app.test_cli_runner().invoke(args=["demo-cases", "--count", "40"])
    assert result.exit_code == 0, result.output
    return _count(app, AgreedBudget)


@pytest.fixture
def robin(app):
    lead = Portal(app)
    lead.sign_in("robin")
    return lead


def test_demo_cases_are_made_by_the_rules_and_the_same_every_time(app, cases):
    assert 30 <= cases <= 40
    with app.extensions["db_sessionmaker"]() as session:
        rows = session.execute(
            select(AgreedBudget.indicative_weekly_pence, AgreedBudget.weekly_pence).order_by(AgreedBudget.id)
        ).all()
    assert any(agreed != indicative for indicative, agreed in rows), "some final budgets differ"
    again = app.test_cli_runner().invoke(args=["demo-cases", "--count", "40"])
    assert again.exit_code == 0 and _count(app, AgreedBudget) == cases  # the same people: none added


def test_demo_cases_refuse_outside_demo_mode(app):
    app.extensions["portal_settings"] = app.extensions["portal_settings"].__class__(
        **{**app.extensions["portal_settings"].__dict__, "demo_sign_in": False}
    )
    result = app.test_cli_runner().invoke(args=["demo-cases", "--count", "5"])
    assert result.exit_code != 0 and "only runs in demo mode" in result.output
    assert _count(app, AgreedBudget) == 0


def test_the_ras_lead_sees_the_report_and_every_look_is_audited(app, cases, robin):
    page = robin.get(REPORT).soup
    everyone = page.select_one("#row-all-all")
    assert everyone is not None and str(cases) in everyone.get_text()
    chart = page.select_one("svg#chart")
    assert chart["role"] == "img" and chart.select_one("title") and chart.select_one("desc")
    assert page.select("#figures tbody tr[id^=row-age-]") and page.select(
        "#figures tbody tr[id^=row-service-]"
    )
    people = _count(app, AuditEvent, AuditEvent.action == "staff_view_ras_report")
    assert people > 0  # one row for each person counted
    nav = page.select_one(".govuk-service-navigation")
    assert "Work list" not in nav.get_text() and "Budgets agreed" in nav.get_text()


def test_the_csv_has_the_same_figures_as_the_page(app, cases, robin):
    response = robin.get(CSV_URL)
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert rows[0]["dimension"] == "all" and int(rows[0]["count"]) == cases
    assert {r["group_name"] for r in rows if r["dimension"] == "age"} >= {"18 to 64", "85 and over"}
    assert sum(int(r["count"]) for r in rows if r["dimension"] == "age") == cases
    assert sum(int(r["count"]) for r in rows if r["dimension"] == "management") == cases
    assert all(r["median_difference_pence"].lstrip("-").isdigit() for r in rows if int(r["count"]))
    assert _count(app, AuditEvent, AuditEvent.action == "staff_download_ras_report") > 0


@pytest.mark.parametrize(
    "args,message",
    [
        (
            {
                "first-day": "",
                "first-month": "",
                "first-year": "",
                "last-day": "1",
                "last-month": "1",
                "last-year": "2026",
            },
            "Enter the first day of the period",
        ),
        (
            {
                "first-day": "31",
                "first-month": "2",
                "first-year": "2026",
                "last-day": "1",
                "last-month": "3",
                "last-year": "2026",
            },
            "Enter a real date",
        ),
        (
            {
                "first-day": "2",
                "first-month": "3",
                "first-year": "2026",
                "last-day": "1",
                "last-month": "3",
                "last-year": "2026",
            },
            "The last day must be the same as or after the first day",
        ),
    ],
)
def test_period_errors_follow_the_gov_uk_pattern(app, robin, args, message):
    response = robin.client.get(REPORT, query_string=args)
    assert response.status_code == 400
    summary = response.soup.select_one(".govuk-error-summary")
    assert summary is not None and message in summary.get_text()
    assert _count(app, AuditEvent, AuditEvent.action == "staff_view_ras_report") == 0


def test_a_period_with_nothing_agreed_says_so(robin, cases):
    response = robin.client.get(
        REPORT,
        query_string={
            "first-day": "1",
            "first-month": "1",
            "first-year": "2001",
            "last-day": "1",
            "last-month": "1",
            "last-year": "2002",
        },
    )
    assert response.status_code == 200 and response.soup.select_one("#empty")


def test_recalibration_fits_and_previews_without_changing_the_rules(app, cases, robin):
    page = robin.get(RECALIBRATION).soup
    text = page.get_text(" ", strip=True)
    assert "least squares" in text and "This page changes nothing" in text
    assert page.select_one("#fitted-1") and page.select_one("#change-all")
    tried = robin.client.get(RECALIBRATION, query_string={"band_0": "700", "band_1": "800", "band_2": "900"})
    assert tried.status_code == 200
    row = tried.soup.select_one("#change-all").get_text(" ", strip=True)
    assert str(cases) in row
    bad = robin.client.get(RECALIBRATION, query_string={"band_0": "six"})
    assert bad.status_code == 400 and "whole number" in bad.soup.select_one(".govuk-error-summary").get_text()
    from portal.content import config

    with app.app_context():
        assert config().bands[0].pence_per_point == 600  # the live rules are as they were


@pytest.mark.parametrize("url", PAGES)
def test_only_the_ras_lead_reaches_the_pages(app, url):
    for name in ("alex", "chris", "pat", "kim"):
        someone = Portal(app)
        someone.sign_in(name)
        assert someone.client.get(url).status_code == 404, name
    signed_out = Portal(app)
    assert signed_out.client.get(url).location.endswith("/sign-in")


def test_the_ras_lead_lands_on_the_report_and_sees_no_cases(app):
    from flask import url_for

    robin = Portal(app)
    response = robin.post("/sign-in/demo", {"person": "robin"})
    assert response.location.endswith(REPORT)
    robin._token = None  # noqa: SLF001  (signing in starts a new session)
    with app.test_request_context():
        pages = [
            url_for(e)
            for e in ("staff.work-list", "staff.cases", "staff_outbox.messages", "review_staff.due")
        ]
    for url in pages:
        assert robin.client.get(url).status_code == 404, url
