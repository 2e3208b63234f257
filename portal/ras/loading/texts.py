"""text/<language>.yaml: every citizen-facing text, by dotted key, in each language.

English must have every text the other content files need (each question, option, section, price
list item, support plan message and known accessibility problem), with exactly the {placeholders}
each may use. Every other language must have the same texts as English, with the same placeholders.

Texts that count something have a form for each plural category of the language (CLDR: zero, one, two,
few, many, other), chosen with Babel's plural rule: `count: {one: "{quantity} hour", other: "{quantity}
hours"}` in English; Welsh may add zero, two, few and many. `other` is needed; a form the language's rule
has no use for is an error; a form it does use but the file leaves out falls back to `other`.

Texts about the person someone helps (`<key>.other`, with "they" and "their") may have variants for the
pronouns a person chose: `<key>.other_he` and `<key>.other_she`, each beside its `other` and with the
same {placeholders}. A variant given in English is needed in every language; a language may add
variants English does not have, where its own grammar needs them (Urdu verbs agree with gender).

Each language's file says whether its translation has been checked: `language.review_status` is
`reviewed` or `draft`, and `language.draft_notice` is the sentence pages show while it is a draft.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from portal.ras.loading.yaml_files import ContentFile, join_key, read_yaml
from portal.ras.model import MANAGEMENT_WAYS, AccessibilityStatement, ConfigError, PriceList, Questionnaire

TEXT_DIR = "text"
ENGLISH = "en"
ENGLISH_FILE = f"{TEXT_DIR}/{ENGLISH}.yaml"
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
TEXT_KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
PLACEHOLDER_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")

# Text every question, option and section needs, in each language.
QUESTION_TEXTS = ("title.self", "title.other", "hint.self", "hint.other", "error.self", "error.other", "why")
SCORED_QUESTION_TEXTS = ("area",)
OPTION_TEXTS = ("label.self", "label.other", "hint.self", "hint.other")
QUESTION_PLACEHOLDERS = frozenset({"name"})
# A question whose words name an earlier answer (`uses_answer`) has these too, used when that answer was
# given; each must use the answer's placeholder, and the `other_named` title {name} too.
NAMED_QUESTION_TEXTS = tuple(
    f"{part}.{who}_named" for part in ("title", "hint", "error") for who in ("self", "other")
)
# Its options may have them too (optional), where their words name the answer ("Sam can keep helping me").
NAMED_OPTION_TEXTS = tuple(f"{part}.{who}_named" for part in ("label", "hint") for who in ("self", "other"))

# Support plan text: each price item, each way of managing the money, and the plan messages.
# The value is the set of {placeholders} the text must use (and the only ones it may use).
PRICE_TEXTS: dict[str, set[str]] = {"name": set(), "hint": set()}
PRICED_ITEM_TEXTS: dict[str, set[str]] = {
    "price": {"amount"},
    "quantity": set(),
    "units": set(),
    "count.one": {"quantity"},
    "count.other": {"quantity"},
}
# Plural forms (CLDR categories), and the names older files gave English's two forms.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
OLD_PLURAL_KEYS = {"count_one": "count.one", "count_other": "count.other"}
REVIEW_STATUSES = ("reviewed", "draft")
LANGUAGE_TEXTS = ("language.review_status", "language.draft_notice")
MANAGEMENT_TEXTS: dict[str, set[str]] = {
    "label.self": set(),
    "label.other": {"name"},
    "hint.self": set(),
    "hint.other": {"name"},
}
PLAN_TEXTS: dict[str, set[str]] = {
    "plan.tolerance.within": {"amount"},
    "plan.tolerance.above": {"amount"},
    "plan.tolerance.below": {"amount"},
    "plan.tolerance.talk": set(),
    "plan.panel.budget": {"amount"},
    "plan.panel.plan": {"amount"},
}
ACCESSIBILITY_ISSUE_TEXTS = ("what", "criterion", "fix")
# Optional variants of an `other` text for the pronouns a person chose (None or "they" reads `other`).
PRONOUN_VARIANTS = ("other_he", "other_she")


def pronoun_base(key: str) -> str | None:
    """For a pronoun variant (`questions.toilet.title.other_he`), its `other` text's key; else None."""
    parent, _, last = key.rpartition(".")
    return f"{parent}.other" if parent and last in PRONOUN_VARIANTS else None


def check_pronoun_variants(f: ContentFile, flat: dict[str, str]) -> None:
    """Each pronoun variant in one file sits beside its `other` text and uses the same {placeholders}."""
    for key, text in flat.items():
        base = pronoun_base(key)
        if base is None:
            continue
        if base not in flat:
            f.fail(key, f"has no {base} beside it; a text for he or she is a variant of its other text")
        want, got = placeholders(flat[base]), placeholders(text)
        if want != got:
            f.fail(
                key,
                f"must use the same {{placeholders}} as {base} ({show_placeholders(want)}), "
                f"not {show_placeholders(got)}",
            )


def placeholders(text: str) -> frozenset[str] | None:
    """The {names} in a text, or None when its braces are not well formed."""
    names = set()
    try:
        for _literal, field, conversion, spec in string.Formatter().parse(text):
            if field is None:
                continue
            if not PLACEHOLDER_PATTERN.match(field) or conversion or spec:
                return None
            names.add(field)
    except ValueError:
        return None
    return frozenset(names)


def used_placeholders(text: str) -> frozenset[str]:
    """The {names} in a text already loaded (and so known to be well formed)."""
    return placeholders(text) or frozenset()


def show_placeholders(names: frozenset[str] | set[str] | None) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names or ())) or "none"


def _flatten(f: ContentFile, key: str, value: Any, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        f.mapping(key, value, any_keys=True)
        for name, item in value.items():
            if not TEXT_KEY_PATTERN.match(name):
                f.fail(join_key(key, name), "text names must be lower-case letters, digits and _")
            _flatten(f, join_key(key, name), item, out)
    else:
        if value is None:
            f.fail(key, "is empty; write the text or remove the line")
        parent, _, last = key.rpartition(".")
        out[join_key(parent, OLD_PLURAL_KEYS[last]) if last in OLD_PLURAL_KEYS else key] = f.text(key, value)


def load_texts(content_dir: Path) -> dict[str, dict[str, str]]:
    """Every language's texts by dotted key, English first. Each file on its own is well formed."""
    folder = content_dir / TEXT_DIR
    if not (folder / f"{ENGLISH}.yaml").is_file():
        raise ConfigError(ENGLISH_FILE, "", "this file is missing")
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.yaml"), key=lambda p: (p.stem != ENGLISH, p.stem)):
        name = f"{TEXT_DIR}/{path.name}"
        if not LANGUAGE_PATTERN.match(path.stem):
            raise ConfigError(name, "", "the file name must be a language code, like cy.yaml")
        f = ContentFile(name)
        flat: dict[str, str] = {}
        data = read_yaml(content_dir, name)
        f.mapping("", data, any_keys=True)
        _flatten(f, "", data, flat)
        for key, text in flat.items():
            if placeholders(text) is None:
                f.fail(
                    key,
                    "has a { or } that is not part of a {placeholder} like {name}; "
                    "to show a brace, write {{ or }}",
                )
        check_pronoun_variants(f, flat)
        texts[path.stem] = flat
    return texts


def check_council_name(texts: dict[str, str]) -> None:
    if "council.name" not in texts:
        ContentFile(ENGLISH_FILE).fail(
            "council.name", "is missing; every question, option and section needs this text"
        )
    if "council.address" not in texts:
        ContentFile(ENGLISH_FILE).fail(
            "council.address",
            "is missing; pages tell people where to write to the council, in their language",
        )


def check_questionnaire_texts(texts: dict[str, str], questionnaire: Questionnaire) -> None:
    """Every section, question and option of one questionnaire has its words in English."""
    f = ContentFile(ENGLISH_FILE)
    key_for = questionnaire.text_key
    needed = [key_for(f"sections.{section.id}.title") for section in questionnaire.sections]
    if questionnaire.text_prefix:  # another questionnaire's name, on the account page: "Carer's assessment"
        needed.append(key_for("title"))
    for question in questionnaire.questions.values():
        names = QUESTION_TEXTS + (SCORED_QUESTION_TEXTS if question.scored else ())
        needed.extend(key_for(f"questions.{question.id}.{name}") for name in names)
        for option in question.options:
            needed.extend(key_for(f"options.{question.id}.{option.id}.{name}") for name in OPTION_TEXTS)
    for key in needed:
        if key not in texts:
            f.fail(key, "is missing; every question, option and section needs this text")
    named = _named_texts(texts, questionnaire)
    for key, text in texts.items():
        if key.startswith((key_for("questions."), key_for("options."))):
            allowed = QUESTION_PLACEHOLDERS | ({named[key]} if key in named else set())
            unknown = used_placeholders(text) - allowed
            if unknown:
                words = "placeholder" if len(allowed) == 1 else "placeholders"
                f.fail(
                    key,
                    f"can only use the {words} {show_placeholders(allowed)} here, "
                    f"not {show_placeholders(unknown)}",
                )
    for question in questionnaire.questions.values():
        key = key_for(f"questions.{question.id}.title.other")
        if "name" not in used_placeholders(texts[key]):
            f.fail(key, "must include {name}, the name of the person the form is about")
    for key, placeholder in named.items():
        # (An option's label may only change its grammar: "Ydy" for one named carer, not "Ydyn".)
        if placeholder not in used_placeholders(texts[key]) and ".label." not in key:
            f.fail(key, f"must include {{{placeholder}}}, the answer it names")
        if key.endswith(".title.other_named") and "name" not in used_placeholders(texts[key]):
            f.fail(key, "must include {name}, the name of the person the form is about")


def _named_texts(texts: dict[str, str], questionnaire: Questionnaire) -> dict[str, str]:
    """The `*_named` texts of the questions whose words name an earlier answer, with the placeholder each
    must use. Every one must be there, and no other question may have them."""
    f = ContentFile(ENGLISH_FILE)
    key_for = questionnaire.text_key
    named: dict[str, str] = {}
    for question in questionnaire.questions.values():
        if question.uses_answer is None:
            continue
        placeholder, source = question.uses_answer
        for name in NAMED_QUESTION_TEXTS:
            key = key_for(f"questions.{question.id}.{name}")
            if key not in texts:
                f.fail(
                    key,
                    f"is missing; {question.id} names the answer to {source} (uses_answer), "
                    "so it needs this text",
                )
            named[key] = placeholder
        for option in question.options:
            for name in NAMED_OPTION_TEXTS:
                key = key_for(f"options.{question.id}.{option.id}.{name}")
                if key in texts:
                    named[key] = placeholder
    suffixes = tuple(f".{name}" for name in NAMED_QUESTION_TEXTS + NAMED_OPTION_TEXTS)
    for key in texts:
        named_text = key.startswith((key_for("questions."), key_for("options."))) and key.endswith(suffixes)
        if named_text and key not in named:
            f.fail(
                key,
                "is not used: only a question with uses_answer in the questionnaire names an earlier answer",
            )
    return named


def check_questionnaire_keys(
    texts: dict[str, str], questionnaires: dict[str, Questionnaire], folder: str
) -> None:
    """Texts under questionnaires.<id> belong to a questionnaire that is there."""
    f = ContentFile(ENGLISH_FILE)
    for key in texts:
        if key.startswith(f"{folder}."):
            qid = key.split(".")[1]
            if qid not in questionnaires or not questionnaires[qid].text_prefix:
                f.fail(key, f"is not a text of a questionnaire; there is no {folder}/{qid}.yaml")


def _plan_texts(prices: PriceList) -> dict[str, set[str]]:
    """Every support plan text key English needs, with the {placeholders} it must use."""
    needed: dict[str, set[str]] = {}
    for item in prices.items.values():
        names = PRICE_TEXTS | ({} if item.own_cost else PRICED_ITEM_TEXTS)
        needed.update({f"prices.{item.id}.{name}": want for name, want in names.items()})
    for way in MANAGEMENT_WAYS:
        needed.update({f"plan.management.{way}.{name}": want for name, want in MANAGEMENT_TEXTS.items()})
    needed.update(PLAN_TEXTS)
    return needed


def check_plan_texts(texts: dict[str, str], prices: PriceList, prices_file: str) -> None:
    f = ContentFile(ENGLISH_FILE)
    needed = _plan_texts(prices)
    for key, want in needed.items():
        if key not in texts:
            f.fail(key, "is missing; every price list item and support plan message needs this text")
        got = placeholders(texts[key])
        if got != frozenset(want):
            f.fail(key, f"must use the placeholders {show_placeholders(want)}, not {show_placeholders(got)}")
    for key in texts:
        if key.startswith(("prices.", "plan.")) and key not in needed and pronoun_base(key) not in needed:
            f.fail(
                key,
                f"is not a text the support plan uses; check the spelling, or the item id in {prices_file}",
            )


def check_accessibility_texts(
    texts: dict[str, str], statement: AccessibilityStatement, council_file: str
) -> None:
    f = ContentFile(ENGLISH_FILE)
    needed = ["accessibility.tested_by"] + [
        f"accessibility.known_issues.{issue}.{name}"
        for issue in statement.known_issues
        for name in ACCESSIBILITY_ISSUE_TEXTS
    ]
    for key in needed:
        if key not in texts:
            f.fail(key, f"is missing; each known accessibility problem in {council_file} needs this text")
    for key in texts:
        if key.startswith("accessibility.") and key not in needed and pronoun_base(key) not in needed:
            f.fail(
                key, f"is not a text the accessibility statement uses; check it is listed in {council_file}"
            )


def plural_groups(english: dict[str, str]) -> set[str]:
    """The keys of English texts that count something: every text under them is named by a plural
    category, and there are forms for both of English's categories, one and other."""
    children: dict[str, set[str]] = {}
    for key in english:
        parent, _, last = key.rpartition(".")
        children.setdefault(parent, set()).add(last)
    return {
        parent
        for parent, names in children.items()
        if parent and {"one", "other"} <= names and names <= set(PLURAL_CATEGORIES)
    }


def _plural_categories(f: ContentFile, lang: str) -> frozenset[str]:
    try:
        return frozenset(Locale.parse(lang).plural_form.tags) | {"other"}
    except (UnknownLocaleError, ValueError):
        f.fail("", f"{lang} is not a language code Babel knows, so its plural forms are not known")


def check_language_status(lang: str, flat: dict[str, str]) -> None:
    """`language.review_status` (reviewed or draft) and `language.draft_notice` in every language."""
    f = ContentFile(f"{TEXT_DIR}/{lang}.yaml")
    for key in LANGUAGE_TEXTS:
        if key not in flat:
            f.fail(key, "is missing; every language says whether its translation has been checked")
    status = flat["language.review_status"]
    if status not in REVIEW_STATUSES:
        f.fail("language.review_status", f"must be {' or '.join(REVIEW_STATUSES)}, not {status!r}")


def check_other_languages(texts: dict[str, dict[str, str]]) -> None:
    english = texts[ENGLISH]
    check_language_status(ENGLISH, english)
    groups = plural_groups(english)
    for lang, flat in texts.items():
        if lang == ENGLISH:
            continue
        f = ContentFile(f"{TEXT_DIR}/{lang}.yaml")
        categories = _plural_categories(f, lang)

        def plural(key: str) -> tuple[str, str] | None:
            parent, _, last = key.rpartition(".")
            return (parent, last) if parent in groups else None

        for key in english:
            if key not in flat and plural(key) is None:
                f.fail(key, f"is missing; every language needs the same texts as {ENGLISH_FILE}")
        for group in sorted(groups):
            if f"{group}.other" not in flat:
                f.fail(f"{group}.other", "is missing; a text that counts needs its other form")
        for key, text in flat.items():
            form = plural(key)
            if form is not None:
                group, category = form
                if category not in categories:
                    used = ", ".join(c for c in PLURAL_CATEGORIES if c in categories)
                    f.fail(key, f"is not a plural form of {lang}; its forms are {used}")
                want, got = placeholders(english[f"{group}.other"]), placeholders(text)
                if got is None or want is None or not got <= want or (category == "other" and got != want):
                    f.fail(
                        key,
                        f"can use only the {{placeholders}} of {ENGLISH_FILE} ({show_placeholders(want)}), "
                        f"and its other form must use them all; not {show_placeholders(got)}",
                    )
                continue
            if key not in english and pronoun_base(key) in english:
                continue  # a variant this language's grammar needs (checked against its own other text)
            if key not in english:
                f.fail(key, f"is not in {ENGLISH_FILE}; remove it, or add it to English first")
            want, got = placeholders(english[key]), placeholders(text)
            if want != got:
                f.fail(
                    key,
                    f"must use the same {{placeholders}} as {ENGLISH_FILE} "
                    f"({show_placeholders(want)}), not {show_placeholders(got)}",
                )
        check_language_status(lang, flat)
