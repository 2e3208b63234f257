"""The page registry: a journey declares pages, and one generic view shows, checks, asks the rules, saves
once and moves on. These tests add a small journey to the real portal with a registry entry and a
template alone, and walk it as a person would."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from flask import Blueprint, abort, redirect, request, url_for
from jinja2 import ChoiceLoader, DictLoader
from wtforms.fields import TextAreaField
from wtforms.validators import InputRequired

from portal.access import login_required
from portal.journeys.pages import Allowed, AlreadySent, Journey, Page, Refused, SendOnceForm

NOTE_PAGE = """{% extends "base.html" %}
{% block title %}Write a note{% endblock %}
{% block main_column %}
  <h1 class="govuk-heading-l">Write a note</h1>
  <form method="post" novalidate>
    {{ form.csrf_token }}{{ form.send_token }}
    {{ form.text(params={'label': {'text': 'Your note'}}) }}
    {% if preview %}<p class="govuk-body" id="preview">Your note has {{ preview }} words.</p>{% endif %}
    {{ govukButton({'text': 'Save the note'}) }}
    {{ govukButton({'text': 'Count the words', 'name': 'action', 'value': 'count',
                    'classes': 'govuk-button--secondary'}) }}
  </form>
{% endblock %}"""
NOTES_PAGE = """{% extends "base.html" %}
{% block title %}Your notes{% endblock %}
{% block main_column %}
  <h1 class="govuk-heading-l">Your notes</h1>
  <ul class="govuk-list" id="notes">{% for note in notes %}<li>{{ note }}</li>{% endfor %}</ul>
{% endblock %}"""
CLOSED_PAGE = """{% extends "base.html" %}
{% block title %}You cannot write a note now{% endblock %}
{% block main_column %}<h1 class="govuk-heading-l">You cannot write a note now</h1>{% endblock %}"""


class NoteForm(SendOnceForm):
    text = TextAreaField("Your note", validators=[InputRequired(message="Enter your note")])


@dataclass
class Notebook:
    notes: list[str] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    open: bool = True


class Notes(Journey[Notebook]):
    name = "notes"
    decorators = (login_required,)
    pages = (
        Page("write-note", "/<book>/write", form=NoteForm, move="write"),
        Page("all-notes", "/<book>"),
    )

    def __init__(self) -> None:
        self.books = {"mine": Notebook()}

    def load(self, page, args, posting):
        if args["book"] not in self.books:
            abort(404)
        if args["book"] == "gone":
            return redirect("/")
        return self.books[args["book"]]

    def verdict(self, page, subject, form):
        return Allowed(subject.open or page.move is None)

    def preview(self, page, subject, form):
        return request.form.get("action") == "count"

    def save(self, page, subject, form):
        if form.send_token.data in subject.tokens:
            raise AlreadySent
        if not subject.open:
            raise Refused(Allowed(False))
        subject.tokens.add(form.send_token.data)
        subject.notes.append(form.text.data.strip())

    def done(self, page, subject):
        return url_for("notes.all-notes", book="mine")

    def context(self, page, subject, form):
        counted = form is not None and request.form.get("action") == "count" and not form.errors
        return {"notes": subject.notes, "preview": len(form.text.data.split()) if counted else None}

    def refuse(self, page, subject, verdict, status):
        return self.render(Page("closed", page.path, template="notes/closed.html"), subject, None, status)


@pytest.fixture
def notes(app):
    journey = Notes()
    bp = Blueprint("notes", __name__, url_prefix="/notes")
    journey.register(bp)
    app.register_blueprint(bp)
    app.jinja_loader = ChoiceLoader(
        [
            DictLoader(
                {
                    "notes/write-note.html": NOTE_PAGE,
                    "notes/all-notes.html": NOTES_PAGE,
                    "notes/closed.html": CLOSED_PAGE,
                }
            ),
            app.jinja_loader,
        ]
    )
    return journey


def test_a_page_id_names_its_url_endpoint_and_template(app, notes):
    rules = {rule.endpoint: rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("notes.")}
    assert set(rules) == {"notes.write-note", "notes.all-notes"}
    assert rules["notes.write-note"].rule == "/notes/<book>/write"
    assert rules["notes.write-note"].methods >= {"GET", "POST"}
    assert "POST" not in rules["notes.all-notes"].methods
    assert Notes.pages[0].template_in("notes") == "notes/write-note.html"


def test_page_ids_are_kebab_case():
    with pytest.raises(ValueError, match="kebab-case"):
        Page("write_note", "/x")
    with pytest.raises(ValueError, match="kebab-case"):
        Page("Write", "/x")


def test_a_declared_page_shows_checks_saves_once_and_moves_on(portal, notes):
    portal.sign_in("alex")
    page = portal.get("/notes/mine/write").soup
    assert page.select_one("h1").get_text(strip=True) == "Write a note"
    assert len(page.select_one("input[name=send_token]")["value"]) >= 16

    # nothing typed: the GOV.UK error pattern, with the same token kept for the second try
    empty = portal.submit("/notes/mine/write", {"text": ""}, status=200)
    assert empty.soup.select_one(".govuk-error-summary a").get_text(strip=True) == "Enter your note"
    assert notes.books["mine"].notes == []

    sent = portal.submit("/notes/mine/write", {"text": "Call me after 4pm"})
    assert sent.location.endswith("/notes/mine")
    # the same form again (a double click, a retry): stored once, and the person lands in the same place
    again = portal.client.post("/notes/mine/write", data=sent.sent_data)
    assert again.status_code == 302 and again.location.endswith("/notes/mine")
    assert notes.books["mine"].notes == ["Call me after 4pm"]
    listed = portal.get("/notes/mine").soup.select("#notes li")
    assert [li.get_text(strip=True) for li in listed] == ["Call me after 4pm"]


def test_what_the_rules_refuse_is_explained_and_changes_nothing(portal, notes):
    portal.sign_in("alex")
    form = portal.get("/notes/mine/write").soup
    token = form.select_one("input[name=send_token]")["value"]
    notes.books["mine"].open = False
    shown = portal.get("/notes/mine/write").soup
    assert shown.select_one("h1").get_text(strip=True) == "You cannot write a note now"
    refused = portal.client.post(
        "/notes/mine/write",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "send_token": token,
            "text": "Hello",
        },
    )
    assert refused.status_code == 409
    assert notes.books["mine"].notes == []


def test_pages_keep_their_journeys_access_rules(app, portal, notes):
    assert app.test_client().get("/notes/mine/write").status_code == 302  # signed out: to sign in
    portal.sign_in("alex")
    assert portal.client.get("/notes/someone-elses/write").status_code == 404


def test_a_form_sent_to_see_what_it_works_out_is_checked_and_shown_again_not_saved(portal, notes):
    portal.sign_in("alex")
    shown = portal.submit("/notes/mine/write", {"text": "Call me after 4pm", "action": "count"}, status=200)
    assert shown.soup.select_one("#preview").get_text(strip=True) == "Your note has 4 words."
    assert shown.soup.select_one("textarea[name=text]").get_text(strip=True) == "Call me after 4pm"
    # the same form, with the same one-time token: saved from here, it is still stored once
    assert shown.soup.select_one("input[name=send_token]")["value"] == shown.sent_data["send_token"]
    assert notes.books["mine"].notes == []
    # checked as when it is saved: the GOV.UK error pattern, nothing worked out
    empty = portal.submit("/notes/mine/write", {"text": "", "action": "count"}, status=200)
    assert empty.soup.select_one(".govuk-error-summary a").get_text(strip=True) == "Enter your note"
    assert empty.soup.select_one("#preview") is None
    # and then saved once, from the form shown again
    portal.submit("/notes/mine/write", {"text": "Call me after 4pm"})
    assert notes.books["mine"].notes == ["Call me after 4pm"]
