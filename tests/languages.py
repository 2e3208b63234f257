"""Pseudo-languages for tests: a language made from the English files, every text marked with its code, so
that a test can see which words came from where without anyone translating anything.

`pseudo_language(folder, "ar")` copies `content/` and `translations/` into `folder` (once), adds the council
text `content/text/ar.yaml` and the UI catalogue `translations/ar/LC_MESSAGES/messages.po` (and its .mo),
and returns the two folders to give the app (`content_dir`, `translations_dir`). Plural texts get every form
the language's plural rule has, each marked with its category ("[ar two] 2 hours"), so a test can see
which form was chosen.
"""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import yaml
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)")
CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _council_text(code: str, status: str) -> dict:
    english = yaml.load(
        (ROOT / "content" / "text" / "en.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    forms = sorted(Locale.parse(code).plural_form.tags | {"other"}, key=CATEGORIES.index)

    def mark(node):
        if isinstance(node, dict):
            if {"one", "other"} <= set(node) and set(node) <= set(CATEGORIES):  # a text that counts
                english_form = {form: node["one" if form == "one" else "other"] for form in forms}
                return {form: f"[{code} {form}] {text}" for form, text in english_form.items()}
            return {key: mark(value) for key, value in node.items()}
        return f"[{code}] {node}" if isinstance(node, str) else node

    marked = mark(english)
    marked["language"]["review_status"] = status
    return marked


def _catalogue(code: str) -> Catalog:
    with open(ROOT / "translations" / "messages.pot", "rb") as pot:
        catalogue = read_po(pot, locale=code)
    one = gettext.c2py(catalogue.plural_expr)(1)  # the form the language uses for 1 (not always the first)
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            singular, plural = message.id
            # Babel checks form 0 against the English singular, whatever number form 0 is for: where the
            # plural has a placeholder the singular lacks ("Points 1 to 4"), form 0 must do without it too.
            narrower = bool(set(PLACEHOLDER.findall(plural)) - set(PLACEHOLDER.findall(singular)))
            message.string = tuple(
                f"[{code}] {singular if i == one or (i == 0 and narrower) else plural}"
                for i in range(catalogue.num_plurals)
            )
        else:
            message.string = f"[{code}] {message.id}"
    return catalogue


def write_catalogue(translations: Path, code: str, catalogue: Catalog) -> None:
    folder = translations / code / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "messages.po", "wb") as po:
        write_po(po, catalogue)
    with open(folder / "messages.mo", "wb") as mo:
        write_mo(mo, catalogue)


def pseudo_language(
    folder: Path, code: str, status: str = "draft", catalogue: Catalog | None = None
) -> tuple[Path, Path]:
    content, translations = folder / "content", folder / "translations"
    if not content.exists():
        shutil.copytree(ROOT / "content", content)
        shutil.copytree(ROOT / "translations", translations)
        compile_all(translations)
    (content / "text" / f"{code}.yaml").write_text(
        yaml.safe_dump(_council_text(code, status), allow_unicode=True), encoding="utf-8"
    )
    write_catalogue(translations, code, catalogue or _catalogue(code))
    return content, translations


def pseudo_catalogue(code: str) -> Catalog:
    """The pseudo-language's catalogue, to change before `pseudo_language(..., catalogue=...)`."""
    return _catalogue(code)


def compile_all(translations: Path) -> list[str]:
    """Compile every .po in the folder to its .mo, as `make translations` does; the languages compiled."""
    done = []
    for po in sorted(translations.glob("*/LC_MESSAGES/messages.po")):
        with open(po, "rb") as f:
            catalogue = read_po(f, locale=po.parents[1].name)
        with open(po.with_suffix(".mo"), "wb") as mo:
            write_mo(mo, catalogue, use_fuzzy=True)
        done.append(po.parents[1].name)
    return done
