"""Settings read from the environment, with safe defaults for local use.

The portal refuses to start in production with settings that are only safe on a
developer's machine: the demo sign-in, or the well-known development secret key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-do-not-use-in-production"
ENVIRONMENTS = ("development", "demo", "production")


class SettingsError(RuntimeError):
    """A setting is missing, malformed or unsafe. The message names the variable."""


def _flag(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def _port(env: dict[str, str], name: str, default: int) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(f"{name} must be a port number from 1 to 65535, not {raw!r}")
    return int(raw)


def _one_message(problems: list[str]) -> str:
    if len(problems) == 1:
        return problems[0]
    return "The portal's settings have these problems:\n" + "\n".join(f"- {problem}" for problem in problems)


@dataclass(frozen=True)
class Settings:
    environment: str = "development"
    secret_key: str = DEVELOPMENT_SECRET_KEY
    database_url: str = f"sqlite:///{ROOT / 'instance' / 'portal.db'}"
    content_dir: Path = ROOT / "content"
    translations_dir: Path = ROOT / "translations"
    demo_sign_in: bool = True
    session_cookie_secure: bool = False
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_private_key_file: str | None = None
    oidc_scopes: str = "openid email"
    # The most bytes a request body may have. None: sized from the largest form, filled to its limits in the
    # script that costs the most bytes (portal.input_guard.body_cap).
    max_request_bytes: int | None = None
    # Email for notifications. With no SMTP_HOST, messages are kept in the database and shown
    # at /dev/messages (development and demo only).
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_from: str | None = None
    smtp_starttls: bool = True

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read the settings. Every problem found is reported at once, in one message."""
        env = dict(os.environ if env is None else env)
        problems: list[str] = []

        def read(parse, *args, default):
            try:
                return parse(env, *args)
            except SettingsError as problem:
                problems.append(str(problem))
                return default

        environment = (env.get("PORTAL_ENV") or "").strip().lower()
        if not environment:
            # Never guess: a server started without it must not fall back to development's open doors.
            problems.append(f"PORTAL_ENV must be set to one of {', '.join(ENVIRONMENTS)}")
        elif environment not in ENVIRONMENTS:
            problems.append(f"PORTAL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
        if problems:
            raise SettingsError(_one_message(problems))
        production = environment == "production"
        settings = cls(
            environment=environment,
            secret_key=env.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY,
            database_url=env.get("DATABASE_URL") or cls.database_url,
            content_dir=Path(env["PORTAL_CONTENT_DIR"]) if env.get("PORTAL_CONTENT_DIR") else cls.content_dir,
            translations_dir=(Path(env["PORTAL_TRANSLATIONS_DIR"]) if env.get("PORTAL_TRANSLATIONS_DIR")
                              else cls.translations_dir),
            demo_sign_in=read(_flag, "DEMO_SIGN_IN", not production, default=False),
            session_cookie_secure=read(_flag, "SESSION_COOKIE_SECURE", production, default=True),
            oidc_issuer=(env.get("OIDC_ISSUER") or "").rstrip("/") or None,
            oidc_client_id=env.get("OIDC_CLIENT_ID") or None,
            oidc_client_secret=env.get("OIDC_CLIENT_SECRET") or None,
            oidc_private_key_file=env.get("OIDC_PRIVATE_KEY_FILE") or None,
            oidc_scopes=env.get("OIDC_SCOPES") or cls.oidc_scopes,
            smtp_host=env.get("SMTP_HOST") or None,
            smtp_port=read(_port, "SMTP_PORT", cls.smtp_port, default=cls.smtp_port),
            smtp_username=env.get("SMTP_USERNAME") or None,
            smtp_password=env.get("SMTP_PASSWORD") or None,
            smtp_from=env.get("SMTP_FROM") or None,
            smtp_starttls=read(_flag, "SMTP_STARTTLS", True, default=True),
        )
        problems += [problem for problem in settings.problems() if problem not in problems]
        if problems:
            raise SettingsError(_one_message(problems))
        return settings

    def check(self) -> None:
        """Refuse unsafe or incomplete combinations with one message that says everything to change."""
        problems = self.problems()
        if problems:
            raise SettingsError(_one_message(problems))

    def problems(self) -> list[str]:
        """Every unsafe or incomplete combination, each saying what to change."""
        problems = []
        if self.environment == "production":
            if self.demo_sign_in:
                problems.append("DEMO_SIGN_IN must be off when PORTAL_ENV=production")
            if self.secret_key == DEVELOPMENT_SECRET_KEY or len(self.secret_key) < 32:
                problems.append("SECRET_KEY must be set to a random value of 32 characters or more "
                                "when PORTAL_ENV=production")
            if not self.oidc_enabled:
                problems.append("OIDC_ISSUER and OIDC_CLIENT_ID must be set when PORTAL_ENV=production")
            if self.database_url.startswith("sqlite"):
                problems.append("DATABASE_URL must name a PostgreSQL database when PORTAL_ENV=production, "
                                "not SQLite")
            if self.oidc_issuer and not self.oidc_issuer.startswith("https://"):
                problems.append("OIDC_ISSUER must start with https:// when PORTAL_ENV=production")
            if not self.session_cookie_secure:
                problems.append("SESSION_COOKIE_SECURE must be on when PORTAL_ENV=production")
            if not self.smtp_host:
                problems.append("SMTP_HOST must be set when PORTAL_ENV=production, so that people and staff "
                                "are told about answers by email")
        if bool(self.oidc_issuer) != bool(self.oidc_client_id):
            problems.append("OIDC_ISSUER and OIDC_CLIENT_ID must be set together")
        if self.oidc_enabled and not (self.oidc_client_secret or self.oidc_private_key_file):
            problems.append("Set OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY_FILE for the sign-in provider")
        if self.oidc_private_key_file and not Path(self.oidc_private_key_file).is_file():
            problems.append(f"OIDC_PRIVATE_KEY_FILE does not name a readable file: {self.oidc_private_key_file}")
        if self.smtp_host and not self.smtp_from:
            problems.append("SMTP_FROM must be set with SMTP_HOST: the address emails come from")
        if bool(self.smtp_username) != bool(self.smtp_password):
            problems.append("SMTP_USERNAME and SMTP_PASSWORD must be set together")
        if not self.oidc_enabled and not self.demo_sign_in:
            problems.append("No way to sign in: set OIDC_ISSUER and OIDC_CLIENT_ID, or turn DEMO_SIGN_IN on")
        return problems
