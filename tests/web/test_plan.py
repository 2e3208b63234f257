"""The support plan through the Flask test client, on each database: every route, every error state,
each frequency to the penny, the tolerance at its edges, needs, panel, drafts, remove, send once,
a carer acting for someone, the snapshot kept when prices change, and the PDF."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from portal.ras import PriceItem
from portal.store.models import AuditEvent, ImmutableRecordError
from portal.store.plan_models import REFERENCE_ALPHABET, Plan, PlanItem, PlanSubmission
from tests import factories
from tests.web.helpers import WORKED_EXAMPLE
from tests.web.plan_helpers import (
    HIGH_NEEDS,
    PA_WEEKLY,
    add_item,
    figures,
    item_ids,
    plan_url,
)

REFERENCE = re.compile(rf"PLAN-[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}}")


def _db(app):
    return app.extensions["db_sessionmaker"]()


def _items(app) -> list[PlanItem]:
    """The items in plans now (removed items are kept, marked removed)."""
    with _db(app) as session:
        return list(
            session.scalars(select(PlanItem).where(PlanItem.removed_at.is_(None)).order_by(PlanItem.id))
        )


def _errors(response) -> dict[str, str]:
    """The error summary's links and texts: {"#quantity": "Enter how many hours"}."""
    soup = response.soup
    assert soup.title.get_text().startswith("Error: ")
    return {a["href"]: a.get_text(strip=True) for a in soup.select(".govuk-error-summary a")}


@pytest.fixture
def sent(portal, app):
    """Alex, signed in, with the worked example's budget sent: £118.80 a week, £6,177.60 a year."""
    portal.sign_in("alex")
    return factories.sent_assessment(app, portal, WORKED_EXAMPLE)


# --- the pages as declared ----------------------------------------------------------------

PLAN_PAGES = {  # page id: its URL under /assessments/<public_id>
    "plan": "/plan",
    "choose-help": "/plan/add",
    "add-help": "/plan/add/<price_id>",
    "change-item": "/plan/items/<item_id>",
    "change-help": "/plan/items/<item_id>/help",
    "remove-item": "/plan/items/<item_id>/remove",
    "check": "/plan/check",
    "send": "/plan/send",
    "sent": "/plan/sent",
}


def test_each_plan_page_id_names_its_url_endpoint_and_template(app):
    from portal.journeys.plan.views import PlanJourney

    assert {page.id: page.path for page in PlanJourney.pages} == {
        page_id: "/<public_id>" + path for page_id, path in PLAN_PAGES.items()
    }
    rules = {
        rule.endpoint: rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("plan.")
    }
    assert rules == {
        **{f"plan.{page_id}": "/assessments/<public_id>" + path for page_id, path in PLAN_PAGES.items()},
        "plan.cost": "/assessments/<public_id>/plan/cost",
        "plan.pdf": "/assessments/<public_id>/plan/plan.pdf",
    }
    for page in PlanJourney.pages:
        assert app.jinja_env.get_template(page.template_in("plan")).name == f"plan/{page.id}.html"


def test_the_plan_templates_display_and_do_no_sums():
    """The rules and the view model work out every figure and every case; the templates only show them."""
    from jinja2 import Environment, nodes

    env = Environment(extensions=["jinja2.ext.do", "jinja2.ext.i18n"])
    folder = Path(__file__).resolve().parents[2] / "portal" / "templates" / "plan"
    sums = (
        nodes.Add,
        nodes.Sub,
        nodes.Mul,
        nodes.Div,
        nodes.FloorDiv,
        nodes.Mod,
        nodes.Pow,
        nodes.Neg,
        nodes.Compare,
    )
    found = {
        path.name: [type(node).__name__ for node in env.parse(path.read_text()).find_all(sums)]
        for path in sorted(folder.glob("*.html"))
    }
    assert len(found) >= 12
    assert not {name: kinds for name, kinds in found.items() if kinds}


def test_the_cost_table_is_a_table_with_a_caption_and_headers(portal, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    table = portal.get(plan_url(sent)).soup.select_one("table#comparison-table")
    assert table.caption.get_text(strip=True) == "The plan and the budget"
    assert [th.get_text(" ", strip=True) for th in table.select("thead th[scope=col]")] == [
        "What",
        "A week",
        "A year",
    ]
    assert [th.get_text(" ", strip=True) for th in table.select("tbody th[scope=row]")] == [
        "Help that is paid each week, month or year",
        "One-off costs",
        "The plan costs",
        "Your budget is",
        "Difference",
    ]
    assert [td.get_text(" ", strip=True) for td in table.select("tbody tr:last-child td")] == [
        "£4.95 more",
        "£257.40 more",
    ]  # £123.75 - £118.80 a week; £6,435 - £6,177.60 a year


# --- starting -----------------------------------------------------------------------------


def test_the_budget_page_leads_to_the_plan(portal, sent):
    budget = portal.get(f"/assessments/{sent}/budget").soup
    start = budget.find("a", string=re.compile("Make your support plan"))
    assert start["href"] == plan_url(sent)
    page = portal.get(start["href"]).soup
    assert page.h1.get_text(strip=True) == "Your support plan"
    assert "A support plan says what help you want, and what it costs." in page.get_text()
    assert page.find("a", string=re.compile("Add help to the plan"))["href"] == plan_url(sent, "/add")
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    budget = portal.get(f"/assessments/{sent}/budget").soup
    assert budget.find("a", string=re.compile("Carry on with your support plan"))["href"] == plan_url(sent)


def test_no_plan_before_the_answers_are_sent(portal):
    portal.sign_in("alex")
    draft = portal.start()
    for rest in ("", "/add", "/add/meals", "/check", "/send", "/sent", "/plan.pdf", "/cost?help=meals"):
        response = portal.client.get(plan_url(draft, rest))
        assert response.status_code == 302 and response.location.endswith(f"/assessments/{draft}"), rest


def test_the_price_list_page_offers_every_item_with_its_price(portal, sent):
    page = portal.get(plan_url(sent, "/add")).soup
    assert page.select_one("legend h1").get_text(strip=True) == "What help do you want to add?"
    options = {radio["value"]: radio for radio in page.select("input[name=help]")}
    assert list(options) == [
        "personal_assistant",
        "home_care_agency",
        "sleep_in_night",
        "waking_night",
        "day_activities",
        "short_break",
        "meals",
        "cleaning",
        "transport",
        "telecare",
        "equipment",
        "other",
    ]
    hints = {
        value: page.select_one(f"#{radio['id']}-item-hint").get_text(strip=True)
        for value, radio in options.items()
    }
    assert hints["personal_assistant"].startswith("£16.50 an hour.")
    assert hints["waking_night"].startswith("£260 a night.")
    assert hints["meals"].startswith("£6.50 a meal.")
    assert hints["telecare"].startswith("£5 a week.")
    assert "£" not in hints["other"]


# --- each frequency, to the penny, through the pages -----------------------------------------


@pytest.mark.parametrize(
    "frequency,weekly,one_off,yearly,cost",
    [
        # 7.5 hours of a personal assistant at £16.50 an hour is £123.75 each time.
        ("per_week", "£123.75", "£0", "£6,435", "£123.75 a week. That is £6,435 a year."),
        # 12375 x 12 / 52 = 2855.77 a week; the year is 12 months of £123.75
        ("per_month", "£28.56", "£0", "£1,485", "£123.75 a month. That is £1,485 a year, and £28.56 a week."),
        (
            "per_year",
            "£2.38",
            "£0",
            "£123.75",
            "£123.75 a year. That is £2.38 a week.",
        ),  # 12375 / 52 = 237.98
        ("one_off", "£0", "£123.75", "£123.75", "£123.75 once only"),
    ],
)
def test_each_frequency_to_the_penny(portal, app, sent, frequency, weekly, one_off, yearly, cost):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY | {"frequency": frequency})
    page = portal.get(plan_url(sent)).soup
    shown = figures(page)
    assert (shown["weekly"], shown["one-off"], shown["yearly"]) == (weekly, one_off, yearly)
    assert (shown["budget-weekly"], shown["budget-yearly"]) == ("£118.80", "£6,177.60")
    rows = {
        dt.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt, dd in zip(
            page.select(".govuk-summary-list__key"), page.select(".govuk-summary-list__value"), strict=True
        )
    }
    assert rows["Cost"] == cost
    assert rows["How much"].startswith("7.5 hours")
    [row] = _items(app)
    assert (row.price_id, row.quantity_hundredths, row.frequency, row.own_pence) == (
        "personal_assistant",
        750,
        frequency,
        None,
    )


def test_a_plan_of_many_items_adds_up_to_the_penny(portal, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)  # £123.75 a week
    add_item(
        portal,
        sent,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "council_arranged"},
    )  # £45.50 a week
    add_item(
        portal,
        sent,
        "sleep_in_night",
        {
            "quantity": "4",
            "frequency": "per_month",
            "needs": ["nights"],
            "management": "individual_service_fund",
        },
    )  # 48000 x 12 / 52 = 11076.92
    add_item(
        portal, sent, "telecare", {"quantity": "1", "needs": ["nights"], "management": "council_arranged"}
    )  # £5
    add_item(
        portal,
        sent,
        "equipment",
        {
            "description": "A rail by the toilet",
            "amount": "£1,250.50",
            "needs": ["toilet"],
            "management": "direct_payment",
        },
    )
    add_item(
        portal,
        sent,
        "other",
        {
            "description": "Swimming class",
            "amount": "30",
            "frequency": "per_year",
            "needs": ["personal_hygiene"],
            "management": "direct_payment",
        },
    )  # 3000/52=57.69
    page = portal.get(plan_url(sent)).soup
    assert 12375 + 4550 + 11077 + 500 + 58 == 28560
    shown = figures(page)
    assert shown["weekly"] == "£285.60"
    assert shown["one-off"] == "£1,250.50"
    # each item's year comes from how often it is paid: 12375 x 52 + 4550 x 52 + 48000 x 12 + 500 x 52 + 3000
    assert 643500 + 236600 + 576000 + 26000 + 3000 == 1485100
    assert shown["regular-yearly"] == "£14,851"
    assert shown["yearly"] == "£16,101.50"  # 1485100 + 125050
    assert shown["weekly-difference"] == "£166.80 more"  # 28560 - 11880
    assert shown["yearly-difference"] == "£9,923.90 more"  # 1610150 - 617760
    text = page.select_one("#plan-total").get_text(" ", strip=True)
    assert "The plan costs £285.60 a week." in text
    assert "With one-off costs of £1,250.50, that is £16,101.50 a year." in text
    assert "That is £166.80 a week more than your budget." in text
    ways = {
        card["id"]: {
            dt.get_text(strip=True): dd.get_text(" ", strip=True)
            for dt, dd in zip(
                card.select(".govuk-summary-list__key"),
                card.select(".govuk-summary-list__value"),
                strict=True,
            )
        }
        for card in page.select("#ways .govuk-summary-card")
    }
    assert ways["way-direct_payment"] | {"Needs it helps with": ""} == {
        "Needs it helps with": "",
        "A week": "£124.33",  # 12375 + 58
        "Help paid each week, month or year, for a year": "£6,465",  # 643500 + 3000
        "One-off costs": "£1,250.50",
        "A year, with one-off costs": "£7,715.50",
    }
    assert ways["way-council_arranged"] == {
        "Needs it helps with": "Eating and drinking Help at night",
        "A week": "£50.50",
        "A year": "£2,626",
    }
    assert ways["way-individual_service_fund"] == {
        "Needs it helps with": "Help at night",
        "A week": "£110.77",
        "A year": "£5,760",
    }
    assert (
        "Using the toilet" in ways["way-direct_payment"]["Needs it helps with"]
    )  # which needs a direct payment meets


# --- the tolerance, needs and panel, in words ------------------------------------------------------


@pytest.mark.parametrize(
    "amount,position",
    [
        ("6,795.36", "within"),  # exactly 10% over the yearly budget of £6,177.60
        ("6,795.37", "above"),  # a penny more
        ("5,559.84", "within"),  # exactly 10% under
        ("5,559.83", "below"),  # a penny less
    ],
)
def test_tolerance_messages_at_the_edges(portal, sent, amount, position):
    add_item(
        portal,
        sent,
        "other",
        {
            "description": "Everything",
            "amount": amount,
            "frequency": "one_off",
            "needs": ["nutrition"],
            "management": "direct_payment",
        },
    )
    page = portal.get(plan_url(sent)).soup
    message = page.select_one("#tolerance-message").get_text(strip=True)
    talk = page.select_one("#tolerance-talk")
    expected = {
        "within": "The plan is close to the budget. It is not more than £617.76 a year over or under it.",
        "above": "The plan costs more than the budget. It is more than £617.76 a year over it.",
        "below": "The plan costs less than the budget. It is more than £617.76 a year under it.",
    }[position]
    assert message == expected
    if position == "within":
        assert talk is None
    else:
        assert talk.get_text(strip=True) == (
            "This is not a no. The care manager will talk with you about the plan. "
            "Their manager will look at it too."
        )
    assert "Plans from £5,559.84 to £6,795.36 a year are close to the budget." in page.get_text()


def test_needs_that_no_help_covers_yet(portal, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)  # eating and drinking, washing
    page = portal.get(plan_url(sent)).soup
    assert [li.get_text(strip=True) for li in page.select("#uncovered-needs li")] == [
        "Using the toilet",
        "Help at night",
    ]
    add_item(
        portal,
        sent,
        "sleep_in_night",
        {
            "quantity": "1",
            "frequency": "per_week",
            "needs": ["nights", "toilet"],
            "management": "council_arranged",
        },
    )
    page = portal.get(plan_url(sent)).soup
    assert page.select_one("#uncovered-needs") is None
    assert (
        page.select_one("#all-needs-covered").get_text(strip=True) == "Every need has some help in the plan."
    )


def test_the_needs_offered_are_the_areas_with_points(portal, sent):
    page = portal.get(plan_url(sent, "/add/meals")).soup
    assert [
        (box["value"], page.select_one(f"label[for={box['id']}]").get_text(strip=True))
        for box in page.select("input[name=needs]")
    ] == [
        ("nutrition", "Eating and drinking"),
        ("personal_hygiene", "Washing and keeping clean"),
        ("toilet", "Using the toilet"),
        ("nights", "Help at night"),
    ]


def test_a_budget_at_the_panel_level(portal):
    portal.sign_in("alex")
    assessment_id, budget = portal.budget_for(HIGH_NEEDS)
    assert budget.soup.select_one("#weekly-amount").get_text(strip=True) == "£675 a week"  # 95 points
    add_item(
        portal,
        assessment_id,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "council_arranged"},
    )
    page = portal.get(plan_url(assessment_id)).soup
    assert page.select_one("#panel-message").get_text(strip=True) == (
        "The budget is £600 a week or more. "
        "So a group of council staff, called a panel, will look at the plan. "
        "There is no top limit on the money."
    )


def test_a_plan_at_the_panel_level(portal, sent):
    add_item(
        portal,
        sent,
        "other",
        {
            "description": "Live-in care",
            "amount": "599.99",
            "frequency": "per_week",
            "needs": ["nutrition"],
            "management": "individual_service_fund",
        },
    )
    assert portal.get(plan_url(sent)).soup.select_one("#panel-message") is None
    [item_id] = item_ids(portal, sent)
    portal.post(
        plan_url(sent, f"/items/{item_id}"),
        {
            "description": "Live-in care",
            "amount": "600",
            "frequency": "per_week",
            "needs": ["nutrition"],
            "management": "individual_service_fund",
        },
    )
    assert (
        portal.get(plan_url(sent))
        .soup.select_one("#panel-message")
        .get_text(strip=True)
        .startswith("The plan costs £600 a week or more.")
    )


# --- bad input: GOV.UK errors, nothing saved is lost --------------------------------------------------


@pytest.mark.parametrize(
    "fields,errors",
    [
        (
            {},
            {
                "#quantity": "Enter how many hours",
                "#frequency": "Select how often it is paid for",
                "#needs": "Select which needs this help is for",
                "#management": "Select how the money for this will be looked after",
            },
        ),
        (
            PA_WEEKLY | {"quantity": "seven"},
            {"#quantity": "Enter the number of hours as a number, like 7 or 7.5"},
        ),
        (
            PA_WEEKLY | {"quantity": "7,5"},
            {"#quantity": "Enter the number of hours as a number, like 7 or 7.5"},
        ),
        (PA_WEEKLY | {"quantity": "-3"}, {"#quantity": "The number of hours must be more than 0"}),
        (PA_WEEKLY | {"quantity": "0"}, {"#quantity": "The number of hours must be more than 0"}),
        (
            PA_WEEKLY | {"quantity": "7.125"},
            {"#quantity": "The number of hours can have up to 2 numbers after the point, like 7.25"},
        ),
        (PA_WEEKLY | {"quantity": "1001"}, {"#quantity": "The number of hours must be 1,000 or fewer"}),
        (PA_WEEKLY | {"frequency": "fortnightly"}, {"#frequency": "Select how often it is paid for"}),
        (PA_WEEKLY | {"needs": ["nutrition", "dressing"]}, {"#needs": "Select which needs this help is for"}),
        (
            PA_WEEKLY | {"management": "cash"},
            {"#management": "Select how the money for this will be looked after"},
        ),
        (
            PA_WEEKLY | {"provider": "x" * 101},
            {"#provider": "Who will give this help must be 100 characters or fewer"},
        ),
    ],
)
def test_item_errors(portal, app, sent, fields, errors):
    response = add_item(portal, sent, "personal_assistant", fields, status=200)
    assert _errors(response) == errors
    for href, text in errors.items():
        field = response.soup.select_one(href)
        assert field is not None, f"the error summary links to {href}, which is not on the page"
        message = response.soup.select_one(f"#{href[1:]}-error")
        assert message and text in message.get_text(), href
    assert _items(app) == []
    # What was typed is kept, so it can be put right.
    if "quantity" in fields:
        assert response.soup.select_one("#quantity")["value"] == fields["quantity"]


def test_a_quantity_that_would_cost_an_absurd_amount(portal, sent):
    response = add_item(portal, sent, "waking_night", PA_WEEKLY | {"quantity": "200"}, status=200)
    assert _errors(response) == {
        "#quantity": "Check the number of nights. This would cost more than £50,000 each time."
    }


@pytest.mark.parametrize(
    "fields,errors",
    [
        (
            {"needs": ["toilet"], "management": "direct_payment"},
            {"#description": "Enter what it is", "#amount": "Enter how much it costs"},
        ),
        (
            {"description": "A bed", "amount": "a lot", "needs": ["toilet"], "management": "direct_payment"},
            {"#amount": "Enter the cost as an amount of money, like £12.50 or £1,250"},
        ),
        (
            {"description": "A bed", "amount": "-£50", "needs": ["toilet"], "management": "direct_payment"},
            {"#amount": "The cost must be more than £0"},
        ),
        (
            {
                "description": "A bed",
                "amount": "£12.505",
                "needs": ["toilet"],
                "management": "direct_payment",
            },
            {"#amount": "Enter the cost in pounds and pence, like £12.50"},
        ),
        (
            {
                "description": "A bed",
                "amount": "£50,000.01",
                "needs": ["toilet"],
                "management": "direct_payment",
            },
            {"#amount": "The cost must be £50,000 or less"},
        ),
        (
            {"description": "x" * 201, "amount": "5", "needs": ["toilet"], "management": "direct_payment"},
            {"#description": "What it is must be 200 characters or fewer"},
        ),
    ],
)
def test_own_cost_errors(portal, app, sent, fields, errors):
    response = add_item(portal, sent, "equipment", fields, status=200)
    assert _errors(response) == errors
    assert (
        response.soup.select_one("#amount").find_parent(class_="govuk-input__wrapper").get_text(strip=True)
        == "£"
    )
    assert _items(app) == []


def test_equipment_is_one_off_and_telecare_is_weekly_without_asking(portal, app, sent):
    page = portal.get(plan_url(sent, "/add/equipment")).soup
    assert page.select("input[name=frequency]") == []
    assert page.select_one("#fixed-frequency").get_text(strip=True) == "This is paid for once only."
    page = portal.get(plan_url(sent, "/add/telecare")).soup
    assert page.select_one("#fixed-frequency").get_text(strip=True) == "This is paid for each week."
    # A crafted post cannot make equipment weekly.
    add_item(
        portal,
        sent,
        "equipment",
        {
            "description": "A bed",
            "amount": "900",
            "frequency": "per_week",
            "needs": ["toilet"],
            "management": "direct_payment",
        },
    )
    [row] = _items(app)
    assert (row.frequency, row.own_pence, row.description) == ("one_off", 90000, "A bed")


def test_an_unknown_price_list_id_in_a_crafted_post(portal, app, sent):
    response = portal.post(plan_url(sent, "/add"), {"help": "helicopter"}, status=200)
    assert _errors(response) == {"#help": "Select the help you want to add"}
    response = portal.post(plan_url(sent, "/add"), {}, status=200)
    assert _errors(response) == {"#help": "Select the help you want to add"}
    # Going straight to an item that is not on the list goes back to the list.
    token = portal.csrf(plan_url(sent, "/add"))
    response = portal.client.post(plan_url(sent, "/add/helicopter"), data={"csrf_token": token, **PA_WEEKLY})
    assert response.status_code == 302 and response.location.endswith(plan_url(sent, "/add"))
    assert _items(app) == []


def test_a_bad_change_loses_nothing_already_saved(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    [item_id] = item_ids(portal, sent)
    response = portal.post(plan_url(sent, f"/items/{item_id}"), PA_WEEKLY | {"quantity": "lots"}, status=200)
    assert "#quantity" in _errors(response)
    [row] = _items(app)
    assert (row.quantity_hundredths, row.frequency, row.provider) == (750, "per_week", "Ana Silva")
    assert figures(portal.get(plan_url(sent)).soup)["weekly"] == "£123.75"


def test_a_post_without_the_form_token_is_refused(portal, app, sent):
    response = portal.client.post(plan_url(sent, "/add/meals"), data=PA_WEEKLY)
    assert response.status_code == 400
    assert _items(app) == []


# --- the running total: without JavaScript, and the live JSON ----------------------------------------


def test_work_out_the_cost_without_javascript_saves_nothing(portal, app, sent):
    portal.post(plan_url(sent, "/add"), {"help": "meals"})
    response = portal.post(
        plan_url(sent, "/add/meals"),
        {"quantity": "14", "frequency": "per_week", "action": "cost"},
        status=200,
    )
    lines = [p.get_text(strip=True) for p in response.soup.select("#item-cost-lines p")]
    assert lines[0] == "This costs £91 a week. That is £4,732 a year."
    assert lines[1] == "With this, the plan costs £91 a week and £4,732 a year."
    assert lines[2] == "That is £27.80 a week less than your budget."
    assert response.soup.select_one("#item-cost-lines")["aria-live"] == "polite"
    assert response.soup.select_one("#quantity")["value"] == "14"
    assert _items(app) == []


def test_the_live_total_uses_the_same_rules(portal, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)  # £123.75 a week
    response = portal.client.get(plan_url(sent, "/cost?help=meals&quantity=7&frequency=per_month"))
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.json == {
        "lines": [
            "This costs £45.50 a month. That is £546 a year, and £10.50 a week.",
            "With this, the plan costs £134.25 a week and £6,981 a year.",  # 12375 x 52 + 4550 x 12
            "That is £15.45 a week more than your budget.",
        ]
    }
    # Changing an item replaces it in the total; it does not add to it.
    [item_id] = item_ids(portal, sent)
    response = portal.client.get(
        plan_url(sent, f"/cost?help=personal_assistant&item={item_id}&quantity=1&frequency=per_week")
    )
    assert response.json["lines"][:2] == [
        "This costs £16.50 a week. That is £858 a year.",
        "With this, the plan costs £16.50 a week and £858 a year.",
    ]
    # Nothing usable yet: a plain message and the plan as it is.
    response = portal.client.get(plan_url(sent, "/cost?help=meals&quantity=&frequency=per_week"))
    assert response.json["lines"][0] == "Fill in how much and how often to see what this costs."
    assert response.json["lines"][1] == "The plan costs £123.75 a week."
    response = portal.client.get(plan_url(sent, "/cost?help=meals&quantity=lots&frequency=per_week"))
    assert response.json["lines"][0] == "Enter the number of meals as a number, like 7 or 7.5"
    response = portal.client.get(plan_url(sent, "/cost?help=equipment&amount=£1,250.50"))
    assert response.json["lines"][0] == "This costs £1,250.50 once only. It counts in the cost for the year."
    assert portal.client.get(plan_url(sent, "/cost?help=helicopter&quantity=1")).status_code == 404
    assert (
        portal.client.get(
            plan_url(sent, "/cost?help=meals&quantity=1&frequency=per_week&item=nope")
        ).status_code
        == 404
    )


def test_the_item_page_loads_the_live_total_script_under_the_content_security_policy(portal, sent):
    response = portal.get(plan_url(sent, "/add/meals"))
    scripts = {s["src"].split("?")[0]: s for s in response.soup.select("script[src]")}
    assert "/assets/plan-cost.js" in scripts  # with its content hash after "?v="
    assert scripts["/assets/plan-cost.js"]["type"] == "module"
    form = response.soup.select_one("form[data-module=app-plan-cost]")
    assert form["data-cost-url"] == plan_url(sent, "/cost") and form["data-help"] == "meals"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    asset = portal.client.get("/assets/plan-cost.js")
    source = asset.get_data(as_text=True)
    asset.close()
    assert asset.status_code == 200
    assert (
        "textContent" in source and "innerHTML" not in source
    )  # the figures are put in as text, never as markup


# --- change, remove, come back later ---------------------------------------------------------------------


def test_change_an_item(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    [item_id] = item_ids(portal, sent)
    page = portal.get(plan_url(sent, f"/items/{item_id}")).soup
    assert page.select_one("#quantity")["value"] == "7.5"
    assert page.select_one("input[name=frequency][value=per_week]").has_attr("checked")
    assert {box["value"] for box in page.select("input[name=needs][checked]")} == {
        "nutrition",
        "personal_hygiene",
    }
    assert page.select_one("input[name=management][value=direct_payment]").has_attr("checked")
    assert page.select_one("#provider")["value"] == "Ana Silva"
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Change help in the plan"
    assert page.select_one("main form")["data-item"] == item_id
    response = portal.post(
        plan_url(sent, f"/items/{item_id}"), PA_WEEKLY | {"quantity": "10", "provider": ""}
    )
    assert response.location.endswith(plan_url(sent))
    page = portal.get(plan_url(sent)).soup
    assert (
        "A helper you pay yourself has been changed."
        in page.select_one(".govuk-notification-banner").get_text()
    )
    assert figures(page)["weekly"] == "£165"
    [row] = _items(app)
    assert (row.public_id, row.quantity_hundredths, row.provider) == (item_id, 1000, None)


def test_change_an_item_to_different_help(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    [item_id] = item_ids(portal, sent)
    page = portal.get(plan_url(sent, f"/items/{item_id}/help")).soup
    assert page.select_one("input[name=help][value=personal_assistant]").has_attr("checked")
    response = portal.post(plan_url(sent, f"/items/{item_id}/help"), {"help": "home_care_agency"})
    assert response.location.endswith(plan_url(sent, f"/items/{item_id}?help=home_care_agency"))
    page = portal.get(response.location).soup
    assert page.h1.get_text(strip=True) == "Home care from a care company"
    assert page.select_one("#quantity")["value"] == ""  # asked again
    assert {box["value"] for box in page.select("input[name=needs][checked]")} == {
        "nutrition",
        "personal_hygiene",
    }
    portal.post(response.location, PA_WEEKLY | {"quantity": "2"})
    [row] = _items(app)
    assert (row.public_id, row.price_id, row.quantity_hundredths) == (item_id, "home_care_agency", 200)
    assert figures(portal.get(plan_url(sent)).soup)["weekly"] == "£52"


def test_remove_an_item_after_saying_yes(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    add_item(
        portal,
        sent,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "council_arranged"},
    )
    first, second = item_ids(portal, sent)
    page = portal.get(plan_url(sent, f"/items/{first}/remove")).soup
    # The item's name sits above the question, so no sentence has a capital in its middle.
    assert page.select_one("legend h1 .govuk-caption-l").get_text(strip=True) == "A helper you pay yourself"
    assert page.select_one("legend h1").get_text(" ", strip=True) == (
        "A helper you pay yourself Are you sure you want to remove this help from the plan?"
    )
    response = portal.post(plan_url(sent, f"/items/{first}/remove"), {}, status=200)
    assert _errors(response) == {"#remove": "Select yes if you want to remove this help"}
    portal.post(plan_url(sent, f"/items/{first}/remove"), {"remove": "no"})
    assert len(_items(app)) == 2
    portal.post(plan_url(sent, f"/items/{first}/remove"), {"remove": "yes"})
    assert [row.public_id for row in _items(app)] == [second]
    page = portal.get(plan_url(sent)).soup
    assert (
        "A helper you pay yourself has been removed from the plan."
        in page.select_one(".govuk-notification-banner").get_text()
    )
    assert figures(page)["weekly"] == "£45.50"
    assert portal.client.get(plan_url(sent, f"/items/{first}")).status_code == 404


def test_leave_and_come_back_to_the_draft(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    later = type(portal)(app)  # another browser, another day
    later.sign_in("alex")
    budget = later.get(f"/assessments/{sent}/budget").soup
    page = later.get(budget.find("a", string=re.compile("Carry on with your support plan"))["href"]).soup
    assert figures(page)["weekly"] == "£123.75"
    assert (
        page.select_one("#plan-total").get_text(" ", strip=True).startswith("The plan costs £123.75 a week.")
    )
    with _db(app) as session:
        assert session.scalar(select(Plan.status)) == "draft"


def test_help_the_council_took_off_the_price_list(portal, app, sent):
    add_item(
        portal,
        sent,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "council_arranged"},
    )
    [item_id] = item_ids(portal, sent)
    config = app.extensions["ras_config"]
    items = {k: v for k, v in config.prices.items.items() if k != "meals"}
    app.extensions["ras_config"] = replace(config, prices=replace(config.prices, items=items))
    page = portal.get(plan_url(sent)).soup
    assert "This help is not on the price list any more." in page.select_one(".govuk-warning-text").get_text()
    assert page.find("a", string="Check and send the plan") is None
    assert portal.client.get(plan_url(sent, "/check")).location.endswith(plan_url(sent))
    assert portal.client.get(plan_url(sent, f"/items/{item_id}")).location.endswith(
        plan_url(sent, f"/items/{item_id}/help")
    )


# --- check, send once, and the sent plan ----------------------------------------------------------------


def test_check_and_send(portal, app, sent):
    assert portal.client.get(plan_url(sent, "/check")).location.endswith(
        plan_url(sent)
    )  # nothing to check yet
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    page = portal.get(plan_url(sent)).soup
    check = portal.get(page.find("a", string=re.compile("Check and send the plan"))["href"]).soup
    assert check.h1.get_text(strip=True) == "Check the plan before you send it"
    assert figures(check)["weekly"] == "£123.75"
    send = portal.get(check.find("a", string=re.compile("Continue"))["href"])
    assert "The plan costs £123.75 a week and £6,435 a year." in send.soup.get_text()
    response = portal.post(plan_url(sent, "/send"), {}, status=200)
    assert _errors(response) == {"#confirm": "Tick the box to say the plan is right"}
    response = portal.post(plan_url(sent, "/send"), {"confirm": "y"})
    assert response.location.endswith(plan_url(sent, "/sent"))
    done = portal.get(response.location).soup
    reference = done.select_one("#reference").get_text(strip=True)
    assert REFERENCE.fullmatch(reference)
    assert done.h1.get_text(strip=True) == "Plan sent"
    assert figures(done)["weekly"] == "£123.75"
    with _db(app) as session:
        submission = session.scalar(select(PlanSubmission))
        assert submission.reference == reference
        assert (submission.weekly_pence, submission.yearly_pence, submission.position) == (
            12375,
            643500,
            "within",
        )
        assert submission.declaration == "I confirm this plan is right, as far as I know."
        assert submission.basis == "self"
        assert submission.result["comparison"]["budget_weekly_pence"] == 11880
        assert submission.result["lines"][0]["unit_pence"] == 1650
        assert (submission.config_version, submission.prices_version) == (
            "example-2026-1",
            "example-prices-2026-27",
        )
    budget = portal.get(f"/assessments/{sent}/budget").soup
    assert budget.find("a", string=re.compile("See the support plan you sent"))["href"] == plan_url(
        sent, "/sent"
    )


def test_sending_twice_makes_one_submission(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    token = portal.csrf(plan_url(sent, "/send"))
    first = portal.client.post(plan_url(sent, "/send"), data={"csrf_token": token, "confirm": "y"})
    again = portal.client.post(
        plan_url(sent, "/send"), data={"csrf_token": token, "confirm": "y"}
    )  # double click
    assert first.status_code == again.status_code == 302
    assert first.location == again.location
    assert portal.client.get(plan_url(sent, "/send")).location.endswith(
        plan_url(sent, "/sent")
    )  # back button
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(PlanSubmission)) == 1
        assert session.scalar(select(Plan.status)) == "submitted"


def test_two_sends_at_the_same_moment_make_one_submission(portal, app, sent):
    """Two tabs (or a retry racing the first request) send together: one wins, both land on the sent plan."""
    import threading

    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    token = portal.csrf(plan_url(sent, "/send"))
    cookie = portal.client.get_cookie("portal_session")
    clients = [app.test_client() for _ in range(4)]
    for client in clients:
        client.set_cookie("portal_session", cookie.value)
    start = threading.Barrier(len(clients))
    results = []

    def send(client):
        start.wait()
        response = client.post(plan_url(sent, "/send"), data={"csrf_token": token, "confirm": "y"})
        results.append((response.status_code, response.location))

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [(302, plan_url(sent, "/sent"))] * len(clients)
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(PlanSubmission)) == 1


def test_a_sent_plan_cannot_be_changed(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    [item_id] = item_ids(portal, sent)
    portal.post(plan_url(sent, "/send"), {"confirm": "y"})
    for rest in (
        "",
        "/add",
        "/add/meals",
        f"/items/{item_id}",
        f"/items/{item_id}/help",
        f"/items/{item_id}/remove",
        "/check",
        "/send",
        "/cost?help=meals&quantity=1",
    ):
        response = portal.client.get(plan_url(sent, rest))
        assert response.status_code == 302 and response.location.endswith(plan_url(sent, "/sent")), rest
    token = portal.csrf("/assessments/new")
    for rest, data in (
        (f"/items/{item_id}/remove", {"remove": "yes"}),
        (f"/items/{item_id}", PA_WEEKLY),
        ("/add/meals", PA_WEEKLY),
        ("/send", {"confirm": "y"}),
    ):
        response = portal.client.post(plan_url(sent, rest), data={"csrf_token": token, **data})
        assert response.status_code == 302 and response.location.endswith(plan_url(sent, "/sent")), rest
    [row] = _items(app)
    assert row.quantity_hundredths == 750
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(PlanSubmission)) == 1


def test_a_sent_plan_keeps_the_prices_it_was_sent_with(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    portal.post(plan_url(sent, "/send"), {"confirm": "y"})
    config = app.extensions["ras_config"]
    dearer = dict(
        config.prices.items,
        personal_assistant=PriceItem(
            "personal_assistant", 2000, config.prices.items["personal_assistant"].frequencies
        ),
    )
    app.extensions["ras_config"] = replace(
        config, prices=replace(config.prices, items=dearer, version="later")
    )
    page = portal.get(plan_url(sent, "/sent")).soup
    assert figures(page)["weekly"] == "£123.75"
    assert "version example-prices-2026-27" in page.select_one("#versions").get_text()


# --- someone acting for the person -----------------------------------------------------------------------


def test_a_carer_builds_and_sends_a_plan_for_the_person_they_act_for(portal, app):
    portal.sign_in("jo")
    assessment_id, _budget = portal.budget_for(WORKED_EXAMPLE, for_whom="someone_else")
    page = portal.get(plan_url(assessment_id)).soup
    assert page.h1.get_text(strip=True) == "Support plan for Ravi"
    item = portal.get(plan_url(assessment_id, "/add/meals")).soup
    labels = [label.get_text(strip=True) for label in item.select("input[name=management] + label")]
    assert labels == [
        "Ravi gets the money",
        "We sort it out for Ravi",
        "A care company keeps the money for Ravi",
    ]
    add_item(
        portal,
        assessment_id,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "direct_payment"},
    )
    page = portal.get(plan_url(assessment_id)).soup
    assert "That is £73.30 a week less than Ravi's budget." in page.select_one("#plan-total").get_text(
        " ", strip=True
    )
    portal.post(plan_url(assessment_id, "/send"), {"confirm": "y"})
    done = portal.get(plan_url(assessment_id, "/sent")).soup
    assert "This is the support plan for Ravi." in done.get_text()
    with _db(app) as session:
        submission = session.scalar(select(PlanSubmission))
        assert submission.basis == "authority:asked_by_person"
        actions = set(session.scalars(select(AuditEvent.action)))
    assert {"view plan", "change plan", "send plan"} <= actions


# --- the disagreement route uses the plan -------------------------------------------------------------------


def test_the_disagreement_route_shows_the_plan_and_its_gap(portal, sent):
    route = portal.get(f"/assessments/{sent}/disagree").soup
    assert "You can also tell us now, before you make a plan." in route.select_one("#step-plan").get_text(" ")
    add_item(portal, sent, "personal_assistant", PA_WEEKLY | {"quantity": "9"})  # £148.50 a week
    route = portal.get(f"/assessments/{sent}/disagree").soup
    step = route.select_one("#step-plan")
    assert (
        "Your plan costs £148.50 a week. The budget is £118.80 a week. That is £29.70 a week more."
        in " ".join(step.get_text(" ", strip=True).split())
    )
    assert step.find("a", string="See your support plan")["href"] == plan_url(sent)
    form = portal.get(f"/assessments/{sent}/disagree/care-manager").soup
    assert form.select_one("input[name=amount]")["value"] == "148.50"
    portal.post(plan_url(sent, "/send"), {"confirm": "y"})
    step = portal.get(f"/assessments/{sent}/disagree").soup.select_one("#step-plan")
    assert step.find("a", string="See your support plan")["href"] == plan_url(sent, "/sent")


# --- print and PDF ------------------------------------------------------------------------------------------


def _pdf(portal, url):
    response = portal.client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return response, PdfReader(io.BytesIO(response.data))


def _text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_sent_plan_as_an_accessible_pdf(portal, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    add_item(
        portal,
        sent,
        "equipment",
        {
            "description": "A rail by the toilet",
            "amount": "£1,250.50",
            "needs": ["toilet"],
            "management": "direct_payment",
        },
    )
    portal.post(plan_url(sent, "/send"), {"confirm": "y"})
    done = portal.get(plan_url(sent, "/sent")).soup
    reference = done.select_one("#reference").get_text(strip=True)
    link = done.find("a", string=re.compile("Download the plan as a PDF"))
    response, reader = _pdf(portal, link["href"])
    assert response.headers["Content-Disposition"] == f'attachment; filename="support-plan-{reference}.pdf"'
    assert response.headers["Cache-Control"] == "no-store"
    root = reader.trailer["/Root"]
    assert reader.metadata.title == f"Support plan for Alex Morgan – {reference}"
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    text = _text(reader)
    for expected in (
        "Support plan for Alex Morgan",
        reference,
        "The plan costs £123.75 a week.",
        "£6,177.60",
        "£118.80",
        "£1,250.50",
        "£7,685.50",
        "A rail by the toilet",
        "Page 1 of",
    ):
        assert expected in text, expected
    # Real fonts are embedded (TrueType), not left to the reader's machine.
    fonts = {
        font.get_object()["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(re.search(r"Liberation|DejaVu", str(name)) for name in fonts), fonts
    descendant = next(iter(reader.pages[0]["/Resources"]["/Font"].values())).get_object()
    descriptor = (
        descendant.get("/FontDescriptor") or descendant["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    )
    assert "/FontFile2" in descriptor.get_object()


def test_a_draft_plan_as_a_pdf_says_it_is_a_draft(portal, sent):
    assert portal.client.get(plan_url(sent, "/plan.pdf")).location.endswith(plan_url(sent))  # nothing yet
    add_item(
        portal,
        sent,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "council_arranged"},
    )
    page = portal.get(plan_url(sent)).soup
    response, reader = _pdf(portal, page.find("a", string=re.compile("Download the plan as a PDF"))["href"])
    assert response.headers["Content-Disposition"] == 'attachment; filename="support-plan-draft.pdf"'
    text = _text(reader)
    assert "Draft: not sent yet" in text and "Meals brought to the home" in text and "£45.50" in text
    assert reader.metadata.title == "Support plan for Alex Morgan"


def test_the_plan_can_be_printed(portal, sent):
    add_item(
        portal,
        sent,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "council_arranged"},
    )
    button = portal.get(plan_url(sent)).soup.select_one("button[data-module=app-print]")
    assert button.get_text(strip=True) == "Print the plan" and button.has_attr("hidden")  # shown by init.js
    portal.post(plan_url(sent, "/send"), {"confirm": "y"})
    assert portal.get(plan_url(sent, "/sent")).soup.select_one("button[data-module=app-print]")


# --- a sent plan is kept as it was ----------------------------------------------------------------------


def test_a_sent_plan_cannot_be_changed_or_deleted_in_the_database(portal, app, sent):
    add_item(portal, sent, "personal_assistant", PA_WEEKLY)
    portal.post(plan_url(sent, "/send"), {"confirm": "y"})
    with _db(app) as session:
        submission = session.scalar(select(PlanSubmission))
        submission.weekly_pence = 1
        with pytest.raises(ImmutableRecordError):
            session.commit()
        session.rollback()
        session.delete(session.scalar(select(PlanSubmission)))
        with pytest.raises(ImmutableRecordError):
            session.commit()
        session.rollback()
        assert session.scalar(select(PlanSubmission.weekly_pence)) == 12375


# --- easy read, page by page ----------------------------------------------------------------------------


def test_every_plan_page_is_easy_read(portal, app):
    from tests.content.conftest import _load_readability
    from tests.web.test_page_readability import _main_text

    readability = _load_readability()
    pages = {}
    for who in ("alex", "jo"):
        portal.sign_in(who)
        assessment_id, _budget = portal.budget_for(
            WORKED_EXAMPLE, for_whom="myself" if who == "alex" else "someone_else"
        )
        pages[f"empty plan ({who})"] = portal.get(plan_url(assessment_id))
        pages[f"price list ({who})"] = portal.get(plan_url(assessment_id, "/add"))
        pages[f"price list error ({who})"] = portal.post(plan_url(assessment_id, "/add"), {}, status=200)
        for price_id in ("personal_assistant", "equipment", "other", "telecare"):
            pages[f"{price_id} ({who})"] = portal.get(plan_url(assessment_id, f"/add/{price_id}"))
        pages[f"item errors ({who})"] = portal.post(plan_url(assessment_id, "/add/other"), {}, status=200)
        add_item(portal, assessment_id, "personal_assistant", PA_WEEKLY)
        [item_id] = item_ids(portal, assessment_id)
        pages[f"plan ({who})"] = portal.get(plan_url(assessment_id))
        pages[f"change ({who})"] = portal.get(plan_url(assessment_id, f"/items/{item_id}"))
        pages[f"remove ({who})"] = portal.get(plan_url(assessment_id, f"/items/{item_id}/remove"))
        pages[f"check ({who})"] = portal.get(plan_url(assessment_id, "/check"))
        pages[f"send ({who})"] = portal.get(plan_url(assessment_id, "/send"))
        pages[f"send error ({who})"] = portal.post(plan_url(assessment_id, "/send"), {}, status=200)
        portal.post(plan_url(assessment_id, "/send"), {"confirm": "y"})
        pages[f"sent ({who})"] = portal.get(plan_url(assessment_id, "/sent"))
        pages[f"budget with a sent plan ({who})"] = portal.get(f"/assessments/{assessment_id}/budget")
    too_hard, too_long = {}, {}
    for name, response in pages.items():
        text = _main_text(response)
        grade = readability.grade(text)
        if grade > readability.MAX_PAGE_GRADE:
            too_hard[name] = round(grade, 1)
        if readability.long_sentences(text):
            too_long[name] = readability.long_sentences(text)
    assert not too_hard, f"pages over grade {readability.MAX_PAGE_GRADE}: {too_hard}"
    assert not too_long, f"sentences over {readability.MAX_SENTENCE_WORDS} words: {too_long}"
