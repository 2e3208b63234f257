"""The RAS lead's pages in the browser: axe on the report (chart and table) and on the recalibration
preview, a period error, and the preview reached by keyboard."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations, problems_of
from tests.browser.test_disagreement_browser import sign_in


def test_axe_on_the_report_and_the_recalibration_preview(page: Page, live_app):
    result = live_app.test_cli_runner().invoke(args=["demo-cases", "--count", "30"])
    assert result.exit_code == 0, result.output
    sign_in(page, "Robin")
    page.goto("/staff/ras/report")
    expect(page.locator("svg#chart")).to_be_visible()
    expect(page.locator("#figures")).to_be_visible()
    assert_no_axe_violations(page, "the report")

    problems_of(page).allow("/staff/ras/report", 400)  # a period error is a 400, as every form error
    page.get_by_role("group", name="From").get_by_label("Day").fill("40")
    page.get_by_role("button", name="Show this period").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real date")
    assert_no_axe_violations(page, "the report with a period error")

    page.goto("/staff/ras/recalibration")
    expect(page.locator("#bands")).to_be_visible()
    button = page.get_by_role("button", name="Show who gains and who loses")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#changes")).to_be_visible()
    assert_no_axe_violations(page, "the recalibration preview")
