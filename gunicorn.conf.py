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
# a slow leak in a library can never grow for long. Not much sooner: a new worker costs about 2.5 s of
# CPU to start the portal and compile its templates (post_worker_init), which at 1,000 requests would
# come to 2.5 ms on every request, far more than the whole of a hello-world request.
max_requests = 10_000
max_requests_jitter = 1_000
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


def post_worker_init(worker) -> None:
    """A new worker compiles every template before it takes its first request. Otherwise the first people
    each new worker served (at start, and after every max_requests) waited while it compiled the templates
    their page used: in the benchmark, a p95 of 120 to 545 ms on pages whose p50 is 10 ms."""
    if getattr(worker.wsgi, "name", None) == "portal":  # not another app run with these settings
        from portal.templating import compile_all

        compile_all(worker.wsgi)
