"""Money and numbers as people type them: one parser for every form."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.ras.money import REASONS, EntryError, parse_decimal, parse_pence

PORTAL = Path(__file__).resolve().parents[2] / "portal"


@pytest.mark.parametrize(
    "text,pence",
    [
        ("£1,234.50", 123450),
        ("1234.5", 123450),
        (" 12 ", 1200),
        ("£12", 1200),
        ("12.00", 1200),
        (" £ 7.99 ", 799),
        ("£7.99", 799),
        ("0.99", 99),
        (".5", 50),
        ("5.", 500),
        ("1,000,000", 100_000_000),
        ("150", 15000),
    ],
)
def test_typed_pounds_become_whole_pence(text, pence):
    assert parse_pence(text) == pence
    assert type(parse_pence(text)) is int


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("£", "empty"),
        (None, "empty"),
        ("twelve", "not_a_number"),
        ("1,25", "not_a_number"),
        ("12p", "not_a_number"),
        ("1e3", "not_a_number"),
        ("12.3.4", "not_a_number"),
        ("NaN", "not_a_number"),
        ("Infinity", "not_a_number"),
        ("١٢", "not_a_number"),
        ("£-", "not_a_number"),
        ("0x10", "not_a_number"),
        ("-5", "negative"),
        ("-£5", "negative"),
        ("£-5", "negative"),
        ("\u22125", "negative"),
        ("\u20135", "negative"),
        ("0", "zero"),
        ("£0.00", "zero"),
        ("-0", "zero"),
        ("12.345", "too_precise"),
        ("0.001", "too_precise"),
    ],
)
def test_what_cannot_be_money_says_why(text, reason):
    with pytest.raises(EntryError) as error:
        parse_pence(text)
    assert error.value.reason == reason


def test_too_big_is_measured_against_the_form_s_most():
    assert parse_pence("£100,000", most=10_000_000) == 10_000_000
    with pytest.raises(EntryError) as error:
        parse_pence("£100,000.01", most=10_000_000)
    assert error.value.reason == "too_big"
    assert parse_pence("£100,000.01") == 10_000_001  # no limit unless the form gives one


def test_a_reason_is_one_of_the_known_reasons():
    assert REASONS == ("empty", "not_a_number", "negative", "zero", "too_precise", "too_big")
    with pytest.raises(ValueError):
        EntryError("odd")


@pytest.mark.parametrize(
    "text,places,value",
    [
        ("7", 2, Decimal(7)),
        ("7.5", 2, Decimal("7.5")),
        ("1,000", 2, Decimal(1000)),
        (" 2.25 ", 2, Decimal("2.25")),
        ("3", 0, Decimal(3)),
    ],
)
def test_numbers(text, places, value):
    assert parse_decimal(text, places) == value


def test_a_number_with_too_many_places_is_refused():
    with pytest.raises(EntryError) as error:
        parse_decimal("2.5", 0)
    assert error.value.reason == "too_precise"


@given(st.integers(min_value=1, max_value=10**12))
def test_pence_written_any_usual_way_read_back_the_same(pence):
    pounds, rest = divmod(pence, 100)
    for text in (f"{pounds}.{rest:02d}", f"£{pounds:,}.{rest:02d}", f" £ {pounds}.{rest:02d} "):
        assert parse_pence(text) == pence
    if rest == 0:
        assert parse_pence(f"£{pounds:,}") == pence == parse_pence(str(pounds))


def test_only_the_money_module_reads_typed_numbers():
    """Typed money and numbers are read in portal/ras/money.py and nowhere else."""
    readers = sorted(
        str(path.relative_to(PORTAL))
        for path in PORTAL.rglob("*.py")
        if "InvalidOperation" in path.read_text(encoding="utf-8")
        or 'removeprefix("£")' in path.read_text(encoding="utf-8")
    )
    assert readers == ["ras/money.py"]
