"""The council's settings for the disagreement route (content/disagreement.yaml): its time limits, the dates
they give, and the organisations a person can contact. Pure: dates in, dates out.

`portal.ras.disagreement` is the route itself; it uses these and makes them available under its name too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from portal.ras.working_days import add_months, add_weeks, add_working_days

# --- time limits -----------------------------------------------------------


@dataclass(frozen=True)
class TimeLimits:
    """The council's time limits, from content/disagreement.yaml."""

    care_manager_working_days: int
    team_manager_working_days: int
    complaint_acknowledge_working_days: int
    complaint_answer_working_days: int
    ombudsman_after_weeks: int
    ombudsman_within_months: int


def care_manager_due(limits: TimeLimits, requested_on: date) -> date:
    return add_working_days(requested_on, limits.care_manager_working_days)


def team_manager_due(limits: TimeLimits, requested_on: date) -> date:
    return add_working_days(requested_on, limits.team_manager_working_days)


def complaint_acknowledge_due(limits: TimeLimits, complained_on: date) -> date:
    return add_working_days(complained_on, limits.complaint_acknowledge_working_days)


def complaint_answer_due(limits: TimeLimits, complained_on: date) -> date:
    return add_working_days(complained_on, limits.complaint_answer_working_days)


def ombudsman_opens_on(limits: TimeLimits, complained_on: date) -> date:
    """The day a person can go to the Ombudsman if the council has not given its final answer."""
    return add_weeks(complained_on, limits.ombudsman_after_weeks)


def ombudsman_go_by(limits: TimeLimits, first_raised_on: date) -> date:
    """The Ombudsman usually looks at complaints made within 12 months of when the person knew of the
    problem."""
    return add_months(first_raised_on, limits.ombudsman_within_months)


# --- the council's settings for the route ----------------------------------


@dataclass(frozen=True)
class Contact:
    """An organisation a person can get in touch with. At least a phone number or an email."""

    id: str
    name: str
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class DisagreementConfig:
    limits: TimeLimits
    advocacy: tuple[Contact, ...]
    complaints: Contact
    ombudsman: Contact
    what_to_send: tuple[str, ...]  # ids of texts at disagreement.what_to_send.<id>

    def in_words(self, text: Callable[[str], str]) -> DisagreementConfig:
        """The route with its contacts' words (the complaints team's name and address, the Ombudsman's
        name) from `text`, which gives the council's text for a key in one language."""
        return replace(
            self,
            complaints=replace(
                self.complaints,
                **{name: text(f"disagreement.complaints.{name}") for name in CONTACT_WORDS["complaints"]},
            ),
            ombudsman=replace(
                self.ombudsman,
                **{name: text(f"disagreement.ombudsman.{name}") for name in CONTACT_WORDS["ombudsman"]},
            ),
        )


# The words of each contact that people read, kept in text/<lang>.yaml at disagreement.<contact>.<name>:
# descriptive words are translated; the names of other organisations (advocacy services) stay as names.
CONTACT_WORDS: dict[str, tuple[str, ...]] = {"complaints": ("name", "address"), "ombudsman": ("name",)}
