"""prices.yaml: the support plan price list and its typing-mistake limits."""

from __future__ import annotations

from pathlib import Path

from portal.ras.loading.yaml_files import ContentFile, read_yaml
from portal.ras.model import FREQUENCIES, PriceItem, PriceList

PRICES_FILE = "prices.yaml"


def load_prices(content_dir: Path) -> PriceList:
    f = ContentFile(PRICES_FILE)
    data = f.mapping("", read_yaml(content_dir, PRICES_FILE), required=("version", "limits", "items"))
    version = f.version("version", data["version"], example="example-prices-2026-27")
    limits = f.mapping("limits", data["limits"], required=("item_pence", "quantity"))
    item_limit = f.whole_number(
        "limits.item_pence",
        limits["item_pence"],
        minimum=1,
        what="a whole number of pence",
        example=" (5000000 means £50,000.00)",
    )
    quantity_limit = f.whole_number("limits.quantity", limits["quantity"], minimum=1)
    raw_items = f.mapping("items", data["items"], any_keys=True)
    if not raw_items:
        f.fail("items", "must list at least one item")
    items: dict[str, PriceItem] = {}
    for item_id, raw in raw_items.items():
        key = f"items.{item_id}"
        f.identifier(key, item_id)
        spec = f.mapping(key, raw, optional=("price_pence", "own_cost", "how_often"))
        own_cost = f.boolean(f"{key}.own_cost", spec.get("own_cost", False))
        if own_cost == ("price_pence" in spec):
            f.fail(
                key,
                "must have either price_pence (the price of one unit) or own_cost: true "
                "(the person says what it costs), and not both",
            )
        price = None
        if not own_cost:
            price = f.whole_number(
                f"{key}.price_pence",
                spec["price_pence"],
                minimum=1,
                what="a whole number of pence",
                example=" (1650 means £16.50)",
            )
            if price > item_limit:
                f.fail(
                    f"{key}.price_pence",
                    f"is more than limits.item_pence ({item_limit}), so nobody could choose it",
                )
        frequencies: tuple[str, ...] = FREQUENCIES
        if "how_often" in spec:
            chosen = f.id_list(f"{key}.how_often", spec["how_often"])
            if not chosen:
                f.fail(f"{key}.how_often", "must list at least one way; leave it out to offer all of them")
            for frequency in chosen:
                if frequency not in FREQUENCIES:
                    f.fail(
                        f"{key}.how_often",
                        f'"{frequency}" is not a way to pay (it can be: {", ".join(FREQUENCIES)})',
                    )
            frequencies = tuple(fr for fr in FREQUENCIES if fr in chosen)
        items[item_id] = PriceItem(id=item_id, price_pence=price, frequencies=frequencies)
    return PriceList(version=version, items=items, item_limit_pence=item_limit, quantity_limit=quantity_limit)
