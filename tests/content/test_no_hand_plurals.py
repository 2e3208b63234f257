"""Plurals with Babel's plural rules, never by hand: a count compared with 1 to choose between words is
wrong in Welsh (six forms) and many other languages. UI text uses ngettext; council text that counts has a
form for each plural category (`plural_text`).

Every comparison with 1 in the code that makes what people read is listed here with why it is not a plural;
a new one fails this test until it is either ngettext/plural_text or added with its reason."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORTAL = ROOT / "portal"
COMPARED_WITH_ONE = re.compile(r"(==|!=|<=|>=|<|>)\s*1(?![\d.])")

NOT_PLURALS = {
    # One field shown as "What you typed"; several as "What you typed (1 of 2)": numbering, not a plural.
    ("portal/templates/errors/429.html", '{% set label = _("What you typed") if shown|length == 1'),
    # Forms are numbered only when a person has several: numbering, not a plural.
    ("portal/journeys/account/views.py", "several = forms_of[a.person_id] > 1"),
    # The item page asks how often only when there is a choice.
    ("portal/journeys/plan/forms.py", "if len(price_item.frequencies) > 1:"),
    ("portal/journeys/plan/view_model.py", "if len(price_item.frequencies) > 1:"),
    # The language switch is shown when there is more than one language.
    ("portal/templates/base.html", "{% if available_languages() | length > 1 %}"),
    # A form field's validators: arguments, not words.
    (
        "portal/input_guard.py",
        'validators = unbound.kwargs.get("validators") or (unbound.args[1] if len(unbound.args) > 1 else ())',
    ),
    # Settings problems for the person running the portal, in English: one message or a list.
    ("portal/settings.py", "if len(problems) == 1:"),
    # The easy-read budget and the rules page say one sentence for one money band, a list for several.
    ("portal/journeys/budget/easy_read.py", "if len(calc.bands) == 1:"),
    ("portal/journeys/public/rules_page.py", "if len(calc.bands) > 1:"),
    # How much family help counts: "All of it" for a share of 1, a fraction, not a count.
    ("portal/journeys/public/rules_page.py", "if share == 1:"),
    # Paging: page numbers and whether there is more than one page, not words for a count.
    ("portal/journeys/paging.py", "if pages == 1:"),
    ("portal/journeys/paging.py", "if number in (1, pages) or abs(number - current) <= 1:"),
    ("portal/journeys/paging.py", "if current > 1:"),
    # A picture's path: how many parts it has.
    ("portal/pictures.py", "size = 5 if len(parts) > 1 and parts[1] == ANSWERS else 4"),
}  # fmt: skip


def _comparisons() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(PORTAL.rglob("*")):
        if path.suffix not in (".py", ".html") or {"store", "ras", "static"} & set(
            path.relative_to(PORTAL).parts
        ):
            continue  # queries, rules and assets make no words
        for line in path.read_text(encoding="utf-8").splitlines():
            if COMPARED_WITH_ONE.search(line):
                found.add((str(path.relative_to(ROOT)), line.strip()))
    return found


def test_no_count_is_compared_with_one_to_choose_words():
    new = _comparisons() - NOT_PLURALS
    assert not new, (
        "use ngettext (UI text) or plural_text (council text), or say why it is not a plural:\n"
        + ("\n".join(f"{path}: {line}" for path, line in sorted(new)))
    )


def test_the_check_finds_a_hand_plural():
    assert COMPARED_WITH_ONE.search('{{ _("1 hour") if hours == 1 else _("%(n)s hours", n=hours) }}')
    assert COMPARED_WITH_ONE.search('key = "count_one" if item.quantity == 1 else "count_other"')
    assert not COMPARED_WITH_ONE.search("if n == 10 or n == 1.5:")


def test_council_texts_have_no_hand_plural_keys():
    text = (ROOT / "content" / "text" / "en.yaml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*\w+_(one|other):", text, re.MULTILINE), "use count: {one: ..., other: ...}"
