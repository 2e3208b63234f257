#!/usr/bin/env bash
# `make down`: stop what `make up` started (the worker first, then the portal), gracefully.
set -uo pipefail
cd "$(dirname "$0")/.."
for name in worker portal; do
  pidfile="instance/$name.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    # gunicorn lets running requests finish (graceful_timeout, 30 s); the worker finishes its message.
    for _ in $(seq 1 70); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "The $name (PID $pid) did not stop in 35 s; stopping it now." >&2
      kill -KILL "$pid" 2>/dev/null
    fi
    echo "Stopped the $name."
  fi
  rm -f "$pidfile"
done
