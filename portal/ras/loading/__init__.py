"""Read and check the council's content files: one module per file.

`load_config(content_dir)` reads them all, checks each against the others, and returns a `Config`.
The first problem found stops loading with a `ConfigError` that names the file, the setting and what
is wrong, in words a council officer can act on.

    yaml_files.py     the strict YAML reader, and ContentFile, which names the file in each error
    council.py        council.yaml: the council, money bands, family help, accessibility facts
    questionnaire.py  questionnaire.yaml, and any questionnaires/<id>.yaml
    prices.py         prices.yaml: the support plan price list
    disagreement.py   disagreement.yaml, and the route's texts
    texts.py          text/<language>.yaml: every text, checked against what the files above need
    hard_words.py     hard-words.yaml: the hard words and their matching rules; their words are texts
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from portal.ras.loading.council import COUNCIL_FILE, family_help_rule, load_council
from portal.ras.loading.disagreement import check_disagreement_texts, load_disagreement
from portal.ras.loading.hard_words import load_hard_words
from portal.ras.loading.prices import PRICES_FILE, load_prices
from portal.ras.loading.questionnaire import QUESTIONNAIRE_FILE, QUESTIONNAIRES_DIR, load_questionnaires
from portal.ras.loading.texts import (
    ENGLISH,
    check_accessibility_texts,
    check_council_name,
    check_other_languages,
    check_plan_texts,
    check_questionnaire_keys,
    check_questionnaire_texts,
    load_texts,
)
from portal.ras.model import Config, ConfigError

__all__ = ["load_config"]


def load_config(content_dir: Path | str) -> Config:
    """Read and check every content file. Raises ConfigError on the first problem."""
    content_dir = Path(content_dir)
    council = load_council(content_dir)
    questionnaires = load_questionnaires(content_dir)
    main = next(iter(questionnaires.values()))
    family_help = family_help_rule(council.family_help, main, QUESTIONNAIRE_FILE)
    scored_in: dict[str, str] = {}
    for other in questionnaires.values():
        for question in other.scored_questions:
            if question.id in scored_in:
                raise ConfigError(
                    f"{QUESTIONNAIRES_DIR}/{other.id}.yaml",
                    f"questions.{question.id}",
                    f'"{question.id}" is already a question with points in {scored_in[question.id]}; '
                    "a support plan names each need by its question, so give this one another id",
                )
            scored_in[question.id] = (
                QUESTIONNAIRE_FILE if not other.text_prefix else f"{QUESTIONNAIRES_DIR}/{other.id}.yaml"
            )
        if other.money is not None and other.money.version == council.version:
            raise ConfigError(
                f"{QUESTIONNAIRES_DIR}/{other.id}.yaml",
                "money.version",
                f'must not be "{council.version}", the version of the rules in {COUNCIL_FILE}: give this '
                "questionnaire's money rules their own name, so every budget says which rules worked it out",
            )
    disagreement = load_disagreement(content_dir)
    prices = load_prices(content_dir)
    texts = load_texts(content_dir)
    english = texts[ENGLISH]
    check_council_name(english)
    council_contact = dataclasses.replace(council.council, address=english["council.address"])
    for questionnaire in questionnaires.values():
        check_questionnaire_texts(english, questionnaire)
    check_questionnaire_keys(english, questionnaires, QUESTIONNAIRES_DIR)
    check_accessibility_texts(english, council.accessibility, COUNCIL_FILE)
    check_disagreement_texts(english, disagreement)
    check_plan_texts(english, prices, PRICES_FILE)
    check_other_languages(texts)
    hard_words = load_hard_words(content_dir, texts)
    return Config(
        version=council.version,
        council=council_contact,
        questionnaire=main,
        questionnaires=questionnaires,
        bands=council.bands,
        family_help=family_help,
        tolerance_percent=council.tolerance_percent,
        panel_weekly_pence=council.panel_weekly_pence,
        weeks_per_year=council.weeks_per_year,
        texts=texts,
        prices=prices,
        disagreement=disagreement.in_words(english.__getitem__),
        accessibility=council.accessibility,
        hard_words=hard_words,
        reviews=council.reviews,
    )
