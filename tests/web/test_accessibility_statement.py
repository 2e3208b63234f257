"""The accessibility statement has every part the Public Sector Bodies (Websites and Mobile Applications)
Accessibility Regulations 2018 and the GOV.UK model statement ask for, with the council's own facts."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from tests.conftest import ROOT


def _sections(page) -> dict[str, str]:
    """Each h2 or h3 heading, with the visible text under it (up to the next heading)."""
    main = page.select_one("main")
    sections, current = {}, None
    for element in main.find_all(["h2", "h3", "p", "li"]):
        if element.name in ("h2", "h3"):
            current = element.get_text(" ", strip=True)
            sections[current] = ""
        elif current is not None and element.find_parent("li") is None:
            sections[current] += " " + element.get_text(" ", strip=True)
    return {heading: " ".join(text.split()) for heading, text in sections.items()}


def test_the_statement_has_every_part_the_regulations_ask_for(portal):
    page = portal.get("/accessibility").soup
    assert page.h1.get_text(strip=True) == "Accessibility statement"
    intro = page.select_one("#scope").get_text(" ", strip=True)
    assert intro == (
        "This statement is about the Your personal budget service at Example Council. "
        "Example Council runs this service."
    )
    parts = _sections(page)
    # Compliance status, with WCAG 2.2 AA named.
    assert parts["Compliance status"] == (
        "This service partly meets the Web Content Accessibility Guidelines "
        "version 2.2, level AA. The problems are listed below."
    )
    # What is not accessible, why (the rule it fails), and what we will do.
    issues = parts["Content that is not accessible"]
    assert "If you do not use this service for 8 hours, we sign you out. We do not warn you first." in issues
    assert "This fails success criterion 2.2.1 (Timing adjustable)." in issues
    assert "We plan to warn you before we sign you out, by March 2027." in issues
    # Another format, and how to report a problem: the council's contacts, and how soon we answer.
    other = parts["Get information in another format"]
    for words in (
        "easy read",
        "large print",
        "braille",
        "Phone Example Council on 01632 960000.",
        "Email adult.care@example.org",
        "Write to Example Council, Town Hall, 1 High Street, Exampletown.",
        "We will answer you within 5 working days.",
    ):
        assert words in other, words
    report = parts["Tell us about a problem"]
    assert "Tell us if something does not work for you." in report
    assert "Phone Example Council on 01632 960000." in report and "Email adult.care@example.org" in report
    # The enforcement procedure: the Equality and Human Rights Commission, and the EASS with a link.
    enforcement = parts["Enforcement procedure"]
    assert "The Equality and Human Rights Commission makes sure public websites follow the law" in enforcement
    assert (
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018"
        in enforcement
    )
    assert "contact the Equality Advisory and Support Service" in enforcement
    link = page.find("a", string="Go to the Equality Advisory and Support Service website")
    assert link["href"] == "https://www.equalityadvisoryservice.com/"
    # How the service was tested, when, and by whom.
    testing = parts["How we tested this service"]
    assert "Web Content Accessibility Guidelines version 2.2, level AA" in testing
    assert "keyboard only" in page.select_one("#testing ~ ul").get_text()
    assert testing.endswith(
        "We last tested this service on 1 December 2026. Example Council's digital team did the test."
    )
    # When the statement was prepared and last reviewed.
    assert parts["Preparation of this accessibility statement"] == (
        "We wrote this statement on 1 December 2026. We last checked it on 1 December 2026."
    )


@pytest.fixture
def fully_compliant_settings(settings, tmp_path):
    """Another council's content: a statement with other dates, fully compliant, with no known problems."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for other in (content / "text").glob("*.yaml"):  # English only: the statement is checked in English
        if other.name != "en.yaml":
            other.unlink()
    council = content / "council.yaml"
    text = council.read_text(encoding="utf-8")
    for old, new in (
        ("  compliance: partially", "  compliance: fully"),
        ("  known_issues: [signed_out_without_warning]", "  known_issues: []"),
        ("  prepared: 2026-12-01", "  prepared: 2026-09-23"),
        ("  reviewed: 2026-12-01", "  reviewed: 2027-01-15"),
        ("  reply_working_days: 5", "  reply_working_days: 1"),
    ):
        assert old in text
        text = text.replace(old, new)
    council.write_text(text, encoding="utf-8")
    for language in sorted((content / "text").glob("*.yaml")):  # the problem's words go from every language
        text = language.read_text(encoding="utf-8")
        start = text.index("  known_issues:\n    signed_out_without_warning:")
        end = text.index("\n\nsections:")
        language.write_text(text[:start].rstrip("\n") + text[end:], encoding="utf-8")
    return dataclasses.replace(settings, content_dir=content)


def test_the_council_facts_come_from_its_content(fully_compliant_settings):
    from portal import create_app
    from tests.web.helpers import Portal

    app = create_app(fully_compliant_settings)
    app.config.update(TESTING=True)
    page = Portal(app).get("/accessibility").soup
    parts = _sections(page)
    assert parts["Compliance status"] == (
        "This service fully meets the Web Content Accessibility Guidelines version 2.2, level AA."
    )
    assert "Content that is not accessible" not in parts
    assert "We will answer you within 1 working day." in parts["Get information in another format"]
    assert parts["Preparation of this accessibility statement"] == (
        "We wrote this statement on 23 September 2026. We last checked it on 15 January 2027."
    )
    app.extensions["db_engine"].dispose()
