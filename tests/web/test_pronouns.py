"""How pages talk about a person to someone who helps them: "his", "her", or "their" when not given.

The person chooses on their account (he, she, they or not given); a helper who starts a form for someone
may choose too, and so may a helper whose grant lets them fill in and change. The person themself always
reads "you". Council words have `other_he` and `other_she` variants; UI sentences are whole sentences.
"""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from sqlalchemy import select

from portal.store.models import AuditEvent, Person
from tests.web.helpers import WORKED_EXAMPLE, Portal

HOME_SAFETY = "/questions/home_safety"


def _start_for_ravi(portal: Portal, pronouns: str | None) -> str:
    """Jo starts a form for Ravi, her dad, choosing his pronouns (or leaving them out)."""
    portal.sign_in("jo")
    portal.post("/assessments/new", {"for_whom": "someone_else"})
    fields = {"person_name": "Ravi", "relationship": "Daughter", "basis": "asked_by_person"}
    if pronouns is not None:
        fields["pronouns"] = pronouns
    response = portal.post("/assessments/new/someone-else", fields)
    return response.location.rstrip("/").split("/")[-1]


def _words(soup, selector: str) -> str:
    return " ".join(soup.select_one(selector).get_text(" ", strip=True).split())


def _question(portal: Portal, public_id: str, lang: str | None = None) -> str:
    url = f"/assessments/{public_id}{HOME_SAFETY}" + (f"?lang={lang}" if lang else "")
    soup = portal.get(url).soup
    for caption in soup.select("h1 [class*=caption]"):  # the section's name, above the question
        caption.decompose()
    return _words(soup, "h1")


def _own_pronouns(app, name: str) -> str | None:
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(select(Person.pronouns).where(Person.name == name))


@pytest.mark.parametrize(
    "chosen,title",
    [
        ("he", "Does Ravi need help to move around his home safely?"),
        ("she", "Does Ravi need help to move around her home safely?"),
        ("they", "Does Ravi need help to move around their home safely?"),
        ("not_given", "Does Ravi need help to move around their home safely?"),
        (None, "Does Ravi need help to move around their home safely?"),
    ],
)
def test_a_helper_reads_about_the_person_in_the_words_they_chose(portal, app, chosen, title):
    public_id = _start_for_ravi(portal, chosen)
    assert _question(portal, public_id) == title
    assert _own_pronouns(app, "Ravi") == (chosen if chosen in ("he", "she", "they") else None)
    # Jo's choice is a change to Ravi's record by someone else: in the record of who changed what.
    changed = chosen in ("he", "she", "they")  # "not given" leaves the record as it was
    assert _pronoun_audits(app) == ([("change pronouns", "authority:asked_by_person")] if changed else [])


def test_answers_and_their_pictures_use_the_pronouns_too(portal, app):
    public_id = _start_for_ravi(portal, "she")
    page = portal.get(f"/assessments/{public_id}{HOME_SAFETY}").soup
    hints = [" ".join(h.get_text(" ", strip=True).split()) for h in page.select(".govuk-radios__hint")]
    assert "Ravi can move around her home safely on her own." in hints
    assert not any("their" in hint for hint in hints), hints
    # The pictures beside the answers say the same, to people who hear the page.
    described = [img.get("alt", "") for img in page.select("main img")] + [
        " ".join(t.get_text(" ", strip=True).split()) for t in page.select("main svg title")
    ]
    assert not any("their home" in words for words in described), described


def test_the_person_themself_always_reads_you(portal, app):
    portal.sign_in("ravi")  # the demo's Ravi chose "he"
    portal.post("/assessments/new", {"for_whom": "myself"})
    public_id = portal.get("/account").soup.select_one("[id^=form-]")["id"].removeprefix("form-")
    assert _question(portal, public_id) == "Do you need help to move around your home safely?"


def test_welsh_uses_the_mutation_for_his_and_her(portal, app):
    he = _start_for_ravi(portal, "he")
    assert _question(portal, he, "cy") == "Oes angen help ar Ravi i symud o gwmpas ei gartref yn ddiogel?"
    other = Portal(app)
    other.sign_in("alex")
    other.post("/assessments/new", {"for_whom": "someone_else"})
    she = (
        other.post(
            "/assessments/new/someone-else",
            {"person_name": "Mina", "relationship": "Friend", "basis": "asked_by_person", "pronouns": "she"},
        )
        .location.rstrip("/")
        .split("/")[-1]
    )
    assert _question(other, she, "cy") == "Oes angen help ar Mina i symud o gwmpas ei chartref yn ddiogel?"
    assert _question(other, she, "ur") == "کیا Mina کو اپنے گھر میں حفاظت سے چلنے پھرنے میں مدد چاہیے؟"


def test_urdu_verbs_agree_with_a_woman_where_english_has_no_variant(portal, app):
    """questions.relationships.hint has no English variant ("them" is the people Ravi calls), but Urdu's
    verbs agree with the person."""
    public_id = _start_for_ravi(portal, "she")
    page = portal.get(f"/assessments/{public_id}/questions/relationships?lang=ur").soup
    assert "لوگوں سے کیسے ملتی ہیں" in _words(page, "main")
    he = Portal(app)
    he_form = _start_for_ravi(he, "he")
    assert "لوگوں سے کیسے ملتے ہیں" in _words(
        he.get(f"/assessments/{he_form}/questions/relationships?lang=ur").soup, "main"
    )


def test_the_budget_page_says_his_care_manager(portal, app):
    """A UI sentence about the person chooses the whole sentence for their pronouns."""
    portal.sign_in("jo")
    public_id = _start_for_ravi(portal, "he")
    portal.answer_all(public_id, {**WORKED_EXAMPLE})
    portal.send(public_id)
    words = _words(portal.get(f"/assessments/{public_id}/budget").soup, "main")
    assert "helps Ravi plan his care" in words
    assert "their care" not in words


@pytest.mark.parametrize(
    "chosen,care,advocate",
    [
        ("he", "helps Ravi plan his care.", "helps Ravi say what he wants."),
        ("she", "helps Ravi plan her care.", "helps Ravi say what she wants."),
        (None, "helps Ravi plan their care.", "helps Ravi say what they want."),
    ],
)
def test_the_disagreement_route_talks_about_the_person_as_they_chose(portal, app, chosen, care, advocate):
    """The route's own words for a helper (disagreement.someone_else) follow the person's pronouns."""
    public_id = _start_for_ravi(portal, chosen)
    portal.answer_all(public_id, {**WORKED_EXAMPLE})
    portal.send(public_id)
    steps = f"/assessments/{public_id}/disagree/steps"
    assert care in _words(portal.get(f"{steps}/care_manager").soup, "main")
    assert advocate in _words(portal.get(f"{steps}/advocate").soup, "main")
    route = _words(portal.get(f"/assessments/{public_id}/disagree").soup, "main")
    if chosen is not None:
        assert "their care" not in route and "what they want" not in route


@pytest.mark.parametrize(
    "chosen,lang,care,advocate",
    [
        ("he", "cy", "helpu Ravi i gynllunio ei ofal.", "i ddweud beth mae e ei eisiau."),
        ("she", "cy", "helpu Ravi i gynllunio ei gofal.", "i ddweud beth mae hi ei heisiau."),
        (None, "cy", "helpu Ravi i gynllunio eu gofal.", "i ddweud beth maen nhw ei eisiau."),
        ("she", "ur", "Ravi کی دیکھ بھال کا منصوبہ", "Ravi کو اپنی بات کہنے میں مدد"),
    ],
)
def test_the_disagreement_route_in_welsh_and_urdu_follows_the_pronouns(app, chosen, lang, care, advocate):
    """Welsh: ei with the soft mutation for his (ei ofal), ei with the aspirate for her (ei heisiau)."""
    from types import SimpleNamespace

    from flask import g
    from flask_babel import force_locale

    from portal.journeys.disagree.views import step_text

    with app.test_request_context("/"), force_locale(lang):
        g.record_person = SimpleNamespace(pronouns=chosen)
        assert care in step_text("care_manager", "what", person="Ravi")
        assert advocate in step_text("advocate", "what", person="Ravi")


# --- choosing on the account page ------------------------------------------------------------------


def _invite(app, ravi: Portal, scope: str) -> Portal:
    code = ravi.submit(
        "/account/who-can-see/invite",
        {"helper_name": "Jo Patel", "relationship": "Daughter", "scope": scope},
        200,
    ).soup.select_one("#code")
    jo = Portal(app)
    jo.sign_in("jo")
    jo.submit("/account/invitation", {"code": code.get_text(strip=True)}, status=303)
    return jo


def _ravis_page(app) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        public_id = session.scalar(select(Person.public_id).where(Person.name == "Ravi Patel"))
    return f"/account/people/{public_id}/pronouns"


def _pronoun_audits(app) -> list[tuple[str, str]]:
    with app.extensions["db_sessionmaker"]() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.basis)
            .where(AuditEvent.action.like("% pronouns"))
            .order_by(AuditEvent.id)
        )
        return [tuple(row) for row in rows]


def test_the_person_chooses_on_their_account_and_their_helper_reads_it(portal, app):
    portal.sign_in("ravi")
    account = portal.get("/account").soup
    link = account.select_one("#pronouns ~ p a")
    assert link.get_text(strip=True) == "Choose how we talk about you"
    page = portal.get(link["href"]).soup
    assert _words(page, "h1") == "How should we talk about you to people who help you?"
    assert page.select_one("input[name=pronouns][value=he]").has_attr("checked")  # the demo's choice
    labels = [_words(page, f"label[for={i['id']}]") for i in page.select("input[name=pronouns]")]
    assert labels == ["He, him, his", "She, her, hers", "They, them, their", "Not given"]
    # Nothing chosen: an error that says what to do.
    error = portal.submit(link["href"], {}, status=200).soup
    assert "Choose which words we should use" in _words(error, ".govuk-error-summary")
    assert error.title.get_text().startswith("Error:")
    done = portal.submit(link["href"], {"pronouns": "she"}, status=303)
    assert "We saved how we talk about you." in _words(portal.get(done.location).soup, "main")
    assert _own_pronouns(app, "Ravi Patel") == "she"
    assert _pronoun_audits(app) == []  # the person's own looks and changes are not audited

    ravi_form = portal.post("/assessments/new", {"for_whom": "myself"}).location.rstrip("/").split("/")[-1]
    jo = _invite(app, portal, "fill_in")
    assert _question(jo, ravi_form) == "Does Ravi Patel need help to move around her home safely?"
    assert _question(portal, ravi_form) == "Do you need help to move around your home safely?"


def test_a_helper_who_may_fill_in_chooses_and_it_is_audited_once(portal, app):
    portal.sign_in("ravi")
    jo = _invite(app, portal, "fill_in")
    account = jo.get("/account").soup
    link = next(
        a for a in account.select("main a") if a.get_text(strip=True) == "How we talk about Ravi Patel"
    )
    page = jo.get(link["href"]).soup
    assert _words(page, "h1") == "How should we talk about Ravi Patel?"
    jo.submit(link["href"], {"pronouns": "they"}, status=303)
    jo.submit(link["href"], {"pronouns": "they"}, status=303)  # the same again changes nothing
    assert _own_pronouns(app, "Ravi Patel") == "they"
    changes = [row for row in _pronoun_audits(app) if row[0] == "change pronouns"]
    assert changes == [("change pronouns", "authority:asked_by_person")]
    jo.submit(link["href"], {"pronouns": "not_given"}, status=303)
    assert _own_pronouns(app, "Ravi Patel") is None


def test_a_helper_who_may_only_look_cannot_choose(portal, app):
    portal.sign_in("ravi")
    jo = _invite(app, portal, "see")
    assert "How we talk about Ravi Patel" not in _words(jo.get("/account").soup, "main")
    refused = jo.get(_ravis_page(app), status=403).soup
    assert "has let you look at his information" in _words(refused, "main")
    jo.post(_ravis_page(app), {"pronouns": "she"}, status=403, token_from="/account")
    assert _own_pronouns(app, "Ravi Patel") == "he"


def test_another_person_cannot_see_or_choose(portal, other_portal, app):
    portal.sign_in("ravi")
    portal.get("/account")
    other_portal.sign_in("alex")
    other_portal.get(_ravis_page(app), status=404)
    other_portal.post(_ravis_page(app), {"pronouns": "she"}, status=404, token_from="/account")
    assert _own_pronouns(app, "Ravi Patel") == "he"


def test_signed_out_people_are_sent_to_sign_in(portal, app):
    portal.sign_in("ravi")
    page = _ravis_page(app)
    stranger = Portal(app)
    assert stranger.get(page, status=302).location.endswith("/sign-in")


def test_the_page_in_welsh_and_urdu(portal, app):
    portal.sign_in("ravi")
    welsh = portal.get(_ravis_page(app) + "?lang=cy").soup
    assert _words(welsh, "h1") == "Sut dylem sôn amdanoch chi wrth y bobl sy'n eich helpu?"
    labels = [_words(welsh, f"label[for={i['id']}]") for i in welsh.select("input[name=pronouns]")]
    assert labels == ["Fe, e, ei", "Hi, ei", "Nhw, eu", "Heb ei roi"]
    urdu = portal.get(_ravis_page(app) + "?lang=ur").soup
    assert _words(urdu, "h1") == "آپ کی مدد کرنے والوں سے ہم آپ کے بارے میں کیسے بات کریں؟"


# --- the migration ---------------------------------------------------------------------------------


def _migrate(url: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from portal.store import alembic_config

    config = alembic_config(url)
    command.upgrade(config, "0018_grants2")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO people (id, public_id, name, created_at) VALUES (1, 'p1', 'Ravi', :at)"),
            {"at": datetime(2026, 3, 1)},
        )
    command.upgrade(config, "0019_pronouns")
    with engine.begin() as connection:
        assert connection.execute(text("SELECT pronouns FROM people")).scalar() is None  # read as "they"
        connection.execute(text("UPDATE people SET pronouns = 'he'"))
    command.downgrade(config, "0018_grants2")
    command.upgrade(config, "heads")
    with engine.connect() as connection:
        assert tuple(connection.execute(text("SELECT public_id, pronouns FROM people")).one()) == ("p1", None)
    engine.dispose()


def test_the_migration_upgrades_and_downgrades_on_sqlite(tmp_path):
    _migrate(f"sqlite:///{tmp_path / 'old.db'}")


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="PostgreSQL is not set up here")
def test_the_migration_upgrades_and_downgrades_on_postgresql():
    from sqlalchemy import create_engine, text

    base = os.environ["TEST_DATABASE_URL"]
    name = base.rsplit("/", 1)[1] + "_pronouns"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _migrate(base.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
