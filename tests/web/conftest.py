"""Web tests: every test client made from the app checks every HTML page it gets."""

from __future__ import annotations

import pytest

from tests.web.helpers import CheckedClient


@pytest.fixture
def app(app):
    app.test_client_class = CheckedClient
    return app
