"""Answer types: one class for each kind of question a council can write in `content/questionnaire.yaml`.

Each class owns which answers it accepts, and says why it refuses one with a reason constant (never a
message: the web layer words each reason, in the person's language). Each also says how a stored answer
reads: the stored text as a value of its own type (an option id, a `date`, a whole number, some text).

Stored answers are text: an option id, an ISO date "YYYY-MM-DD", a whole number in digits, or text.

A question of a kind in OPTIONAL_KINDS can be optional (`optional: true` in questionnaire.yaml): an empty
answer to it is a good answer, stored as LEFT_EMPTY (`check_or_empty`, `read_or_empty`). It never stops a
form being sent (`portal.ras.routing`).

    >>> answer_type("date_of_birth").check_parts("30", "2", "1960", today=date(2026, 1, 1)).reason
    'not_real'

Pure: no Flask, no database. Today's date is an argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

# Why an answer is refused.
MISSING = "missing"  # nothing was given
NOT_AN_OPTION = "not_an_option"  # not one of the question's options
PART_MISSING = "part_missing"  # a date with a day, month or year left out (`part` says which)
NOT_NUMBERS = "not_numbers"  # a date with something other than digits in a box
YEAR_NOT_FOUR_DIGITS = "year_not_four_digits"
NOT_REAL = "not_real"  # a date that does not exist, like 30 February
NOT_IN_PAST = "not_in_past"  # a date of birth today or later
TOO_LONG_AGO = "too_long_ago"  # a date of birth more than OLDEST_YEARS ago
NOT_WHOLE_NUMBER = "not_whole_number"
TOO_SMALL = "too_small"
TOO_BIG = "too_big"
TOO_LONG = "too_long"  # text longer than Text.MAX_LENGTH

LEFT_EMPTY = ""  # the stored answer of an optional question left empty

DAY, MONTH, YEAR = "day", "month", "year"
PARTS = (DAY, MONTH, YEAR)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Checked:
    """What a check says: the stored form of a good answer, or the reason it is refused (and, for a date,
    the box to point at)."""

    value: str | None = None
    reason: str | None = None
    part: str | None = None

    @property
    def ok(self) -> bool:
        return self.reason is None


class AnswerType:
    """What every kind of answer does. `kind` is the word used in questionnaire.yaml."""

    kind: ClassVar[str]
    has_options: ClassVar[bool] = False  # True when the question lists its options in questionnaire.yaml

    def read(self, stored: object, option_ids: tuple[str, ...] = ()) -> object | None:
        """The stored answer as a value of this kind, or None when it is not a valid answer."""
        raise NotImplementedError

    def check(
        self, given: str | None, option_ids: tuple[str, ...] = (), today: date | None = None
    ) -> Checked:
        """A typed-in answer: the text to store, or why it is refused."""
        raise NotImplementedError

    def check_or_empty(
        self,
        given: str | None,
        option_ids: tuple[str, ...] = (),
        today: date | None = None,
        *,
        optional: bool = False,
    ) -> Checked:
        """As `check`, but an optional question left empty (or only spaces) is answered: LEFT_EMPTY."""
        if optional and not (given or "").strip():
            return Checked(value=LEFT_EMPTY)
        return self.check(given, option_ids, today)

    def read_or_empty(
        self, stored: object, option_ids: tuple[str, ...] = (), *, optional: bool = False
    ) -> object | None:
        """As `read`, but a stored answer to an optional question that is not a good one (left empty, or
        one its type no longer accepts, such as text now too long) reads as LEFT_EMPTY."""
        value = self.read(stored, option_ids)
        if value is None and optional:
            return LEFT_EMPTY
        return value


class Choice(AnswerType):
    """Radios: pick one of the question's options."""

    kind = "radios"
    has_options = True

    def read(self, stored: object, option_ids: tuple[str, ...] = ()) -> str | None:
        return stored if isinstance(stored, str) and stored in option_ids else None

    def check(
        self, given: str | None, option_ids: tuple[str, ...] = (), today: date | None = None
    ) -> Checked:
        if not given:
            return Checked(reason=MISSING)
        if given not in option_ids:
            return Checked(reason=NOT_AN_OPTION)
        return Checked(value=given)


class Date(AnswerType):
    """A date, typed into three boxes: day, month and year."""

    kind = "date"

    def read(self, stored: object, option_ids: tuple[str, ...] = ()) -> date | None:
        if not isinstance(stored, str) or not _ISO_DATE.fullmatch(stored):
            return None
        try:
            return date.fromisoformat(stored)
        except ValueError:
            return None

    def check(
        self, given: str | None, option_ids: tuple[str, ...] = (), today: date | None = None
    ) -> Checked:
        value = self.read(given)
        if value is None:
            return Checked(reason=MISSING if not given else NOT_REAL, part=DAY)
        return self.check_date(value, today)

    def check_parts(self, day: str, month: str, year: str, today: date | None = None) -> Checked:
        """Three boxes as typed (already stripped of spaces)."""
        boxes = {DAY: day, MONTH: month, YEAR: year}
        missing = [part for part in PARTS if not boxes[part]]
        if len(missing) == len(PARTS):
            return Checked(reason=MISSING, part=DAY)
        if missing:
            return Checked(reason=PART_MISSING, part=missing[0])
        not_digits = [
            part for part in PARTS if not boxes[part].isdecimal()
        ]  # digits of any script: int() reads them
        if not_digits:
            return Checked(reason=NOT_NUMBERS, part=not_digits[0])
        if len(year) != 4:
            return Checked(reason=YEAR_NOT_FOUR_DIGITS, part=YEAR)
        try:
            value = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a day or month of many digits is not a real date
            return Checked(reason=NOT_REAL, part=DAY)
        return self.check_date(value, today)

    def check_date(self, value: date, today: date | None) -> Checked:
        """A real date: any real date will do for a plain date question."""
        return Checked(value=value.isoformat())


class DateOfBirth(Date):
    """A date of birth: a date in the past, and not more than OLDEST_YEARS years ago."""

    kind = "date_of_birth"
    OLDEST_YEARS: ClassVar[int] = 130

    def check_date(self, value: date, today: date | None) -> Checked:
        if today is None:
            raise ValueError("a date of birth is checked against today's date")
        if value >= today:
            return Checked(reason=NOT_IN_PAST, part=DAY)
        if value.year < self.earliest_year(today):
            return Checked(reason=TOO_LONG_AGO, part=YEAR)
        return Checked(value=value.isoformat())

    def earliest_year(self, today: date) -> int:
        return today.year - self.OLDEST_YEARS


class Number(AnswerType):
    """A whole number from LOWEST to HIGHEST, like how many people live with you."""

    kind = "number"
    LOWEST: ClassVar[int] = 0
    HIGHEST: ClassVar[int] = 9999

    def read(self, stored: object, option_ids: tuple[str, ...] = ()) -> int | None:
        if not isinstance(stored, str) or not _WHOLE_NUMBER.fullmatch(stored):
            return None
        value = int(stored)
        return value if self.LOWEST <= value <= self.HIGHEST else None

    def check(
        self, given: str | None, option_ids: tuple[str, ...] = (), today: date | None = None
    ) -> Checked:
        text = (given or "").strip().replace(",", "")
        if not text:
            return Checked(reason=MISSING)
        if text.startswith("-") and _WHOLE_NUMBER.fullmatch(text[1:]):
            return Checked(reason=TOO_SMALL)
        if not _WHOLE_NUMBER.fullmatch(text):
            return Checked(reason=NOT_WHOLE_NUMBER)
        if len(text.lstrip("0")) > len(str(self.HIGHEST)):  # too big, before int() reads thousands of digits
            return Checked(reason=TOO_BIG)
        value = int(text)
        if value < self.LOWEST:
            return Checked(reason=TOO_SMALL)
        if value > self.HIGHEST:
            return Checked(reason=TOO_BIG)
        return Checked(value=str(value))


class Text(AnswerType):
    """A short piece of text, up to MAX_LENGTH characters (what the store keeps for an answer)."""

    kind = "text"
    MAX_LENGTH: ClassVar[int] = 60

    def read(self, stored: object, option_ids: tuple[str, ...] = ()) -> str | None:
        if not isinstance(stored, str):
            return None
        text = stored.strip()
        return text if text and len(text) <= self.MAX_LENGTH else None

    def check(
        self, given: str | None, option_ids: tuple[str, ...] = (), today: date | None = None
    ) -> Checked:
        text = (given or "").strip()
        if not text:
            return Checked(reason=MISSING)
        if len(text) > self.MAX_LENGTH:
            return Checked(reason=TOO_LONG)
        return Checked(value=text)


ANSWER_TYPES: dict[str, AnswerType] = {t.kind: t for t in (Choice(), Date(), DateOfBirth(), Number(), Text())}
KINDS: tuple[str, ...] = tuple(ANSWER_TYPES)
# The kinds of question that can be optional. A question with options always has an answer to pick, and a
# date or number left empty is no answer at all, so only text can be left empty.
OPTIONAL_KINDS: tuple[str, ...] = (Text.kind,)
CHOICE = Choice.kind


def answer_type(kind: str) -> AnswerType:
    """The answer type for a question's kind. KeyError for a kind the portal does not know."""
    return ANSWER_TYPES[kind]
