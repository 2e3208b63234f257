"""People who use the portal, as data: their answers, who fills in the form, and what each page should show.

The web walk (tests/web/test_personas.py), the browser walk with axe (tests/browser/test_personas_browser.py)
and the rules check (tests/rules/test_personas.py) all run over PERSONAS, so a new journey or a new page is
checked for every persona by adding it once to those walks, and a new kind of person by adding one entry here.

Every expected figure is worked out by hand from ras-demo.md, with the sum written beside it. Nothing here
calls the portal's own code: a wrong rule, or a page that shows the wrong figure, fails.

Rules used (ras-demo.md):
- points to money: £6 a point for points 1 to 40, £7.50 for 41 to 80, £9 above 80;
- family help takes off 5% (a few hours), 10% (most days) or 20% (every day); half that if the help will
  lessen; nothing if the carer cannot carry on. weekly = before x (100 - percent) / 100, rounded half up
  to the penny; the amount taken off is what makes before - taken off = weekly;
- yearly = weekly x 52; a budget of £600 a week or more goes to a panel;
- plan items: price x quantity each week (only weekly and one-off items are used here, so no rounding
  rule is needed); plan yearly = weekly x 52 + one-off costs;
- a plan is close to the budget when its yearly cost is no more than 10% of the yearly budget (rounded
  down to the penny) above or below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Who fills in the form for someone else: what they type, and the words they chose for their right to.
LASTING_POWER_OF_ATTORNEY = (
    "lasting_power_of_attorney",
    "I have a Lasting Power of Attorney for health and care",
)

# A date of birth that a test replaces with the portal's today (it must be refused).
TODAY = "today"


@dataclass(frozen=True)
class Helper:
    """Someone filling in the form for the person."""

    person_name: str
    relationship: str
    basis: str
    basis_label: str  # as the page shows it


@dataclass(frozen=True)
class Budget:
    """The budget page's figures, in pence."""

    points: int
    before_pence: int  # money a week from points
    reduction_pence: int  # taken off for help from family and friends
    percent: str | None  # the percent taken off, as shown ("10%"); None when nothing is taken off
    weekly_pence: int
    yearly_pence: int
    panel: bool = False  # "A panel will look at this budget"
    zero: bool = False  # the plain explanation of a £0 estimate
    carer_assessment: bool = False  # the carer's right to their own assessment


@dataclass(frozen=True)
class PlanItem:
    """One thing in the support plan, as a person fills in its page."""

    price_id: str
    fields: dict = field(hash=False)


@dataclass(frozen=True)
class PlanFigures:
    """The support plan page's comparison with the budget, in pence."""

    weekly_pence: int
    one_off_pence: int
    yearly_pence: int
    weekly_difference_pence: int  # plan - budget; less than 0 when the plan costs less
    yearly_difference_pence: int
    lowest_yearly_pence: int  # plans from this ...
    highest_yearly_pence: int  # ... to this a year are close to the budget
    close: bool  # within the tolerance


@dataclass(frozen=True)
class Persona:
    id: str
    about: str
    sign_in: str  # the demo person who signs in
    answers: dict = field(hash=False)  # every question asked, in the order the journey asks it
    date_of_birth_shown: str
    budget: Budget
    plan_items: tuple[PlanItem, ...]
    plan: PlanFigures
    helper: Helper | None = None
    # Dates of birth typed first, each refused with this error (TODAY: the portal's today).
    refused_dates_of_birth: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str | None:
        """The person's name when someone else fills in the form for them."""
        return self.helper.person_name if self.helper else None

    def __str__(self) -> str:
        return self.id


def pounds(pence: int) -> str:
    """Money as people read it, and as the portal shows it: £132, £118.80, £6,177.60."""
    whole, part = divmod(abs(pence), 100)
    return f"£{whole:,}" if part == 0 else f"£{whole:,}.{part:02d}"


def _needs(*needs: str, management: str = "direct_payment", **more) -> dict:
    return {"needs": list(needs), "management": management, **more}


# The nine questions about looking after yourself, your home and your life answered with a level of help.
HELP_QUESTIONS = (
    "nutrition",
    "personal_hygiene",
    "toilet",
    "dressing",
    "home_safety",
    "home_environment",
    "relationships",
    "work_learning",
    "community",
)
INDEPENDENT = dict.fromkeys(HELP_QUESTIONS, "independent")


def answers(
    date_of_birth: str,
    living_situation: str,
    needs: dict,
    nights: str,
    informal_help: str,
    continues: str | None = None,
    caring_for_child: str | None = None,
    carer: str = "",
) -> dict:
    """Answers in the order the journey asks them. The child question comes only after a "yes"; "who
    helps most" (`carer`, which may be left empty) and "can they keep helping" only when someone helps."""
    given = {
        "date_of_birth": date_of_birth,
        "living_situation": living_situation,
        **INDEPENDENT,
        **needs,
        "cares_for_child": "yes" if caring_for_child else "no",
    }
    if caring_for_child:
        given["caring_for_child"] = caring_for_child
    given |= {"nights": nights, "informal_help": informal_help}
    if continues:
        given["carer_name"] = carer
        given["informal_help_continues"] = continues
    return given


PERSONAS = (
    Persona(
        id="worked_example",
        about="The worked example in ras-demo.md, filled in by Alex for themself.",
        sign_in="alex",
        answers=answers(
            "1960-03-27",
            "alone",
            {"nutrition": "daily_help", "personal_hygiene": "daily_help", "toilet": "some_help"},
            nights="some_nights",
            informal_help="most_days",
            continues="yes",
        ),
        date_of_birth_shown="27 March 1960",
        # 6 + 8 + 4 + 4 = 22 points; 22 x £6 = £132; 10% off: £132 x 90 / 100 = £118.80; x 52 = £6,177.60.
        budget=Budget(
            points=22,
            before_pence=13200,
            reduction_pence=1320,
            percent="10%",
            weekly_pence=11880,
            yearly_pence=617760,
        ),
        plan_items=(
            PlanItem(
                "personal_assistant",
                _needs(
                    "nutrition",
                    "personal_hygiene",
                    quantity="7.5",
                    frequency="per_week",
                    provider="Ana Silva",
                ),
            ),
            PlanItem(
                "equipment",
                _needs(
                    "toilet", management="council_arranged", description="A rail by the toilet", amount="250"
                ),
            ),
        ),
        # 7.5 x £16.50 = £123.75 a week; x 52 = £6,435 + £250 one-off = £6,685 a year.
        # £123.75 - £118.80 = £4.95; £6,685 - £6,177.60 = £507.40. 10% of £6,177.60 = £617.76:
        # close from £5,559.84 to £6,795.36.
        plan=PlanFigures(
            weekly_pence=12375,
            one_off_pence=25000,
            yearly_pence=668500,
            weekly_difference_pence=495,
            yearly_difference_pence=50740,
            lowest_yearly_pence=555984,
            highest_yearly_pence=679536,
            close=True,
        ),
    ),
    Persona(
        id="filled_in_by_a_helper",
        about="Jo fills in the form for her dad, Ravi, with a Lasting Power of Attorney.",
        sign_in="jo",
        helper=Helper("Ravi", "Daughter", *LASTING_POWER_OF_ATTORNEY),
        answers=answers(
            "1941-06-15",
            "with_family",
            {
                "personal_hygiene": "some_help",
                "dressing": "daily_help",
                "home_safety": "some_help",
                "community": "some_help",
            },
            nights="none",
            informal_help="few_hours",
            continues="yes",
        ),
        date_of_birth_shown="15 June 1941",
        # 4 + 4 + 3 + 3 = 14 points; x £6 = £84; 5% off: £84 x 95 / 100 = £79.80; x 52 = £4,149.60.
        budget=Budget(
            points=14,
            before_pence=8400,
            reduction_pence=420,
            percent="5%",
            weekly_pence=7980,
            yearly_pence=414960,
        ),
        plan_items=(
            PlanItem(
                "home_care_agency",
                _needs(
                    "personal_hygiene",
                    "dressing",
                    management="council_arranged",
                    quantity="3",
                    frequency="per_week",
                ),
            ),
            PlanItem("telecare", _needs("home_safety", management="council_arranged", quantity="1")),
        ),
        # 3 x £26 + £5 = £83 a week; x 52 = £4,316. £83 - £79.80 = £3.20; £4,316 - £4,149.60 = £166.40.
        # 10% of £4,149.60 = £414.96: close from £3,734.64 to £4,564.56.
        plan=PlanFigures(
            weekly_pence=8300,
            one_off_pence=0,
            yearly_pence=431600,
            weekly_difference_pence=320,
            yearly_difference_pence=16640,
            lowest_yearly_pence=373464,
            highest_yearly_pence=456456,
            close=True,
        ),
    ),
    Persona(
        id="zero_points",
        about="Sam can do everything without help: no points, £0, and a plain word on what happens next.",
        sign_in="sam",
        answers=answers("1990-11-05", "alone", {}, nights="none", informal_help="none"),
        date_of_birth_shown="5 November 1990",
        budget=Budget(
            points=0,
            before_pence=0,
            reduction_pence=0,
            percent=None,
            weekly_pence=0,
            yearly_pence=0,
            zero=True,
        ),
        plan_items=(
            PlanItem("cleaning", {"quantity": "2", "frequency": "per_week", "management": "direct_payment"}),
        ),
        # 2 x £18 = £36 a week; x 52 = £1,872. The budget is £0, so 10% of it is £0.
        plan=PlanFigures(
            weekly_pence=3600,
            one_off_pence=0,
            yearly_pence=187200,
            weekly_difference_pence=3600,
            yearly_difference_pence=187200,
            lowest_yearly_pence=0,
            highest_yearly_pence=0,
            close=False,
        ),
    ),
    Persona(
        id="high_needs",
        about="Alex needs a lot of help, day and night: £603 a week, over the panel's £600.",
        sign_in="alex",
        answers=answers(
            "1952-08-08",
            "alone",
            {
                "nutrition": "full_help",
                "personal_hygiene": "daily_help",
                "toilet": "daily_help",
                "dressing": "full_help",
                "home_safety": "full_help",
                "home_environment": "full_help",
                "relationships": "full_help",
                "work_learning": "full_help",
                "community": "full_help",
            },
            nights="awake_all_night",
            informal_help="none",
        ),
        date_of_birth_shown="8 August 1952",
        # 9 + 8 + 8 + 6 + 9 + 6 + 6 + 6 + 9 + 20 = 87 points;
        # 40 x £6 + 40 x £7.50 + 7 x £9 = £240 + £300 + £63 = £603; nothing off; x 52 = £31,356.
        budget=Budget(
            points=87,
            before_pence=60300,
            reduction_pence=0,
            percent=None,
            weekly_pence=60300,
            yearly_pence=3135600,
            panel=True,
        ),
        plan_items=(
            PlanItem("waking_night", _needs("nights", quantity="2", frequency="per_week")),
            PlanItem(
                "personal_assistant",
                _needs(
                    "nutrition", "personal_hygiene", "toilet", "dressing", quantity="6", frequency="per_week"
                ),
            ),
        ),
        # 2 x £260 + 6 x £16.50 = £520 + £99 = £619 a week; x 52 = £32,188. £619 - £603 = £16;
        # £32,188 - £31,356 = £832. 10% of £31,356 = £3,135.60: close from £28,220.40 to £34,491.60.
        plan=PlanFigures(
            weekly_pence=61900,
            one_off_pence=0,
            yearly_pence=3218800,
            weekly_difference_pence=1600,
            yearly_difference_pence=83200,
            lowest_yearly_pence=2822040,
            highest_yearly_pence=3449160,
            close=True,
        ),
    ),
    Persona(
        id="help_will_lessen",
        about="A friend helps for a few hours a week but will not be able to do as much: the 5% is halved.",
        sign_in="alex",
        answers=answers(
            "1958-03-12",
            "with_family",
            {
                "nutrition": "full_help",
                "personal_hygiene": "full_help",
                "toilet": "daily_help",
                "dressing": "daily_help",
                "home_safety": "daily_help",
                "home_environment": "daily_help",
                "relationships": "daily_help",
                "community": "some_help",
            },
            nights="some_nights",
            informal_help="few_hours",
            continues="less",
            carer="Sam",
        ),
        date_of_birth_shown="12 March 1958",
        # 9 + 12 + 8 + 4 + 6 + 4 + 4 + 0 + 3 + 4 = 54 points; 40 x £6 + 14 x £7.50 = £240 + £105 = £345.
        # 5% halved = 2.5%: £345 x 97.5 / 100 = £336.375, half up: £336.38, so £8.62 is taken off.
        # x 52 = £17,491.76. The demo council also tells a carer who will do less about their own carer's
        # assessment (content/council.yaml, carer_assessment_when), as well as one who cannot carry on.
        budget=Budget(
            points=54,
            before_pence=34500,
            reduction_pence=862,
            percent="2.5%",
            weekly_pence=33638,
            yearly_pence=1749176,
            carer_assessment=True,
        ),
        plan_items=(
            PlanItem(
                "day_activities", _needs("relationships", "community", quantity="3", frequency="per_week")
            ),
            PlanItem(
                "personal_assistant",
                _needs(
                    "nutrition", "personal_hygiene", "toilet", "dressing", quantity="10", frequency="per_week"
                ),
            ),
            PlanItem(
                "meals",
                _needs("nutrition", management="council_arranged", quantity="7", frequency="per_week"),
            ),
        ),
        # 3 x £55 + 10 x £16.50 + 7 x £6.50 = £165 + £165 + £45.50 = £375.50 a week; x 52 = £19,526.
        # £375.50 - £336.38 = £39.12; £19,526 - £17,491.76 = £2,034.24. 10% of £17,491.76 = £1,749.176,
        # rounded down £1,749.17: close from £15,742.59 to £19,240.93, so this plan is not close.
        plan=PlanFigures(
            weekly_pence=37550,
            one_off_pence=0,
            yearly_pence=1952600,
            weekly_difference_pence=3912,
            yearly_difference_pence=203424,
            lowest_yearly_pence=1574259,
            highest_yearly_pence=1924093,
            close=False,
        ),
    ),
    Persona(
        id="carer_cannot_carry_on",
        about="Family help most days now, but the carer cannot carry on: nothing is taken off, and the carer "
        "hears about their own carer's assessment.",
        sign_in="alex",
        answers=answers(
            "1949-10-01",
            "with_family",
            {
                "nutrition": "some_help",
                "personal_hygiene": "some_help",
                "dressing": "some_help",
                "home_safety": "some_help",
                "community": "some_help",
            },
            nights="most_nights",
            informal_help="most_days",
            continues="no",
            carer="Jo",
        ),
        date_of_birth_shown="1 October 1949",
        # 3 + 4 + 2 + 3 + 3 + 10 = 25 points; x £6 = £150; nothing off; x 52 = £7,800.
        budget=Budget(
            points=25,
            before_pence=15000,
            reduction_pence=0,
            percent=None,
            weekly_pence=15000,
            yearly_pence=780000,
            carer_assessment=True,
        ),
        plan_items=(
            PlanItem("sleep_in_night", _needs("nights", quantity="1", frequency="per_week")),
            PlanItem("cleaning", _needs("home_safety", quantity="1", frequency="per_week")),
        ),
        # £120 + £18 = £138 a week; x 52 = £7,176. £138 - £150 = -£12; £7,176 - £7,800 = -£624.
        # 10% of £7,800 = £780: close from £7,020 to £8,580.
        plan=PlanFigures(
            weekly_pence=13800,
            one_off_pence=0,
            yearly_pence=717600,
            weekly_difference_pence=-1200,
            yearly_difference_pence=-62400,
            lowest_yearly_pence=702000,
            highest_yearly_pence=858000,
            close=True,
        ),
    ),
    Persona(
        id="cares_for_a_child",
        about=(
            "The worked example, and Alex looks after a child with a little help: "
            "the child question is asked."
        ),
        sign_in="alex",
        answers=answers(
            "1985-07-19",
            "with_family",
            {"nutrition": "daily_help", "personal_hygiene": "daily_help", "toilet": "some_help"},
            caring_for_child="some_help",
            nights="some_nights",
            informal_help="most_days",
            continues="yes",
        ),
        date_of_birth_shown="19 July 1985",
        # 22 + 2 = 24 points; x £6 = £144; 10% off: £129.60; x 52 = £6,739.20.
        budget=Budget(
            points=24,
            before_pence=14400,
            reduction_pence=1440,
            percent="10%",
            weekly_pence=12960,
            yearly_pence=673920,
        ),
        plan_items=(
            PlanItem("meals", _needs("nutrition", quantity="7", frequency="per_week")),
            PlanItem(
                "personal_assistant",
                _needs("personal_hygiene", "toilet", "caring_for_child", quantity="5", frequency="per_week"),
            ),
        ),
        # 7 x £6.50 + 5 x £16.50 = £45.50 + £82.50 = £128 a week; x 52 = £6,656. £128 - £129.60 = -£1.60;
        # £6,656 - £6,739.20 = -£83.20. 10% of £6,739.20 = £673.92: close from £6,065.28 to £7,413.12.
        plan=PlanFigures(
            weekly_pence=12800,
            one_off_pence=0,
            yearly_pence=665600,
            weekly_difference_pence=-160,
            yearly_difference_pence=-8320,
            lowest_yearly_pence=606528,
            highest_yearly_pence=741312,
            close=True,
        ),
    ),
    Persona(
        id="born_on_a_leap_day",
        about=(
            "Sam was born on 29 February; today, and 29 February in a year that has none, are refused first."
        ),
        sign_in="sam",
        answers=answers(
            "1948-02-29",
            "shared_or_supported",
            {"nutrition": "some_help"},
            nights="none",
            informal_help="few_hours",
            continues="yes",
        ),
        date_of_birth_shown="29 February 1948",
        refused_dates_of_birth=(
            (TODAY, "The date of birth must be in the past"),
            ("1947-02-29", "Enter a real date"),
            ("1948-02-30", "Enter a real date"),
        ),
        # 3 points; x £6 = £18; 5% off: £18 x 95 / 100 = £17.10; x 52 = £889.20.
        budget=Budget(
            points=3,
            before_pence=1800,
            reduction_pence=90,
            percent="5%",
            weekly_pence=1710,
            yearly_pence=88920,
        ),
        plan_items=(PlanItem("meals", _needs("nutrition", quantity="3", frequency="per_week")),),
        # 3 x £6.50 = £19.50 a week; x 52 = £1,014. £19.50 - £17.10 = £2.40; £1,014 - £889.20 = £124.80.
        # 10% of £889.20 = £88.92: close from £800.28 to £978.12, so this plan is not close.
        plan=PlanFigures(
            weekly_pence=1950,
            one_off_pence=0,
            yearly_pence=101400,
            weekly_difference_pence=240,
            yearly_difference_pence=12480,
            lowest_yearly_pence=80028,
            highest_yearly_pence=97812,
            close=False,
        ),
    ),
)
PERSONA_IDS = [persona.id for persona in PERSONAS]


def persona(persona_id: str) -> Persona:
    return next(p for p in PERSONAS if p.id == persona_id)
