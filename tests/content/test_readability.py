"""Easy read: every citizen-facing text in content/text is short and plain (CONTENT.md)."""

from __future__ import annotations

import re

import pytest

# Question titles, hints and error messages, answer labels and hints: each at most grade 4.
OPTION_OR_QUESTION = re.compile(
    r"^(questions\.[a-z0-9_]+\.(title|hint|error)|options\.[a-z0-9_]+\.[a-z0-9_]+\.(label|hint))\."
)


def _texts(config, lang="en"):
    return config.texts[lang]


def test_each_question_and_option_is_grade_4_or_lower(demo_config, readability):
    measured = {
        key: readability.grade(text)
        for key, text in _texts(demo_config).items()
        if OPTION_OR_QUESTION.match(key)
    }
    assert len(measured) > 100  # titles, hints, labels: the filter found them
    too_hard = {key: round(g, 1) for key, g in measured.items() if g > readability.MAX_GRADE}
    assert not too_hard, f"Flesch-Kincaid grade over {readability.MAX_GRADE}: {too_hard}"


@pytest.mark.parametrize("variant", ["self", "other"])
def test_each_question_page_as_a_whole_is_grade_6_or_lower(demo_config, readability, variant):
    too_hard = {}
    for question in demo_config.questionnaire.questions.values():
        parts = [demo_config.text(f"questions.{question.id}.{name}.{variant}") for name in ("title", "hint")]
        parts.append(demo_config.text(f"questions.{question.id}.why"))
        for option in question.options:
            for name in ("label", "hint"):
                parts.append(demo_config.text(f"options.{question.id}.{option.id}.{name}.{variant}"))
        page = " ".join(p if p.rstrip().endswith((".", "?", "!")) else p + "." for p in parts)
        page_grade = readability.grade(page)
        if page_grade > readability.MAX_PAGE_GRADE:
            too_hard[question.id] = round(page_grade, 1)
    assert not too_hard, f"question page grade over {readability.MAX_PAGE_GRADE} ({variant}): {too_hard}"


def test_no_sentence_is_over_25_words(demo_config, readability):
    for lang in demo_config.texts:
        too_long = {key: readability.long_sentences(text) for key, text in _texts(demo_config, lang).items()}
        too_long = {key: found for key, found in too_long.items() if found}
        assert not too_long, (
            f"text/{lang}.yaml: sentences over {readability.MAX_SENTENCE_WORDS} words: {too_long}"
        )


def test_most_sentences_are_15_words_or_fewer(demo_config, readability):
    for lang in demo_config.texts:
        texts = list(_texts(demo_config, lang).values())
        share = readability.short_share(texts)
        longest = sorted((readability.word_count(s), s) for t in texts for s in readability.sentences(t))[-3:]
        assert share >= readability.MIN_SHORT_SHARE, (
            f"text/{lang}.yaml: only {share:.0%} of sentences are "
            f"{readability.SHORT_SENTENCE_WORDS} words or fewer; longest: {longest}"
        )


def test_every_other_title_names_the_person(demo_config):
    missing = [
        qid
        for qid in demo_config.questionnaire.questions
        if "{name}" not in demo_config.text(f"questions.{qid}.title.other")
    ]
    assert not missing, f"these titles need {{name}} in their .other text: {missing}"


def test_every_other_error_message_names_the_person(demo_config):
    missing = [
        qid
        for qid in demo_config.questionnaire.questions
        if "{name}" not in demo_config.text(f"questions.{qid}.error.other")
    ]
    assert not missing, f"these error messages need {{name}} in their .other text: {missing}"


def test_self_texts_do_not_use_the_name(demo_config):
    # "self" is shown to the person themselves: "Sam" would be wrong there.
    wrong = [key for key, text in _texts(demo_config).items() if key.endswith(".self") and "{name}" in text]
    assert not wrong, f"these .self texts use {{name}}: {wrong}"


# Words CONTENT.md asks us not to use in text people read.
JARGON = re.compile(
    r"\b(RAS|PA|GP|e\.g|etc|i\.e|resources?|indicative|allocation|provision|eligib\w*|"
    r"assessed|outcomes?|hygiene|nutrition|habitable|facilitat\w*|utili[sz]\w*|appropriate\w*)\b"
)


def test_no_jargon_or_abbreviations(demo_config):
    found = {key: JARGON.findall(text) for key, text in _texts(demo_config).items()}
    found = {key: words for key, words in found.items() if words}
    assert not found, f"use everyday words instead of: {found}"


def test_no_capitals_for_emphasis(demo_config):
    # A hard word written in capitals (PDF) is a name, not emphasis: it is explained wherever it is used.
    names = [hard.word() for hard in demo_config.hard_words if hard.word().isupper()]
    shouting = {
        key: text
        for key, text in _texts(demo_config).items()
        if re.search(
            r"\b[A-Z]{3,}\b", re.sub("|".join(rf"\b{re.escape(n)}\b" for n in names) or "$^", "", text)
        )
    }
    assert not shouting, f"do not use capitals for emphasis: {shouting}"


# The checks themselves must be able to fail.


def test_grade_finds_hard_text(readability):
    assert readability.grade("Do you need help to wash?") <= readability.MAX_GRADE
    hard = "Individuals requiring considerable assistance with personal hygienic maintenance activities."
    assert readability.grade(hard) > readability.MAX_GRADE


def test_placeholders_are_filled_before_measuring(readability):
    assert readability.fill("Does {name} need help? It costs {amount}. Use {{braces}}.") == (
        "Does Sam need help? It costs £12. Use {braces}."
    )


def test_sentences_and_words_are_counted(readability):
    text = "We will phone you. Is that fine? Yes!\nA new line is a new sentence"
    assert readability.sentences(text) == [
        "We will phone you.",
        "Is that fine?",
        "Yes!",
        "A new line is a new sentence",
    ]
    assert readability.word_count("It costs £12 a week - or 27 3 1960.") == 9
    long = " ".join(["word"] * 26) + "."
    assert readability.long_sentences(long) == [long]
    assert readability.long_sentences(" ".join(["word"] * 25) + ".") == []


def test_short_share_counts_every_sentence(readability):
    short = "This is short."
    long = " ".join(["word"] * 16) + "."
    assert readability.short_share([short, short, short, short, long]) == 0.8
    assert readability.short_share([short, long]) == 0.5


# The disagreement route: each text of each step, and the step as a whole, is easy to read.


def _disagreement_texts(config):
    """The route's sentences; not the names and addresses of the complaints team and the Ombudsman."""
    return {
        key: text
        for key, text in config.texts["en"].items()
        if key.startswith("disagreement.")
        and not key.startswith(("disagreement.complaints.", "disagreement.ombudsman."))
    }


def test_disagreement_texts_are_found(demo_config):
    texts = _disagreement_texts(demo_config)
    steps = {key.split(".")[2] for key in texts if key.startswith("disagreement.steps.")}
    assert steps == {"plan", "care_manager", "advocate", "team_manager", "complaint", "ombudsman"}
    assert len(texts) >= 6 * 5


def test_each_disagreement_text_is_grade_6_or_lower(demo_config, readability):
    too_hard = {
        key: round(readability.grade(text), 1)
        for key, text in _disagreement_texts(demo_config).items()
        if readability.grade(text) > readability.MAX_PAGE_GRADE
    }
    assert not too_hard, f"Flesch-Kincaid grade over {readability.MAX_PAGE_GRADE}: {too_hard}"


def test_each_disagreement_step_as_a_whole_is_grade_6_or_lower(demo_config, readability):
    too_hard = {}
    for step in ("plan", "care_manager", "advocate", "team_manager", "complaint", "ombudsman"):
        parts = [
            demo_config.text(f"disagreement.steps.{step}.{name}")
            for name in ("title", "what", "happens", "how_long", "who_helps")
        ]
        page = " ".join(p if p.rstrip().endswith((".", "?", "!")) else p + "." for p in parts)
        if readability.grade(page) > readability.MAX_PAGE_GRADE:
            too_hard[step] = round(readability.grade(page), 1)
    assert not too_hard, f"step grade over {readability.MAX_PAGE_GRADE}: {too_hard}"


def test_no_disagreement_sentence_is_over_25_words(demo_config, readability):
    too_long = {
        key: readability.long_sentences(text) for key, text in _disagreement_texts(demo_config).items()
    }
    assert not {key: found for key, found in too_long.items() if found}


def test_step_titles_are_short_and_plain(demo_config, readability):
    titles = {key: text for key, text in _disagreement_texts(demo_config).items() if key.endswith(".title")}
    too_hard = {
        key: round(readability.grade(text), 1)
        for key, text in titles.items()
        if readability.grade(text) > readability.MAX_GRADE
    }
    assert not too_hard


# --- the support plan: the price list, the ways to manage money, the plan messages ---

PLAN_CHOICE = re.compile(
    r"^(prices\.[a-z0-9_]+\.(name|hint|quantity)|plan\.management\.[a-z0-9_]+\.(label|hint)\.(self|other))$"
)
PLAN_MESSAGE = re.compile(r"^plan\.(tolerance|panel)\.[a-z0-9_]+$")


def test_each_price_list_item_and_money_choice_is_grade_4_or_lower(demo_config, readability):
    measured = {
        key: readability.grade(text) for key, text in _texts(demo_config).items() if PLAN_CHOICE.match(key)
    }
    # every item has a name and a hint; every way of managing the money has a label and a hint, twice
    assert len(measured) >= 2 * len(demo_config.prices.items) + 4 * 3
    too_hard = {key: round(g, 1) for key, g in measured.items() if g > readability.MAX_GRADE}
    assert not too_hard, f"Flesch-Kincaid grade over {readability.MAX_GRADE}: {too_hard}"


def test_each_plan_message_is_grade_4_or_lower(demo_config, readability):
    measured = {
        key: readability.grade(text) for key, text in _texts(demo_config).items() if PLAN_MESSAGE.match(key)
    }
    assert len(measured) == 6
    too_hard = {key: round(g, 1) for key, g in measured.items() if g > readability.MAX_GRADE}
    assert not too_hard, f"Flesch-Kincaid grade over {readability.MAX_GRADE}: {too_hard}"


@pytest.mark.parametrize("variant", ["self", "other"])
def test_the_plan_choices_as_a_page_are_grade_6_or_lower(demo_config, readability, variant):
    # The "what help" page lists every item; the item page offers every way of managing the money.
    items = [demo_config.text(f"prices.{i}.{n}") for i in demo_config.prices.items for n in ("name", "hint")]
    ways = [
        demo_config.text(f"plan.management.{w}.{n}.{variant}")
        for w in ("direct_payment", "council_arranged", "individual_service_fund")
        for n in ("label", "hint")
    ]
    for parts in (items, ways):
        page = " ".join(p if p.rstrip().endswith((".", "?", "!")) else p + "." for p in parts)
        assert readability.grade(page) <= readability.MAX_PAGE_GRADE, (
            variant,
            round(readability.grade(page), 1),
        )


def test_plan_words_are_explained_where_they_are_used(demo_config):
    # CONTENT.md: a word that must be used is explained the first time, in a short sentence.
    texts = _texts(demo_config)
    assert "This is called a direct payment." in texts["plan.management.direct_payment.hint.self"]
    assert (
        "This is called an individual service fund."
        in texts["plan.management.individual_service_fund.hint.self"]
    )
    assert "This is called a personal assistant." in texts["prices.personal_assistant.hint"]
    assert "called a panel" in texts["plan.panel.budget"]
