"""Fixtures for the rules: the demo council's config and ways to build answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.ras import load_config
from tests.examples import WORKED_EXAMPLE  # noqa: F401  (re-exported for tests)

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


# Complete answers with no need at all and no family help.
NO_NEEDS = {
    "date_of_birth": "1990-01-01",
    "living_situation": "with_family",
    "nutrition": "independent",
    "personal_hygiene": "independent",
    "toilet": "independent",
    "dressing": "independent",
    "home_safety": "independent",
    "home_environment": "independent",
    "relationships": "independent",
    "work_learning": "independent",
    "community": "independent",
    "cares_for_child": "no",
    "nights": "none",
    "informal_help": "none",
}


@pytest.fixture(scope="session")
def content_dir() -> Path:
    return CONTENT_DIR


@pytest.fixture(scope="session")
def demo_config():
    return load_config(CONTENT_DIR)


@pytest.fixture(scope="session")
def questionnaire(demo_config):
    return demo_config.questionnaire


@pytest.fixture
def worked_example() -> dict[str, str]:
    return dict(WORKED_EXAMPLE)


@pytest.fixture
def no_needs() -> dict[str, str]:
    return dict(NO_NEEDS)


def find_answers_for_points(questionnaire, target: int) -> dict[str, str] | None:
    """Complete answers (no family help) whose scored points add up to `target`, or None.

    Searches the real questionnaire's options, so the points come from the
    config, not from the test. caring_for_child counts only with
    cares_for_child = "yes", so that question is switched on when used.
    """
    scored = [q for q in questionnaire.questions.values() if q.scored]
    # reachable[i] = totals that questions i.. can still add
    reachable = [set() for _ in range(len(scored) + 1)]
    reachable[-1] = {0}
    for i in range(len(scored) - 1, -1, -1):
        reachable[i] = {p + o.points for p in reachable[i + 1] for o in scored[i].options}
    if target not in reachable[0]:
        return None
    answers = dict(NO_NEEDS)
    remaining = target
    for i, question in enumerate(scored):
        option = next(o for o in question.options if remaining - o.points in reachable[i + 1])
        answers[question.id] = option.id
        remaining -= option.points
    if answers.get("caring_for_child", "independent") != "independent":
        answers["cares_for_child"] = "yes"
    elif "caring_for_child" in answers:
        del answers["caring_for_child"]
    return answers


@pytest.fixture(scope="session")
def answers_for_points(questionnaire):
    """answers_for_points(41) -> complete answers scoring 41 points (ValueError if none can)."""

    def build(target: int, **extra: str) -> dict[str, str]:
        answers = find_answers_for_points(questionnaire, target)
        if answers is None:
            raise ValueError(f"no answers add up to {target} points")
        answers.update(extra)
        return answers

    return build
