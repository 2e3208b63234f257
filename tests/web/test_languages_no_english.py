"""No English left on a page in Welsh or Urdu, except names: the council's contacts' words come from the
language's text file, and the GOV.UK components' words (which default to English inside the macros) are
always passed in the page's language, in the text people see and in the words screen readers read
(aria-label, title, alt) and the components' scripts show (data-i18n.*)."""

from __future__ import annotations

import re

import pytest

from portal.ras import load_config
from tests.languages import ROOT
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
                if (
                    element.name == "input"
                    and name == "value"
                    and element.get("type") not in ("submit", "button")
                ):
                    continue
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
