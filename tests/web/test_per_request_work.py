"""Work that belongs to start-up must not be redone on every request (found with benchmarks/bench.py)."""

from __future__ import annotations

import logging

from babel import support
from jinja2 import ChoiceLoader, DictLoader

from portal import i18n, templating
from portal.forms import _wtforms_messages


def test_languages_are_found_once_not_on_every_request(portal, monkeypatch):
    portal.get("/")

    def looking_again(app):
        raise AssertionError("languages were looked for again during a request")

    monkeypatch.setattr(i18n, "_find_languages", looking_again)
    portal.get("/")
    assert portal.client.get("/health").status_code == 200


def test_wtforms_messages_are_read_once_per_language(portal, monkeypatch):
    _wtforms_messages.cache_clear()
    loads = []
    real_load = support.Translations.load

    def counting_load(*args, **kwargs):
        loads.append(kwargs.get("domain"))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(support.Translations, "load", counting_load)
    portal.sign_in("alex")
    for _ in range(3):
        portal.get("/assessments/new")
    assert loads.count("wtforms") == 1


def test_wtforms_own_messages_are_still_translated(app):
    from werkzeug.datastructures import MultiDict

    from portal.journeys.assessment.forms import ForWhomForm

    with app.test_request_context("/?lang=en"):
        form = ForWhomForm(formdata=MultiDict({"for_whom": "neither"}), meta={"csrf": False})
        assert not form.validate()
        assert form.for_whom.errors == ["Not a valid choice."]
    assert _wtforms_messages("cy").gettext("Not a valid choice.") != "Not a valid choice."


def test_a_new_worker_compiles_every_template_before_its_first_request(app, portal, monkeypatch):
    """gunicorn's master calls compile_all before it starts the workers (or each worker does, without
    preload_app): after it, no page loads a template."""
    assert templating.compile_all(app) == []

    def loading(environment, name):
        raise AssertionError(f"{name} was loaded during a request, not before the first")

    monkeypatch.setattr(app.jinja_env.loader, "get_source", loading)
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.get(f"/assessments/{assessment_id}/questions/date_of_birth")
    portal.answer_all(assessment_id)
    portal.get(f"/assessments/{assessment_id}/check")
    portal.send(assessment_id)
    for page in ("budget", "plan"):
        portal.get(f"/assessments/{assessment_id}/{page}")
    portal.get("/account")
    portal.get("/no-such-page", status=404)


def test_a_template_that_does_not_compile_is_named_and_the_others_are_still_compiled(app, caplog):
    app.jinja_loader = ChoiceLoader([DictLoader({"broken.html": "{% if %}"}), app.jinja_loader])
    with caplog.at_level(logging.INFO, logger="portal.templating"):
        assert templating.compile_all(app) == ["broken.html"]
    assert "Template broken.html does not compile" in caplog.text
    cache = app.jinja_env.cache  # Jinja keeps 400; every template must fit, or some would be compiled again
    assert cache is not None and len(cache) == len(app.jinja_env.list_templates()) - 1
