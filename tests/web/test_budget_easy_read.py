"""The budget page leads with easy read in money: each idea in short sentences with its picture, and
every figure can be worked out again by hand from the sentences alone. The tables follow, for those who
want them."""

from __future__ import annotations

import re
from decimal import Decimal

from tests.web.helpers import WORKED_EXAMPLE
from tests.web.test_figures import POINTS_54, pounds


def _sentences(page) -> list[str]:
    return [p.get_text(" ", strip=True) for p in page.select("#easy-read p")]


def _one(pattern: str, text: str) -> Decimal:
    found = re.findall(pattern, text)
    assert len(found) == 1, (pattern, found)
    return Decimal(found[0].replace(",", ""))


def _check_by_hand(sentences: list[str]) -> dict[str, Decimal]:
    """Work the budget out again from the words on the page, as a person with a calculator would."""
    text = " ".join(sentences)
    points = _one(r"add up to (\d+) points?\.", text)
    bands = re.findall(
        r"Points (\d+) to (\d+) are worth £([\d.]+) each\. (\d+) points make £([\d,.]+)\.", text
    )
    if bands:
        counted = Decimal(0)
        for first, last, price, many, amount in bands:
            assert int(last) - int(first) + 1 == int(many)
            assert Decimal(many) * Decimal(price) == Decimal(amount.replace(",", ""))
            counted += Decimal(many)
        assert counted == points
        before = _one(r"Together that makes £([\d,.]+)\.", text)
        assert before == sum(Decimal(b[4].replace(",", "")) for b in bands)
    else:
        price = _one(r"Each point is worth £([\d.]+)\.", text)
        before = _one(r"That makes £([\d,.]+)\.", text)
        assert points * price == before
    taken_off = _one(r"take (?:only )?£([\d,.]+) off", text) if "off" in text and "nothing" not in text else 0
    weekly = _one(r"budget is £([\d,.]+) a week\.", text)
    assert before - taken_off == weekly
    weeks = _one(r"for each of (\d+) weeks", text)
    yearly = _one(r"is £([\d,.]+) a year\.", text)
    assert weekly * weeks == yearly
    return {"points": points, "before": before, "off": Decimal(taken_off), "weekly": weekly, "yearly": yearly}


def test_the_worked_example_in_easy_read(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for(WORKED_EXAMPLE)
    page = response.soup
    assert _sentences(page) == [
        "Your answers add up to 22 points.",
        "Each point is worth £6.",
        "That makes £132.",
        "Family or friends help now. So we take £13.20 off each week.",
        "We counted help from the person who helps you. You told us they can keep helping you.",
        "Your budget is £118.80 a week.",
        "£118.80 for each of 52 weeks is £6,177.60 a year.",
    ]
    figures = _check_by_hand(_sentences(page))
    assert figures == {
        "points": 22,
        "before": 132,
        "off": Decimal("13.20"),
        "weekly": Decimal("118.80"),
        "yearly": Decimal("6177.60"),
    }
    # The same figures as the big amount and the tables: nothing is worked out twice.
    assert pounds(page.select_one("#weekly-amount").get_text())[0] == figures["weekly"]
    assert page.select_one("#total-points").get_text(strip=True) == "22"


def test_points_in_two_bands_with_rounding_can_be_worked_out_by_hand(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for(
        {**POINTS_54, "informal_help": "few_hours", "informal_help_continues": "less"}
    )
    sentences = _sentences(response.soup)
    assert sentences[1:4] == [
        "Points 1 to 40 are worth £6 each. 40 points make £240.",
        "Points 41 to 54 are worth £7.50 each. 14 points make £105.",
        "Together that makes £345.",
    ]
    # The rounding is said where it happens, beside the amount taken off.
    assert sentences[4:7] == [
        "Family or friends help now, but they will help less. So we take only £8.62 off each week.",
        "We counted help from the person who helps you. You told us they can keep helping you, but less "
        "than now.",
        "We rounded this to the nearest penny.",
    ]
    assert _check_by_hand(sentences)["weekly"] == Decimal("336.38")


def test_nobody_helps_so_nothing_is_taken_off(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for({**WORKED_EXAMPLE, "informal_help": "none"})
    sentences = _sentences(response.soup)
    assert "No family member or friend helps now. So we take nothing off." in sentences
    assert not any("round" in s for s in sentences), "no rounding happened, so none is claimed"
    assert _check_by_hand(sentences)["weekly"] == 132


def test_each_idea_has_its_picture_and_the_page_has_no_percentages(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for(WORKED_EXAMPLE)
    page = response.soup
    ideas = page.select("#easy-read > li")
    alts = [li.select_one("img.app-picture--idea")["alt"] for li in ideas]
    assert alts == [
        "Your answers give points",
        "Points make money",
        "Family or friends who help you",
        "Your budget",
    ]
    assert all(li.select_one("img")["width"] == "96" for li in ideas)
    # The easy read comes first; the tables follow inside "See every step in tables".
    details = page.select_one("details#every-step")
    assert details.select_one("summary").get_text(strip=True) == "See every step in tables"
    assert details.select_one("#points-table") and details.select_one("#result-table")
    assert page.select_one("#easy-read").find_next("details") is details
    assert "%" not in page.select_one("main").get_text()


def test_easy_read_about_someone_else_uses_their_name(other_portal):
    other_portal.sign_in("alex")
    _, response = other_portal.budget_for(WORKED_EXAMPLE, for_whom="someone_else")
    sentences = _sentences(response.soup)
    assert sentences[0] == "Ravi's answers add up to 22 points."
    assert "Ravi's budget is £118.80 a week." in sentences
