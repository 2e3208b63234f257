"""Operations: health checks, JSON logs with request ids, trusted proxies, and the release step's lock."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import redis
from flask import url_for
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import create_app, logging_setup
from portal.store.release import LOCK_KEY

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
HEX_ID = re.compile(r"[0-9a-f]{16}")


def _made(app):
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def make_app(settings):
    made = []

    def make(**changes):
        app = _made(create_app(replace(settings, **changes)))
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["db_engine"].dispose()


# --- health -----------------------------------------------------------------------------------------


def test_live_and_ready_when_all_is_well(portal):
    for url in ("/health", "/health/live"):
        response = portal.client.get(url)
        assert (response.status_code, response.text, response.mimetype) == (200, "OK", "text/plain")
    ready = portal.client.get("/health/ready")
    assert ready.status_code == 200 and ready.json == {"status": "ready"}


def test_live_does_no_io_and_ready_says_what_is_down(make_app):
    app = make_app(
        database_url="postgresql+psycopg://nobody@127.0.0.1:1/none",  # nothing listens on port 1
        redis_url="redis://127.0.0.1:1/0",
    )
    client = app.test_client()
    assert client.get("/health/live").status_code == 200
    ready = client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json == {
        "status": "not ready",
        "problems": ["database: OperationalError", "redis: ConnectionError"],
    }


def test_ready_pings_a_real_redis(make_app):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    ready = make_app(redis_url=REDIS_URL).test_client().get("/health/ready")
    assert ready.status_code == 200 and ready.json == {"status": "ready"}


# --- request ids and JSON logs ----------------------------------------------------------------------


@pytest.fixture
def logged(make_app):
    """An app whose log lines go to a buffer; and a page that logs, then fails."""
    app = make_app()
    buffer = io.StringIO()
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == logging_setup.HANDLER_NAME)
    handler.setStream(buffer)

    def fails():
        logging.getLogger("portal.somewhere").info("Working on it", extra={"case": "DIS-123"})
        raise RuntimeError("something broke")

    app.add_url_rule("/__tests__/fails", "fails", fails)
    yield app, lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    handler.setStream(sys.stdout)


def test_an_error_page_and_every_log_line_carry_the_request_id(logged):
    app, lines = logged
    from tests.web.helpers import CheckedClient

    app.test_client_class = CheckedClient
    response = app.test_client().get("/__tests__/fails", headers={"X-Request-Id": "lb-4f1c2a9e-77"})
    assert response.status_code == 500
    assert response.headers["X-Request-Id"] == "lb-4f1c2a9e-77"
    page = " ".join(response.soup.main.get_text(" ", strip=True).split())
    assert "If you contact us about this, quote this reference: lb-4f1c2a9e-77" in page
    logs = lines()
    assert [line["message"] for line in logs] == ["Working on it", "Unexpected error"]
    assert {line["request_id"] for line in logs} == {"lb-4f1c2a9e-77"}
    assert (
        logs[0]["case"] == "DIS-123"
        and logs[0]["level"] == "info"
        and logs[0]["logger"] == "portal.somewhere"
    )
    assert "RuntimeError: something broke" in logs[1]["error"] and logs[1]["level"] == "error"


@pytest.mark.parametrize("offered", ["", "short", "has spaces in it", "<script>x</script>", "x" * 65])
def test_an_unsafe_request_id_is_replaced(portal, offered):
    response = portal.client.get("/not-a-page", headers={"X-Request-Id": offered})
    assert response.status_code == 404 and HEX_ID.fullmatch(response.headers["X-Request-Id"])
    assert response.headers["X-Request-Id"] in response.soup.main.get_text()


def test_each_request_gets_its_own_id(portal):
    ids = {portal.client.get("/").headers["X-Request-Id"] for _ in range(3)}
    assert len(ids) == 3 and all(HEX_ID.fullmatch(i) for i in ids)


@contextlib.contextmanager
def _gunicorn(tmp_path: Path, *options: str) -> Iterator[tuple[int, list[str]]]:
    """gunicorn with the project's gunicorn.conf.py and the demo portal on a new SQLite database; gives
    its port, and, once it has stopped, its output lines (each a JSON log line) in the list."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    database = f"sqlite:///{tmp_path / 'portal.db'}"
    env = {**os.environ, "PORTAL_ENV": "demo", "DATABASE_URL": database, "LOG_FORMAT": "json"}
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "portal:create_app()", "db-upgrade"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, *options, "portal:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    output: list[str] = []
    try:
        yield port, output
    finally:
        server.terminate()
        output.extend(line for line in server.communicate(timeout=40)[0].splitlines() if line.strip())


def _get(port: int, path: str, request_id: str | None = None, tries: int = 240):
    """GET the path, waiting for gunicorn to start (up to a minute); the response's status and headers."""
    headers = {"X-Request-Id": request_id} if request_id else {}
    for _ in range(tries):
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, response.headers
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"gunicorn did not answer {path}")


def test_gunicorn_logs_json_lines_with_the_request_id_and_its_own_control_socket_and_compiles_first(tmp_path):
    with _gunicorn(tmp_path, "--workers", "1") as (port, output):
        status, headers = _get(port, "/health/live", request_id="probe-0001")
        assert status == 200 and headers["X-Request-Id"] == "probe-0001"
    lines = [json.loads(line) for line in output]  # every line is JSON
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    assert access and access[-1]["request_id"] == "probe-0001"
    assert (access[-1]["method"], access[-1]["path"], access[-1]["status"]) == ("GET", "/health/live", 200)
    assert any(f"instance/gunicorn-127.0.0.1-{port}.ctl" in line["message"] for line in lines)
    # The master compiled every template (gunicorn.conf.py's when_ready) before any worker took a request.
    compiled = [i for i, line in enumerate(lines) if line["message"].startswith("Compiled ")]
    assert compiled and lines[compiled[0]]["logger"] == "portal.templating"
    assert compiled[0] < lines.index(access[0])


def test_a_worker_replaced_after_max_requests_is_a_copy_of_the_master_with_its_templates(tmp_path):
    """preload_app: a new worker neither builds the portal nor compiles a template again; it opens its own
    database connections and serves pages at once."""
    options = ("--workers", "1", "--max-requests", "4", "--max-requests-jitter", "0", "--log-level", "info")
    with _gunicorn(tmp_path, *options) as (port, output):
        statuses = [_get(port, path)[0] for _ in range(4) for path in ("/", "/health", "/sign-in/demo")]
    assert statuses == [200] * 12
    lines = [json.loads(line) for line in output]
    messages = [line["message"] for line in lines]
    assert sum(m.startswith("Autorestarting worker") for m in messages) >= 2
    assert sum(m.startswith("Booting worker") for m in messages) >= 3
    assert sum(m.startswith("Compiled ") for m in messages) == 1, "only the master compiles the templates"
    assert not [line for line in lines if line["level"] in ("error", "critical")]


# --- trusted proxies ------------------------------------------------------------------------------

FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "care.council.example",
    "X-Forwarded-For": "203.0.113.9",
}


def _external_link(app) -> tuple[str, str]:
    seen = {}

    def where():
        from flask import request

        seen["link"], seen["address"] = url_for("start.index", _external=True), request.remote_addr
        return "ok"

    app.add_url_rule("/__tests__/where", "where", where)
    assert app.test_client().get("/__tests__/where", headers=FORWARDED).status_code == 200
    return seen["link"], seen["address"]


def test_behind_a_trusted_proxy_links_are_https_on_the_public_host(make_app):
    assert _external_link(make_app(trusted_proxy_count=1)) == ("https://care.council.example/", "203.0.113.9")


def test_without_trusted_proxies_their_headers_are_ignored(make_app):
    assert _external_link(make_app(trusted_proxy_count=0)) == ("http://localhost/", "127.0.0.1")


def test_rate_limits_count_the_address_the_trusted_proxy_saw(make_app):
    app = make_app(trusted_proxy_count=1, rate_limits_on=True, rate_limit_sign_in="1 per minute")
    client = app.test_client()
    for address in ("203.0.113.1", "203.0.113.2"):
        assert client.get("/sign-in/demo", headers={"X-Forwarded-For": address}).status_code == 200
    assert client.get("/sign-in/demo", headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429


# --- the release step's lock -----------------------------------------------------------------------


@pytest.fixture
def fresh_postgres():
    """A new, empty PostgreSQL database on TEST_DATABASE_URL's server, dropped afterwards."""
    if not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("needs TEST_DATABASE_URL")
    server_url = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"portal_release_{uuid.uuid4().hex[:12]}"
    server = create_engine(server_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server_url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    server.dispose()


def _db_upgrade(url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "portal", "db-upgrade"],
        cwd=ROOT,
        env={**os.environ, "PORTAL_ENV": "development", "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _heads(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(connection.scalars(text("SELECT version_num FROM alembic_version")))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_two_instances_upgrading_a_fresh_database_at_once_both_succeed(fresh_postgres):
    first, second = _db_upgrade(fresh_postgres), _db_upgrade(fresh_postgres)
    outputs = [process.communicate(timeout=180)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    from alembic.script import ScriptDirectory

    from portal.store import alembic_config

    assert _heads(fresh_postgres) == sorted(
        ScriptDirectory.from_config(alembic_config(fresh_postgres)).get_heads()
    )


@pytest.mark.postgres
def test_an_upgrade_waits_while_another_holds_the_lock(fresh_postgres):
    engine = create_engine(fresh_postgres)
    with engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
        waiting = _db_upgrade(fresh_postgres)
        time.sleep(4)
        assert waiting.poll() is None, waiting.communicate()[0]  # still waiting for the lock
        tables = holder.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).all()
        assert tables == []  # and it has not touched the schema
        holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
        holder.commit()
    engine.dispose()
    output = waiting.communicate(timeout=180)[0]
    assert waiting.returncode == 0 and "Database is up to date." in output
    assert "waiting for it to finish" in output
