"""No English left on a page in Welsh or Urdu, except names: the council's contacts' words come from the
language's text file, and the GOV.UK components' words (which default to English inside the macros) are
always passed in the page's language, in the text people see and in the words screen readers read
(aria-label, title, alt) and the components' scripts show (data-i18n.*)."""

from __future__ import annotations

import re

import pytest

from portal.ras import load_config
from tests.languages import ROOT
from tests.web.plan_helpers import PA_WEEKLY, add_item, plan_url
from tests.web.test_disagreement import raise_data
from tests.web.test_page_readability import _disagreement_pages, _pages

LANGUAGES = ("cy", "ur")

# Words the GOV.UK Frontend macros write in English unless they are given other words.
GOVUK_DEFAULTS = (
    "Service information", "Menu", "Navigation menu", "Skip to main content", "Back", "Support links",
    "Open Government Licence", "All content is available under", "Crown copyright", "There is a problem",
    "Error", "Warning", "Important", "Success", "Next", "Previous", "Pagination", "Breadcrumb",
    "Show all sections", "Hide all sections", "Show all", "Hide all", "Show", "Hide", "Show password",
    "Hide password", "Exit this page", "Emergency", "You can enter up to", "characters remaining",
    "words remaining", "characters too many", "words too many", "Contents", "Cookie banner",
    "This is a new service", "Help us improve it", "feedback", "Page", "Section", "Close",
)  # fmt: skip
DEFAULT = re.compile(r"(?<![\w@./-])(" + "|".join(map(re.escape, GOVUK_DEFAULTS)) + r")(?![\w@.-])")
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "value")


def _words(response) -> list[tuple[str, str]]:
    """Every piece of text on the page that a person reads or hears: (where, text)."""
    soup = response.soup
    for script in soup.select("script, style"):
        script.decompose()
    found = [("text", " ".join(soup.get_text(" ", strip=True).split()))]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name in ATTRIBUTES or name.startswith("data-i18n"):
                if name == "value" and (
                    element.name != "input" or element.get("type") not in ("submit", "button")
                ):
                    continue  # a value people see is a button's words; others are what was typed, or codes
                found.append(
                    (f"<{element.name} {name}>", value if isinstance(value, str) else " ".join(value))
                )
    return found


def english_defaults(response) -> list[str]:
    return sorted(
        {
            f"{where}: {match.group()!r}"
            for where, text in _words(response)
            for match in DEFAULT.finditer(text)
        }
    )


def _all_pages(portal, app, lang: str) -> dict[str, object]:
    portal.get(f"/?lang={lang}")
    pages = _pages(portal)
    other = type(portal)(app)
    other.get(f"/?lang={lang}")
    pages |= {f"disagreement {name}": page for name, page in _disagreement_pages(other, app).items()}
    assert {response.soup.html["lang"] for response in pages.values()} == {lang}
    return pages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_govuk_component_speaks_english_on_a_page_in_another_language(portal, app, lang):
    pages = _all_pages(portal, app, lang)
    # The algorithmic transparency record is left out: its field names and answers are the UK standard's,
    # in English, in every language.
    for public in ("/how-budgets-are-worked-out", "/price-list", "/try-an-estimate"):
        pages[public] = portal.get(public)
    found = "\n".join(
        f"{name}: {', '.join(words)}" for name, page in pages.items() if (words := english_defaults(page))
    )
    assert not found, found


def test_the_check_finds_english_defaults_in_text_and_attributes():
    from bs4 import BeautifulSoup

    class Page:
        soup = BeautifulSoup(
            '<html><body><a href="#main">Skip to main content</a><nav aria-label="Menu"></nav>'
            "<p>Ffôn: 01632 960000. Cyngor Enghreifftiol</p></body></html>",
            "html.parser",
        )

    assert english_defaults(Page()) == ["<nav aria-label>: 'Menu'", "text: 'Skip to main content'"]


# --- the council's contacts ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_councils_contacts_are_in_the_pages_language(portal, app, lang):
    config = load_config(ROOT / "content")
    english = ("complaints team", "Town Hall", "High Street", "Complaints team")
    portal.get(f"/?lang={lang}")
    statement = portal.get("/accessibility").soup.select_one("main").get_text(" ", strip=True)
    assert config.text("council.address", lang) in statement
    pages = _disagreement_pages(portal, app)
    complaint = pages["complaint"].soup.select_one("main").get_text(" ", strip=True)
    assert config.text("disagreement.complaints.name", lang) in complaint
    assert config.text("disagreement.complaints.address", lang) in complaint
    ombudsman = pages["ombudsman"].soup.select_one("main").get_text(" ", strip=True)
    assert config.text("disagreement.ombudsman.name", lang) in ombudsman
    for text in (statement, complaint, ombudsman):
        assert not [word for word in english if word in text], text


# --- Urdu: no letters of the English alphabet, except names -----------------------------------------

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
# What the test's people and staff type (the pages show it as it was typed).
TYPED = (
    *(value for value in raise_data().values()),
    "It stays the same.", "Please look again.", "It is not fair.", "More money.", "We looked again.",
    PA_WEEKLY["provider"], "Ravi", "Son",
)  # fmt: skip


def latin_words(response, names: set[str]) -> set[str]:
    """Words in the English alphabet on a page in Urdu, other than names, references and what people
    typed. Text marked as another language (lang="en", like the draft notice in English) is left out, and
    so is a name given in brackets beside its Urdu words."""
    soup = response.soup
    for element in soup.select('script, style, [lang="en"], [lang="cy"], [hreflang]'):
        element.decompose()
    text = " ".join(where_text[1] for where_text in _words(response))
    for typed in TYPED:
        text = text.replace(typed, " ")
    text = re.sub(
        r"\([^()]*\)|\S+@\S+|https?://\S+|\b[\w-]+(?:\.[\w-]+)+\b(?:/\S*)?|\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b|\b[0-9a-f]{4,}\b",
        " ",
        text,
    )
    return {word for word in LATIN_WORD.findall(text) if word not in names}


def _names(config) -> set[str]:
    from portal.journeys.auth.demo import DEMO_PEOPLE

    found = {"Exampletown"}
    found |= {word for person in DEMO_PEOPLE for word in person.name.split()}
    found |= {word for service in config.disagreement.advocacy for word in service.name.split()}
    found |= {hard.word("ur") for hard in config.hard_words}  # PDF, JSON: explained on the page
    return found


def test_a_walk_in_urdu_meets_no_english_except_names(portal, app):
    config = load_config(ROOT / "content")
    pages = _all_pages(portal, app, "ur")
    # The accessibility statement names laws and standards (Public Sector Bodies Accessibility
    # Regulations, Web Content Accessibility Guidelines): they are names, said in Urdu around them.
    pages.pop("accessibility")
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    pages["summary"] = portal.get(f"/assessments/{assessment_id}/summary")
    pages["plan"] = portal.get(plan_url(assessment_id))
    pages["plan: add"] = portal.get(plan_url(assessment_id, "/add"))
    pages["plan: personal assistant"] = portal.get(plan_url(assessment_id, "/add/personal_assistant"))
    add_item(portal, assessment_id, "personal_assistant", PA_WEEKLY)
    pages["plan with an item"] = portal.get(plan_url(assessment_id))
    assert {response.soup.html["lang"] for response in pages.values()} == {"ur"}
    names = _names(config)
    found = "\n".join(
        f"{name}: {', '.join(sorted(words))}"
        for name, page in pages.items()
        if (words := latin_words(page, names))
    )
    assert not found, found
