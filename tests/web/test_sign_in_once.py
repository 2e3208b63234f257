"""A person's first sign-in, sent several times at once (a double click, two tabs, a retry from the sign-in
provider's page): each is signed in, and there is one record of them."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.store.models import User
from tests.web.test_fuzz import _at_once, _count


def test_a_first_sign_in_sent_six_times_at_once_signs_in_once_each_and_makes_one_record(app, portal):
    token = portal.csrf("/sign-in/demo")
    cookie = portal.client.get_cookie("portal_session").value
    results = _at_once(app, cookie, [("/sign-in/demo", {"csrf_token": token, "person": "sam"})] * 6)
    assert {status for status, _ in results} == {302}, results
    assert {location for _, location in results} == {"/account"}
    assert _count(app, select(func.count()).select_from(User).where(User.subject == "sam")) == 1
