"""Helpers for support plan tests: add items through the pages, as a person would, or start from a plan made
through the store (tests/factories.py)."""

from __future__ import annotations

from tests import factories
from tests.personas import HELP_QUESTIONS, Helper
from tests.web.helpers import WORKED_EXAMPLE

# Every scored question at "full_help" (and awake all night), no child: 95 points, £675 a week,
# over the panel.
HIGH_NEEDS = {
    **WORKED_EXAMPLE,
    **dict.fromkeys(HELP_QUESTIONS, "full_help"),
    "nights": "awake_all_night",
    "informal_help": "none",
}
HIGH_NEEDS.pop("informal_help_continues")

PA_WEEKLY = {
    "quantity": "7.5",
    "frequency": "per_week",
    "needs": ["nutrition", "personal_hygiene"],
    "management": "direct_payment",
    "provider": "Ana Silva",
}


def plan_url(assessment_id: str, rest: str = "") -> str:
    return f"/assessments/{assessment_id}/plan{rest}"


def add_item(portal, assessment_id: str, price_id: str, fields: dict, status: int = 302):
    """Choose the help, then fill in its page as a browser would (with its one-time token).
    Returns the response to the item page's post."""
    response = portal.post(plan_url(assessment_id, "/add"), {"help": price_id})
    assert response.location.endswith(plan_url(assessment_id, f"/add/{price_id}"))
    return portal.submit(response.location, fields, status=status)


def item_ids(portal, assessment_id: str) -> list[str]:
    """The ids of the plan's items, in order, read from the plan page's Change links."""
    page = portal.get(plan_url(assessment_id)).soup
    prefix = plan_url(assessment_id, "/items/")
    return [
        a["href"][len(prefix) :]
        for a in page.select(f'a[href^="{prefix}"]')
        if "/" not in a["href"][len(prefix) :] and a.get_text(strip=True).startswith("Change")
    ]


# Who `Portal.start("someone_else")` fills the form in for, unless told otherwise.
RAVI = Helper(person_name="Ravi", relationship="Son", basis="asked_by_person", basis_label="They asked me to")


def budget_with_plan(portal, answers: dict | None = None, for_whom: str = "myself") -> tuple[str, str]:
    """A sent assessment with a draft plan of one item, made by the signed-in person (through the store, as
    the pages make them). Returns (assessment id, item id)."""
    assessment_id = factories.sent_assessment(
        portal.app, portal, answers or WORKED_EXAMPLE, helper=RAVI if for_whom == "someone_else" else None
    )
    (item_id,) = factories.plan(portal.app, assessment_id, [("personal_assistant", PA_WEEKLY)], who=portal)
    return assessment_id, item_id


def figures(page) -> dict[str, str]:
    """The comparison table's figures by name: weekly, one-off, yearly, budget-weekly ... as shown."""
    return {
        cell["data-figure"]: cell.get_text(" ", strip=True)
        for cell in page.select("#comparison-table [data-figure]")
    }
