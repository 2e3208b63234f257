"""The council's rules as plain, frozen data.

Everything here is built once by `portal.ras.loading.load_config` from the
files in `content/`, and then only read. Money is always whole pence (int).
Percentages and factors are `Decimal`, never float.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portal.ras.disagreement import DisagreementConfig
    from portal.ras.reviews import ReviewRules

from portal.ras.answers import KINDS as QUESTION_KINDS  # noqa: F401  (one class per kind lives there)

# The id of the main self-assessment when questionnaire.yaml does not give one.
MAIN_QUESTIONNAIRE = "self_assessment"


class ConfigError(Exception):
    """A problem in the council's content files.

    `file` is the path inside the content folder (for example
    "questionnaire.yaml" or "text/cy.yaml"), `key` is the dotted path of the
    setting (for example "questions.nutrition.options.some_help.points"), and
    `problem` says what is wrong in plain English.

    When the problem is with the whole file (it is missing, or it is not a
    set of settings at all) `key` is "" and the message is "file: problem".
    """

    def __init__(self, file: str, key: str, problem: str):
        self.file = file
        self.key = key
        self.problem = problem
        super().__init__(f"{file}: {key}: {problem}" if key else f"{file}: {problem}")


@dataclass(frozen=True)
class Option:
    id: str
    points: int


@dataclass(frozen=True)
class Condition:
    """A skip rule: "skip this question when <answer> <op> <values>".

    `answer` is the id of an earlier question. `op` is one of OPERATORS in
    `portal.ras.routing` ("equals", "in", "not_in"). A condition about a
    question that has no answer (or is itself skipped) is never true.
    """

    answer: str
    op: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    kind: str  # one of QUESTION_KINDS: "radios", "date", "date_of_birth", "number" or "text"
    options: tuple[Option, ...]  # empty unless "radios"
    skip_when: Condition | None
    scored: bool  # True when the option's points count towards the budget
    # True when it may be left empty (only a kind in answers.OPTIONAL_KINDS): an empty answer is a good
    # answer (answers.LEFT_EMPTY), and it never stops the form being sent
    optional: bool = False
    # Its words may name the answer to an earlier text question (`uses_answer: {carer: carer_name}` in
    # questionnaire.yaml): the placeholder, and the question whose answer fills it. When that answer is
    # not empty, the question reads its `*_named` texts ("Can {carer} keep helping you?").
    uses_answer: tuple[str, str] | None = None

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"{self.id} has no option {option_id!r}")

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


@dataclass(frozen=True)
class Section:
    id: str
    question_ids: tuple[str, ...]


@dataclass(frozen=True)
class MoneyRules:
    """A questionnaire's own money rules (its `money:` block), for one that works out a budget of its own,
    such as a carer's budget. The main self-assessment uses the rules in council.yaml instead."""

    version: str  # the name of these rules: every budget they work out is saved with it
    bands: tuple[Band, ...]
    family_help: FamilyHelpRule | None  # None: help from family or friends takes nothing off


@dataclass(frozen=True)
class Questionnaire:
    sections: tuple[Section, ...]
    questions: dict[str, Question]  # in the order they are asked
    id: str = MAIN_QUESTIONNAIRE
    # Where its words are in text/<language>.yaml: "" for the main self-assessment (questions.<id>...),
    # "questionnaires.<id>." for any other.
    text_prefix: str = ""
    # True for the main self-assessment: its points and the council's money rules work out a budget. A
    # questionnaire without points (a carer's own assessment ...) is only sent: produces_budget: false.
    produces_budget: bool = True
    # Its own money rules (questionnaires/<id>.yaml `money:`); None for the main self-assessment, whose
    # money rules are the council's (council.yaml).
    money: MoneyRules | None = None

    def text_key(self, key: str) -> str:
        """The text key of one of its words: text_key("questions.nutrition.why")."""
        return self.text_prefix + key

    @property
    def scored_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions.values() if q.scored)


@dataclass(frozen=True)
class Band:
    up_to: int | None  # last point in this band; None means no upper limit
    pence_per_point: int


@dataclass(frozen=True)
class FamilyHelpRule:
    help_question: str
    continues_question: str
    reduction_percent: dict[str, Decimal]  # help option id -> percent taken off
    continues_factor: dict[str, Decimal]  # continues option id -> share of that percent
    carer_assessment_when: tuple[str, ...]  # continues option ids that show the carer's assessment message
    # The family carer's own view (all optional). `carer_name_question`: a text question, who the carer is.
    # `agreement_question`: a question with options, whether the carer says they are willing and able to
    # keep helping; `agreed_answers` are its answers that mean yes. With `needs_carer_agreement` the help
    # is taken off only when the carer agreed.
    carer_name_question: str | None = None
    agreement_question: str | None = None
    agreed_answers: tuple[str, ...] = ()
    needs_carer_agreement: bool = False

    @property
    def view_given_for_carer(self) -> bool:
        """True when the carer's view is the answer to `continues_question` (agreement_question names it):
        the person, or their helper, answers it for the carer. The budget page then says what "you told
        us" the carer can do, rather than what the carer said."""
        return self.agreement_question is not None and self.agreement_question == self.continues_question


# How well the portal meets the Web Content Accessibility Guidelines 2.2, level AA, as its accessibility
# statement says: fully, partially or not compliant.
COMPLIANCE_LEVELS = ("fully", "partially", "not")


@dataclass(frozen=True)
class AccessibilityStatement:
    """The council's facts for the accessibility statement. Its words are in the text files."""

    compliance: str  # one of COMPLIANCE_LEVELS
    # ids of what does not meet the standard: text accessibility.known_issues.<id>
    known_issues: tuple[str, ...]
    prepared: date  # when the statement was first written
    reviewed: date  # when it was last checked
    tested: date  # when the service was last tested
    reply_working_days: int  # how soon we answer a report of a problem, or a request for another format


@dataclass(frozen=True)
class Council:
    id: str
    name: str
    demo: bool
    phone: str
    email: str
    address: str
    website: str


# How often a support plan item is paid, and the ways the money for it can be managed.
FREQUENCIES = ("per_week", "per_month", "per_year", "one_off")
MANAGEMENT_WAYS = ("direct_payment", "council_arranged", "individual_service_fund")


@dataclass(frozen=True)
class PriceItem:
    """One item on the council's price list for support plans."""

    id: str
    # the price of one unit (an hour, a night ...); None when the person says the cost
    price_pence: int | None
    frequencies: tuple[str, ...]  # the ways it can be paid, a subset of FREQUENCIES in that order

    @property
    def own_cost(self) -> bool:
        return self.price_pence is None


@dataclass(frozen=True)
class PriceList:
    version: str
    items: dict[str, PriceItem]  # in the order they are offered
    item_limit_pence: int  # the most one item may cost for each time it is paid (a typing-mistake check)
    quantity_limit: int  # the most of anything one item may have


@dataclass(frozen=True)
class HardWord:
    """A word many people find hard (hard-words.yaml): a page that uses it must also explain it.

    The word and the sentence that explains it are the council's text in each language (text/<lang>.yaml,
    under hard_words.<id>), so a page explains the word in the language it is written in.
    """

    id: str
    words: dict[str, str]  # language code -> the word as that language writes it
    explanations: dict[str, str]  # language code -> the easy-read sentence that explains it
    # language code -> other sentences, or parts of them, that explain it as well
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def word(self, lang: str = "en") -> str:
        return self.words.get(lang) or self.words["en"]

    def explanation(self, lang: str = "en") -> str:
        return self.explanations.get(lang) or self.explanations["en"]

    def explained_by(self, lang: str = "en") -> tuple[str, ...]:
        """Every sentence that explains the word in `lang`: its explanation first."""
        return (self.explanation(lang), *self.also.get(lang, ()))


@dataclass(frozen=True)
class Config:
    version: str
    council: Council
    questionnaire: Questionnaire
    bands: tuple[Band, ...]
    family_help: FamilyHelpRule | None  # None only in the rules of a questionnaire without that rule
    tolerance_percent: Decimal
    panel_weekly_pence: int
    weeks_per_year: int
    texts: dict[str, dict[str, str]]  # language code -> dotted key -> text
    prices: PriceList  # the support plan price list, from prices.yaml
    disagreement: DisagreementConfig | None = None  # the disagreement route: content/disagreement.yaml
    accessibility: AccessibilityStatement | None = None  # council.yaml: accessibility
    # Every questionnaire by id, the main one (`questionnaire`) first: questionnaires/<id>.yaml.
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    hard_words: tuple[HardWord, ...] = ()  # hard-words.yaml: words a page must explain if it uses them
    reviews: ReviewRules | None = None  # council.yaml: reviews (portal.ras.reviews)

    def __post_init__(self) -> None:
        if not self.questionnaires:
            object.__setattr__(self, "questionnaires", {self.questionnaire.id: self.questionnaire})

    def rules_for(self, questionnaire_id: str) -> Config:
        """The rules that work out the budget of a form of this questionnaire: the council's for the main
        self-assessment, the questionnaire's own money rules (version, bands, family help) for another
        that makes a budget. Everything else (prices, tolerance, panel, weeks in a year) is the council's.
        KeyError when there is no such questionnaire."""
        questionnaire = self.questionnaires[questionnaire_id]
        if questionnaire.money is None:
            return self
        money = questionnaire.money
        return replace(
            self,
            version=money.version,
            questionnaire=questionnaire,
            bands=money.bands,
            family_help=money.family_help,
        )

    def area_key(self, question_id: str) -> str:
        """The text key of the short name of a need (a scored question), in whichever questionnaire asks
        it: "questions.nutrition.area", "questionnaires.carers.questions.breaks.area". Scored questions of
        different questionnaires have different ids (checked on load), as plans name needs by id."""
        for questionnaire in self.questionnaires.values():
            question = questionnaire.questions.get(question_id)
            if question is not None and question.scored:
                return questionnaire.text_key(f"questions.{question_id}.area")
        return f"questions.{question_id}.area"

    @property
    def languages(self) -> tuple[str, ...]:
        """Language codes with a text file, English first."""
        return ("en",) + tuple(sorted(lang for lang in self.texts if lang != "en"))

    def text(self, key: str, lang: str = "en", **fmt: object) -> str:
        """The council's text for `key` in `lang`, falling back to English.

        Raises KeyError when English has no such key. With keyword arguments
        the text is filled in with them: text("questions.toilet.title.other",
        name="Sam").
        """
        value = self.texts.get(lang, {}).get(key)
        if value is None:
            value = self.texts["en"][key]
        return value.format(**fmt) if fmt else value
