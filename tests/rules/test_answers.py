"""Answer types: each kind of question accepts its own answers and says why it refuses one."""

from __future__ import annotations

from datetime import date

import pytest

from portal.ras import answers
from portal.ras.answers import (
    DAY,
    MISSING,
    MONTH,
    NOT_AN_OPTION,
    NOT_IN_PAST,
    NOT_NUMBERS,
    NOT_REAL,
    NOT_WHOLE_NUMBER,
    PART_MISSING,
    TOO_BIG,
    TOO_LONG,
    TOO_LONG_AGO,
    TOO_SMALL,
    YEAR,
    YEAR_NOT_FOUR_DIGITS,
    answer_type,
)

TODAY = date(2026, 12, 1)


def test_every_kind_has_one_class():
    assert answers.KINDS == ("radios", "date", "date_of_birth", "number", "text")
    assert [answer_type(kind).kind for kind in answers.KINDS] == list(answers.KINDS)
    assert [kind for kind in answers.KINDS if answer_type(kind).has_options] == ["radios"]
    with pytest.raises(KeyError):
        answer_type("calendar")


def test_choice():
    choice = answer_type("radios")
    assert choice.check("yes", ("yes", "no")).value == "yes"
    assert choice.check("", ("yes", "no")).reason == MISSING
    assert choice.check("maybe", ("yes", "no")).reason == NOT_AN_OPTION
    assert choice.read("no", ("yes", "no")) == "no"
    assert choice.read("maybe", ("yes", "no")) is None


@pytest.mark.parametrize(
    ("parts", "reason", "part"),
    [
        (("", "", ""), MISSING, DAY),
        (("", "3", "1960"), PART_MISSING, DAY),
        (("27", "", "1960"), PART_MISSING, MONTH),
        (("27", "3", ""), PART_MISSING, YEAR),
        (("27", "March", "1960"), NOT_NUMBERS, MONTH),
        (("27", "3", "60"), YEAR_NOT_FOUR_DIGITS, YEAR),
        (("30", "2", "1960"), NOT_REAL, DAY),
    ],
)
def test_the_boxes_of_a_date(parts, reason, part):
    for kind in ("date", "date_of_birth"):
        checked = answer_type(kind).check_parts(*parts, today=TODAY)
        assert (checked.reason, checked.part) == (reason, part)
        assert not checked.ok and checked.value is None


def test_a_plain_date_is_any_real_date_and_a_date_of_birth_is_in_the_past():
    plain, birth = answer_type("date"), answer_type("date_of_birth")
    assert plain.check_parts("27", "3", "2040", today=TODAY).value == "2040-03-27"
    assert plain.check_parts("1", "12", "2026", today=TODAY).value == "2026-12-01"
    assert plain.check_parts("1", "1", "1800", today=TODAY).ok
    assert birth.check_parts("1", "12", "2026", today=TODAY).reason == NOT_IN_PAST
    assert birth.check_parts("30", "11", "2026", today=TODAY).value == "2026-11-30"
    assert birth.check_parts("31", "12", "1895", today=TODAY).reason == TOO_LONG_AGO
    assert birth.check_parts("1", "1", "1896", today=TODAY).ok
    assert birth.earliest_year(TODAY) == 1896


def test_stored_dates_read_as_dates():
    for kind in ("date", "date_of_birth"):
        assert answer_type(kind).read("1960-03-27") == date(1960, 3, 27)
        for bad in ("1960-02-30", "1960-3-27", "27/03/1960", "", None, 19600327):
            assert answer_type(kind).read(bad) is None
    assert answer_type("date").check("2040-03-27", today=TODAY).ok
    assert answer_type("date_of_birth").check("2040-03-27", today=TODAY).reason == NOT_IN_PAST


@pytest.mark.parametrize(
    ("given", "value", "reason"),
    [
        ("3", "3", None),
        (" 12 ", "12", None),
        ("1,200", "1200", None),
        ("0", "0", None),
        ("007", "7", None),
        ("", None, MISSING),
        ("three", None, NOT_WHOLE_NUMBER),
        ("2.5", None, NOT_WHOLE_NUMBER),
        ("-1", None, TOO_SMALL),
        ("10000", None, TOO_BIG),
    ],
)
def test_number(given, value, reason):
    checked = answer_type("number").check(given)
    assert (checked.value, checked.reason) == (value, reason)


def test_stored_numbers_read_as_whole_numbers():
    number = answer_type("number")
    assert number.read("12") == 12
    assert number.read("0") == 0
    for bad in ("", "1.5", "-2", "10000", "twelve", None):
        assert number.read(bad) is None


def test_text():
    text = answer_type("text")
    assert text.check("  Dr Patel  ").value == "Dr Patel"
    assert text.check("   ").reason == MISSING
    assert text.check("x" * answers.Text.MAX_LENGTH).ok
    assert text.check("x" * (answers.Text.MAX_LENGTH + 1)).reason == TOO_LONG
    assert text.read("Dr Patel") == "Dr Patel"
    assert text.read("") is None
