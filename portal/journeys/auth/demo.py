"""Demo people for trying the portal without a sign-in provider. Only on in development or demo mode."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

DEMO_ISSUER = "demo"


@dataclass(frozen=True)
class DemoPerson:
    id: str
    name: str
    email: str
    about: str


DEMO_PEOPLE = (
    DemoPerson("alex", "Alex Morgan", "alex@example.org", _l("Alex fills in the form for themself.")),
    DemoPerson("jo", "Jo Patel", "jo@example.org", _l("Jo fills in the form for her dad.")),
    DemoPerson("sam", "Sam Taylor", "sam@example.org", _l("Sam fills in the form for themself.")),
)


def demo_person(person_id: str) -> DemoPerson | None:
    return next((p for p in DEMO_PEOPLE if p.id == person_id), None)
