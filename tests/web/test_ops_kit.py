"""The operations kit agrees with itself: compose.yaml, the README's settings table, the settings the portal
reads, gunicorn.conf.py, the lock file and the licence."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
import yaml

from portal.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
OUR_SERVICES = ("migrate", "portal", "worker")  # made from the portal's own image
# What a council puts in .env for production (README, "Running it for real"); compose.yaml fills the rest.
COUNCIL_ENV = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": "s" * 40,
    "POSTGRES_PASSWORD": "p",
    "OIDC_ISSUER": "https://oidc.account.gov.uk",
    "OIDC_CLIENT_ID": "portal",
    "OIDC_CLIENT_SECRET": "c",
    "SMTP_HOST": "smtp.council.example",
    "SMTP_FROM": "care.portal@council.example",
    "TRUSTED_PROXY_COUNT": "1",
}
INTERPOLATION = re.compile(r"\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}")


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def resolve(value, env: dict[str, str]) -> str:
    """compose's ${NAME:-default} interpolation, as `docker compose` does it."""
    return INTERPOLATION.sub(lambda m: env.get(m.group(1)) or (m.group(2) or ""), str(value))


def service_env(service: str, env: dict[str, str]) -> dict[str, str]:
    return {
        name: resolve(value, env) for name, value in compose()["services"][service]["environment"].items()
    }


def readme_settings() -> set[str]:
    """Every variable named in the first column of the README's settings table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration") :].split("\n## ", 1)[0]
    return {
        name
        for row in table.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split(" | ")[0])
    }


def test_compose_has_the_release_step_the_portal_the_worker_postgres_and_redis():
    services = compose()["services"]
    assert set(services) == {"migrate", "portal", "worker", "postgres", "redis"}
    assert services["migrate"]["command"] == ["flask", "--app", "portal", "db-upgrade"]
    assert services["worker"]["command"] == ["flask", "--app", "portal", "outbox-worker"]
    assert services["portal"]["command"][:3] == ["gunicorn", "-c", "gunicorn.conf.py"]
    assert services["postgres"]["image"] == "postgres:15" and services["redis"]["image"] == "redis:7"
    for name in ("portal", "worker"):
        needs = services[name]["depends_on"]
        assert needs["migrate"]["condition"] == "service_completed_successfully"
        assert needs["postgres"]["condition"] == needs["redis"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("portal", "postgres", "redis"):
        assert services[name]["healthcheck"]["test"], name
    assert "/health/ready" in " ".join(services["portal"]["healthcheck"]["test"])


def test_every_setting_compose_gives_the_portal_is_documented_and_read():
    documented, source = readme_settings(), (ROOT / "portal" / "settings.py").read_text(encoding="utf-8")
    for service in OUR_SERVICES:
        for name in compose()["services"][service]["environment"]:
            assert name in documented, (
                f"{service} sets {name}, which README's settings table does not explain"
            )
            assert f'"{name}"' in source, f"{service} sets {name}, which portal/settings.py never reads"


def test_the_readme_table_lists_only_settings_the_portal_reads():
    source = (ROOT / "portal" / "settings.py").read_text(encoding="utf-8")
    assert {"REDIS_URL", "TRUSTED_PROXY_COUNT", "LOG_FORMAT", "RATE_LIMIT_PDF"} <= readme_settings()
    for name in readme_settings():
        assert f'"{name}"' in source, f"README documents {name}, which portal/settings.py never reads"


@pytest.mark.parametrize("service", OUR_SERVICES)
def test_compose_with_a_councils_env_file_gives_valid_production_settings(service):
    settings = Settings.from_env(service_env(service, COUNCIL_ENV))
    assert settings.environment == "production"
    assert settings.database_url == "postgresql+psycopg://portal:p@postgres:5432/portal"
    assert settings.redis_url == "redis://redis:6379/0" and settings.rate_limits_enabled
    assert settings.trusted_proxy_count == 1 and settings.log_format == "json"


def test_compose_with_nothing_set_is_the_demo_on_postgresql_and_redis():
    settings = Settings.from_env(service_env("portal", {}))
    assert settings.environment == "demo" and settings.demo_sign_in
    assert settings.database_url.startswith("postgresql+psycopg://") and settings.redis_url


def test_the_three_services_from_our_image_get_the_same_settings():
    assert (
        service_env("migrate", COUNCIL_ENV)
        == service_env("portal", COUNCIL_ENV)
        == service_env("worker", COUNCIL_ENV)
    )


def test_the_image_installs_from_the_lock_with_hashes_runs_as_a_user_and_checks_its_health():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.MULTILINE)
    assert "pip install --require-hashes --no-deps -r requirements.lock" in dockerfile
    assert "pybabel compile" in dockerfile
    assert re.search(r"^USER portal$", dockerfile, re.MULTILINE)
    assert "/health/live" in dockerfile.split("HEALTHCHECK", 1)[1]
    assert '"gunicorn", "-c", "gunicorn.conf.py"' in dockerfile


# --- the lock file ----------------------------------------------------------------------------------

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    return {_name(name): version for name, version in PIN.findall(path.read_text(encoding="utf-8"))}


def test_the_lock_pins_what_requirements_txt_pins_at_the_same_versions():
    wanted, locked = _pins(ROOT / "requirements.txt"), _pins(ROOT / "requirements.lock")
    different = {
        name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version
    }
    assert not different, f"requirements.lock is out of date (run make lock): {different}"


def test_every_locked_package_is_needed_and_has_hashes():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n\n", 1)[1] if "\n\n" in lock else lock)
    wanted = set(_pins(ROOT / "requirements.txt"))
    direct = set()
    for entry in entries:
        match = PIN.match(entry)
        if not match:
            continue
        assert "--hash=sha256:" in entry, f"{match.group(1)} has no hash"
        if "-r requirements.txt" in entry:
            direct.add(_name(match.group(1)))
    assert direct == wanted, (
        f"in the lock but not asked for: {direct - wanted}; asked for, not locked: {wanted - direct}"
    )


# --- gunicorn and the licence -----------------------------------------------------------------------


def test_gunicorn_settings_file():
    namespace = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert namespace["max_requests"] > 0 and 0 < namespace["max_requests_jitter"] < namespace["max_requests"]
    assert namespace["timeout"] >= 30 and namespace["graceful_timeout"] > 0 and namespace["workers"] >= 1
    assert namespace["forwarded_allow_ips"] == ""  # the portal's TRUSTED_PROXY_COUNT is the one switch
    # Workers are copies of a master that has built the portal and compiled its templates (when_ready).
    assert namespace["preload_app"] is True and callable(namespace["when_ready"])
    formatter = namespace["logconfig_dict"]["formatters"]["portal"]
    assert formatter == {"()": "portal.logging_setup.JsonFormatter"}
    # Two instances on one host never share a control socket.
    first, second = (namespace["control_socket_for"](bind) for bind in ("127.0.0.1:8000", "127.0.0.1:8001"))
    assert first != second and first.endswith("instance/gunicorn-127.0.0.1-8000.ctl")


def test_the_licence_carries_gov_uk_frontends_notice():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert "Copyright (C) 2017 Crown Copyright (Government Digital Service)" in licence
    assert licence.count("Permission is hereby granted") == 2
    assert "govuk-frontend 6.3.0" in (ROOT / "portal" / "static" / "assets" / "VERSION.txt").read_text()
