"""The public pages, each taken as a whole, are easy read (Flesch-Kincaid grade 6 or lower, no sentence over
25 words), as every other page is (test_page_readability.py). The transparency record's tier 2 detail is the
standard's technical part, written for specialists: only its introduction and summary are checked."""

from __future__ import annotations

from tests.examples import WORKED_EXAMPLE
from tests.web.test_page_readability import _main_text, readability
from tests.web.test_try_out import ESTIMATE, TRY, try_out


def test_the_public_pages_are_easy_read(portal):
    pages = {
        "rules": portal.get("/how-budgets-are-worked-out"),
        "price list": portal.get("/price-list"),
        "try an estimate": portal.get(TRY),
        "a try-out question": portal.get(f"{TRY}/questions/date_of_birth"),
    }
    try_out(portal, WORKED_EXAMPLE)
    pages["try-out estimate"] = portal.get(ESTIMATE)
    portal.sign_in("alex")
    pages["save the try-out"] = portal.get(f"{TRY}/save")
    record = portal.get("/algorithmic-transparency-record")
    main = record.soup.select_one("main")
    for detail in main.select("#tier-2 ~ *"):
        detail.decompose()
    pages["transparency record (summary)"] = record
    too_hard, too_long = {}, {}
    for name, response in pages.items():
        text = _main_text(response)
        grade = readability.grade(text)
        if grade > readability.MAX_PAGE_GRADE:
            too_hard[name] = round(grade, 1)
        if long := readability.long_sentences(text):
            too_long[name] = long
    assert not too_hard, f"pages over grade {readability.MAX_PAGE_GRADE}: {too_hard}"
    assert not too_long, f"sentences over {readability.MAX_SENTENCE_WORDS} words: {too_long}"
