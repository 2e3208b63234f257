"""Long lists in pages: which page was asked for, and the GOV.UK pagination component's parameters.

As the Design System shows it: the first page, the last, the current one and its neighbours, with an
ellipsis for the pages between ("1 … 6 7 8 … 42"), and "Previous page" and "Next page" links.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for

from portal.i18n import gettext as _
from portal.store import pages_of

MOST_PAGES = 99_999  # a page number longer than this is not one a list can have


def page_number() -> int:
    """The page asked for (`?page=`); 1 for anything that is not a page number."""
    text = request.args.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) <= MOST_PAGES else 1


def pagination(
    endpoint: str, current: int, total: int, per_page: int, label: str, **url_args: Any
) -> dict[str, Any] | None:
    """GOV.UK pagination parameters for page `current` of a list of `total` rows; None for one page.
    `label` names the pagination landmark ("Pages of cases")."""
    pages = pages_of(total, per_page)
    if pages == 1:
        return None
    current = min(current, pages)

    def link(number: int) -> str:
        return url_for(endpoint, page=number, **url_args)

    items: list[dict[str, Any]] = []
    for number in range(1, pages + 1):
        if number in (1, pages) or abs(number - current) <= 1:
            items.append(
                {
                    "number": number,
                    "href": link(number),
                    "current": number == current,
                    "visuallyHiddenText": _("Page %(number)s", number=number),
                }
            )
        elif "ellipsis" not in items[-1]:
            items.append({"ellipsis": True})
    params: dict[str, Any] = {"items": items, "landmarkLabel": label}
    if current > 1:
        params["previous"] = {"href": link(current - 1), "text": _("Previous page")}
    if current < pages:
        params["next"] = {"href": link(current + 1), "text": _("Next page")}
    return params
