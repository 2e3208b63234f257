"""Right to left in Chromium: a right-to-left pseudo-language ("ar", tests/languages.py) on the pages that
GOV.UK Frontend lays out with left and right. Each page passes axe-core, is saved as a screenshot
(test-results/right-to-left/, kept by CI with the other test results), and is measured: the back link's
arrow, radios, the task list's status, tables, the route's steps and the plan's live total sit where a
right-to-left reader looks for them."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.browser.conftest import _QuietHandler, _serve_axe_too, assert_no_axe_violations
from tests.browser.journey import answer_quickly, send_answers_quickly, start_quickly
from tests.conftest import ROOT, TEST_SECRET, _empty_tables
from tests.languages import pseudo_language
from tests.web.helpers import WORKED_EXAMPLE

SCREENSHOTS = ROOT / "test-results" / "right-to-left"


@pytest.fixture(scope="session")
def rtl_server(database_url, tmp_path_factory):
    from portal import create_app
    from portal.settings import Settings

    content, translations = pseudo_language(tmp_path_factory.mktemp("rtl"), "ar")
    settings = Settings(
        environment="demo",
        secret_key=TEST_SECRET,
        database_url=database_url,
        content_dir=ROOT / "content",
        demo_sign_in=True,
        rate_limits_on=False,
    )
    app = create_app(replace(settings, content_dir=content, translations_dir=translations))
    app.config.update(TESTING=True)
    server = make_server("127.0.0.1", 0, _serve_axe_too(app), threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="rtl-portal", daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()
    _empty_tables(app.extensions["db_engine"])
    app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, rtl_server):
    """In this file, pages (and their requests) go to the portal with the pseudo-language."""
    return {**browser_context_args, "base_url": rtl_server[1]}


@pytest.fixture
def rtl(new_context, rtl_server) -> Page:
    app, _ = rtl_server
    page = new_context().new_page()
    page.goto("/?lang=ar")
    yield page
    _empty_tables(app.extensions["db_engine"])


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found, "not on the page"
    return found


def right(locator) -> float:
    b = box(locator)
    return b["x"] + b["width"]


def style(locator, prop: str, pseudo: str | None = None) -> str:
    return locator.evaluate(
        "(el, [p, pseudo]) => getComputedStyle(el, pseudo).getPropertyValue(p)", [prop, pseudo]
    )


def check(page: Page, name: str) -> None:
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert_no_axe_violations(page, f"{name}, right to left")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_a_question_page_mirrors_the_back_link_and_the_radios(rtl: Page):
    assessment = start_quickly(rtl)
    rtl.goto("/?lang=ar")
    reached = answer_quickly(rtl, assessment, WORKED_EXAMPLE, stop_at="living_situation")
    rtl.goto(reached)
    main = rtl.locator("main")
    back = rtl.locator(".govuk-back-link")
    container = rtl.locator("main").locator("xpath=..")
    # The back link is at the right of the page, its arrow on its right, pointing right.
    assert right(container) - right(back) < 40 and box(back)["x"] > box(container)["x"] + 600
    assert style(back, "padding-right") != "0px" and style(back, "padding-left") == "0px"
    arrow_right, arrow_left = (
        float(style(back, side, "::before").removesuffix("px")) for side in ("right", "left")
    )
    assert arrow_right < 5 < 20 < arrow_left, "the arrow is at the link's right-hand end"
    assert "matrix(0.707107, 0.707107" in style(back, "transform", "::before")  # 45deg: points right
    # Each radio's circle is on the right of its words.
    radio = main.locator(".govuk-radios__item").first
    label_text = radio.locator(".govuk-radios__label")
    circle_right = float(style(label_text, "right", "::before").removesuffix("px"))
    assert circle_right == 2
    assert box(radio.locator("input"))["x"] > box(label_text)["x"]
    check(rtl, "question")


def test_the_task_list_has_its_status_on_the_left(rtl: Page):
    assessment = start_quickly(rtl)
    rtl.goto(f"/assessments/{assessment}")
    item = rtl.locator(".govuk-task-list__item").first
    name, status = item.locator(".govuk-task-list__name-and-hint"), item.locator(".govuk-task-list__status")
    assert right(status) < box(name)["x"] + 1, "the status is to the left of the task's name"
    assert style(status, "text-align") == "left"
    check(rtl, "task-list")


def test_the_budget_tables_read_from_the_right(rtl: Page):
    rtl.goto(send_answers_quickly(rtl))
    rtl.locator("#every-step summary").click()  # the tables follow the easy read, in a details part
    table = rtl.locator("main table").first
    row = table.locator("tbody tr").first
    first, last = row.locator("th, td").first, row.locator("th, td").last
    assert box(first)["x"] > box(last)["x"], "the first column is on the right"
    assert style(first, "text-align") == "right"
    numeric = table.locator(".govuk-table__cell--numeric").first
    if numeric.count():
        assert style(numeric, "text-align") == "left"
    check(rtl, "budget")


def test_the_route_and_the_plans_live_total_are_mirrored(rtl: Page):
    budget = send_answers_quickly(rtl)
    assessment = budget.split("/")[2]
    rtl.goto(f"/assessments/{assessment}/disagree")
    step = rtl.locator("main ol > li").first
    for part in (step.locator("h3"), step.locator("p.govuk-body").last):
        assert style(part, "direction") == "rtl" and style(part, "text-align") in ("start", "right")
    tag = rtl.locator("main ol .govuk-tag").first
    if tag.count():  # a step's tag ("You can do this now") starts its line: at the right
        assert abs(right(tag) - right(tag.locator("xpath=.."))) < 2
    check(rtl, "disagreement-route")

    rtl.goto(f"/assessments/{assessment}/plan/add/personal_assistant")
    rtl.get_by_label("[ar] How many hours?").fill("7.5")
    rtl.get_by_label("[ar] How many hours?").blur()
    total = rtl.locator("#item-cost")
    expect(rtl.locator("#item-cost-lines")).to_contain_text("[ar]")
    assert style(total, "border-right-width") == "10px" and style(total, "border-left-width") == "0px"
    check(rtl, "plan-item-live-total")


def test_the_screenshots_are_kept():
    shots = sorted(p.name for p in SCREENSHOTS.glob("*.png")) if SCREENSHOTS.exists() else []
    if not shots:
        pytest.skip("run with the other right-to-left tests")
    assert all((SCREENSHOTS / name).stat().st_size > 10_000 for name in shots)
