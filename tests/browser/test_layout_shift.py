"""Nothing on the page moves as it loads (CLS 0): the menu folds on a narrow screen without a jump."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import _post

SHIFTS = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(total), 300)));
})"""


@pytest.mark.parametrize("width", [412, 1024])
def test_a_page_with_a_menu_does_not_shift_as_it_loads(page: Page, width):
    # A member of staff's menu has two links, so that on a narrow screen it folds behind "Menu".
    _post(page, "/sign-in/demo", page.request.get("/sign-in/demo").text(), {"person": "chris"})
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/account")
    menu = page.get_by_role("button", name="Menu")
    account = page.get_by_role("link", name="Your account")
    if width < 641:
        expect(menu).to_be_visible()  # the script has run
        expect(account).to_be_hidden()
    else:
        expect(account).to_be_visible()
    assert page.evaluate(SHIFTS) == 0
    if width < 641:
        menu.click()
        expect(account).to_be_visible()
    else:
        expect(menu).to_be_hidden()
