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
    max_request_bytes: int = 64 * 1024
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
        env = dict(os.environ if env is None else env)
        environment = env.get("PORTAL_ENV", "development").strip().lower() or "development"
        if environment not in ENVIRONMENTS:
            raise SettingsError(f"PORTAL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
        production = environment == "production"
        settings = cls(
            environment=environment,
            secret_key=env.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY,
            database_url=env.get("DATABASE_URL") or cls.database_url,
            content_dir=Path(env["PORTAL_CONTENT_DIR"]) if env.get("PORTAL_CONTENT_DIR") else cls.content_dir,
            translations_dir=(Path(env["PORTAL_TRANSLATIONS_DIR"]) if env.get("PORTAL_TRANSLATIONS_DIR")
                              else cls.translations_dir),
            demo_sign_in=_flag(env, "DEMO_SIGN_IN", default=not production),
            session_cookie_secure=_flag(env, "SESSION_COOKIE_SECURE", default=production),
            oidc_issuer=(env.get("OIDC_ISSUER") or "").rstrip("/") or None,
            oidc_client_id=env.get("OIDC_CLIENT_ID") or None,
            oidc_client_secret=env.get("OIDC_CLIENT_SECRET") or None,
            oidc_private_key_file=env.get("OIDC_PRIVATE_KEY_FILE") or None,
            oidc_scopes=env.get("OIDC_SCOPES") or cls.oidc_scopes,
            smtp_host=env.get("SMTP_HOST") or None,
            smtp_port=_port(env, "SMTP_PORT", cls.smtp_port),
            smtp_username=env.get("SMTP_USERNAME") or None,
            smtp_password=env.get("SMTP_PASSWORD") or None,
            smtp_from=env.get("SMTP_FROM") or None,
            smtp_starttls=_flag(env, "SMTP_STARTTLS", default=True),
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse unsafe or incomplete combinations with a message that says what to change."""
        if self.environment == "production":
            if self.demo_sign_in:
                raise SettingsError("DEMO_SIGN_IN must be off when PORTAL_ENV=production")
            if self.secret_key == DEVELOPMENT_SECRET_KEY or len(self.secret_key) < 32:
                raise SettingsError("SECRET_KEY must be set to a random value of 32 characters or more "
                                    "when PORTAL_ENV=production")
            if not self.oidc_enabled:
                raise SettingsError("OIDC_ISSUER and OIDC_CLIENT_ID must be set when PORTAL_ENV=production")
        if bool(self.oidc_issuer) != bool(self.oidc_client_id):
            raise SettingsError("OIDC_ISSUER and OIDC_CLIENT_ID must be set together")
        if self.oidc_enabled and not (self.oidc_client_secret or self.oidc_private_key_file):
            raise SettingsError("Set OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY_FILE for the sign-in provider")
        if self.oidc_private_key_file and not Path(self.oidc_private_key_file).is_file():
            raise SettingsError(f"OIDC_PRIVATE_KEY_FILE does not name a readable file: {self.oidc_private_key_file}")
        if self.environment == "production" and not self.smtp_host:
            raise SettingsError("SMTP_HOST must be set when PORTAL_ENV=production, so that people and staff "
                                "are told about answers by email")
        if self.smtp_host and not self.smtp_from:
            raise SettingsError("SMTP_FROM must be set with SMTP_HOST: the address emails come from")
        if bool(self.smtp_username) != bool(self.smtp_password):
            raise SettingsError("SMTP_USERNAME and SMTP_PASSWORD must be set together")
        if not self.oidc_enabled and not self.demo_sign_in:
            raise SettingsError("No way to sign in: set OIDC_ISSUER and OIDC_CLIENT_ID, or turn DEMO_SIGN_IN on")
