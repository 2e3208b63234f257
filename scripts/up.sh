#!/usr/bin/env bash
# `make up`: the portal as compose.yaml runs it (migrate, portal, worker), without containers, against
# this machine's PostgreSQL and Redis. `make down` stops it. PID files and logs go in instance/.
#
# Any setting in the environment is used (see README, "Configuration"); these have defaults here:
#   PORTAL_ENV=demo  DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/portal
#   REDIS_URL=redis://127.0.0.1:6379/0  and the address to listen on, UP_BIND=127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export PORTAL_ENV=${PORTAL_ENV:-demo}
export DATABASE_URL=${DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/portal}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
UP_BIND=${UP_BIND:-127.0.0.1:8000}
mkdir -p instance

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
if running instance/portal.pid; then
  echo "The portal is already running (PID $(cat instance/portal.pid)). Run 'make down' first." >&2
  exit 1
fi

# The database itself, if it is not there yet (the schema is the release step's job).
"$BIN/python" - <<'PY'
import os
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

url = make_url(os.environ["DATABASE_URL"])
if url.get_backend_name() == "postgresql":
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}):
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))
            print(f"Made the database {url.database}.")
    server.dispose()
PY

# The release step: migrations, under a lock (compose.yaml's `migrate`).
"$BIN/flask" --app portal db-upgrade

# The portal (compose.yaml's `portal`).
nohup "$BIN/gunicorn" -c gunicorn.conf.py --bind "$UP_BIND" --pid instance/portal.pid 'portal:create_app()' \
  >> instance/portal.log 2>&1 &

# The worker (compose.yaml's `worker`), once the portal has the command.
if "$BIN/flask" --app portal --help 2>/dev/null | grep -q "outbox-worker"; then
  nohup "$BIN/flask" --app portal outbox-worker >> instance/worker.log 2>&1 &
  echo $! > instance/worker.pid
else
  echo "This version of the portal has no outbox-worker command: no worker started."
fi

# Ready when /health/ready says so: the database and Redis both answer.
for i in $(seq 1 60); do
  if "$BIN/python" -c "import urllib.request, sys; urllib.request.urlopen('http://$UP_BIND/health/ready', timeout=2)" \
       2>/dev/null; then
    echo "The portal is on http://$UP_BIND (PORTAL_ENV=$PORTAL_ENV). Logs: instance/portal.log, instance/worker.log."
    echo "Stop it with: make down"
    exit 0
  fi
  if ! running instance/portal.pid && [ "$i" -gt 10 ]; then break; fi
  sleep 0.5
done
echo "The portal did not become ready. The end of instance/portal.log:" >&2
tail -n 20 instance/portal.log >&2
"$(dirname "$0")/down.sh" >&2 || true
exit 1
