"""Readability as people read: beside the formula (test_page_readability.py), no page a person reads
shows a percentage, a raw code (a question or answer id, a version of the council's rules) or a hard word
from content/hard-words.yaml without its explanation on the same page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.ras import ConfigError, load_config
from portal.ras.model import HardWord
from tests.web.test_page_readability import _disagreement_pages, _main_text, _pages

ROOT = Path(__file__).resolve().parents[2]
PERCENT = re.compile(r"\d\s*%|\bper ?cent\b", re.IGNORECASE)


def _plain_faults(text: str, config, lang: str = "en") -> list[str]:
    faults = []
    if PERCENT.search(text):
        faults.append(f"a percentage: {PERCENT.search(text).group()!r}; say it in money")
    codes = {config.version, config.prices.version}
    for questionnaire in config.questionnaires.values():
        for question in questionnaire.questions.values():
            codes |= {question.id, *question.option_ids} if "_" in question.id else set(question.option_ids)
    for code in sorted(c for c in codes if "_" in c or "-" in c):
        if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text):
            faults.append(f"a raw code: {code!r}")
    faults += [
        f"the hard word {word!r} without its explanation"
        for word in unexplained(text, config.hard_words, lang)
    ]
    return faults


def unexplained(text: str, hard_words: tuple[HardWord, ...], lang: str = "en") -> list[str]:
    """The hard words used in `text`, written in `lang`, that it does not explain."""
    folded = " ".join(text.casefold().split())
    found = []
    for hard in hard_words:
        if not re.search(rf"\b{re.escape(hard.word(lang).casefold())}\b", folded):
            continue
        if not any(" ".join(e.casefold().split()).rstrip(".۔") in folded for e in hard.explained_by(lang)):
            found.append(hard.word(lang))
    return found


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT / "content")


def _check(pages, config, lang: str = "en") -> str:
    """Each page's faults, one page a line ("" when there are none)."""
    return "\n".join(
        f"{name}: {'; '.join(faults)}"
        for name, response in pages.items()
        if (faults := _plain_faults(_main_text(response), config, lang))
    )


def test_the_journey_pages_have_no_percentages_codes_or_unexplained_words(portal, config):
    found = _check(_pages(portal), config)
    assert not found, found


def test_the_disagreement_pages_have_no_percentages_codes_or_unexplained_words(portal, app, config):
    found = _check(_disagreement_pages(portal, app), config)
    assert not found, found


def test_the_plan_page_has_no_percentages_codes_or_unexplained_words(portal, config):
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    pages = {"plan": portal.get(f"/assessments/{assessment_id}/plan")}
    found = _check(pages, config)
    assert not found, found


# --- the check itself can fail ---------------------------------------------------------------------


def test_the_check_catches_each_fault(config):
    assert _plain_faults("We take off 10% of it.", config)
    assert _plain_faults("You chose daily_help.", config)
    assert _plain_faults("Worked out with rules example-2026-1.", config)
    assert _plain_faults("Ask an advocate.", config) == ["the hard word 'advocate' without its explanation"]
    assert (
        _plain_faults("Ask an advocate. An advocate is someone who helps you say what you want.", config)
        == []
    )
    assert _plain_faults("Download a PDF. A PDF is a file you can save, print or send.", config) == []
    assert _plain_faults("We take off £10 in every £100.", config) == []


# --- the list is checked when the portal starts ------------------------------------------------------


def _with_hard_words(tmp_path: Path, text: str | None = None, **edits: tuple[str, str]) -> Path:
    """A copy of the content with another hard-words.yaml, and each text file `edits` names (en, cy, ur)
    with one line changed: (old, new)."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    if text is not None:
        (content / "hard-words.yaml").write_text(text, encoding="utf-8")
    for lang, (old, new) in edits.items():
        path = content / "text" / f"{lang}.yaml"
        original = path.read_text(encoding="utf-8")
        assert old in original, f"{old!r} is not in {lang}.yaml"
        path.write_text(original.replace(old, new), encoding="utf-8")
    return content


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("words:\n  Deputy: {}\n", "words.Deputy", "lower-case"),
        ("words:\n  deputy:\n    also:\n      en: one\n", "words.deputy.also.en", "list"),
        (
            "words:\n  deputy:\n    also:\n      Welsh: [a judge picks them]\n",
            "words.deputy.also.Welsh",
            "language code",
        ),
        (
            "words:\n  deputy:\n    also:\n      en: [" + "word " * 26 + "]\n",
            "words.deputy.also.en",
            "under 25 words",
        ),
        ("words:\n  deputy:\n    colour: red\n", "words.deputy.colour", "not a setting"),
    ],
)
def test_a_broken_hard_words_list_stops_loading_and_names_the_problem(tmp_path, text, key, problem):
    with pytest.raises(ConfigError) as error:
        load_config(_with_hard_words(tmp_path, text))
    assert error.value.file == "hard-words.yaml"
    assert error.value.key == key
    assert problem in error.value.problem


JSON_CY = "    explanation: Math o ffeil gyfrifiadur yw JSON."
EXTRA = "hard_words:\n  carer:\n    word: carer\n    explanation: A carer helps someone.\n"


@pytest.mark.parametrize(
    ("text", "edits", "file", "key", "problem"),
    [
        ("words:\n  carer: {}\n", {}, "text/en.yaml", "hard_words.carer.word", "missing"),
        (
            None,
            dict.fromkeys(("en", "cy", "ur"), ("hard_words:\n", EXTRA)),
            "text/en.yaml",
            "hard_words.carer.word",
            "not a word in hard-words.yaml",
        ),
        (
            None,
            {"cy": (JSON_CY, "    explanation: JSON")},
            "text/cy.yaml",
            "hard_words.json.explanation",
            "not only the word",
        ),
        (
            None,
            {"cy": (JSON_CY, "    explanation: " + "gair " * 26)},
            "text/cy.yaml",
            "hard_words.json.explanation",
            "under 25 words",
        ),
        (None, {"cy": (JSON_CY, "")}, "text/cy.yaml", "hard_words.json.explanation", "missing"),
        (
            None,
            {"ur": ("    word: گنجائش", "    word: پینل")},
            "text/ur.yaml",
            "hard_words.panel.word",
            "same word",
        ),
    ],
)
def test_a_hard_words_text_that_is_wrong_stops_loading_and_names_it(
    tmp_path, text, edits, file, key, problem
):
    with pytest.raises(ConfigError) as error:
        load_config(_with_hard_words(tmp_path, text, **edits))
    assert (error.value.file, error.value.key) == (file, key)
    assert problem in error.value.problem


def test_a_hard_word_has_its_words_in_every_language(config):
    for hard in config.hard_words:
        for lang in config.languages:
            assert hard.words[lang] and hard.explanations[lang], (hard.id, lang)
            if lang != "en":
                assert hard.explanation(lang) != hard.explanation("en"), f"{hard.id} is English in {lang}"


# --- in the page's language ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["cy", "ur"])
def test_a_page_explains_its_hard_words_in_its_own_language(portal, config, lang):
    portal.get(f"/?lang={lang}")
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    explained = portal.get(f"/assessments/{assessment_id}/summary").soup.select_one("#words-explained")
    sentences = [li.get_text(" ", strip=True) for li in explained.select("li")]
    assert sentences == [config.text("hard_words.pdf.explanation", lang)]
    account = portal.get("/account").soup.select_one("#words-explained").get_text(" ", strip=True)
    assert config.text("hard_words.json.explanation", lang) in account
    assert config.text("hard_words.json.explanation", "en") not in account


def test_the_check_catches_an_unexplained_word_in_another_language(config):
    ombudsman = config.text("hard_words.ombudsman.word", "cy")
    assert _plain_faults(f"Ewch at yr {ombudsman}.", config, "cy") == [
        f"the hard word {ombudsman!r} without its explanation"
    ]
    explained = config.text("hard_words.ombudsman.explanation", "cy")
    assert _plain_faults(f"Ewch at yr {ombudsman}. {explained}", config, "cy") == []


@pytest.mark.parametrize("lang", ["cy", "ur"])
def test_the_disagreement_pages_explain_their_hard_words_in_each_language(portal, app, config, lang):
    portal.get(f"/?lang={lang}")
    pages = _disagreement_pages(portal, app)
    assert {response.soup.html["lang"] for response in pages.values()} == {lang}
    found = "\n".join(
        f"{name}: {', '.join(words)}"
        for name, response in pages.items()
        if (words := unexplained(_main_text(response), config.hard_words, lang))
    )
    assert not found, found


@pytest.mark.parametrize("lang", ["cy", "ur"])
def test_the_journey_pages_explain_their_hard_words_in_each_language(portal, config, lang):
    portal.get(f"/?lang={lang}")
    pages = _pages(portal)
    assert {response.soup.html["lang"] for response in pages.values()} == {lang}
    found = "\n".join(
        f"{name}: {', '.join(words)}"
        for name, response in pages.items()
        if (words := unexplained(_main_text(response), config.hard_words, lang))
    )
    assert not found, found


@pytest.mark.parametrize("lang", ["en", "cy", "ur"])
def test_the_plan_pages_explain_their_hard_words_in_each_language(portal, config, lang):
    from tests.web.plan_helpers import PA_WEEKLY, add_item, plan_url

    portal.get(f"/?lang={lang}")
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    pages = {
        "plan": portal.get(plan_url(assessment_id)),
        "personal assistant": portal.get(plan_url(assessment_id, "/add/personal_assistant")),
    }
    add_item(portal, assessment_id, "personal_assistant", PA_WEEKLY)
    pages["plan with an item"] = portal.get(plan_url(assessment_id))
    pages["check"] = portal.get(plan_url(assessment_id, "/check"))
    assert {response.soup.html["lang"] for response in pages.values()} == {lang}
    found = "\n".join(
        f"{name}: {', '.join(words)}"
        for name, response in pages.items()
        if (words := unexplained(_main_text(response), config.hard_words, lang))
    )
    assert not found, found
