"""disagreement.yaml: the time limits, contacts and what to send on the disagreement route, and the
texts the route needs in text/en.yaml.

Problems are reported as `ConfigError(file, key, problem)`, like every other content file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from portal.ras.disagreement import STEPS, Contact, DisagreementConfig, TimeLimits
from portal.ras.loading.texts import (
    ENGLISH_FILE,
    PRONOUN_VARIANTS,
    show_placeholders,
    used_placeholders,
)
from portal.ras.loading.yaml_files import ContentFile, read_yaml, show
from portal.ras.route_settings import CONTACT_WORDS

DISAGREEMENT_FILE = "disagreement.yaml"

LIMITS = (
    "care_manager_working_days", "team_manager_working_days", "complaint_acknowledge_working_days",
    "complaint_answer_working_days", "ombudsman_after_weeks", "ombudsman_within_months",
)  # fmt: skip
STEP_TEXTS = ("title", "what", "happens", "how_long", "who_helps")
SOMEONE_ELSE = "disagreement.someone_else."
SOMEONE_ELSE_FORMS = ("other", *PRONOUN_VARIANTS)

# The {placeholders} each step's "how long" text must use, so that the time shown to people
# always comes from time_limits and is never typed into the text by hand.
HOW_LONG_PLACEHOLDERS = {
    "plan": frozenset(),
    "care_manager": frozenset({"days"}),
    "advocate": frozenset(),
    "team_manager": frozenset({"days"}),
    "complaint": frozenset({"acknowledge_days", "days"}),
    "ombudsman": frozenset({"weeks", "months"}),
}


def load_disagreement(content_dir: Path) -> DisagreementConfig:
    f = ContentFile(DISAGREEMENT_FILE)
    data = f.mapping(
        "",
        read_yaml(content_dir, DISAGREEMENT_FILE),
        required=("time_limits", "advocacy", "complaints", "ombudsman", "what_to_send"),
    )
    limits_raw = f.mapping("time_limits", data["time_limits"], required=LIMITS)
    limits = TimeLimits(
        **{name: f.whole_number(f"time_limits.{name}", limits_raw[name], minimum=1) for name in LIMITS}
    )
    if limits.complaint_acknowledge_working_days > limits.complaint_answer_working_days:
        f.fail(
            "time_limits.complaint_acknowledge_working_days",
            "must not be more than complaint_answer_working_days: we say we have the complaint "
            "before we answer it",
        )
    advocacy_raw = data["advocacy"]
    if not isinstance(advocacy_raw, list) or not advocacy_raw:
        f.fail("advocacy", f"must be a list of at least one advocacy service, not {show(advocacy_raw)}")
    advocacy: list[Contact] = []
    for number, item in enumerate(advocacy_raw, start=1):
        contact = _contact(f, f"advocacy.{number}", item, with_id=True)
        if contact.id in {a.id for a in advocacy}:
            f.fail(
                f"advocacy.{number}.id",
                f'"{contact.id}" is used more than once; each service needs its own id',
            )
        advocacy.append(contact)
    return DisagreementConfig(
        limits=limits,
        advocacy=tuple(advocacy),
        complaints=_contact(f, "complaints", data["complaints"], words=CONTACT_WORDS["complaints"]),
        ombudsman=_contact(f, "ombudsman", data["ombudsman"], words=CONTACT_WORDS["ombudsman"]),
        what_to_send=f.id_list("what_to_send", data["what_to_send"]),
    )


def _contact(
    f: ContentFile, key: str, value: Any, *, with_id: bool = False, words: tuple[str, ...] = ()
) -> Contact:
    """A contact. Its `words` (a name or an address people read) are texts in each language, not here."""
    fields = ("name", "phone", "email", "website", "address")
    for name in words:
        if isinstance(value, dict) and name in value:
            f.fail(
                f"{key}.{name}",
                f"is words people read, so it is a text: write it in {ENGLISH_FILE} at "
                f"disagreement.{key}.{name}, and in each language's file, and remove it here",
            )
    required = ("id", "name") if with_id else tuple(n for n in ("name",) if n not in words)
    data = f.mapping(key, value, required=required, optional=tuple(n for n in fields[1:] if n not in words))
    if "phone" not in data and "email" not in data:
        f.fail(key, "needs a phone number or an email, so people can get in touch")
    found = {name: f.text(f"{key}.{name}", data[name]) for name in fields if name in data}
    if "email" in found and ("@" not in found["email"] or " " in found["email"].strip()):
        f.fail(f"{key}.email", f"must be an email address, not {show(found['email'])}")
    if "website" in found and not found["website"].startswith(("https://", "http://")):
        f.fail(
            f"{key}.website", f"must be a web address starting with https://, not {show(found['website'])}"
        )
    contact_id = f.identifier(f"{key}.id", data["id"]) if with_id else key
    return Contact(id=contact_id, **({"name": ""} | found))


def check_disagreement_texts(texts: dict[str, str], config: DisagreementConfig) -> None:
    """Every step, advocacy service and item to send has its words in English."""
    f = ContentFile(ENGLISH_FILE)
    needed = [f"disagreement.steps.{step}.{name}" for step in STEPS for name in STEP_TEXTS]
    needed += [f"disagreement.advocacy.{contact.id}.about" for contact in config.advocacy]
    needed += [f"disagreement.what_to_send.{item}" for item in config.what_to_send]
    needed += [f"disagreement.{contact}.{name}" for contact, names in CONTACT_WORDS.items() for name in names]
    for key in needed:
        if key not in texts:
            f.fail(key, "is missing; every step of the disagreement route needs this text")
    for step in STEPS:
        for name in STEP_TEXTS:
            key = f"disagreement.steps.{step}.{name}"
            allowed = HOW_LONG_PLACEHOLDERS[step] if name == "how_long" else frozenset()
            used = used_placeholders(texts[key])
            if used - allowed:
                f.fail(
                    key,
                    f"can only use {show_placeholders(allowed)} here, "
                    f"not {show_placeholders(used - allowed)}",
                )
            if name == "how_long" and allowed - used:
                f.fail(
                    key,
                    f"must use {show_placeholders(allowed)}, so the time shown comes from "
                    f"time_limits in {DISAGREEMENT_FILE}",
                )
    # Optional: a step's words when someone fills in for the person, with {name} for the person's name:
    # `<step>.<text>.other` ("they"), and beside it `other_he` and `other_she` for the pronouns they chose.
    for key in texts:
        if not key.startswith(SOMEONE_ELSE):
            continue
        step, _, rest = key[len(SOMEONE_ELSE) :].partition(".")
        name, _, form = rest.partition(".")
        if step not in STEPS or name not in STEP_TEXTS:
            f.fail(
                key,
                f"is not a step's text; it can be one of {', '.join(STEP_TEXTS)} under a step "
                f"({', '.join(STEPS)})",
            )
        if form not in SOMEONE_ELSE_FORMS:
            f.fail(
                key,
                f"must be one of {', '.join(SOMEONE_ELSE_FORMS)} under {SOMEONE_ELSE}{step}.{name}: "
                "words about the person, as they, he or she",
            )
        allowed = (HOW_LONG_PLACEHOLDERS[step] if name == "how_long" else frozenset()) | {"name"}
        used = used_placeholders(texts[key])
        if used - allowed:
            f.fail(
                key,
                f"can only use {show_placeholders(allowed)} here, not {show_placeholders(used - allowed)}",
            )
