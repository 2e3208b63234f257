"""Languages: adding one needs files, not code; a person's choice is kept on their record and used for
everything to them; a draft translation says so; counts use the language's plural forms; and a broken
translation shows English, never an error page.

The languages here are pseudo-languages made from the English files (tests/languages.py): "ar" is right to
left with six plural forms, every text marked "[ar] ...".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from flask_babel import gettext, ngettext
from sqlalchemy import select

from portal import create_app
from portal.store.models import User
from portal.store.outbox_models import OutboxMessage
from tests.conftest import _empty_tables
from tests.languages import pseudo_catalogue, pseudo_language
from tests.web.dates import set_today
from tests.web.helpers import CheckedClient, Portal
from tests.web.plan_helpers import PA_WEEKLY, add_item, plan_url

DEMO_BANNER = "This is a demo. %(council)s is not a real council. Do not enter real details."


@pytest.fixture
def make_app(settings, tmp_path):
    """An app with pseudo-languages added to the council's content and the UI catalogues."""
    made = []

    def make(*codes: str, status: str = "draft", catalogue=None, folder=None):
        content, translations = settings.content_dir, settings.translations_dir
        for code in codes:
            content, translations = pseudo_language(folder or tmp_path, code, status, catalogue)
        app = create_app(replace(settings, content_dir=content, translations_dir=translations))
        app.config.update(TESTING=True)
        app.test_client_class = CheckedClient
        made.append(app)
        return app

    yield make
    for app in made:
        _empty_tables(app.extensions["db_engine"])
        app.extensions["db_engine"].dispose()


def _user(app, demo_id: str) -> User:
    with app.extensions["db_sessionmaker"]() as session:
        user = session.scalar(select(User).where(User.subject == demo_id))
        session.expunge_all()
        return user


def test_a_new_right_to_left_language_needs_only_files(make_app):
    portal = Portal(make_app("ar"))
    english = portal.get("/").soup
    assert english.html["lang"] == "en" and english.html["dir"] == "ltr" and english.body["dir"] == "ltr"
    assert english.select_one('a[hreflang="ar"]'), "the language switch offers the new language"
    page = portal.get("/?lang=ar").soup
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl" and page.body["dir"] == "rtl"
    assert page.h1.get_text(strip=True).startswith("[ar] ")
    # The choice is remembered, and council text comes from the new file.
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    question = portal.get(f"/assessments/{assessment_id}/questions/living_situation").soup
    assert question.html["lang"] == "ar"
    assert "[ar]" in question.select_one("legend h1").get_text()
    assert all("[ar]" in label.get_text() for label in question.select(".govuk-radios__label"))


def test_a_language_with_council_text_but_no_ui_catalogue_is_not_offered(make_app, settings, tmp_path):
    content, _ = pseudo_language(tmp_path, "ar")
    app = create_app(replace(settings, content_dir=content))
    try:
        page = Portal(app).get("/?lang=ar").soup
        assert page.html["lang"] == "en"
        assert not page.select_one('a[hreflang="ar"]')
    finally:
        app.extensions["db_engine"].dispose()


def test_the_language_switch_names_each_language_in_itself_and_keeps_the_page(make_app):
    portal = Portal(make_app("ar"))
    page = portal.get("/accessibility?from=start").soup
    switch = page.select_one('nav[aria-label="Choose a language"]')
    current = switch.select_one('[aria-current="true"]')
    assert (current.name, current.get_text(strip=True), current["lang"]) == ("span", "English", "en")
    other = switch.select_one("a")
    assert other.get_text(strip=True) == "العربية"  # Arabic, in Arabic
    assert (other["lang"], other["hreflang"]) == ("ar", "ar")
    assert other["href"] == "/accessibility?from=start&lang=ar", "the same page, with its query"
    arabic = portal.get(other["href"]).soup
    assert arabic.html["lang"] == "ar"
    switch = arabic.select_one('nav[aria-label="[ar] Choose a language"]')
    assert switch.select_one('[aria-current="true"]').get_text(strip=True) == "العربية"
    assert switch.select_one('a[hreflang="en"]')["href"] == "/accessibility?from=start&lang=en"


def test_a_draft_translation_says_so_in_its_language_and_in_english(make_app, tmp_path):
    portal = Portal(make_app("ar", status="draft"))
    assert not portal.get("/").soup.select_one(".app-draft-notice"), "English is not a draft"
    notice = portal.get("/?lang=ar").soup.select_one(".app-draft-notice")
    own, english = notice.select("p")
    assert own.get_text(strip=True) == "[ar] This translation has not been checked yet."
    assert english.get_text(strip=True) == "This translation has not been checked yet."
    assert english["lang"] == "en" and english["dir"] == "ltr"
    reviewed = Portal(make_app("ar", status="reviewed", folder=tmp_path / "reviewed"))
    assert not reviewed.get("/?lang=ar").soup.select_one(".app-draft-notice")


def test_the_language_a_person_chooses_is_kept_on_their_record_for_their_next_sign_in(make_app):
    app = make_app("ar")
    phone = Portal(app)
    phone.sign_in("alex")
    assert _user(app, "alex").language is None
    assert phone.get("/account?lang=ar").soup.html["lang"] == "ar"
    assert _user(app, "alex").language == "ar"
    # On another device, with nothing chosen there: their pages are in their language once signed in.
    laptop = Portal(app)
    assert laptop.get("/").soup.html["lang"] == "en"
    laptop.sign_in("alex")
    assert laptop.get("/account").soup.html["lang"] == "ar"
    # A language picked just before signing in is theirs too.
    kiosk = Portal(app)
    kiosk.get("/?lang=ar")
    kiosk.sign_in("jo")
    assert _user(app, "jo").language == "ar"
    # But on a shared computer, the last person's choice is not put on the next person's record.
    laptop.get("/account?lang=en")
    assert _user(app, "alex").language == "en"
    laptop.get("/account?lang=ar")
    laptop.sign_out()
    laptop.sign_in("sam")
    assert _user(app, "sam").language is None and _user(app, "alex").language == "ar"


def test_messages_to_a_person_are_in_their_language_whoever_makes_them(make_app):
    app = make_app("ar")
    set_today(app, date(2026, 12, 22))
    person, staff = Portal(app), Portal(app)
    person.sign_in("alex")
    person.get("/account?lang=ar")
    assessment_id, _ = person.budget_for()
    disagree = f"/assessments/{assessment_id}/disagree/care-manager"
    person.submit(
        disagree,
        {
            "reason": "Not enough for my nights.",
            "amount": "150",
            "talk": "call",
            "contact_by": "email",
            "contact_details": "alex@example.org",
        },
    )
    staff.sign_in("chris")  # the care manager, in English
    with app.extensions["db_sessionmaker"]() as session:
        from portal.store.disagreement_models import Disagreement

        reference = session.scalar(select(Disagreement.reference))
    staff.submit(
        f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "We looked again."}
    )
    with app.extensions["db_sessionmaker"]() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        told = {(row.recipient, row.kind): row for row in rows}
    to_alex = told[("alex@example.org", "disagreement.keep_amount")]
    assert to_alex.language == "ar" and to_alex.subject.startswith("[ar] We have answered you")
    to_chris = told[("chris@example.org", "disagreement.raise")]
    assert to_chris.language == "en" and to_chris.subject.startswith("New disagreement")


@pytest.mark.parametrize(
    ("quantity", "form"), [("1", "one"), ("2", "two"), ("3", "few"), ("11", "many"), ("7.5", "other")]
)
def test_a_count_in_council_text_takes_the_languages_plural_form(make_app, quantity, form):
    portal = Portal(make_app("ar"))
    portal.sign_in("alex")
    portal.get("/?lang=ar")
    assessment_id, _ = portal.budget_for()
    add_item(portal, assessment_id, "personal_assistant", {**PA_WEEKLY, "quantity": quantity})
    plan = " ".join(portal.get(plan_url(assessment_id)).soup.select_one("main").get_text(" ").split())
    assert f"[ar {form}] {quantity} {'hour' if form == 'one' else 'hours'}" in plan


@pytest.mark.parametrize(
    "broken",
    ["[ar] %(counsil)s", "[ar] 100% %(council)s", "[ar] %(council)d"],
    ids=["misspelt placeholder", "lone percent sign", "wrong type"],
)
def test_a_translation_with_a_wrong_placeholder_shows_english_not_an_error(make_app, broken):
    catalogue = pseudo_catalogue("ar")
    catalogue[DEMO_BANNER].string = broken
    plural = next(m for m in catalogue if isinstance(m.id, tuple) and "parts. Do them" in m.id[1])
    plural.string = tuple("[ar] %(num)d %(parts)s" for _ in plural.string)  # in a template's ngettext
    portal = Portal(make_app("ar", catalogue=catalogue))
    portal.sign_in("alex")
    page = portal.get("/?lang=ar").soup
    assert page.html["lang"] == "ar" and page.h1.get_text(strip=True).startswith("[ar] ")
    banner = page.select_one(".govuk-phase-banner").get_text(" ", strip=True)
    # the sentence falls back to English; the council's name in it is council text, in the page's language
    assert "This is a demo. [ar] Example Council is not a real council." in banner
    assessment_id = portal.start()
    tasks = " ".join(
        portal.get(f"/assessments/{assessment_id}").soup.select_one("main").get_text(" ").split()
    )
    assert re.search(r"There are \d+ parts\. Do them in any order\.", tasks)
    with portal.app.test_request_context("/?lang=ar"):  # and Python code's gettext and ngettext
        assert gettext(DEMO_BANNER, council="Example Council").startswith("This is a demo. Example Council")
        assert (
            ngettext(
                "There is %(num)s part. You can do it now.",
                "There are %(num)s parts. Do them in any order.",
                3,
            )
            == "There are 3 parts. Do them in any order."
        )


def test_a_catalogue_that_cannot_be_read_shows_english_not_an_error(make_app, tmp_path):
    app = make_app("ar")
    mo = tmp_path / "translations" / "ar" / "LC_MESSAGES" / "messages.mo"
    mo.write_bytes(b"\xde\x12\x04\x95" + b"\x00" * 7)  # a .mo header cut short
    page = Portal(app).get("/?lang=ar").soup
    assert page.html["lang"] == "ar"
    assert page.select_one("a.govuk-skip-link").get_text(strip=True) == "Skip to main content"


def test_a_letter_to_a_person_is_in_their_language(make_app):
    app = make_app("ar")
    set_today(app, date(2026, 12, 22))
    person = Portal(app)
    person.sign_in("alex")
    person.get("/account?lang=ar")
    assessment_id, _ = person.budget_for()
    person.submit(
        f"/assessments/{assessment_id}/disagree/care-manager",
        {"reason": "Not enough.", "amount": "150", "talk": "call", "contact_by": "letter",
         "contact_details": "1 High Street, Exampletown EX1 1AA"},
    )  # fmt: skip
    with app.extensions["db_sessionmaker"]() as session:
        letters = session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "letter")).all()
        assert [(row.language, row.subject.startswith("[ar] ")) for row in letters] == [("ar", True)]


def test_money_and_numbers_are_written_the_languages_way(make_app):
    from portal.i18n import money, number

    app = make_app("ar")
    with app.test_request_context("/?lang=en"):
        assert (money(13200), money(11880), money(617760), number(7.5)) == (
            "£132",
            "£118.80",
            "£6,177.60",
            "7.5",
        )
    with app.test_request_context("/?lang=ar"):
        # Arabic puts the currency after the number, with its own spaces and direction mark.
        assert money(13200) == "\u200f132\xa0UK£" and money(11880) == "\u200f118.80\xa0UK£"


def test_a_count_takes_the_form_of_the_number_as_written(app):
    from decimal import Decimal

    from portal.i18n import plural_text

    with app.test_request_context("/"):
        hours = "prices.personal_assistant.count"
        assert plural_text(hours, Decimal("1.00"), quantity="1") == "1 hour"
        assert plural_text(hours, Decimal("10.00"), quantity="10") == "10 hours"
        assert plural_text(hours, Decimal("7.50"), quantity="7.5") == "7.5 hours"
