"""prices.yaml and the support plan texts: a broken file stops start-up with its file, setting and problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.ras import ConfigError, load_config


def _copy(content_dir: Path, tmp_path: Path) -> Path:
    """The council's content with English only: these tests change English and expect its errors."""
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    for other in (target / "text").glob("*.yaml"):
        if other.name != "en.yaml":
            other.unlink()
    return target


def edit(content: Path, file: str, old: str, new: str) -> None:
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test setup: {old!r} should be in {file} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


BROKEN = [
    ("missing file", lambda c: (c / "prices.yaml").unlink(), "prices.yaml", "", "this file is missing"),
    (
        "price in pounds",
        lambda c: edit(c, "prices.yaml", "price_pence: 1650", "price_pence: 16.50"),
        "prices.yaml",
        "items.personal_assistant.price_pence",
        "must be a whole number of pence of 1 or more (1650 means £16.50), not 16.50",
    ),
    (
        "a price of nothing",
        lambda c: edit(c, "prices.yaml", "price_pence: 650", "price_pence: 0"),
        "prices.yaml",
        "items.meals.price_pence",
        "must be a whole number of pence of 1 or more (1650 means £16.50), not 0",
    ),
    (
        "both a price and an own cost",
        lambda c: edit(
            c,
            "prices.yaml",
            "  equipment:\n    own_cost: true",
            "  equipment:\n    own_cost: true\n    price_pence: 100",
        ),
        "prices.yaml",
        "items.equipment",
        "must have either price_pence (the price of one unit) "
        "or own_cost: true (the person says what it costs), and not both",
    ),
    (
        "neither a price nor an own cost",
        lambda c: edit(
            c, "prices.yaml", "    price_pence: 800       # a trip\n", "    how_often: [per_week]\n"
        ),
        "prices.yaml",
        "items.transport",
        "must have either price_pence (the price of one unit) "
        "or own_cost: true (the person says what it costs), and not both",
    ),
    (
        "an unknown way to pay",
        lambda c: edit(c, "prices.yaml", "how_often: [per_week]", "how_often: [fortnightly]"),
        "prices.yaml",
        "items.telecare.how_often",
        '"fortnightly" is not a way to pay (it can be: per_week, per_month, per_year, one_off)',
    ),
    (
        "no way to pay at all",
        lambda c: edit(c, "prices.yaml", "how_often: [per_week]", "how_often: []"),
        "prices.yaml",
        "items.telecare.how_often",
        "must list at least one way; leave it out to offer all of them",
    ),
    (
        "a misspelt setting",
        lambda c: edit(c, "prices.yaml", "    price_pence: 2600 ", "    prise_pence: 2600 "),
        "prices.yaml",
        "items.home_care_agency.prise_pence",
        "is not a setting we know; check the spelling (it can be: price_pence, own_cost, how_often)",
    ),
    (
        "an item id that is not an id",
        lambda c: edit(c, "prices.yaml", "  cleaning:\n", "  Cleaning:\n"),
        "prices.yaml",
        "items.Cleaning",
        'must be an id made of lower-case letters, digits and _, starting with a letter, not "Cleaning"',
    ),
    (
        "no sanity limit",
        lambda c: edit(c, "prices.yaml", "  item_pence: 5000000\n", ""),
        "prices.yaml",
        "limits.item_pence",
        "is missing",
    ),
    (
        "a price over the sanity limit",
        lambda c: edit(c, "prices.yaml", "  item_pence: 5000000", "  item_pence: 20000"),
        "prices.yaml",
        "items.waking_night.price_pence",
        "is more than limits.item_pence (20000), so nobody could choose it",
    ),
    (
        "a limit that is not a number",
        lambda c: edit(c, "prices.yaml", "  quantity: 1000", "  quantity: lots"),
        "prices.yaml",
        "limits.quantity",
        'must be a whole number of 1 or more, not "lots"',
    ),
    (
        "an item given twice",
        lambda c: edit(
            c,
            "prices.yaml",
            "  other:\n    own_cost: true\n",
            "  other:\n    own_cost: true\n  meals:\n    price_pence: 700\n",
        ),
        "prices.yaml",
        "items.meals",
        None,
    ),
    (
        "an item with no name",
        lambda c: edit(c, "text/en.yaml", "    name: A lift to a group or a day out\n", ""),
        "text/en.yaml",
        "prices.transport.name",
        "is missing; every price list item and support plan message needs this text",
    ),
    (
        "a price without the amount",
        lambda c: edit(c, "text/en.yaml", '    price: "{amount} a trip"', "    price: per trip"),
        "text/en.yaml",
        "prices.transport.price",
        "must use the placeholders {amount}, not none",
    ),
    (
        "a count without the number",
        lambda c: edit(c, "text/en.yaml", '      other: "{quantity} trips"', "      other: trips"),
        "text/en.yaml",
        "prices.transport.count.other",
        "must use the placeholders {quantity}, not none",
    ),
    (
        "text for an item that is not on the list",
        lambda c: edit(
            c,
            "text/en.yaml",
            "  other:\n    name: Something else\n",
            "  boat:\n    name: A boat\n  other:\n    name: Something else\n",
        ),
        "text/en.yaml",
        "prices.boat.name",
        "is not a text the support plan uses; check the spelling, or the item id in prices.yaml",
    ),
    (
        "a new item with no text",
        lambda c: edit(
            c,
            "prices.yaml",
            "  other:\n    own_cost: true\n",
            "  other:\n    own_cost: true\n  gardening:\n    price_pence: 1500\n",
        ),
        "text/en.yaml",
        "prices.gardening.name",
        "is missing; every price list item and support plan message needs this text",
    ),
    (
        "a way to manage money with no hint",
        lambda c: edit(
            c, "text/en.yaml", "        self: The council pays for the help. We set it up for you.\n", ""
        ),
        "text/en.yaml",
        "plan.management.council_arranged.hint.self",
        "is missing; every price list item and support plan message needs this text",
    ),
    (
        "a tolerance message without the amount",
        lambda c: edit(c, "text/en.yaml", "It is more than {amount} a year over it.", "It is a lot over it."),
        "text/en.yaml",
        "plan.tolerance.above",
        "must use the placeholders {amount}, not none",
    ),
    (
        "a self text that uses the name",
        lambda c: edit(
            c,
            "text/en.yaml",
            "        self: We sort it out for you\n",
            "        self: We sort it out for {name}\n",
        ),
        "text/en.yaml",
        "plan.management.council_arranged.label.self",
        "must use the placeholders none, not {name}",
    ),
]


@pytest.mark.parametrize("name,change,file,key,problem", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_prices_are_named_plainly(content_dir, tmp_path, name, change, file, key, problem):
    content = _copy(content_dir, tmp_path)
    change(content)
    with pytest.raises(ConfigError) as caught:
        load_config(content)
    error = caught.value
    assert (error.file, error.key) == (file, key)
    if problem is not None:
        assert error.problem == problem


def test_a_council_can_add_an_item(content_dir, tmp_path):
    content = _copy(content_dir, tmp_path)
    edit(
        content,
        "prices.yaml",
        "  other:\n    own_cost: true\n",
        "  gardening:\n    price_pence: 1500\n    how_often: [per_month, per_week]\n"
        "  other:\n    own_cost: true\n",
    )
    edit(
        content,
        "text/en.yaml",
        "  other:\n    name: Something else\n",
        """  gardening:
    name: Help in the garden
    hint: Someone cuts the grass.
    price: "{amount} an hour"
    quantity: How many hours?
    units: hours
    count_one: "{quantity} hour"
    count_other: "{quantity} hours"
  other:
    name: Something else
""",
    )
    for language in (content / "text").glob("*.yaml"):  # each other language needs the item's words too
        if language.name != "en.yaml":
            text = language.read_text(encoding="utf-8")
            at = text.index("\n  other:\n    name: ") + 1
            gardening = "  gardening:\n    name: Help in the garden\n    hint: Someone cuts the grass.\n"
            gardening += '    price: "{amount} an hour"\n    quantity: How many hours?\n    units: hours\n'
            gardening += '    count_one: "{quantity} hour"\n    count_other: "{quantity} hours"\n'
            language.write_text(text[:at] + gardening + text[at:], encoding="utf-8")
    config = load_config(content)
    gardening = config.prices.items["gardening"]
    assert (gardening.price_pence, gardening.frequencies) == (1500, ("per_week", "per_month"))
    assert list(config.prices.items)[-2:] == ["gardening", "other"]


def test_another_language_needs_the_plan_texts_too(content_dir, tmp_path):
    content = _copy(content_dir, tmp_path)
    english = (content / "text" / "en.yaml").read_text(encoding="utf-8")
    (content / "text" / "cy.yaml").write_text(english.replace("    units: trips\n", ""), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(content)
    assert (caught.value.file, caught.value.key) == ("text/cy.yaml", "prices.transport.units")
