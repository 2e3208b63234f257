"""What people type as money or a number, read in one place.

`parse_pence` turns typed pounds into whole pence: "£1,234.50", "1234.5", " 12 " and "£ 7.99" are all
fine. `parse_decimal` reads a plain number with at most so many decimal places (the quantities in a
support plan). Both refuse with an `EntryError` whose `reason` says why, so that each form can say it
in its own words:

    "empty"         nothing was typed (or only a £ sign)
    "not_a_number"  it is not written as a number: "twelve", "1,25", "12p", "1e3"
    "negative"      it is below zero: "-5", "-£5", "£-5"
    "zero"          it is zero, and the form needs more than nothing
    "too_precise"   it has more decimal places than allowed: "12.345" for money
    "too_big"       it is more than the most that form accepts

Pure Python, no float anywhere: pounds are read as Decimal and become an int of pence.
"""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, Context, Decimal, InvalidOperation

REASONS = ("empty", "not_a_number", "negative", "zero", "too_precise", "too_big")
PENCE_PLACES = 2

# Digits with an optional point, or digits grouped in threes by commas: 1250, 1,250, 1250.5, .5, 5.
_NUMBER = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)?(?:\.[0-9]*)?")
_MINUS = ("-", "\u2212", "\u2013")  # hyphen, minus sign and en dash, as phones and word processors type them
_POUND = "£"


class EntryError(ValueError):
    """What a person typed cannot be used. `reason` is one of REASONS."""

    def __init__(self, reason: str):
        if reason not in REASONS:
            raise ValueError(f"not a reason: {reason!r}")
        self.reason = reason
        super().__init__(reason)


def parse_decimal(text: str, places: int) -> Decimal:
    """'7', '7.5', '1,000', ' 2.25 ' -> Decimal, more than 0 with at most `places` decimal places."""
    text = (text or "").strip().replace(" ", "")
    if not text:
        raise EntryError("empty")
    negative = text.startswith(_MINUS)
    if negative:
        text = text[1:]
    if not text or not any(ch.isdigit() for ch in text) or not _NUMBER.fullmatch(text):
        raise EntryError("not_a_number")
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern lets only plain numbers through
        raise EntryError("not_a_number") from None
    if negative and value != 0:
        raise EntryError("negative")
    if value == 0:
        raise EntryError("zero")
    # a context as wide as the number typed: 30 digits are too many for a form, never a crash
    if value != value.quantize(Decimal(1).scaleb(-places), ROUND_FLOOR, Context(prec=len(text) + places)):
        raise EntryError("too_precise")
    return value


def parse_pence(text: str, *, most: int | None = None) -> int:
    """'£1,250.50', '1250.5', '£12', ' 12 ', '0.99' -> whole pence, more than £0 and at most `most` pence.

    A £ sign may come first, with or without a space, and after a minus sign ("-£5" is negative).
    """
    text = (text or "").strip()
    for sign in _MINUS:
        if text.startswith(sign + _POUND):
            text = sign + text[2:]
    text = text.removeprefix(_POUND)
    pence = int(parse_decimal(text, PENCE_PLACES) * 100)
    if most is not None and pence > most:
        raise EntryError("too_big")
    return pence
