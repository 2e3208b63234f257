"""Adding a language needs files, not code: a translated UI catalogue and a council text file.

This builds a right-to-left pseudo-language ("ar") from the English files in a temporary folder,
and checks that the portal offers it, marks pages as right to left, and uses its text.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from portal import create_app
from tests.web.helpers import Portal

ROOT = Path(__file__).resolve().parents[2]


def _pseudo_language(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    english = yaml.load((content / "text" / "en.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def mark(node):
        if isinstance(node, dict):
            return {key: mark(value) for key, value in node.items()}
        return f"[ar] {node}" if isinstance(node, str) else node

    (content / "text" / "ar.yaml").write_text(
        yaml.safe_dump(mark(english), allow_unicode=True), encoding="utf-8"
    )
    translations = tmp_path / "translations"
    with open(ROOT / "translations" / "messages.pot", "rb") as pot:
        catalogue = read_po(pot, locale="ar")
    for message in catalogue:
        if message.id and isinstance(message.id, str):
            message.string = f"[ar] {message.id}"
    (translations / "ar" / "LC_MESSAGES").mkdir(parents=True)
    with open(translations / "ar" / "LC_MESSAGES" / "messages.mo", "wb") as mo:
        write_mo(mo, catalogue)
    return content, translations


def test_a_new_right_to_left_language_needs_only_files(settings, tmp_path):
    content, translations = _pseudo_language(tmp_path)
    app = create_app(replace(settings, content_dir=content, translations_dir=translations))
    try:
        portal = Portal(app)
        english = portal.get("/").soup
        assert english.html["lang"] == "en" and english.body["dir"] == "ltr"
        assert english.select_one('a[hreflang="ar"]'), "the language switch offers the new language"
        page = portal.get("/?lang=ar").soup
        assert page.html["lang"] == "ar" and page.body["dir"] == "rtl"
        assert page.h1.get_text(strip=True).startswith("[ar] ")
        # The choice is remembered, and council text comes from the new file.
        portal.sign_in("alex")
        assessment_id = portal.start()
        portal.answer(assessment_id, "date_of_birth", "1950-04-03")
        question = portal.get(f"/assessments/{assessment_id}/questions/living_situation").soup
        assert question.html["lang"] == "ar"
        assert "[ar]" in question.select_one("legend h1").get_text()
        assert all("[ar]" in label.get_text() for label in question.select(".govuk-radios__label"))
    finally:
        app.extensions["db_engine"].dispose()


def test_a_language_with_council_text_but_no_ui_catalogue_is_not_offered(settings, tmp_path):
    content, _ = _pseudo_language(tmp_path)
    app = create_app(replace(settings, content_dir=content))
    try:
        page = Portal(app).get("/?lang=ar").soup
        assert page.html["lang"] == "en"
        assert not page.select_one('a[hreflang="ar"]')
    finally:
        app.extensions["db_engine"].dispose()
