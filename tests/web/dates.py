"""Dates a page promises, read as a person reads them.

A page that tells a person "you can ask from 9 January 2027" marks that sentence with
`data-acts-from="<action>"`. `promised_dates` reads the date back from the sentence's visible text
(not from an attribute), and fails if the page says "from <a date>" anywhere without the mark,
so that a new promise cannot slip past the tests that check the rules keep it.
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime

from bs4 import BeautifulSoup

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATE = rf"\d{{1,2}} (?:{'|'.join(MONTHS)}) \d{{4}}"
PROMISE = re.compile(rf"\bfrom ({DATE})\b")


# The day most disagreement tests start on: the route's time limits stretch over Christmas.
TUESDAY_BEFORE_CHRISTMAS = date(2026, 12, 22)


def set_today(app, day: date) -> None:
    """The portal's clock says `day` from now on."""
    app.extensions["clock"] = lambda: day


def parse_date(text: str) -> date:
    """'9 January 2027' -> date(2027, 1, 9)."""
    return datetime.strptime(text, "%d %B %Y").date()


def visible_text(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def promised_dates(soup: BeautifulSoup) -> dict[str, set[date]]:
    """Every date the page says a person may act from, by action, read from the page's text."""
    main = soup.select_one("main") or soup
    found: dict[str, set[date]] = {}
    for tag in main.select("[data-acts-from]"):
        phrases = PROMISE.findall(visible_text(tag))
        assert len(phrases) == 1, f"a promise should give one date to act from: {visible_text(tag)!r}"
        found.setdefault(tag["data-acts-from"], set()).add(parse_date(phrases[0]))
    rest = copy.copy(main)
    for tag in rest.select("[data-acts-from]"):
        tag.decompose()
    unmarked = PROMISE.findall(visible_text(rest))
    assert not unmarked, f"the page promises a date that is not marked with data-acts-from: {unmarked}"
    return found


def promised_date(soup: BeautifulSoup, action: str) -> date:
    """The one date the page gives for `action`. Two different dates for one action on a page fail."""
    dates = promised_dates(soup).get(action)
    assert dates, f"the page gives no date to {action} from"
    assert len(dates) == 1, f"the page gives {len(dates)} different dates to {action} from: {sorted(dates)}"
    return next(iter(dates))
