"""Pages about someone else talk about that person, by name or as "their": never "your budget".

Jo fills in the form for Ravi. Every page of every journey, error states, emails and the PDF are read as
Jo sees them, and none may talk to Jo about Ravi's own things as if they were Jo's.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal.store.disagreement_models import Disagreement, LocalMessage
from tests.mail import deliver
from tests.web.helpers import WORKED_EXAMPLE, Portal, answer_fields
from tests.web.plan_helpers import PA_WEEKLY, add_item, item_ids, plan_url
from tests.web.test_disagreement import raise_data, set_today, url

# Second-person words about the person's own things. On a page about Ravi, each of these is a slip.
ABOUT_THE_PERSON = re.compile(
    r"\b(?:"
    + "|".join(
        [
            r"your (?:personal )?budget",
            r"your (?:own )?home",
            r"your (?:support )?plan",
            r"paid to you",
            r"your care\b(?! manager)",
            r"your needs",
            r"your money",
            r"your child",
            r"your care manager",
            r"your disagreement",
            r"your assessment",
            r"your life",
            r"help you need",
            r"help you get",
            r"you need help",
            r"look after you\b",
            r"(?:money|it up|care) for you\b",
            r"you live",
        ]
    )
    + r")",
    re.IGNORECASE,
)

# "their" about the person's own things: on a page about someone who chose he or she, each is a slip.
# ("Ask them" and "their answer" are the family carer's, "help for them" the needs'.)
THEIR_THINGS = re.compile(
    r"\b(?:their (?:own\b|home|child|teeth|hair|pads|shoes|socks|job|main meal|mum|partner|"
    r"care manager|information|family|care\b(?! manager))|on their own|they need|what they want)",
    re.IGNORECASE,
)

SERVICE_NAME = "Your personal budget"


def visible_text(soup) -> str:
    """What a person reads or hears: the page's title (without the service name) and its main content,
    with text only screen readers hear."""
    title = soup.title.get_text(" ", strip=True).split(" – ")[0]
    main = soup.select_one("main")
    for script in main.select("script, template"):
        script.decompose()
    return " ".join(f"{title} {main.get_text(' ', strip=True)}".split())


def slips(pages: dict[str, str]) -> dict[str, list[str]]:
    found = {}
    for name, text in pages.items():
        hits = sorted({m.group(0) for m in ABOUT_THE_PERSON.finditer(text)})
        if hits:
            found[name] = hits
    return found


def _walk_as_helper(portal: Portal, app, **someone: str) -> dict[str, str]:
    pages: dict[str, str] = {}

    def see(name: str, response) -> None:
        pages[name] = visible_text(response.soup)

    set_today(app, date(2026, 12, 22))
    portal.sign_in("jo")
    assessment_id = portal.start("someone_else", **someone)
    see("task list", portal.get(f"/assessments/{assessment_id}"))
    link = f"/assessments/{assessment_id}/questions/date_of_birth"
    see("question with errors", portal.post(link, {}, status=200))
    while "/questions/" in link:
        question_id = link.split("?")[0].rsplit("/", 1)[-1]
        see(f"question {question_id}", portal.get(link))
        link = portal.post(link, answer_fields(question_id, WORKED_EXAMPLE[question_id])).location
    see("check answers", portal.get(link))
    portal.post(
        f"/assessments/{assessment_id}/questions/cares_for_child?change=1", {"cares_for_child": "yes"}
    )
    see("check answers, a question missing", portal.get(link))
    portal.post(f"/assessments/{assessment_id}/questions/cares_for_child?change=1", {"cares_for_child": "no"})
    see("send", portal.get(f"/assessments/{assessment_id}/send"))
    see("send with errors", portal.post(f"/assessments/{assessment_id}/send", {}, status=200))
    portal.send(assessment_id)
    see("budget", portal.get(f"/assessments/{assessment_id}/budget"))

    # The support plan.
    see("plan, empty", portal.get(plan_url(assessment_id)))
    see("plan, choose help", portal.get(plan_url(assessment_id, "/add")))
    see("plan, item page", portal.get(plan_url(assessment_id, "/add/personal_assistant")))
    see(
        "plan, item page with errors",
        portal.post(plan_url(assessment_id, "/add/personal_assistant"), {}, status=200),
    )
    add_item(portal, assessment_id, "personal_assistant", PA_WEEKLY)
    add_item(
        portal,
        assessment_id,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "council_arranged"},
    )
    see("plan", portal.get(plan_url(assessment_id)))
    item = item_ids(portal, assessment_id)[0]
    see("plan, change an item", portal.get(plan_url(assessment_id, f"/items/{item}")))
    see("plan, remove an item", portal.get(plan_url(assessment_id, f"/items/{item}/remove")))
    see("plan, check", portal.get(plan_url(assessment_id, "/check")))
    see("plan, send", portal.get(plan_url(assessment_id, "/send")))
    draft_pdf = portal.client.get(plan_url(assessment_id, "/plan.pdf"))
    pages["plan, draft PDF"] = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(draft_pdf.data)).pages).split()
    )

    # The disagreement route, before and after it is raised.
    see("route", portal.get(url(assessment_id)))
    for step in ("plan", "care_manager", "advocate"):  # the steps with their own words for a helper
        see(f"step {step}", portal.get(url(assessment_id, f"steps/{step}")))
    see("advocate, before", portal.get(url(assessment_id, "advocate")))
    raise_page = portal.get(url(assessment_id, "care-manager"))
    see("raise", raise_page)
    see("raise with errors", portal.submit(url(assessment_id, "care-manager"), {}, status=200))
    sent = portal.submit(
        url(assessment_id, "care-manager"), raise_data(contact_by="email", contact_details="jo@example.org")
    )
    see("raised", portal.get(sent.location))
    see("route, raised", portal.get(url(assessment_id)))
    see("add more", portal.get(url(assessment_id, "add")))
    see("advocate", portal.get(url(assessment_id, "advocate")))
    see("team manager, too early", portal.get(url(assessment_id, "team-manager")))
    see("close", portal.get(url(assessment_id, "close")))
    set_today(app, date(2027, 1, 11))
    see("team manager", portal.get(url(assessment_id, "team-manager")))
    portal.submit(url(assessment_id, "team-manager"), {"reason": "No answer."})
    set_today(app, date(2027, 1, 26))
    see("complaint", portal.get(url(assessment_id, "complaint")))
    portal.submit(
        url(assessment_id, "complaint"), {"complaint": "No answers at all.", "put_right": "An answer."}
    )
    see("timeline", portal.get(url(assessment_id, "timeline")))
    see("ombudsman", portal.get(url(assessment_id, "ombudsman")))

    # The plan, sent.
    portal.post(plan_url(assessment_id, "/send"), {"confirm": "y"})
    see("plan, sent", portal.get(plan_url(assessment_id, "/sent")))
    sent_pdf = portal.client.get(plan_url(assessment_id, "/plan.pdf"))
    pages["plan, sent PDF"] = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(sent_pdf.data)).pages).split()
    )
    see("budget, with a plan and a disagreement", portal.get(f"/assessments/{assessment_id}/budget"))
    see("account", portal.get("/account"))

    # What Jo is sent about Ravi's disagreement.
    deliver(app)
    with app.extensions["db_sessionmaker"]() as session:
        for number, message in enumerate(
            session.scalars(
                select(LocalMessage)
                .where(LocalMessage.recipient == "jo@example.org")
                .order_by(LocalMessage.id)
            ),
            start=1,
        ):
            pages[f"email {number}: {message.subject}"] = " ".join(
                f"{message.subject} {message.body}".split()
            )
        assert session.scalar(select(Disagreement.state)) == "complaint_waiting"
    return pages


@pytest.mark.parametrize("pronouns", [None, "he"])
def test_every_page_about_someone_else_talks_about_them_not_you(portal, app, pronouns):
    """As Jo reads them about Ravi: with no pronouns chosen ("their"), and with "he" ("his")."""
    pages = _walk_as_helper(portal, app, **({"pronouns": pronouns} if pronouns else {}))
    assert len(pages) > 40
    if pronouns == "he":
        assert "Does Ravi need help to move around his home safely?" in pages["question home_safety"]
        assert "Ravi can move around his home safely on his own." in pages["question home_safety"]
        theirs = {
            name: sorted({m.group(0) for m in THEIR_THINGS.finditer(text)})
            for name, text in pages.items()
            if THEIR_THINGS.search(text)
        }
        assert not theirs, f"pages that say 'their' about Ravi, who chose 'he': {theirs}"
    found = slips(pages)
    assert not found, "pages about Ravi that talk as if Ravi's things were yours:\n" + "\n".join(
        f"  {name}: {hits}" for name, hits in found.items()
    )


def test_the_one_filling_in_is_not_offered_through_my_carer(portal, app):
    """Jo is Ravi's carer and fills the form in: "through my carer" would mean Jo, through Jo."""
    set_today(app, date(2026, 12, 22))
    portal.sign_in("jo")
    assessment_id, _ = portal.budget_for(for_whom="someone_else")
    page = portal.get(url(assessment_id, "care-manager")).soup
    ways = [label.get_text(" ", strip=True) for label in page.select("input[name=contact_by] + label")]
    assert ways == ["By email", "By phone", "By letter", "Through Ravi's advocate"]
    assert page.select_one("label[for=amount]").get_text(" ", strip=True) == (
        "How much money do you think Ravi needs each week? (optional)"
    )
    # A crafted send of the choice is refused, as any choice not offered is.
    refused = portal.submit(
        url(assessment_id, "care-manager"),
        raise_data(contact_by="carer", contact_name="Jo Patel", contact_details="jo@example.org"),
        status=200,
    )
    assert "Choose how we should get in touch" in refused.soup.select_one(".govuk-error-summary").get_text()
    # The person filling in for themself is still offered both.
    other = Portal(app)
    other.sign_in("alex")
    own, _ = other.budget_for()
    ways = [
        label.get_text(" ", strip=True)
        for label in other.get(url(own, "care-manager")).soup.select("input[name=contact_by] + label")
    ]
    assert "Through my carer, a family member or a friend" in ways and "Through my advocate" in ways
