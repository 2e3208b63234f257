"""A person who asks us to get in touch by letter gets letters: each is a task on a staff work list."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.store.disagreement_models import Disagreement, DisagreementEntry
from tests.web.helpers import Portal
from tests.web.test_disagreement import raise_data, url

ADDRESS = "Flat 2, 10 Mill Lane, Exampletown EX1 2AB"


def _reference(app) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(select(Disagreement.reference))


def _posted(app) -> int:
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(
            select(func.count())
            .select_from(DisagreementEntry)
            .where(DisagreementEntry.kind == "letter_posted")
        )


def _letters(work_list) -> list[str]:
    table = work_list.select_one("#letters")
    if table is None:
        return []
    return [" ".join(row.get_text(" ", strip=True).split()) for row in table.select("tbody tr")]


def test_a_person_who_chose_letters_gets_a_letter_for_each_thing_we_tell_them(portal, app, sent_budget):
    response = portal.submit(
        url(sent_budget, "care-manager"), raise_data(contact_by="letter", contact_details=ADDRESS)
    )
    sent = portal.get(response.location).soup
    assert (
        sent.select_one("#post-to").get_text(strip=True)
        == f"We will post you a letter too. It goes to {ADDRESS}."
    )
    reference = _reference(app)
    chris = Portal(app)
    chris.sign_in("chris")

    # The care manager has a letter to post: that we have the person's message.
    work = chris.get("/staff").soup
    assert _letters(work) == [f"Post a letter for {reference} Alex Morgan Disagreement sent 22 December 2026"]
    link = work.select_one("#letters a")
    letter = chris.get(link["href"]).soup
    details = " ".join(letter.select_one("#letter").get_text(" ", strip=True).split())
    assert f"Post to {ADDRESS}" in details
    assert "I need help every night" in letter.get_text()
    assert "Say when the answer is due: 8 January 2027." in letter.get_text(" ", strip=True)

    # Saying it is posted, twice (a double click), records it once and clears the task.
    response = chris.submit(link["href"], {})
    chris.client.post(link["href"], data=response.sent_data)
    assert _posted(app) == 1
    work = chris.get(response.location).soup
    assert "You said the letter is posted." in work.get_text()
    assert _letters(work) == []
    assert chris.client.get(link["href"]).status_code == 302  # already posted: back to the work list
    timeline = portal.get(url(sent_budget, "timeline")).soup.get_text(" ", strip=True)
    assert "Letter posted" in timeline

    # The care manager's answer makes a new letter, on the list of the one who answered.
    chris.submit(f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "It stands."})
    assert [row.split(reference)[1].strip() for row in _letters(chris.get("/staff").soup)] == [
        "Alex Morgan The amount stays the same 22 December 2026"
    ]


def test_staff_see_only_their_own_letters(portal, app, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data(contact_by="letter", contact_details=ADDRESS))
    chris = Portal(app)
    chris.sign_in("chris")
    href = chris.get("/staff").soup.select_one("#letters a")["href"]
    pat = Portal(app)
    pat.sign_in("pat")  # the team manager: not this step's letter, and not yet their case
    assert _letters(pat.get("/staff").soup) == []
    assert pat.client.get(href).status_code == 404
    assert _posted(app) == 0


def test_no_letters_when_the_person_chose_another_way(portal, app, sent_budget):
    portal.submit(
        url(sent_budget, "care-manager"), raise_data(contact_by="email", contact_details="alex@example.org")
    )
    chris = Portal(app)
    chris.sign_in("chris")
    assert _letters(chris.get("/staff").soup) == []
