"""Logs as JSON lines on standard output, each with the request's id.

Every request gets an id: the one its proxy sent in X-Request-Id, if that is a safe short token, or
a new one. It goes in every log line written while the request runs, in the response's
X-Request-Id header, in gunicorn's access log line (see gunicorn.conf.py) and on error pages, so
that a person who quotes it can be matched to what happened.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, has_request_context, request
from flask.wrappers import Response

REQUEST_ID_HEADER = "X-Request-Id"
# Letters, digits, dots, dashes and underscores; 8 to 64 of them (UUIDs and most proxies' ids fit).
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
HANDLER_NAME = "portal-stdout"
# Libraries whose information lines are noise in a service's log: WeasyPrint's seven steps per PDF,
# Flask-Limiter's own line for each refusal (the portal writes one with the endpoint), and Alembic's
# list of its plugins at every start.
QUIET_BELOW_WARNING = (
    "weasyprint",
    "weasyprint.progress",
    "fontTools",
    "flask-limiter",
    "alembic.runtime.plugins",
)
# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request_id"}


def request_id() -> str:
    """The current request's id ("-" outside a request)."""
    if not has_request_context():
        return "-"
    if "request_id" not in g:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = offered if SAFE_REQUEST_ID.fullmatch(offered) else secrets.token_hex(8)
    return str(g.request_id)


class RequestIdFilter(logging.Filter):
    """Puts the request id on every record, whichever logger wrote it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and any extra fields.

    gunicorn's access log records (logger "gunicorn.access") carry the request's facts as a dict of
    "atoms"; they become fields of their own instead of a formatted line.
    """

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            line.update(access_fields(record.args))
        else:
            line["message"] = record.getMessage()
            line["request_id"] = getattr(record, "request_id", "-")
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in line:
                line[key] = value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)
        if record.exc_info:
            line["error"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(line, ensure_ascii=False)


def access_fields(atoms: Any) -> dict[str, Any]:
    """gunicorn's access-log atoms as named fields (see gunicorn's `access_log_format` table)."""

    def atom(key: str) -> str:
        try:
            return str(atoms[key])
        except KeyError:
            return "-"

    status = atom("s")
    return {
        "message": f"{atom('m')} {atom('U')} {status}",
        "request_id": atom("{x-request-id}o"),
        "method": atom("m"),
        "path": atom("U"),
        "query": atom("q") or "",
        "status": int(status) if status.isdigit() else status,
        "bytes": int(atom("B")) if atom("B").isdigit() else 0,
        "duration_ms": round(int(atom("D")) / 1000, 1) if atom("D").isdigit() else None,
        "remote_addr": atom("h"),
        "user_agent": atom("a"),
    }


def configure(log_format: str = "json", level: str = "INFO") -> None:
    """Send the root logger's records to standard output, once, however often an app is made."""
    handler = logging.StreamHandler(sys.stdout)
    handler.set_name(HANDLER_NAME)
    handler.addFilter(RequestIdFilter())
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for chatty in QUIET_BELOW_WARNING:
        logging.getLogger(chatty).setLevel(max(logging.WARNING, logging.getLevelName(level)))


def init_app(app: Flask) -> None:
    settings = app.extensions["portal_settings"]
    configure(settings.log_format, settings.log_level)

    @app.before_request
    def _start() -> None:
        request_id()

    @app.after_request
    def _header(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = request_id()
        return response
