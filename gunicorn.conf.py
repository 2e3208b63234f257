"""gunicorn settings for the portal: `gunicorn -c gunicorn.conf.py 'portal:create_app()'`.

Anything here can be overridden on the command line (`--bind`, `--workers`, ...) or with
GUNICORN_CMD_ARGS. `make run`, `make up`, the Dockerfile and compose.yaml all use this file.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:5000")
# Sync workers: requests are short, and the slow work (mail) is done by the worker process.
# WEB_CONCURRENCY is the usual way to set the count; otherwise 2 per core, plus one, up to 9.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 9))
worker_class = "sync"
# A request that takes longer than this is stuck: the worker is killed and replaced. The slowest work a
# request does, a plan's PDF, is made in a child process stopped after 20 s (portal/journeys/plan/pdf.py),
# so that it ends with a "try again" page well before this.
timeout = 30
# On a restart or scale-down, requests already running get this long to finish.
graceful_timeout = 30
keepalive = 5
# Replace each worker after about 10,000 requests (jitter, so that they do not all restart at once):
# a slow leak in a library can never grow for long. A new worker is a copy of the master (preload_app),
# so it costs next to nothing to start.
max_requests = 10_000
max_requests_jitter = 1_000
# The master builds the portal and compiles its templates once (when_ready); each worker starts as a copy
# of it. Without this each new worker spent about 2.7 s of CPU building its own, at start and after every
# max_requests, with one worker fewer serving meanwhile. (So a HUP restarts the workers with the code
# already loaded: to deploy new code, restart gunicorn, as the container and scripts/up.sh do.)
# GUNICORN_PRELOAD=0 turns it off (gunicorn has no command-line switch for that).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
# Heartbeat files in memory, not on a disk that may be slow (as in a container's overlay file system).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn trusts no proxy's X-Forwarded-* headers itself: the portal does, through its
# TRUSTED_PROXY_COUNT setting (werkzeug's ProxyFix), so that there is one switch for it.
forwarded_allow_ips = ""

# gunicorn 25.1+ opens a control socket for `gunicornc`, by default at one path per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl), which two instances on one host would
# share. Each instance gets its own, named after the address it listens on (see on_starting), unless
# --control-socket or GUNICORN_CONTROL_SOCKET names one. GUNICORN_CMD_ARGS=--no-control-socket turns it off.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_mode = 0o600

# Logs: JSON lines on standard output, as the portal writes them (portal/logging_setup.py). The
# access log line carries the request's id from the X-Request-Id response header.
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
_json = (
    os.environ.get("LOG_FORMAT") or ("text" if os.environ.get("PORTAL_ENV") == "development" else "json")
) == "json"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "portal": {"()": "portal.logging_setup.JsonFormatter"}
        if _json
        else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "portal", "stream": "ext://sys.stdout"},
    },
    # The portal sets up the root logger itself (portal/logging_setup.py), once in each worker.
    "root": {"level": "INFO", "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}


def control_socket_for(address: str) -> str:
    """instance/gunicorn-127.0.0.1-5000.ctl for 127.0.0.1:5000 (unix:/x.sock becomes gunicorn-x.sock.ctl)."""
    name = re.sub(r"[^A-Za-z0-9.-]+", "-", address.removeprefix("unix:").strip("/")).strip("-")
    return str(ROOT / "instance" / f"gunicorn-{name}.ctl")


def on_starting(server) -> None:
    if not server.cfg.control_socket_disable and not server.cfg.control_socket:
        (ROOT / "instance").mkdir(exist_ok=True)
        server.cfg.set("control_socket", control_socket_for(server.cfg.bind[0]))


def _compile_templates(app) -> None:
    """Compile every template now, if the app is the portal (these settings also run the benchmark floor)."""
    if getattr(app, "name", None) == "portal":
        from portal.templating import compile_all

        compile_all(app)


def when_ready(server) -> None:
    """With preload_app, the master compiles every template once, before it starts the first worker.
    Otherwise the first people each new worker served waited while it compiled the templates their page
    used: in the benchmark, a p95 of 120 to 545 ms on pages whose p50 is 10 ms."""
    if server.cfg.preload_app:
        _compile_templates(server.app.wsgi())


def post_fork(server, worker) -> None:
    """Each worker opens its own database connections: none the master may hold is shared across the fork
    (SQLAlchemy's advice for a pool with preload_app; the master opens none, and this keeps it so)."""
    app = server.app.wsgi() if server.cfg.preload_app else None
    if getattr(app, "name", None) == "portal":
        app.extensions["db_engine"].dispose(close=False)


def post_worker_init(worker) -> None:
    """Without preload_app (GUNICORN_PRELOAD=0), each new worker compiles every template before
    it takes its first request."""
    if not worker.cfg.preload_app:
        _compile_templates(worker.wsgi)
