"""The helper story, end to end, as two people with their own sign-in on their own browsers.

Ravi asks his daughter Jo to help him. He invites her with a one-time code, and she uses it with her own
sign-in. With "fill in" she fills in his form but cannot send it, and the pages tell her why; Ravi sends it
himself. Ravi sees what Jo did, and ends her access; Jo's next request is refused with a clear page. A
second helper (Sam, who may only look) is added and removed. And the same story where Jo may send: she
sends Ravi's form, and Ravi sees that she did.

Every step checks what each person reads on the page, not only the status codes.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.store.models import Assessment, Grant
from tests import factories
from tests.web.helpers import WORKED_EXAMPLE, Portal

FILL_IN_CHOICE = "fill_in"
SEND_CHOICE = "send"
SEE_CHOICE = "see"


@pytest.fixture
def ravi(app) -> Portal:
    person = Portal(app)
    person.sign_in("ravi")
    return person


@pytest.fixture
def jo(app) -> Portal:
    helper = Portal(app)
    helper.sign_in("jo")
    return helper


def words(soup, selector: str = "main") -> str:
    """The text a person reads in one part of the page, with the spaces tidied."""
    found = soup.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return " ".join(found.get_text(" ", strip=True).split())


def what_people_did(person: Portal) -> str:
    """What the person reads under "What other people looked at or changed"."""
    heading = person.get("/account/who-can-see").soup.select_one("#what-people-did")
    return " ".join(heading.find_next("ul").get_text(" ", strip=True).split())


def card(soup, heading: str) -> str:
    """The words of the summary card with this heading."""
    for title in soup.select(".govuk-summary-card__title"):
        if " ".join(title.get_text(" ", strip=True).split()) == heading:
            return " ".join(title.find_parent(class_="govuk-summary-card").get_text(" ", strip=True).split())
    raise AssertionError(f"no card called {heading!r}")


def invite(person: Portal, name: str, relationship: str, scope: str) -> str:
    """The person asks someone to help them; the page shows the code once. Returns the code."""
    page = person.get("/account/who-can-see").soup
    assert page.select_one("#invite").get_text(strip=True) == "Ask someone to help you"
    shown = person.submit(
        "/account/who-can-see/invite",
        {"helper_name": name, "relationship": relationship, "scope": scope},
        status=200,
    ).soup
    assert shown.h1.get_text(" ", strip=True) == f"Your code for {name}"
    said = words(shown)
    assert "Write this code down now. We will not show it again." in said
    assert f"Give it to {name}." in said
    return shown.select_one("#code").get_text(strip=True)


def use_code(helper: Portal, code: str) -> None:
    page = helper.get("/account/who-can-see").soup
    assert page.select_one("#use-code").get_text(strip=True) == "I have an invitation code"
    done = helper.submit("/account/invitation", {"code": code}, status=303)
    banner = helper.get(done.location).soup
    said = words(banner, ".govuk-notification-banner")
    # The banner names the person whose code it was.
    assert re.search(r"You can now help [A-Z]\w+ [A-Z]\w+\.", said) and "this person" not in said, said


def refused(helper: Portal, url: str) -> str:
    """A page the helper may not open: a clear page (403) that tells them why, never the person's details."""
    response = helper.get(url, status=403)
    assert "£" not in response.get_data(as_text=True)
    return words(response.soup)


def test_ravi_invites_jo_who_fills_in_his_form_ravi_sends_it_and_ends_her_access(app, ravi, jo):
    # Ravi starts his own form. Nobody helps him yet.
    form = ravi.start()
    overview = ravi.get("/account/who-can-see").soup
    assert "Nobody helps you with your information at the moment." in words(overview)
    assert "Nobody else has looked at or changed your information." in words(overview)

    # Ravi invites Jo, who may fill in and change his forms, but not send them.
    code = invite(ravi, "Jo Patel", "Daughter", FILL_IN_CHOICE)

    # Jo uses the code with her own sign-in. She sees Ravi among the people she helps.
    use_code(jo, code)
    held = card(jo.get("/account/who-can-see").soup, "Ravi Patel")
    assert "What you can do see, fill in and change forms and plans" in held
    assert "Now In use" in held and "Stop helping" in held

    # Ravi sees Jo, what she can do, and that she helps him now.
    helper_card = card(ravi.get("/account/who-can-see").soup, "Jo Patel")
    assert "How they know you Daughter" in helper_card
    assert "What they can do see, fill in and change forms and plans" in helper_card
    assert "Now In use" in helper_card and "End their access" in helper_card

    # Jo's account offers her Ravi's form to carry on with, and nothing she may not do.
    account = jo.get("/account").soup
    ravis_form = words(account, f"#form-{form}")
    assert "Form for Ravi Patel" in ravis_form and "Carry on with this form" in ravis_form
    assert "Delete this form" not in ravis_form

    # Jo fills in the whole form. The questions name Ravi.
    question = jo.get(f"/assessments/{form}/questions/date_of_birth").soup
    assert "Ravi" in question.h1.get_text()
    jo.answer_all(form, WORKED_EXAMPLE)
    task_list = jo.get(f"/assessments/{form}").soup
    assert [a.get_text(" ", strip=True) for a in task_list.select("main a")][-1] == "Check your answers"
    assert "send" not in words(task_list, ".govuk-task-list")

    # On the check page Jo can change answers, but is not offered "Continue" to send: the page says why.
    check = jo.get(f"/assessments/{form}/check").soup
    assert check.select(".govuk-summary-list__actions a"), "Jo may change the answers"
    assert not [a for a in check.select("main a.govuk-button") if "Continue" in a.get_text()]
    assert words(check, "#cannot-send") == (
        "Ravi Patel has let you fill in and change his information. "  # the demo's Ravi chose "he"
        "You cannot send it or disagree with a decision for him. "
        "Ask Ravi Patel to send it. Or ask him to invite you again and let you send forms too."
    )

    # If she goes to the send page anyway, or sends the form, she is refused, and told why.
    page = refused(jo, f"/assessments/{form}/send")
    assert "You cannot do this for them" in page
    assert "You cannot send it or disagree with a decision for him." in page
    sent = jo.client.post(
        f"/assessments/{form}/send", data={"csrf_token": jo.csrf("/account"), "confirm": "y"}
    )
    assert sent.status_code == 403
    with factories.as_user(app) as session:
        assert session.scalar(select(Assessment.submitted_at).where(Assessment.public_id == form)) is None

    # Ravi sees what Jo did to his form, and sends it himself.
    did = what_people_did(ravi)
    assert "Jo Patel. Changed your form." in did and "Jo Patel. Looked at your form." in did
    assert "Sent your form" not in did
    ravi_check = ravi.get(f"/assessments/{form}/check").soup
    assert ravi_check.select_one("main a.govuk-button").get_text(strip=True) == "Continue"
    budget = ravi.get(ravi.send(form).location).soup
    assert "£118.80" in words(budget)

    # Jo may look at the budget, but is not offered the disagreement steps: the page says why.
    seen = jo.get(f"/assessments/{form}/budget").soup
    assert "£118.80" in words(seen)
    assert "I do not think this budget is right" not in words(seen)
    assert "You cannot send it or disagree with a decision for him." in words(seen, "#cannot-disagree")
    assert "Looked at their form" in words(jo.get("/account/who-can-see").soup)

    # Ravi ends Jo's access.
    grant = _grant(app, "jo")
    confirm = ravi.get(f"/account/helpers/{grant}/end").soup
    assert confirm.h1.get_text(strip=True) == "End the access of Jo Patel?"
    assert "They will not be able to see or change your information any more." in words(confirm)
    ended = ravi.get(ravi.submit(f"/account/helpers/{grant}/end", {}, status=303).location).soup
    assert "Their access has ended. They cannot see or change your information any more." in words(
        ended, ".govuk-notification-banner"
    )
    now_ended = card(ended, "Jo Patel")
    assert "Now Ended on" in now_ended and "End their access" not in now_ended

    # Jo's next request is refused with a clear page, and her account no longer offers Ravi's forms.
    page = refused(jo, f"/assessments/{form}/budget")
    assert "Your access has ended" in page
    assert "You can no longer see or change the information of Ravi Patel." in page
    assert "If you still need to help Ravi Patel, ask him to invite you again." in page  # he chose "he"
    assert f"form-{form}" not in jo.get("/account").get_data(as_text=True)
    held = card(jo.get("/account/who-can-see").soup, "Ravi Patel")
    assert "Now Ended on" in held and "Stop helping" not in held

    # A second helper: Sam, who may only look, is added, looks, and is removed.
    code = invite(ravi, "Sam Taylor", "Friend", SEE_CHOICE)
    sam = Portal(app)
    sam.sign_in("sam")
    use_code(sam, code)
    assert "What you can do see the information" in card(sam.get("/account/who-can-see").soup, "Ravi Patel")
    assert "£118.80" in words(sam.get(f"/assessments/{form}/budget").soup)
    both = ravi.get("/account/who-can-see").soup
    assert "Now In use" in card(both, "Sam Taylor") and "Now Ended on" in card(both, "Jo Patel")
    second = _grant(app, "sam")
    ravi.get(f"/account/helpers/{second}/end")
    ravi.submit(f"/account/helpers/{second}/end", {}, status=303)
    assert "You can no longer see or change the information of Ravi Patel." in refused(
        sam, f"/assessments/{form}/budget"
    )
    last = what_people_did(ravi)
    assert "Sam Taylor. Looked at your form." in last


def test_jo_with_send_may_fill_in_and_send_ravis_form_and_ravi_sees_she_did(app, ravi, jo):
    form = ravi.start()
    use_code(jo, invite(ravi, "Jo Patel", "Daughter", SEND_CHOICE))
    assert "What they can do see, fill in, change, send and disagree" in card(
        ravi.get("/account/who-can-see").soup, "Jo Patel"
    )
    jo.answer_all(form, WORKED_EXAMPLE)
    check = jo.get(f"/assessments/{form}/check").soup
    assert check.select_one("#cannot-send") is None
    assert check.select_one("main a.govuk-button").get_text(strip=True) == "Continue"
    budget = jo.get(jo.send(form).location).soup
    assert "£118.80" in words(budget)
    assert "I do not think this budget is right" in words(budget)
    did = what_people_did(ravi)
    assert "Jo Patel. Sent your form." in did
    assert "Sent their form" in words(jo.get("/account/who-can-see").soup)


def _grant(app, helper: str) -> str:
    """The public id of the newest grant held by this demo person."""
    helper_id = factories.demo_user(app, helper)
    with factories.as_user(app) as session:
        return session.scalars(
            select(Grant.public_id).where(Grant.user_id == helper_id).order_by(Grant.id.desc())
        ).first()


def test_each_card_action_is_named_once_for_a_screen_reader(ravi, jo):
    # The summary card adds its title to each action's hidden text: the name is not said twice.
    use_code(jo, invite(ravi, "Jo Patel", "Daughter", SEND_CHOICE))
    for who, label in ((ravi, "End their access"), (jo, "Stop helping")):
        page = who.get("/account/who-can-see").soup
        names = [" ".join(a.get_text(" ", strip=True).split()) for a in page.select(".govuk-summary-card a")]
        named = [name for name in names if name.startswith(label)]
        assert named and all(name.count("Patel") == 1 for name in named), names


@pytest.mark.parametrize(
    ("basis", "ravi_reads"),
    [
        ("asked_by_person", "You asked them to"),
        ("lasting_power_of_attorney", "They have a Lasting Power of Attorney for your health and care"),
        ("deputy", "A court made them your deputy"),
        ("advocate", "They are your independent advocate"),
    ],
)
def test_each_reads_why_the_helper_can_help_in_their_own_voice_with_its_hard_words_explained(
    app, ravi, jo, basis, ravi_reads
):
    from portal.ras import load_config
    from tests.web.test_plain_pages import ROOT, _plain_faults

    use_code(jo, invite(ravi, "Jo Patel", "Daughter", SEND_CHOICE))
    with factories.as_user(app) as session:
        session.scalar(select(Grant)).basis = basis
        session.commit()
    config = load_config(ROOT / "content")
    ravis = ravi.get("/account/who-can-see").soup
    assert f"Why they can help {ravi_reads}" in card(ravis, "Jo Patel")
    assert " me " not in f" {card(ravis, 'Jo Patel')} "  # the helper's own words are not Ravi's
    assert _plain_faults(words(ravis), config) == []
    assert _plain_faults(words(jo.get("/account/who-can-see").soup), config) == []
