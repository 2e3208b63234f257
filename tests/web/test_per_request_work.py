"""Work that belongs to start-up must not be redone on every request (found with benchmarks/bench.py)."""

from __future__ import annotations

from babel import support

from portal import i18n
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
