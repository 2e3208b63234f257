"""Long staff lists in a real browser: the case list and the work list with more than one page of cases,
checked with axe on the first, a middle and the last page, and paged by keyboard alone (Tab to
"Next page", Enter; then to a page number)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_disagreement_browser import sign_in
from tests.browser.test_keyboard import press_and_wait, tab_to
from tests.web.test_case_list_queries import _cases
from tests.web.test_work_list_queries import _disagreements

CASES = 80  # four pages of 25: the first, two in the middle, and the last


def _rows(page: Page, table: str) -> list[str]:
    return page.locator(f"#{table} tbody tr th").all_inner_texts()


def _page_by_keyboard(page: Page, table: str) -> None:
    """Page 1 → 2 with "Next page", then 2 → 4 with the last page's number, then back with "Previous
    page", all by keyboard; axe on each page. Each page shows different cases, and the current page is
    announced as the current one."""
    pagination = page.get_by_role("navigation", name="Pages of cases")
    expect(pagination).to_be_visible()
    first = _rows(page, table)
    assert len(first) == 25
    assert_no_axe_violations(page, f"{table}: page 1 of 4")

    tab_to(page, pagination.get_by_role("link", name=re.compile(r"^Next")))
    press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    current = page.get_by_role("navigation", name="Pages of cases").locator("[aria-current=page]")
    expect(current).to_have_accessible_name(re.compile(r"\b2$"))
    second = _rows(page, table)
    assert len(second) == 25 and not set(first) & set(second)
    assert_no_axe_violations(page, f"{table}: page 2 of 4")

    tab_to(
        page,
        page.get_by_role("navigation", name="Pages of cases").get_by_role("link", name=re.compile(r"\b4$")),
    )
    press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(r"\?page=4$"))
    last = _rows(page, table)
    assert len(last) == CASES - 75 and not set(last) & (set(first) | set(second))
    expect(page.get_by_role("link", name=re.compile(r"^Next"))).to_have_count(0)
    assert_no_axe_violations(page, f"{table}: the last page")

    tab_to(
        page,
        page.get_by_role("navigation", name="Pages of cases").get_by_role(
            "link", name=re.compile(r"^Previous")
        ),
    )
    press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(r"\?page=3$"))


def test_the_case_list_in_pages_passes_axe_and_pages_by_keyboard(page: Page, live_app):
    sign_in(page, "Chris")
    _cases(live_app, factories.demo_staff(live_app)["care_manager"], CASES, 0)
    page.goto("/staff/people")
    expect(page.locator("#count")).to_have_text(f"{CASES} cases")
    _page_by_keyboard(page, "cases")


def test_the_work_list_in_pages_passes_axe_and_pages_by_keyboard(page: Page, live_app):
    sign_in(page, "Chris")
    _cases(live_app, factories.demo_staff(live_app)["care_manager"], CASES, 0)
    _disagreements(live_app, 0, CASES)
    page.goto("/staff")
    expect(page.locator("#count")).to_have_text(f"{CASES} cases")
    _page_by_keyboard(page, "work-list")
