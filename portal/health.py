"""Health checks for load balancers and orchestrators.

- /health/live: the process is up and answering. No input or output, so a slow database never gets
  a healthy instance restarted.
- /health/ready: this instance can serve people: the database answers `SELECT 1`, and Redis answers
  PING when it is configured. 503, with the reason as JSON, when not.
- /health: the same as /health/live (older load balancer settings, and the benchmark's bare route).
"""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, current_app, jsonify
from sqlalchemy import text

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2


def _plain(body: str, status: int = 200) -> Response:
    return Response(body, status=status, content_type="text/plain; charset=utf-8")


@bp.get("/health")
@bp.get("/health/live")
def live() -> Response:
    return _plain("OK")


def _database_problem() -> str | None:
    try:
        with current_app.extensions["db_engine"].connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        return f"database: {type(error).__name__}"
    return None


def _redis_problem() -> str | None:
    url = current_app.extensions["portal_settings"].redis_url
    if not url:
        return None
    import redis

    client = redis.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)
    try:
        client.ping()
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        return f"redis: {type(error).__name__}"
    finally:
        client.close()
    return None


@bp.get("/health/ready")
def ready() -> tuple[Response, int]:
    problems = [problem for problem in (_database_problem(), _redis_problem()) if problem]
    if problems:
        log.warning("Not ready: %s", "; ".join(problems))
        return jsonify(status="not ready", problems=problems), 503
    return jsonify(status="ready"), 200


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
