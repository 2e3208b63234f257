"""The council's name is council text: each page shows it in the page's language."""

from __future__ import annotations

import pytest
import yaml

from tests.languages import ROOT


def _name(language: str) -> str:
    texts = yaml.safe_load((ROOT / "content" / "text" / f"{language}.yaml").read_text(encoding="utf-8"))
    return texts["council"]["name"]


@pytest.mark.parametrize("language", ["cy", "ur"])
def test_the_header_title_and_footer_name_the_council_in_the_page_language(portal, app, language):
    from portal.i18n import available_languages

    with app.app_context():
        if language not in available_languages(app):
            pytest.skip(f"{language} is not compiled here")
    name = _name(language)
    assert name != _name("en")
    page = portal.get(f"/?lang={language}").soup
    assert page.title.get_text().strip().endswith(name)
    assert name in page.select_one("header").get_text()
    assert name in page.select_one("footer").get_text()
    english = portal.get("/?lang=en").soup
    assert english.title.get_text().strip().endswith(_name("en"))
