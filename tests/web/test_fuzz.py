"""An attack run, kept as a test: bad input gets a clear page and a 4xx, never a 5xx.

Nothing typed is lost.

- Every URL rule that takes an id (found in `app.url_map`, so new pages are covered without changing this
  file) is asked for with hypothesis-made ids: any Unicode, NUL and other control characters, very long,
  path-like, percent signs, huge numbers. As the person who owns the record, as another person, and as staff.
- Every form the portal shows on a real journey (found by asking for the real pages: the start pages, the
  questions, the support plan, the disagreement route, the staff answers) is sent hypothesis-made values in
  every field: huge, right-to-left and Bengali text, NUL, CRLF, digits, negative numbers, files. When the
  page comes back with errors, what was typed is in it again, after the documented normalisation
  (`portal.input_guard.clean`: NUL and other control characters out, every line break one LF).
- Double clicks and two tabs: "Myself", the first answer to a question and two messages added at the same
  moment each succeed once, with no duplicates and no 5xx.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from portal.store.disagreement_models import Disagreement, DisagreementEntry
from portal.store.models import Answer, Assessment, Grant, Person
from portal.store.outbox_models import OutboxMessage
from tests import factories
from tests.web.helpers import WORKED_EXAMPLE, Portal, check_page, codes_for
from tests.web.plan_helpers import PA_WEEKLY

TODAY = date(2026, 12, 22)
# Bounded: 25 examples a form, no shrinking (a failure shows the example that failed, as it was sent).
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# --- what an attacker types ---------------------------------------------------------------------------

BENGALI = "আমার প্রতিদিন রাতে সাহায্য দরকার। "
RTL = "\u202eأحتاج إلى مساعدة كل ليلة\u202c"
SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x00" * 40,
    "\x01\x02\x1b[31m\x7f\x85",
    "line one\r\nline two\rthree\n",
    "\r\n" * 30,
    "x" * 5001,
    BENGALI * 160,
    RTL,
    "😀" * 1200,
    "../../../etc/passwd",
    "..",
    ".",
    "%00",
    "%",
    "%ff%fe",
    "a/b",
    "\\\\server\\share",
    "-1",
    "0",
    "00",
    "1" * 30,
    "9" * 27,
    "-" + "9" * 40,
    "1e999",
    "NaN",
    "Infinity",
    "١٢٣",
    "²³",
    "٣١",
    "9" * 4400,
    "1" * 12,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "None",
    "null",
    "{{7*7}}",
    "%(x)s",
    "\ufeff",
    "\ufffd",
    "\U0010ffff",
    "\ud7ff",
    "£1,250.50",
    "7.5",
]
TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=40),  # any code point hypothesis likes, controls included
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("Cc", "Zs", "Zl", "Zp", "Nd", "Lo", "Mn")),
        max_size=30,
    ),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.builds(
        lambda piece, times: piece * times,
        st.sampled_from(["x", "ক্ষ", "😀", "\r\n", "a\x00"]),
        st.integers(min_value=1, max_value=6000),
    ),
)

# --- what the portal promises to keep -------------------------------------------------------------------

_DROPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalised(value: str) -> str:
    """What the portal keeps of typed text: line breaks as LF, NUL and other control characters dropped.
    Stated here on its own, so that the test does not trust the code it tests."""
    return _DROPPED.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _kept(value: str, shown: list[str]) -> bool:
    value = normalised(value)
    candidates = {value, value.strip(), value.lstrip("\n")}
    return any(
        candidate in text or candidate.strip() == text.strip() for candidate in candidates for text in shown
    )


def check(app, response) -> BeautifulSoup | None:
    """No 5xx, and an HTML page passes the page checker, with what was typed taken out of the boxes it is
    shown again in (a person may type anything, markup and "None" too)."""
    assert response.status_code < 500, (
        f"{response.request.method} {response.request.path}: {response.status_code}"
    )
    if response.mimetype != "text/html" or 300 <= response.status_code < 400 or not response.get_data():
        return None
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    typed = [(box, box.get_text()) for box in soup.select("textarea")]
    for box, _text in typed:
        box.string = ""
    check_page(str(soup), response.status_code, codes_for(app))
    for box, text in typed:
        box.string = text
    return soup


# --- a real world to attack ---------------------------------------------------------------------------


@dataclass
class World:
    app: object
    alex: Portal
    sam: Portal
    staff: dict[str, Portal]
    ids: dict[str, str]
    forms: list[tuple[str, str, str]] = field(default_factory=list)  # (who, page url, form action)
    clients: dict[str, FlaskClient] = field(default_factory=dict)


def _sign_in(app, who: str) -> Portal:
    portal = Portal(app)
    portal.sign_in(who)
    return portal


@pytest.fixture
def world(app) -> World:
    """Alex has a draft, and sent budgets with a plan and with a disagreement at each point of the route;
    staff hold the cases. Every record is made as the portal makes it (tests/factories.py)."""
    app.extensions["clock"] = lambda: TODAY
    alex, sam = _sign_in(app, "alex"), _sign_in(app, "sam")
    staff = {who: _sign_in(app, who) for who in ("chris", "pat", "kim")}
    draft = factories.draft_assessment(app, alex)
    answered = factories.draft_assessment(app, alex, WORKED_EXAMPLE)
    planned = factories.sent_assessment(app, alex)
    (item_id,) = factories.plan(app, planned, [("personal_assistant", PA_WEEKLY)], who=alex)
    removing = factories.sent_assessment(app, alex)
    (removed_id,) = factories.plan(app, removing, [("personal_assistant", PA_WEEKLY)], who=alex)
    states = {
        "waiting": "care_manager_waiting",
        "answered": "care_manager_answered",
        "team_answered": "team_manager_answered",
        "complaint": "complaint_waiting",
    }
    cases = {}
    for name, state in states.items():
        public_id = factories.sent_assessment(app, alex)
        extra = (
            {
                "contact": {
                    "contact_by": "letter",
                    "contact_name": None,
                    "contact_details": "1 High Street, Exampletown, EX1 2AB",
                }
            }
            if name == "waiting"
            else {}
        )
        cases[name] = (public_id, factories.disagreement(app, public_id, TODAY, state, **extra))
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        entry_id = session.scalar(
            select(DisagreementEntry.id)
            .join(Disagreement)
            .where(Disagreement.reference == cases["waiting"][1])
        )
        row_id = session.scalar(select(OutboxMessage.id).order_by(OutboxMessage.id).limit(1))
        session.close()
    # A grant: Sam helps Ravi.
    factories.draft_assessment(app, "sam", helper=factories.Helper("Ravi", "Son", "asked_by_person", "asked"))
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        grant_id = session.scalar(select(Grant.public_id).limit(1))
        session.close()
    assert row_id is not None, "raising a disagreement writes its messages to the outbox"
    ids = {
        "public_id": cases["waiting"][0],
        "reference": cases["waiting"][1],
        "entry_id": str(entry_id),
        "row_id": str(row_id),
        "grant_id": grant_id,
        "question_id": "date_of_birth",
        "questionnaire_id": "self_assessment",
        "item_id": item_id,
        "price_id": "personal_assistant",
        "step": "care_manager",
        "question": "nutrition",
        "kind": "options",
        "name": "nutrition-full_help",
        "filename": "govuk-frontend.min.css",
    }
    world = World(app, alex, sam, staff, ids)
    a = "/assessments"
    planned_url = f"{a}/{planned}/plan"
    world.forms = [
        ("alex", "/assessments/new", "/assessments/new"),
        ("alex", "/assessments/new/someone-else", "/assessments/new/someone-else"),
        ("alex", f"{a}/{draft}/questions/date_of_birth", f"{a}/{draft}/questions/date_of_birth"),
        ("alex", f"{a}/{draft}/delete", f"{a}/{draft}/delete"),
        ("alex", f"{a}/{answered}/questions/nutrition", f"{a}/{answered}/questions/nutrition"),
        ("alex", f"{a}/{answered}/questions/nutrition", "/pictures/choose"),
        ("alex", f"{a}/{answered}/send", f"{a}/{answered}/send"),
        ("alex", f"{planned_url}/add", f"{planned_url}/add"),
        ("alex", f"{planned_url}/add/personal_assistant", f"{planned_url}/add/personal_assistant"),
        ("alex", f"{planned_url}/add/equipment", f"{planned_url}/add/equipment"),
        ("alex", f"{planned_url}/items/{item_id}", f"{planned_url}/items/{item_id}"),
        ("alex", f"{planned_url}/items/{item_id}/help", f"{planned_url}/items/{item_id}/help"),
        ("alex", f"{planned_url}/send", f"{planned_url}/send"),
        (
            "alex",
            f"{a}/{removing}/plan/items/{removed_id}/remove",
            f"{a}/{removing}/plan/items/{removed_id}/remove",
        ),
        ("alex", f"{a}/{removing}/disagree/care-manager", f"{a}/{removing}/disagree/care-manager"),
        ("alex", f"{a}/{cases['waiting'][0]}/disagree/add", f"{a}/{cases['waiting'][0]}/disagree/add"),
        (
            "alex",
            f"{a}/{cases['waiting'][0]}/disagree/advocate",
            f"{a}/{cases['waiting'][0]}/disagree/advocate",
        ),
        ("alex", f"{a}/{cases['waiting'][0]}/disagree/close", f"{a}/{cases['waiting'][0]}/disagree/close"),
        (
            "alex",
            f"{a}/{cases['answered'][0]}/disagree/team-manager",
            f"{a}/{cases['answered'][0]}/disagree/team-manager",
        ),
        (
            "alex",
            f"{a}/{cases['team_answered'][0]}/disagree/complaint",
            f"{a}/{cases['team_answered'][0]}/disagree/complaint",
        ),
        ("chris", f"/staff/cases/{cases['waiting'][1]}/answer", f"/staff/cases/{cases['waiting'][1]}/answer"),
        (
            "chris",
            f"/staff/cases/{cases['waiting'][1]}/letters/{entry_id}",
            f"/staff/cases/{cases['waiting'][1]}/letters/{entry_id}",
        ),
        (
            "kim",
            f"/staff/cases/{cases['complaint'][1]}/acknowledge",
            f"/staff/cases/{cases['complaint'][1]}/acknowledge",
        ),
        (
            "kim",
            f"/staff/cases/{cases['complaint'][1]}/final-answer",
            f"/staff/cases/{cases['complaint'][1]}/final-answer",
        ),
    ]
    return world


def client_of(world: World, who: str) -> FlaskClient:
    """A client signed in as `who` that leaves the page checks to `check`, which knows what was typed."""
    if who not in world.clients:
        signed_in = {"alex": world.alex, "sam": world.sam, **world.staff}[who].client
        client = FlaskClient(world.app, world.app.response_class, use_cookies=True)
        client.set_cookie("portal_session", signed_in.get_cookie("portal_session").value)
        world.clients[who] = client
    return world.clients[who]


# --- every path that takes an id -------------------------------------------------------------------------

PATH_VALUE = st.one_of(
    TEXT.filter(lambda v: len(v) < 3000), st.sampled_from(["9" * 40, "2147483648", "-1", "0"])
)


def id_rules(app) -> list:
    return [rule for rule in app.url_map.iter_rules() if rule.arguments and rule.endpoint != "static"]


def url_for_rule(rule, ids: dict[str, str], fuzzed: str, value: str, raw: bool) -> str:
    url = rule.rule
    for name in rule.arguments:
        given_value = value if name == fuzzed else ids[name]
        text = given_value if raw and name == fuzzed else quote(given_value, safe="")
        url = re.sub(r"<(?:[^:<>]+:)?" + name + ">", lambda _m, t=text: t, url)
    return url


def test_every_id_taking_path_answers_bad_ids_without_a_server_error(world):
    rules = id_rules(world.app)
    assert len(rules) >= 20, "the URL map has fewer pages with ids than expected"
    for rule in rules:
        assert set(rule.arguments) <= set(world.ids), f"give {rule.rule} a real value for each of its parts"
    who = ["alex", "sam", "chris"]

    @settings(FUZZ, max_examples=150)
    @given(
        rule=st.sampled_from(rules),
        data=st.data(),
        value=PATH_VALUE,
        raw=st.booleans(),
        person=st.sampled_from(who),
    )
    def ask(rule, data, value, raw, person):
        fuzzed = data.draw(st.sampled_from(sorted(rule.arguments)))
        url = url_for_rule(rule, world.ids, fuzzed, value, raw)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            client = client_of(world, person)
            response = client.open(url, method=method)
            check(world.app, response)

    ask()


def test_nul_and_control_characters_in_a_path_get_a_clear_page(world):
    for url in (
        f"/assessments/{world.ids['public_id']}%00",
        "/assessments/%00/check",
        "/staff/cases/%01%02",
        "/account?lang=%00",
        f"/assessments/{world.ids['public_id']}/plan/cost?item=%00&help=meals",
    ):
        response = world.alex.client.get(url)
        soup = check(world.app, response)
        assert response.status_code == 400, url
        assert "The web address has characters that cannot be used" in soup.get_text(" ", strip=True), url


# --- every form ------------------------------------------------------------------------------------------


@dataclass
class FoundForm:
    hidden: dict[str, str]
    text: list[str]  # boxes a person types in
    choices: dict[str, list[str]]  # radios and checkboxes: name -> values offered


def find_form(soup: BeautifulSoup, action: str, page_url: str) -> FoundForm | None:
    for form in soup.select("form[method=post]"):
        target = form.get("action") or page_url
        if target.split("?")[0] != action.split("?")[0]:
            continue
        hidden = {tag["name"]: tag.get("value", "") for tag in form.select("input[type=hidden][name]")}
        text = [
            tag["name"]
            for tag in form.select(
                "input[name]:not([type]), input[type=text][name], "
                "input[type=email][name], input[type=tel][name], "
                "input[type=number][name], textarea[name]"
            )
        ]
        choices: dict[str, list[str]] = {}
        for tag in form.select("input[type=radio][name], input[type=checkbox][name]"):
            choices.setdefault(tag["name"], []).append(tag.get("value", "on"))
        return FoundForm(hidden, text, choices)
    return None


def shown_values(soup: BeautifulSoup, name: str) -> list[str]:
    tags = soup.select(f'[name="{name}"]')
    return [tag.get_text() if tag.name == "textarea" else tag.get("value", "") for tag in tags]


def form_values(found: FoundForm):
    """Each box: a nasty text, or a file; each group of choices: one offered, none, or a nasty one."""
    text_value = st.one_of(
        TEXT, TEXT, TEXT, st.builds(lambda body: (io.BytesIO(body), "notes.txt"), st.binary(max_size=200))
    )
    choice = {
        name: st.one_of(st.sampled_from(values), st.just(None), TEXT, st.lists(st.sampled_from(values)))
        for name, values in found.choices.items()
    }
    # Hidden fields as sent (None), or crafted; the CSRF token is kept, so that the form itself is reached.
    hidden = {
        name: st.one_of(st.just(None), st.just(None), TEXT) for name in found.hidden if name != "csrf_token"
    }
    return st.fixed_dictionaries({**dict.fromkeys(found.text, text_value), **choice, **hidden})


def fuzz_form(world: World, who: str, page_url: str, action: str) -> None:
    """Send the form on `page_url` hypothesis-made values; each answer is < 500, and a page shown again with
    errors has what was typed in its boxes."""
    client = client_of(world, who)
    page = client.get(page_url)
    soup = check(world.app, page)
    assert soup is not None and page.status_code == 200, f"{page_url}: {page.status_code}"
    found = find_form(soup, action, page_url)
    assert found is not None, f"no form for {action} on {page_url}"
    hidden = dict(found.hidden)

    @FUZZ
    @given(values=form_values(found), as_json=st.sampled_from([False] * 9 + [True]))
    def send(values, as_json):
        data = {**hidden, **{name: value for name, value in values.items() if value is not None}}
        if as_json:
            plain = {k: v for k, v in data.items() if not isinstance(v, tuple)}
            response = client.post(action, json=plain, headers={"X-CSRFToken": data.get("csrf_token", "")})
        else:
            files = any(isinstance(v, tuple) for v in data.values())
            response = client.post(action, data=data, content_type="multipart/form-data" if files else None)
        shown = check(world.app, response)
        if as_json:
            assert response.status_code >= 400, f"{action}: form data sent as JSON was taken"
        elif response.status_code == 200 and shown is not None and shown.select_one(".govuk-error-summary"):
            for name in found.text:
                value = values.get(name)
                if isinstance(value, str) and shown.select(f'[name="{name}"]'):
                    assert _kept(value, shown_values(shown, name)), (
                        f"{action}: {name} lost what was typed: {value[:80]!r}"
                    )
            again = find_form(shown, action, page_url)
            if again is not None:
                hidden.update(again.hidden)
        elif response.status_code in (302, 303):
            fresh = check(world.app, client.get(page_url))
            again = find_form(fresh, action, page_url) if fresh is not None else None
            if again is not None:
                hidden.update(again.hidden)

    send()


@pytest.mark.parametrize("journey", ["start", "assessment", "plan", "disagree", "staff"])
def test_every_form_keeps_what_was_typed_and_never_fails(world, journey):
    forms = [
        (who, page_url, action) for who, page_url, action in world.forms if _journey(who, action) == journey
    ]
    assert forms, journey
    for who, page_url, action in forms:
        fuzz_form(world, who, page_url, action)


def _journey(who: str, action: str) -> str:
    if who != "alex":
        return "staff"
    for part in ("/disagree/", "/plan/"):
        if part in action:
            return part.strip("/")
    return "start" if action.startswith(("/assessments/new", "/pictures")) else "assessment"


# --- double clicks and two tabs -------------------------------------------------------------------------


def _at_once(app, cookie, requests: list[tuple[str, dict]]) -> list:
    """Send the requests at the same moment, each from its own connection with the same session."""
    clients = [app.test_client() for _ in requests]
    for client in clients:
        client.set_cookie("portal_session", cookie)
    start = threading.Barrier(len(requests))
    results: list = [None] * len(requests)

    def send(index: int) -> None:
        url, data = requests[index]
        start.wait()
        response = clients[index].post(url, data=data)
        results[index] = (response.status_code, response.location)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _count(app, statement) -> int:
    session = app.extensions["db_sessionmaker"]()
    try:
        return session.scalar(statement)
    finally:
        session.close()


def test_myself_clicked_twenty_times_makes_one_form(portal, app):
    portal.sign_in("alex")
    token = portal.csrf("/assessments/new")
    cookie = portal.client.get_cookie("portal_session").value
    results = _at_once(app, cookie, [("/assessments/new", {"csrf_token": token, "for_whom": "myself"})] * 20)
    assert {status for status, _ in results} == {302}
    assert len({location for _, location in results}) == 1
    assert _count(app, select(func.count()).select_from(Assessment)) == 1
    assert _count(app, select(func.count()).select_from(Person)) == 1
    # And one after another (the back button, then Continue again): still the same empty form.
    again = portal.post("/assessments/new", {"for_whom": "myself"})
    assert again.location == results[0][1]
    assert _count(app, select(func.count()).select_from(Assessment)) == 1


def test_someone_else_sent_twice_at_once_makes_one_form(portal, app):
    portal.sign_in("jo")
    token = portal.csrf("/assessments/new/someone-else")
    cookie = portal.client.get_cookie("portal_session").value
    data = {"csrf_token": token, "person_name": "Ravi", "relationship": "Son", "basis": "asked_by_person"}
    results = _at_once(app, cookie, [("/assessments/new/someone-else", data)] * 6)
    assert {status for status, _ in results} == {302}
    assert len({location for _, location in results}) == 1
    assert _count(app, select(func.count()).select_from(Assessment)) == 1


def test_a_new_form_is_started_once_the_last_one_has_answers(portal, app):
    portal.sign_in("alex")
    first = portal.start()
    portal.answer(first, "date_of_birth", "1960-03-27")
    second = portal.start()
    assert second != first
    assert portal.start() == second  # still empty: the same one


def test_the_first_answer_sent_twice_at_once_is_saved_once(portal, app):
    portal.sign_in("alex")
    assessment_id = portal.start()
    url = f"/assessments/{assessment_id}/questions/date_of_birth"
    token = portal.csrf(url)
    cookie = portal.client.get_cookie("portal_session").value
    data = {
        "csrf_token": token,
        "date_of_birth-day": "27",
        "date_of_birth-month": "3",
        "date_of_birth-year": "1960",
        "more": "I live alone.",
    }
    results = _at_once(app, cookie, [(url, data)] * 6)
    assert {status for status, _ in results} == {302}, results
    assert _count(app, select(func.count()).select_from(Answer)) == 1
    assert _count(app, select(Answer.value)) == "1960-03-27"


def test_two_messages_added_at_the_same_moment_from_two_tabs_are_both_kept(portal, app):
    app.extensions["clock"] = lambda: TODAY
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    factories.disagreement(app, assessment_id, TODAY)
    url = f"/assessments/{assessment_id}/disagree/add"
    tabs = []
    for n in range(2):
        page = portal.client.get(url)
        soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
        hidden = {tag["name"]: tag.get("value", "") for tag in soup.select("main form input[type=hidden]")}
        tabs.append((url, {**hidden, "text": f"Message from tab {n + 1}."}))
    cookie = portal.client.get_cookie("portal_session").value
    before = _count(app, select(func.count()).select_from(DisagreementEntry))
    results = _at_once(app, cookie, tabs)
    assert [status for status, _ in results] == [302, 302], results
    texts = set(
        _count_all(app, select(DisagreementEntry.text).where(DisagreementEntry.kind == "add_information"))
    )
    assert texts == {"Message from tab 1.", "Message from tab 2."}
    assert _count(app, select(func.count()).select_from(DisagreementEntry)) == before + 2
    # The same tab sent twice is still stored once.
    _at_once(app, cookie, [tabs[0], tabs[0]])
    assert _count(app, select(func.count()).select_from(DisagreementEntry)) == before + 2


def _count_all(app, statement) -> list:
    session = app.extensions["db_sessionmaker"]()
    try:
        return list(session.scalars(statement))
    finally:
        session.close()
