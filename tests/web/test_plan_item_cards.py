"""The plan's item cards, built once for the page (`ItemCards`): each link is the one `url_for` gives for
that item, and the rows say what the item is, whatever its key."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import url_for

from portal.journeys.plan.view_model import ItemCards
from portal.ras.plan.items import Item, line_for

ACTIONS = ["plan.change-item", "plan.remove-item"]


def _line(key: str, needs: tuple[str, ...] = ("nutrition",), provider: str | None = None):
    item = Item(
        key=key,
        price_id="personal_assistant",
        unit_pence=1800,
        quantity=Decimal("7.5"),
        frequency="per_week",
        management="direct_payment",
        needs=needs,
        provider=provider,
    )
    return line_for(item, 52)


@pytest.mark.parametrize("key", ["Ab3_-xyz", "has space", "slash/in/it", "dot.and%25", "ünï"])
def test_each_link_is_the_one_url_for_gives(app, key):
    with app.test_request_context("/"):
        card = ItemCards(None, "PUBLIC1", ACTIONS)(_line(key))["card"]
        links = [action["href"] for action in card["actions"]["items"]]
        assert links == [url_for(endpoint, public_id="PUBLIC1", item_id=key) for endpoint in ACTIONS]
        assert card["attributes"] == {"id": f"item-{key}"}


def test_the_rows_say_what_the_item_is(app):
    with app.test_request_context("/"):
        cards = ItemCards(None, "PUBLIC1", [])
        params = cards(_line("k1", needs=("nutrition", "personal_hygiene"), provider="Sam & Co"))
        none = cards(_line("k2", needs=()))
        plain = ItemCards("Alex", card=False)(_line("k3"))
    rows = {row["key"]["text"]: row["value"] for row in params["rows"]}
    assert list(rows) == [
        "How much",
        "Cost",
        "Needs it helps with",
        "Who will give the help",
        "How the money is looked after",
    ]
    assert rows["How much"] == {"text": "7.5 hours each week"}
    assert rows["Cost"] == {"text": "£135 a week. That is £7,020 a year."}
    assert rows["Who will give the help"] == {"text": "Sam & Co"}  # escaped by the macro, as a word
    needs = str(rows["Needs it helps with"]["html"])
    assert needs.startswith('<ul class="govuk-list"><li>') and needs.count("<li>") == 2, needs
    assert params["card"]["actions"] == {"items": []}  # nothing to change: no links, as before
    assert {row["key"]["text"]: row["value"] for row in none["rows"]}["Needs it helps with"] == {
        "html": "None chosen"
    }
    assert {row["key"]["text"]: row["value"] for row in none["rows"]}["Who will give the help"] == {
        "text": "Not known yet"
    }
    assert "card" not in plain
