"""The timeline of a disagreement, as the person and staff see it: each step with its dates and status,
and everything sent and answered, with who sent it. Labels come from `words`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.i18n import gettext as _
from portal.i18n import long_date, money
from portal.journeys.disagree import words
from portal.ras import disagreement as rules
from portal.store.disagreement_models import Disagreement, DisagreementEntry, DisagreementStep


@dataclass(frozen=True)
class Tag:
    text: str
    classes: str


def step_name(kind: str | None, name: str | None = None) -> str:
    """The name of a step, or of the disagreement itself for what belongs to no step."""
    if kind in words.STEP_NAME:
        return str(words.STEP_NAME[kind])
    return _("Your disagreement") if not name else _("The disagreement")


@dataclass(frozen=True)
class EntryView:
    """One thing sent or answered."""

    id: int
    title: str
    meta: str  # when, and from whom
    amount: str | None = None
    outcome: str | None = None
    meeting: str | None = None
    text: str | None = None
    put_right: str | None = None
    talk: str | None = None  # how the person would like to talk, and how to get in touch


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: str
    rows: list[dict[str, Any]]  # a GOV.UK summary list's rows
    status: Tag | None
    entries: list[EntryView]


def author(entry: DisagreementEntry) -> str:
    name = entry.author.name
    if entry.author_role == rules.PERSON:
        if entry.basis == "self":
            return name or str(words.THE_PERSON)
        return words.said(words.ACTING_FOR_PERSON, name=name or str(words.SOMEONE))
    return words.said(words.AUTHOR[entry.author_role], name=name)


def contact_said(details: Mapping[str, Any]) -> str:
    label = words.CONTACT_SAID.get(details.get("contact_by") or "")
    said = words.said(label, name=details.get("contact_name")) if label is not None else ""
    return f"{said}: {details['contact_details']}" if details.get("contact_details") else said


def entry_view(entry: DisagreementEntry) -> EntryView:
    details = entry.details or {}
    amount = None
    if entry.weekly_pence:
        amount = (
            _("Amount needed: %(amount)s a week", amount=money(entry.weekly_pence))
            if entry.author_role == rules.PERSON
            else _("New amount: %(amount)s a week", amount=money(entry.weekly_pence))
        )
    outcome = words.OUTCOME_SAID.get(details.get("outcome") or "")
    meeting = (
        _(
            "Meeting on %(date)s. %(details)s",
            date=long_date(details["meeting_on"]),
            details=details.get("meeting_details"),
        )
        if details.get("meeting_on")
        else None
    )
    talk = None
    if details.get("talk") in words.TALK_SAID:
        talk = _(
            "%(talk)s. How to get in touch: %(contact)s",
            talk=words.TALK_SAID[details["talk"]],
            contact=contact_said(details),
        )
    return EntryView(
        id=entry.id,
        title=str(words.ENTRY_TITLE[entry.kind]),
        meta=_("%(date)s. From %(who)s.", date=long_date(entry.sent_on), who=author(entry)),
        amount=amount,
        outcome=str(outcome) if outcome else None,
        meeting=meeting,
        text=entry.text,
        put_right=details.get("put_right"),
        talk=talk,
    )


def _step_status(step: DisagreementStep, today: date) -> tuple[dict[str, Any] | None, Tag | None]:
    if step.answered_on:
        return {"key": {"text": _("Answered")}, "value": {"text": long_date(step.answered_on)}}, None
    if step.left_on:
        return {
            "key": {"text": _("Status")},
            "value": {
                "text": _(
                    "No answer. You moved on to the next step on %(date)s.", date=long_date(step.left_on)
                )
            },
        }, None
    if step.due_on < today:
        return None, Tag(_("Late"), "govuk-tag--red")
    return None, Tag(_("Waiting for an answer"), "")


def timeline(case: Disagreement, today: date, name: str | None = None) -> list[SectionView]:
    """Every step taken, with what was sent, when, who answered and what they said; then everything else."""
    sections = []
    for step in case.steps:
        rows: list[dict[str, Any]] = [
            {"key": {"text": _("Sent")}, "value": {"text": long_date(step.opened_on)}},
            {"key": {"text": _("Answer due by")}, "value": {"text": long_date(step.due_on)}},
        ]
        if step.acknowledge_due_on:
            rows.insert(
                1,
                {
                    "key": {"text": _("We say we have it by")},
                    "value": {"text": long_date(step.acknowledge_due_on)},
                },
            )
        row, tag = _step_status(step, today)
        if row is not None:
            rows.append(row)
        sections.append(
            SectionView(
                f"step-{step.kind}",
                step_name(step.kind, name),
                rows,
                tag,
                [entry_view(e) for e in case.entries if e.step_kind == step.kind],
            )
        )
    side = [entry_view(e) for e in case.entries if e.step_kind in (rules.STEP_ADVOCATE, None)]
    if side:
        sections.append(SectionView("step-other", _("Other messages"), [], None, side))
    return sections
