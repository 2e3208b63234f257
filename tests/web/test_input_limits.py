"""Limits as a person counts them: characters, not bytes; a line break is 1; honest text in any script is
taken up to each box's limit; and what is refused gets a clear message and a 4xx, never a 500.

The fuzz test (test_fuzz.py) finds these; here each case is named, so that its message can be read."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal import input_guard
from portal.forms import TEXT_MAX
from portal.store.disagreement_models import DisagreementEntry
from portal.store.models import Grant, Person
from tests import factories
from tests.web.plan_helpers import PA_WEEKLY, plan_url

TODAY = date(2026, 12, 22)
BENGALI = "আমার প্রতিদিন রাতে সাহায্য দরকার। "  # 33 characters, 3 bytes each in UTF-8 (9 sent as %XX)
FOUR_BYTES = "😀"  # the worst script for size: 4 bytes in UTF-8, 12 sent as %XX


def _query(app, statement):
    session = app.extensions["db_sessionmaker"]()
    try:
        return list(session.scalars(statement))
    finally:
        session.close()


def _exactly(text: str, characters: int) -> str:
    """`text` repeated to this many characters, ending in a full stop rather than a space."""
    return (text * (characters // len(text) + 1))[: characters - 1] + "।"


@pytest.fixture
def complaint_url(portal, app):
    """Alex's complaint page: the largest form (two boxes of 5,000 characters)."""
    app.extensions["clock"] = lambda: TODAY
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    factories.disagreement(app, assessment_id, TODAY, "team_manager_answered")
    return f"/assessments/{assessment_id}/disagree/complaint"


def _complaint(app) -> DisagreementEntry:
    [entry] = _query(app, select(DisagreementEntry).where(DisagreementEntry.kind == "complain"))
    return entry


def test_a_complaint_in_bengali_up_to_the_limit_is_taken(portal, app, complaint_url):
    complaint, put_right = _exactly(BENGALI, TEXT_MAX), _exactly("প্রতি সপ্তাহে ১৫০ পাউন্ড। ", TEXT_MAX)
    portal.submit(complaint_url, {"complaint": complaint, "put_right": put_right})
    entry = _complaint(app)
    assert (entry.text, entry.details["put_right"]) == (complaint, put_right)


def test_the_largest_form_in_the_worst_script_fits_under_the_body_cap(portal, app, complaint_url):
    text = FOUR_BYTES * TEXT_MAX
    portal.submit(complaint_url, {"complaint": text, "put_right": text})
    assert _complaint(app).text == text


def test_a_line_break_counts_as_one_character_as_the_character_count_shows(portal, app, complaint_url):
    """The browser sends each line break as CRLF; the GOV.UK character count counts it as 1."""
    lines = [_exactly("I need help at night. ", 499)] * 10  # 10 lines of 499, 9 line breaks: 4,999
    portal.submit(complaint_url, {"complaint": "\r\n".join(lines), "put_right": "£150 a week.\r\nThank you."})
    entry = _complaint(app)
    assert entry.text == "\n".join(lines) and len(entry.text) == 4999
    assert entry.details["put_right"] == "£150 a week.\nThank you."


def test_one_character_over_the_limit_is_refused_with_what_was_typed_kept(portal, complaint_url):
    complaint = _exactly(BENGALI, TEXT_MAX + 1)
    page = portal.submit(
        complaint_url, {"complaint": complaint, "put_right": "£150 a week."}, status=200
    ).soup
    assert (
        page.select_one(".govuk-error-summary a").get_text(strip=True)
        == "This must be 5,000 characters or fewer"
    )
    assert page.select_one("textarea[name=complaint]").get_text().strip("\n") == complaint


def test_the_body_cap_is_worked_out_from_the_largest_form(app):
    assert input_guard.largest_form_characters() == 2 * TEXT_MAX
    assert input_guard.body_cap() == 2 * TEXT_MAX * 12 + input_guard.FORM_OVERHEAD_BYTES
    assert app.config["MAX_CONTENT_LENGTH"] == app.config["MAX_FORM_MEMORY_SIZE"] == input_guard.body_cap()


def test_a_body_cap_set_in_the_settings_is_used(settings):
    from dataclasses import replace

    from portal import create_app

    app = create_app(replace(settings, max_request_bytes=200_000))
    assert app.config["MAX_CONTENT_LENGTH"] == app.config["MAX_FORM_MEMORY_SIZE"] == 200_000
    app.extensions["db_engine"].dispose()


def test_too_much_gets_a_page_that_says_how_to_keep_what_was_typed(portal, app, complaint_url):
    text = FOUR_BYTES * (app.config["MAX_CONTENT_LENGTH"] // 12 + 1)
    response = portal.submit(complaint_url, {"complaint": text, "put_right": "x"}, status=413)
    page = response.soup.get_text(" ", strip=True)
    assert response.soup.h1.get_text(strip=True) == "What you sent is too long"
    assert "Back button" in page and "Copy what you typed" in page and "Make it shorter" in page
    assert _query(app, select(DisagreementEntry).where(DisagreementEntry.kind == "complain")) == []


def test_nul_and_other_control_characters_are_taken_out_of_what_is_typed(portal, app):
    portal.sign_in("jo")
    portal.post(
        "/assessments/new/someone-else",
        {"person_name": "Ra\x00vi\x1b", "relationship": "S\x7fon\x85", "basis": "asked_by_person"},
    )
    [person] = _query(app, select(Person))
    [authority] = _query(app, select(Grant))
    assert (person.name, authority.relationship_to_person) == ("Ravi", "Son")


def test_a_name_over_its_limit_is_refused_with_what_was_typed_kept_without_control_characters(portal):
    portal.sign_in("jo")
    name = "Ravi\x00 " + "ক" * 100
    page = portal.post(
        "/assessments/new/someone-else",
        {"person_name": name, "relationship": "Son", "basis": "asked_by_person"},
        status=200,
    ).soup
    assert (
        page.select_one(".govuk-error-summary a").get_text(strip=True)
        == "The name must be 100 characters or fewer"
    )
    assert page.select_one("input[name=person_name]")["value"] == "Ravi " + "ক" * 100


def test_a_file_sent_to_a_form_gets_a_clear_page(portal, app):
    import io

    portal.sign_in("jo")
    token = portal.csrf("/assessments/new/someone-else")
    response = portal.client.post(
        "/assessments/new/someone-else",
        content_type="multipart/form-data",
        data={
            "csrf_token": token,
            "person_name": (io.BytesIO(b"Ravi"), "name.txt"),
            "relationship": "Son",
            "basis": "asked_by_person",
        },
    )
    assert response.status_code == 400
    assert response.soup.h1.get_text(strip=True) == "You cannot send a file here"
    assert _query(app, select(Person)) == []


def test_form_data_sent_as_json_is_refused(portal, app):
    portal.sign_in("jo")
    token = portal.csrf("/assessments/new/someone-else")
    response = portal.client.post(
        "/assessments/new/someone-else",
        headers={"X-CSRFToken": token},
        json={"person_name": ["Ravi"], "relationship": 7, "basis": "asked_by_person"},
    )
    assert response.status_code == 400
    assert _query(app, select(Person)) == []


@pytest.mark.parametrize(
    "day,month,year,message",
    [
        ("1" * 12, "3", "1960", "Enter a real date"),
        ("27", "9" * 10, "1960", "Enter a real date"),
        ("27", "3" * 5000, "1960", "Enter a real date"),
        ("²⁷", "3", "1960", "Use numbers for the date, like 27 3 1960"),
    ],
)
def test_a_date_of_many_digits_gets_a_date_error(portal, day, month, year, message):
    portal.sign_in("alex")
    assessment_id = portal.start()
    page = portal.post(
        f"/assessments/{assessment_id}/questions/date_of_birth",
        {"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year},
        status=200,
    ).soup
    assert page.select_one(".govuk-error-summary a").get_text(strip=True) == message
    assert page.select_one("input[name=date_of_birth-month]")["value"] == month


def test_a_date_in_bengali_digits_is_a_date(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.post(
        f"/assessments/{assessment_id}/questions/date_of_birth",
        {"date_of_birth-day": "২৭", "date_of_birth-month": "৩", "date_of_birth-year": "১৯৬০"},
    )


@pytest.mark.parametrize("quantity", ["9" * 27, "1" * 30 + ".5", "9" * 400])
def test_a_number_of_many_digits_is_refused_as_too_many(portal, app, quantity):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    response = portal.submit(
        plan_url(assessment_id, "/add/personal_assistant"), {**PA_WEEKLY, "quantity": quantity}, status=200
    )
    error = response.soup.select_one(".govuk-error-summary a").get_text(strip=True)
    assert error == "The number of hours must be 1,000 or fewer"
    assert response.soup.select_one("input[name=quantity]")["value"] == quantity


def test_an_id_too_big_for_the_database_is_not_found(portal, app):
    app.extensions["clock"] = lambda: TODAY
    portal.sign_in("chris")
    assessment_id = factories.sent_assessment(app, "alex")
    reference = factories.disagreement(
        app,
        assessment_id,
        TODAY,
        contact={
            "contact_by": "letter",
            "contact_name": None,
            "contact_details": "1 High Street, Exampletown, EX1 2AB",
        },
    )
    for entry_id in ("2147483648", "9" * 40):
        portal.get(f"/staff/cases/{reference}/letters/{entry_id}", status=404)
