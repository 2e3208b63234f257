"""The public pages, read as a person reads them, signed out: how budgets are worked out, the price list and
the algorithmic transparency record. The rules page must let a person work the example out by hand, from the
numbers the page itself shows; and its figures must come from the council's content through the rules, so a
changed band changes the page."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from tests.personas import pounds
from tests.web.helpers import Portal
from tests.web.test_personas import visible

ROOT = Path(__file__).resolve().parent.parent.parent
RULES = "/how-budgets-are-worked-out"


def words(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def rows_of(soup, table_id: str) -> list[list[str]]:
    """A table's body rows, each as the words of its cells (header cell first)."""
    table = soup.select_one(f"table#{table_id}")
    assert table is not None, f"no table {table_id}"
    return [[words(cell) for cell in row.select("th, td")] for row in table.select("tbody tr")]


def to_pence(text: str) -> int:
    match = re.fullmatch(r"£([\d,]+)(?:\.(\d\d))?", text.strip())
    assert match, f"not money: {text!r}"
    return int(match.group(1).replace(",", "")) * 100 + int(match.group(2) or 0)


def work_out_by_hand(soup) -> dict:
    """The worked example, done with a pencil from the numbers on the page: add the points in the example,
    price them with the bands table, take off the percent the family-help tables give for the example's
    answers, round half a penny up, and multiply by the weeks the page names."""
    example = rows_of(soup, "example-points")
    points = sum(int(row[-1]) for row in example[:-1])
    assert example[-1][0] == "Total points" and int(example[-1][-1]) == points
    pence, below = 0, 0
    for first_to_last, price in rows_of(soup, "bands-table"):
        found = re.fullmatch(r"(\d+) to (\d+)|(\d+) or more", first_to_last)
        assert found, first_to_last
        last = int(found.group(2)) if found.group(2) else None
        upper = points if last is None else min(points, last)
        if upper > below:
            pence += (upper - below) * to_pence(price)
            below = upper
    answers = [words(li) for li in soup.select("#example-help-answers li")]
    who = re.fullmatch(r"Who helps now: (.+)\.", answers[0]).group(1)
    percent_text = {row[0]: row[1] for row in rows_of(soup, "family-help-table")}[who]
    percent = Decimal(percent_text.rstrip("%"))
    share = Decimal(1)
    if len(answers) > 1:
        keep = re.fullmatch(r"Can they keep helping: (.+)\.", answers[1]).group(1)
        said = {row[0]: row[1] for row in rows_of(soup, "keep-helping-table")}[keep]
        share = {"All of it": Decimal(1), "Half of it": Decimal("0.5"), "None of it": Decimal(0)}[said]
    weekly = int((Decimal(pence) * (100 - percent * share) / 100).to_integral_value(rounding=ROUND_HALF_UP))
    weeks = int(re.search(r"money for a week × (\d+) weeks", visible(soup)).group(1))
    return {"points": points, "before": pence, "weekly": weekly, "yearly": weekly * weeks, "weeks": weeks}


def test_the_rules_page_lets_a_person_compute_the_worked_example_by_hand(portal):
    soup = portal.get(RULES).soup
    text = visible(soup)
    by_hand = work_out_by_hand(soup)
    # The example in ras-demo.md, worked out there by hand: 22 points, £132, 10% off, £118.80, £6,177.60.
    assert by_hand == {"points": 22, "before": 13200, "weekly": 11880, "yearly": 617760, "weeks": 52}
    assert f"22 points × £6 = {pounds(by_hand['before'])}" in text
    assert (
        words(soup.select_one("#example-weekly")) == f"So the estimate is {pounds(by_hand['weekly'])} a week."
    )
    assert words(soup.select_one("#example-yearly")) == (
        f"For a year: {pounds(by_hand['weekly'])} × 52 weeks = {pounds(by_hand['yearly'])}."
    )


def test_the_rules_page_says_everything_the_rules_use(portal, app):
    config = app.extensions["ras_config"]
    soup = portal.get(RULES).soup
    text = visible(soup)
    for question in config.questionnaire.scored_questions:
        rows = rows_of(soup, f"points-{question.id}")
        assert [row[1] for row in rows] == [str(option.points) for option in question.options], question.id
    assert rows_of(soup, "bands-table") == [["1 to 40", "£6"], ["41 to 80", "£7.50"], ["81 or more", "£9"]]
    assert [row[1] for row in rows_of(soup, "family-help-table")] == ["0%", "5%", "10%", "20%"]
    assert "Half a penny or more goes up." in text
    assert "up to 10% more or less than the estimate for a year" in text
    assert "If the estimate is £600 a week or more, a panel looks at it." in text
    assert "There is no top limit on a budget." in text
    assert "It does not cover living in a care home or a nursing home." in text
    assert "you and your care manager agree the final budget" in text
    assert words(soup.select_one("#rules-version")) == (
        "These are the council's rules, version example-2026-1. We started to use them on 1 December 2026."
    )
    assert [
        [words(row.dt), words(row.dd)] for row in soup.select("#rules-history .govuk-summary-list__row")
    ] == [
        [
            "Version example-2026-1, from 1 December 2026 (in use now)",
            "We checked the money for each point against the budgets we agreed last year. "
            "Points 41 to 80 are now worth a little more.",
        ],
        ["Version example-2025-1, from 7 April 2025", "These were our first rules for working out budgets."],
    ]
    assert soup.select_one("[data-module=app-print]") is not None, "a button to print it"


def test_the_public_pages_are_linked_from_the_start_page_and_every_footer(portal):
    start = portal.get("/").soup
    links = {words(a): a["href"] for a in start.select("main a")}
    assert links["How budgets are worked out"] == RULES
    assert links["Try an estimate without an account"] == "/try-an-estimate"
    assert links["Price list for support plans"] == "/price-list"
    for url in ("/", "/privacy", RULES):
        footer = {words(a): a["href"] for a in portal.get(url).soup.select("footer a, .govuk-footer a")}
        assert footer["How budgets are worked out"] == RULES
        assert footer["Price list"] == "/price-list"
        assert footer["Algorithmic transparency record"] == "/algorithmic-transparency-record"


def test_the_price_list_shows_every_item_at_its_price(portal, app):
    config = app.extensions["ras_config"]
    rows = rows_of(portal.get("/price-list").soup, "prices-table")
    assert len(rows) == len(config.prices.items)
    for item, row in zip(config.prices.items.values(), rows, strict=True):
        assert row[0] == config.text(f"prices.{item.id}.name")
        if item.own_cost:
            assert row[2] == "You tell us the cost"
        else:
            assert row[2].startswith(pounds(item.price_pence) + " "), row
    assert rows[0] == [
        "A helper you pay yourself",
        config.text("prices.personal_assistant.hint"),
        "£16.50 an hour",
    ]


@pytest.fixture
def dearer_app(settings, tmp_path):
    """The council's content with the first band at £7 a point (a new version of the rules, from a new
    date)."""
    from portal import create_app

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    council = content / "council.yaml"
    text = council.read_text(encoding="utf-8")
    text = text.replace("version: example-2026-1", "version: example-2027-1")
    text = text.replace("pence_per_point: 600 #", "pence_per_point: 700 #")
    council.write_text(text, encoding="utf-8")
    record = content / "transparency.yaml"
    text = record.read_text(encoding="utf-8")
    text = text.replace("version: example-2026-1", "version: example-2027-1")
    text = text.replace("from: 2026-12-01", "from: 2027-04-01")
    record.write_text(text, encoding="utf-8")
    app = create_app(replace(settings, content_dir=content))
    app.config.update(TESTING=True)
    yield app
    app.extensions["db_engine"].dispose()


def test_the_rules_page_figures_come_from_the_content_through_the_rules(dearer_app):
    from portal import ras

    soup = Portal(dearer_app).get(RULES).soup
    text = visible(soup)
    assert rows_of(soup, "bands-table")[0] == ["1 to 40", "£7"]
    by_hand = work_out_by_hand(soup)
    # 22 points × £7 = £154; take away 10% = £138.60; × 52 = £7,207.20.
    assert by_hand == {"points": 22, "before": 15400, "weekly": 13860, "yearly": 720720, "weeks": 52}
    assert "22 points × £7 = £154" in text and "So the estimate is £138.60 a week." in text
    calc = ras.calculate(dearer_app.extensions["ras_config"], _example(dearer_app))
    assert (calc.weekly_pence, calc.yearly_pence) == (by_hand["weekly"], by_hand["yearly"])
    assert "version example-2027-1. We started to use them on 1 April 2027." in text


def _example(app) -> dict:
    return app.extensions["openness"].worked_example


def test_the_worked_example_is_the_one_the_tests_work_out_by_hand(app):
    from tests.examples import WORKED_EXAMPLE

    assert _example(app) == WORKED_EXAMPLE


def test_the_transparency_record_page_and_downloads(portal, app):
    from portal.ras import transparency

    soup = portal.get("/algorithmic-transparency-record").soup
    text = visible(soup)
    for field in transparency.SINGLE:
        assert field.title in text, field.title
    assert "Organisation or department Example Council" in text
    assert "Contact email adult.care@example.org" in text
    assert "Model version example-2026-1" in text
    assert "Risk 1 Risk name The estimate is taken as the final budget" in text

    response = portal.get("/algorithmic-transparency-record.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    exported = {row["attribute"] for row in rows}
    assert exported == {field.attribute for field in transparency.FIELDS}
    values = {row["attribute"]: row["value"] for row in rows if row["entry"] in ("", "1")}
    assert values["organisation"] == "Example Council"
    assert values["website"] == "http://localhost/how-budgets-are-worked-out"
    assert values["model_version"] == "example-2026-1"
    assert values["name"] == "Personal budget estimate (Resource Allocation System)"
    assert len([row for row in rows if row["attribute"] == "risk_name"]) == 3

    data = json.loads(portal.get("/algorithmic-transparency-record.json").get_data(as_text=True))
    assert data["standard_version"] == transparency.STANDARD_VERSION
    found: set[str] = set(data["tier_1"])
    for section in data["tier_2"].values():
        for key, value in section.items():
            if isinstance(value, list):
                for entry in value:
                    found |= set(entry)
            else:
                found.add(key)
    assert found == {field.attribute for field in transparency.FIELDS}
    assert data["tier_1"]["contact_email"] == "adult.care@example.org"
