"""Web tests: every test client made from the app checks every HTML page it gets."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.dates import TUESDAY_BEFORE_CHRISTMAS, set_today
from tests.web.helpers import CheckedClient


@pytest.fixture
def app(app):
    app.test_client_class = CheckedClient
    return app


@pytest.fixture
def sent_budget(portal, app):
    """Alex's budget, sent, on Tuesday 22 December 2026."""
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    return factories.sent_assessment(app, portal)
