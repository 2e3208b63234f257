"""Fixtures shared by every layer of tests.

Tests that touch the database run once against SQLite and, when TEST_DATABASE_URL is set
(as CI sets it), once more against PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text

# Property tests check laws, not speed: a busy CI machine must not fail them on a time limit.
hypothesis_settings.register_profile("portal", deadline=None)
hypothesis_settings.load_profile("portal")

ROOT = Path(__file__).resolve().parent.parent
TEST_SECRET = "test-secret-key-that-is-long-enough-for-checks-0123456789"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _shared_app_work():
    """Each test builds its own app; the content it loads and the templates it compiles are shared
    (see tests/app_cache.py)."""
    from tests.app_cache import shared_app_work

    with shared_app_work():
        yield


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> str:
    from portal import store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.db'}"
    else:
        url = os.environ["TEST_DATABASE_URL"]
        _reset_postgres(url)
    store.upgrade(url)
    return url


def _empty_tables(engine) -> None:
    from portal.store.schema import metadata

    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def settings(database_url):
    from portal.settings import Settings

    return Settings(
        environment="development",
        secret_key=TEST_SECRET,
        database_url=database_url,
        content_dir=ROOT / "content",
        demo_sign_in=True,
    )


@pytest.fixture
def app(settings):
    from portal import create_app

    app = create_app(settings)
    app.config.update(TESTING=True)
    yield app
    engine = app.extensions["db_engine"]
    _empty_tables(engine)
    engine.dispose()


@pytest.fixture
def portal(app):
    from tests.web.helpers import Portal

    return Portal(app)


@pytest.fixture
def other_portal(app):
    """A second browser, for a second person."""
    from tests.web.helpers import Portal

    return Portal(app)
