"""Demo people for trying the portal without a sign-in provider. Only on in development or demo mode.

The last four are council staff. Signing in as one of them makes sure they have their staff role,
and in demo mode the demo care manager and team manager hold every case
(see portal/journeys/staff/roles.py)."""

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
    role: str | None = None  # a staff role, for demo staff
    label: str | None = None  # how the demo sign-in page names them, when not by their name
    pronouns: str | None = None  # how pages talk about them to a helper ("he": Jo reads "his")

    @property
    def choice(self) -> str:
        return self.label or self.name


DEMO_PEOPLE = (
    DemoPerson("alex", "Alex Morgan", "alex@example.org", _l("Alex fills in the form for themself.")),
    DemoPerson("jo", "Jo Patel", "jo@example.org", _l("Jo fills in the form for her dad.")),
    DemoPerson("sam", "Sam Taylor", "sam@example.org", _l("Sam fills in the form for themself.")),
    DemoPerson(
        "ravi",
        "Ravi Patel",
        "ravi@example.org",
        _l("Ravi is Jo's dad. Ravi asks Jo to help him with his form."),
        pronouns="he",
    ),
    DemoPerson(
        "chris",
        "Chris Evans",
        "chris@example.org",
        _l("Chris is a care manager at the council. Chris answers disagreements."),
        role="care_manager",
        label=_l("Chris (care manager)"),
    ),
    DemoPerson(
        "pat",
        "Pat Okafor",
        "pat@example.org",
        _l("Pat is a team manager at the council. Pat looks again at disagreements."),
        role="team_manager",
        label=_l("Pat (team manager)"),
    ),
    DemoPerson(
        "kim",
        "Kim Lee",
        "kim@example.org",
        _l("Kim works in the complaints team. Kim answers formal complaints."),
        role="complaints_officer",
        label=_l("Kim (complaints officer)"),
    ),
    DemoPerson(
        "robin",
        "Robin Shah",
        "robin@example.org",
        _l("Robin leads on the budget rules. Robin checks the budgets agreed against the first amounts."),
        role="ras_lead",
        label=_l("Robin (budget rules lead)"),
    ),
)
DEMO_STAFF = tuple(p for p in DEMO_PEOPLE if p.role)


def demo_person(person_id: str) -> DemoPerson | None:
    return next((p for p in DEMO_PEOPLE if p.id == person_id), None)


def give_pronouns(user_id: int, name: str, pronouns: str) -> None:
    """A demo person's own record, made at their first sign-in with the pronouns they chose, so that a helper
    reads "his" about Ravi. Once the record is there, it is theirs to change."""
    from portal.store import assessments

    assessments.own_person_made(user_id, name, pronouns)
