"""The pages for input the portal cannot take pass axe, and the 413 page's advice is true in Chromium:
after Back, what was typed is still in the box."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations, problems_of
from tests.browser.journey import answer_quickly, start_quickly
from tests.examples import WORKED_EXAMPLE


def test_a_web_address_with_control_characters(page: Page):
    start_quickly(page)
    problems_of(page).allow("/account", 400)
    response = page.goto("/account?lang=%01")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The web address has characters that cannot be used"
    )
    assert_no_axe_violations(page, "the bad address page")


def test_too_much_text_and_back_again(page: Page):
    assessment = start_quickly(page)
    answer_quickly(page, assessment, WORKED_EXAMPLE, stop_at="nutrition")
    url = f"/assessments/{assessment}/questions/nutrition"
    page.goto(url)
    page.get_by_role("radio").first.check()
    typed = "I need help at night. 😀 " * 6000  # about 170,000 characters: more than any form can take
    page.locator("textarea[name=more]").fill(typed)
    problems_of(page).allow(url, 413)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What you sent is too long")
    assert_no_axe_violations(page, "the too long page")
    page.go_back()
    expect(page.locator("textarea[name=more]")).to_have_value(typed)


def test_a_file_sent_to_a_form(page: Page):
    start_quickly(page)
    page.goto("/assessments/new/someone-else")
    # No portal form has a file box: put one in, as a crafted form would.
    page.evaluate("""() => {
        const form = document.querySelector('main form');
        form.enctype = 'multipart/form-data';
        const box = document.createElement('input');
        box.type = 'file'; box.name = 'person_name'; box.id = 'crafted-file';
        form.appendChild(box);
        document.querySelector('input[name=person_name]').remove();
    }""")
    page.set_input_files(
        "#crafted-file", files=[{"name": "name.txt", "mimeType": "text/plain", "buffer": b"Ravi"}]
    )
    problems_of(page).allow("/assessments/new/someone-else", 400)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot send a file here")
    assert_no_axe_violations(page, "the file page")
