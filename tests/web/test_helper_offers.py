"""A helper is offered only what their grant lets them do.

Jo walks every page of Ravi's records she can reach from her account by following links: his draft form,
his sent form and budget, his support plan, and his disagreement. With "see" she is offered no button or
link to continue, change, add, remove, delete, send or disagree; with "fill in" she may change things but
is offered nothing that sends or disagrees. Every link she is offered opens (a page she would be refused is
never offered), and every change she sends anyway is refused with a page that says why.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from portal.ras import disagreement as rules
from portal.store.models import Answer, Assessment, Grant
from tests import factories
from tests.web.dates import TUESDAY_BEFORE_CHRISTMAS, set_today
from tests.web.helpers import Portal
from tests.web.plan_helpers import budget_with_plan
from tests.web.test_access import DRAFT_ROUTES, ITEM, PLAN_DRAFT_ROUTES, SENT_ROUTES, _plan_request, _url

# What a person reads on a link or button that changes, sends or disagrees.
CHANGES = re.compile(
    r"^(Continue|Change|Add|Remove|Delete|Make|Carry on|Start|Save|Choose different)\b", re.IGNORECASE
)
SENDS_OR_DISAGREES = re.compile(
    r"\bsend\b|^Tell .*care manager|^Ask (a team manager|for an advocate)|^Make a formal complaint|"
    r"^Add more information|^I am happy now|^I do not think this budget is right|^Close",
    re.IGNORECASE,
)


@pytest.fixture
def ravis_records(app):
    """Ravi's draft form, his sent form with a draft plan of one item, and a disagreement the care manager
    has answered (so that every next step is open to him)."""
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    ravi = Portal(app)
    ravi.sign_in("ravi")
    sent, item = budget_with_plan(ravi)
    factories.disagreement(
        app, sent, TUESDAY_BEFORE_CHRISTMAS, rules.CARE_MANAGER_ANSWERED, **factories.RAISE
    )
    draft = factories.draft_assessment(app, ravi, {"date_of_birth": "1950-04-03"})
    return ravi, draft, sent, item


def _helper(app, ravi: Portal, scope: str) -> Portal:
    code = ravi.submit(
        "/account/who-can-see/invite",
        {"helper_name": "Jo Patel", "relationship": "Daughter", "scope": scope},
        200,
    ).soup.select_one("#code")
    jo = Portal(app)
    jo.sign_in("jo")
    jo.submit("/account/invitation", {"code": code.get_text(strip=True)}, status=303)
    return jo


def _offered(soup) -> list[tuple[str, str]]:
    """Every link and button in the page's main part: (what it says, where it goes)."""
    found = []
    for tag in soup.select("main a[href], main button, main input[type=submit]"):
        label = " ".join(tag.get_text(" ", strip=True).split()) or tag.get("value", "")
        found.append((label, tag.get("href", "")))
    return found


def _walk(helper: Portal, ids: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """Follow every link from the helper's account to the pages of these records; each must open."""
    seen: dict[str, list[tuple[str, str]]] = {}
    queue = deque(["/account"])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = helper.get(url)  # an offered page opens: never "You cannot do this for them"
        seen[url] = _offered(response.soup) if response.mimetype == "text/html" else []
        for _text, href in seen[url]:
            path = urlsplit(href).path
            if any(f"/{public_id}" in path for public_id in ids) and not path.endswith((".pdf", "/pdf")):
                queue.append(href)
    return seen


def test_a_helper_who_may_only_look_is_offered_no_change_on_any_page(app, ravis_records):
    ravi, draft, sent, item = ravis_records
    jo = _helper(app, ravi, "see")
    pages = _walk(jo, (draft, sent))
    # The walk reached every kind of page of Ravi's records.
    reached = " ".join(pages)
    for part in (f"/assessments/{draft}", f"/assessments/{draft}/check", f"/assessments/{sent}/budget"):
        assert part in reached, part
    for part in ("/plan", "/disagree", "/disagree/timeline", "/disagree/steps/"):
        assert f"/assessments/{sent}{part}" in reached, part
    for url, offered in pages.items():
        if url == "/account":
            offered = [(text, href) for text, href in offered if draft in href or sent in href]
        for text, href in offered:
            assert not CHANGES.search(text), (url, text, href)
            assert not SENDS_OR_DISAGREES.search(text), (url, text, href)
    # The pages say why, in easy words.
    check = jo.get(f"/assessments/{draft}/check").soup
    assert (
        check.h1.get_text(strip=True) == "The answers on this form"
    )  # not asked to check what they cannot change
    assert (
        check.select_one("#cannot-send")
        .get_text(" ", strip=True)
        .startswith("Ravi Patel has let you look at his information. You cannot change it or send it.")
    )
    assert "You cannot change it or send it." in jo.get(f"/assessments/{draft}").soup.get_text()
    assert "You cannot change it or send it." in jo.get(f"/assessments/{sent}/plan").soup.get_text()
    account = jo.get("/account").soup.select_one(f"#form-{draft}").get_text(" ", strip=True)
    assert "Look at the answers" in account and "Carry on" not in account
    # A page that changes something, opened anyway, is refused and says why.
    refused = jo.get(f"/assessments/{draft}/questions/date_of_birth", status=403).soup
    assert refused.h1.get_text(strip=True) == "You cannot do this for them"
    assert "Ravi Patel has let you look at his information." in refused.select_one("#why").get_text()
    _every_post_is_refused(app, jo, draft, sent, item, everything=True)


def test_a_helper_who_may_fill_in_is_offered_changes_but_nothing_that_sends_or_disagrees(app, ravis_records):
    ravi, draft, sent, item = ravis_records
    jo = _helper(app, ravi, "fill_in")
    pages = _walk(jo, (draft, sent))
    offered_texts = [text for offered in pages.values() for text, _href in offered]
    assert any(text.startswith("Change") for text in offered_texts), "Jo may change things"
    assert "Add more help" in offered_texts
    for url, offered in pages.items():
        for text, href in offered:
            assert not SENDS_OR_DISAGREES.search(text), (url, text, href)
    plan = jo.get(f"/assessments/{sent}/plan").soup
    assert (
        "You cannot send it or disagree with a decision for him."  # the demo's Ravi chose "he"
        in plan.select_one("#cannot-send").get_text()
    )
    route = jo.get(f"/assessments/{sent}/disagree").soup
    assert "Ask Ravi Patel to send it." in route.select_one("#cannot-disagree").get_text()
    _every_post_is_refused(app, jo, draft, sent, item, everything=False)


def _every_post_is_refused(app, jo: Portal, draft: str, sent: str, item: str, everything: bool) -> None:
    """Every change sent to Ravi's records is refused (only sending and disagreeing, for "fill in"), and
    nothing changes."""
    with factories.as_user(app) as session:
        before = session.scalars(
            select(Answer.question_id, Answer.value).order_by(Answer.assessment_id, Answer.question_id)
        ).all()
    token = jo.csrf("/account")
    needs_send = {"assessment.send", "assessment.delete", "plan.send"}
    for method, endpoint, extra in DRAFT_ROUTES + SENT_ROUTES:
        if method != "POST" or (
            not everything and endpoint not in needs_send and endpoint.startswith("assessment")
        ):
            continue
        public_id = draft if (method, endpoint, extra) in DRAFT_ROUTES else sent
        response = jo.client.post(
            _url(app, endpoint, public_id, extra), data={"csrf_token": token, "confirm": "y"}
        )
        assert response.status_code == 403, (endpoint, response.status_code)
        assert "You cannot do this for them" in response.get_data(as_text=True)
    for method, endpoint, extra in PLAN_DRAFT_ROUTES:
        if method != "POST" or (not everything and endpoint not in needs_send):
            continue
        response = _plan_request(jo.client, app, method, endpoint, sent, extra, item, token)
        assert response.status_code == 403, (endpoint, response.status_code)
    assert ITEM  # the plan routes' item stands for Ravi's one item
    with factories.as_user(app) as session:
        assert (
            session.scalars(
                select(Answer.question_id, Answer.value).order_by(Answer.assessment_id, Answer.question_id)
            ).all()
            == before
        )
        assert session.scalar(select(Assessment.submitted_at).where(Assessment.public_id == draft)) is None
        assert session.scalar(select(Grant.ended_at)) is None


@pytest.mark.parametrize("scope", ["see", "fill_in"])
def test_only_a_helper_who_may_fill_in_is_offered_an_early_review(app, scope):
    from tests.web.test_reviews import STARTS

    set_today(app, STARTS)
    ravi = Portal(app)
    ravi.sign_in("ravi")
    form = factories.sent_assessment(app, ravi)
    factories.agreement(app, form, STARTS)
    jo = _helper(app, ravi, scope)
    with factories.as_user(app) as session:
        person = session.scalar(select(Assessment).where(Assessment.public_id == form)).person.public_id
    block = " ".join(
        jo.get("/account").soup.select_one(f"#review-{person}").get_text(" ", strip=True).split()
    )
    assert "The next review for Ravi Patel is due by" in block
    if scope == "see":
        assert "Ask for an early review" not in block
        refused = jo.get(f"/reviews/{person}/ask", status=403).soup
        assert "You cannot change it or send it." in refused.select_one("#why").get_text()
    else:
        assert "Ask for an early review for Ravi Patel" in block
        assert (
            jo.get(f"/reviews/{person}/ask").soup.h1.get_text(strip=True)
            == "Ask for an early review for Ravi Patel"
        )
