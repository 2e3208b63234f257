"""Settings read from the environment, with safe defaults for local use.

The portal refuses to start in production with settings that are only safe on a
developer's machine: the demo sign-in, or the well-known development secret key.

Sessions: SESSION_IDLE_MINUTES (60) and STAFF_SESSION_IDLE_MINUTES (15) end a session left alone,
SESSION_MAX_HOURS (12) ends every session however busy, and SECRET_KEY_FALLBACKS (comma-separated)
lists older keys that still open cookies signed with them while a new SECRET_KEY takes over.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from limits import parse_many

ROOT = Path(__file__).resolve().parent.parent
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-do-not-use-in-production"
ENVIRONMENTS = ("development", "demo", "production")
LOG_FORMATS = ("json", "text")
LOG_LEVELS = ("debug", "info", "warning", "error")
# Each rate limit's variable, and the setting it fills.
RATE_LIMITS = {
    "RATE_LIMIT_SIGN_IN": "rate_limit_sign_in",
    "RATE_LIMIT_POST": "rate_limit_post",
    "RATE_LIMIT_POST_PER_ADDRESS": "rate_limit_post_per_address",
    "RATE_LIMIT_PDF": "rate_limit_pdf",
    "RATE_LIMIT_MESSAGES": "rate_limit_messages",
}


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


def _seconds(env: dict[str, str], name: str, default: int) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) <= 3600:
        raise SettingsError(f"{name} must be a number of seconds from 1 to 3600, not {raw!r}")
    return int(raw)


def _number(
    env: dict[str, str], name: str, default: int, least: int, most: int, unit: str = "minutes"
) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not least <= int(raw) <= most:
        raise SettingsError(f"{name} must be a whole number of {unit} from {least} to {most}, not {raw!r}")
    return int(raw)


def _keys(env: dict[str, str], name: str) -> tuple[str, ...]:
    return tuple(key.strip() for key in (env.get(name) or "").split(",") if key.strip())


def _count(env: dict[str, str], name: str, default: int) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise SettingsError(f"{name} must be a whole number (0 or more), not {raw!r}")
    return int(raw)


def _choice(env: dict[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


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
    # Sessions are kept on the server (portal/access.py). Older keys that still open cookies signed
    # with them, while a new SECRET_KEY takes over (Flask's SECRET_KEY_FALLBACKS).
    secret_key_fallbacks: tuple[str, ...] = ()
    session_idle_minutes: int = 60  # a session ends after this long with nothing done
    staff_session_idle_minutes: int = 15  # staff see special category data: their sessions end sooner
    session_max_hours: int = 12  # and every session ends this long after sign-in, however busy
    # Email for notifications. With no SMTP_HOST, messages are kept in the database, and in demo
    # mode shown at /dev/messages.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_from: str | None = None
    smtp_starttls: bool = True
    smtp_timeout: int = (
        10  # seconds the outbox worker waits for the mail server; a request never waits for it
    )
    # The outbox worker (`flask --app portal outbox-worker`). In development and demo the portal also sends
    # from a thread of its own, so that messages arrive without a worker running (e.g. `make run`).
    outbox_in_process: bool = False
    outbox_poll_seconds: int = 2
    # Redis keeps the rate-limit counters that every instance shares. Required in production; without
    # it (development and demo) each process counts on its own, in memory.
    redis_url: str | None = None
    # How many proxies (load balancer, ingress) stand in front of the portal and set X-Forwarded-*.
    # 0 trusts none of those headers.
    trusted_proxy_count: int = 0
    log_format: str = "json"  # or "text", for reading on a developer's screen
    log_level: str = "INFO"
    # Rate limits: on, except in development unless asked for (None: as the environment says).
    rate_limits_on: bool | None = None
    # Each limit, in the notation "N per minute; M per hour" (see RATE_LIMITS).
    rate_limit_sign_in: str = "30 per minute; 300 per hour"  # per network address
    rate_limit_post: str = "60 per minute; 1000 per hour"  # every form sent, per person (or address)
    rate_limit_post_per_address: str = "300 per minute"  # every form sent from one network address
    rate_limit_pdf: str = "10 per minute; 60 per hour"  # PDF downloads, per person
    rate_limit_messages: str = "20 per hour"  # forms that send a message or an invitation, per person
    rate_limit_key_prefix: str = "portal"  # lets several portals share one Redis

    @property
    def rate_limits_enabled(self) -> bool:
        return self.environment != "development" if self.rate_limits_on is None else self.rate_limits_on

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
            secret_key_fallbacks=_keys(env, "SECRET_KEY_FALLBACKS"),
            session_idle_minutes=read(
                _number,
                "SESSION_IDLE_MINUTES",
                cls.session_idle_minutes,
                5,
                24 * 60,
                default=cls.session_idle_minutes,
            ),
            staff_session_idle_minutes=read(
                _number,
                "STAFF_SESSION_IDLE_MINUTES",
                cls.staff_session_idle_minutes,
                5,
                24 * 60,
                default=cls.staff_session_idle_minutes,
            ),
            session_max_hours=read(
                _number,
                "SESSION_MAX_HOURS",
                cls.session_max_hours,
                1,
                24 * 7,
                "hours",
                default=cls.session_max_hours,
            ),
            database_url=env.get("DATABASE_URL") or cls.database_url,
            content_dir=Path(env["PORTAL_CONTENT_DIR"]) if env.get("PORTAL_CONTENT_DIR") else cls.content_dir,
            translations_dir=(
                Path(env["PORTAL_TRANSLATIONS_DIR"])
                if env.get("PORTAL_TRANSLATIONS_DIR")
                else cls.translations_dir
            ),
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
            smtp_timeout=read(_seconds, "SMTP_TIMEOUT", cls.smtp_timeout, default=cls.smtp_timeout),
            outbox_in_process=read(_flag, "OUTBOX_IN_PROCESS", not production, default=False),
            outbox_poll_seconds=read(
                _seconds, "OUTBOX_POLL_SECONDS", cls.outbox_poll_seconds, default=cls.outbox_poll_seconds
            ),
            redis_url=(env.get("REDIS_URL") or "").strip() or None,
            rate_limits_on=read(_flag, "RATE_LIMITS", environment != "development", default=True),
            trusted_proxy_count=read(_count, "TRUSTED_PROXY_COUNT", 0, default=0),
            log_format=read(
                _choice,
                "LOG_FORMAT",
                "text" if environment == "development" else "json",
                LOG_FORMATS,
                default="json",
            ),
            log_level=read(_choice, "LOG_LEVEL", "info", LOG_LEVELS, default="info").upper(),
            **{field: env.get(name) or getattr(cls, field) for name, field in RATE_LIMITS.items()},
            rate_limit_key_prefix=(env.get("RATE_LIMIT_KEY_PREFIX") or "").strip()
            or cls.rate_limit_key_prefix,
        )
        if production and not settings.redis_url:
            # Checked here rather than in problems(): settings made in code (tests, scripts) may count
            # in memory, but a production server started from its environment must share its counts.
            problems.append(
                "REDIS_URL must be set when PORTAL_ENV=production, so that every instance "
                "shares the rate limits"
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
                problems.append(
                    "SECRET_KEY must be set to a random value of 32 characters or more "
                    "when PORTAL_ENV=production"
                )
            if any(len(key) < 32 for key in self.secret_key_fallbacks):
                problems.append(
                    "each key in SECRET_KEY_FALLBACKS must be 32 characters or more "
                    "when PORTAL_ENV=production"
                )
            if not self.oidc_enabled:
                problems.append("OIDC_ISSUER and OIDC_CLIENT_ID must be set when PORTAL_ENV=production")
            if self.database_url.startswith("sqlite"):
                problems.append(
                    "DATABASE_URL must name a PostgreSQL database when PORTAL_ENV=production, not SQLite"
                )
            if self.oidc_issuer and not self.oidc_issuer.startswith("https://"):
                problems.append("OIDC_ISSUER must start with https:// when PORTAL_ENV=production")
            if not self.session_cookie_secure:
                problems.append("SESSION_COOKIE_SECURE must be on when PORTAL_ENV=production")
            if not self.rate_limits_enabled:
                problems.append("RATE_LIMITS must be on when PORTAL_ENV=production")
            if not self.smtp_host:
                problems.append(
                    "SMTP_HOST must be set when PORTAL_ENV=production, so that people and staff "
                    "are told about answers by email"
                )
        if bool(self.oidc_issuer) != bool(self.oidc_client_id):
            problems.append("OIDC_ISSUER and OIDC_CLIENT_ID must be set together")
        if self.oidc_enabled and not (self.oidc_client_secret or self.oidc_private_key_file):
            problems.append("Set OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY_FILE for the sign-in provider")
        if self.oidc_private_key_file and not Path(self.oidc_private_key_file).is_file():
            problems.append(
                f"OIDC_PRIVATE_KEY_FILE does not name a readable file: {self.oidc_private_key_file}"
            )
        if self.smtp_host and not self.smtp_from:
            problems.append("SMTP_FROM must be set with SMTP_HOST: the address emails come from")
        if bool(self.smtp_username) != bool(self.smtp_password):
            problems.append("SMTP_USERNAME and SMTP_PASSWORD must be set together")
        if self.session_max_hours * 60 < max(self.session_idle_minutes, self.staff_session_idle_minutes):
            problems.append(
                "SESSION_MAX_HOURS must be at least as long as SESSION_IDLE_MINUTES and "
                "STAFF_SESSION_IDLE_MINUTES"
            )
        if self.redis_url and not self.redis_url.startswith(("redis://", "rediss://", "unix://")):
            problems.append("REDIS_URL must start with redis://, rediss:// or unix://")
        for name, field in RATE_LIMITS.items():
            try:
                parse_many(getattr(self, field))
            except ValueError:
                problems.append(
                    f'{name} must be rate limits such as "30 per minute; 300 per hour", '
                    f"not {getattr(self, field)!r}"
                )
        if self.log_format not in LOG_FORMATS:
            problems.append(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {self.log_format!r}")
        if not self.oidc_enabled and not self.demo_sign_in:
            problems.append("No way to sign in: set OIDC_ISSUER and OIDC_CLIENT_ID, or turn DEMO_SIGN_IN on")
        return problems
