"""Nothing on the page moves as it loads (CLS 0): the menu folds on a narrow screen without a jump."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import _post, send_answers_quickly, start_quickly

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


SHIFT_SOURCES = """() => new Promise(done => {
  const moved = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      const nodes = e.sources.map(s => s.node && (s.node.outerHTML || '').slice(0, 120));
      moved.push({value: e.value, nodes});
    }
  }).observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(moved), 300)));
})"""


@pytest.mark.parametrize(
    "page_name", ["start", "start (staff, with a menu)", "question", "question with pictures", "budget"]
)
def test_a_phone_sized_page_does_not_shift_as_it_loads(page: Page, page_name):
    """Cumulative layout shift 0 at 412 by 915 (a common phone) on the pages most people see first, and
    on one with a menu that folds away behind "Menu" (a member of staff's)."""
    page.set_viewport_size({"width": 412, "height": 915})
    if page_name == "start":
        path = "/"
    elif page_name.startswith("start (staff"):
        _post(page, "/sign-in/demo", page.request.get("/sign-in/demo").text(), {"person": "chris"})
        path = "/"
    elif page_name == "budget":
        path = send_answers_quickly(page)
    else:
        assessment = start_quickly(page)
        question = "date_of_birth" if page_name == "question" else "nutrition"
        path = f"/assessments/{assessment}/questions/{question}"
    page.goto(path)
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate(SHIFT_SOURCES) == []
