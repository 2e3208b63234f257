"""Disagreements raised at the same moment by several people (or one person's several forms), in demo mode,
where the first one also makes the demo staff and gives the person a care manager: each is stored once, with
its messages, and nobody gets an error (found by the load run)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from portal.store.disagreement_models import CaseAssignment, Disagreement
from portal.store.models import User
from tests import factories
from tests.web.helpers import Portal
from tests.web.test_disagreement import raise_data
from tests.web.test_fuzz import _count


def test_first_disagreements_raised_at_once_are_each_stored_with_one_care_manager(app):
    people = [Portal(app) for _ in range(4)]
    forms = []
    for portal in people:
        portal.sign_in("alex")
        assessment_id = factories.sent_assessment(app, portal)
        url = f"/assessments/{assessment_id}/disagree/care-manager"
        page = portal.get(url).soup
        hidden = {
            field["name"]: field.get("value", "") for field in page.select("main form input[type=hidden]")
        }
        forms.append((portal, url, {**hidden, **raise_data()}))
    start = threading.Barrier(len(forms))
    statuses: list[int | None] = [None] * len(forms)

    def send(index: int) -> None:
        portal, url, data = forms[index]
        start.wait()
        statuses[index] = portal.client.post(url, data=data).status_code

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * len(forms)
    assert _count(app, select(func.count()).select_from(Disagreement)) == len(forms)
    # one demo care manager and one team manager, held once for the person
    assert _count(app, select(func.count()).select_from(User).where(User.subject == "chris")) == 1
    assert _count(app, select(func.count()).select_from(CaseAssignment)) == 2
