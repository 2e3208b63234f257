"""Total rows in tables (the budget's "How we worked this out", the plan's table, the plan's PDF): every cell
of a total row, and no other, carries `app-table__cell--total`, which the stylesheets make bold with a 2px
rule above."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from portal.journeys.plan import views as plan_views
from tests import factories
from tests.web.helpers import WORKED_EXAMPLE
from tests.web.plan_helpers import PA_WEEKLY, add_item, plan_url

TOTAL = "app-table__cell--total"
STATIC = Path(__file__).resolve().parents[2] / "portal" / "static"


def _total_rows(table) -> list[str]:
    """The first cell's text of each row whose cells are all totals; and fail on a row only partly marked."""
    totals = []
    for row in table.select("tbody tr"):
        marked = [TOTAL in (cell.get("class") or []) for cell in row.select("th, td")]
        assert all(marked) or not any(marked), row
        if all(marked):
            totals.append(row.select_one("th, td").get_text(strip=True))
    return totals


def test_the_budget_pages_total_rows(portal, app):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    page = portal.get(f"/assessments/{assessment_id}/budget").soup
    assert _total_rows(page.select_one("#points-table")) == ["Total points"]
    assert _total_rows(page.select_one("#money-table")) == ["Money a week from points"]
    assert _total_rows(page.select_one("#result-table")) == ["Estimate a week"]


def test_the_plan_pages_and_the_pdfs_total_rows(portal, app, monkeypatch):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    add_item(portal, assessment_id, "personal_assistant", PA_WEEKLY)
    page = portal.get(plan_url(assessment_id)).soup
    assert _total_rows(page.select_one("#comparison-table")) == ["The plan costs", "Difference"]

    rendered: list[str] = []
    real = plan_views.render_pdf_within

    def keep_html(html: str, seconds: float) -> bytes:
        rendered.append(html)
        return real(html, seconds)

    monkeypatch.setattr(plan_views, "render_pdf_within", keep_html)
    assert portal.client.get(plan_url(assessment_id, "/plan.pdf")).status_code == 200
    pdf = BeautifulSoup(rendered[0], "html.parser")
    assert _total_rows(pdf.select_one("#pdf-comparison")) == ["The plan costs", "Difference"]
    style = pdf.style.get_text()
    assert re.search(r"\.app-table__cell--total \{[^}]*font-weight: bold;[^}]*border-top: 2px solid", style)
    assert "font-weight-bold" not in style  # a rule above every bold thing was a slip


def test_the_stylesheet_draws_the_rule_above_a_total():
    source = (STATIC / "src" / "_portal.scss").read_text(encoding="utf-8")
    assert re.search(r"\.app-table__cell--total \{[^}]*border-top: 2px solid", source)
    built = (STATIC / "assets" / "portal.min.css").read_text(encoding="utf-8-sig")
    assert re.search(r"\.app-table__cell--total\{[^}]*font-weight:700;[^}]*border-top:2px solid", built), (
        "rebuild the CSS: bash scripts/build-frontend.sh"
    )
