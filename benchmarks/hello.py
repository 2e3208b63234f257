"""The floor of this stack: a hello-world Flask app, served by the same gunicorn settings as the portal
(`gunicorn -c gunicorn.conf.py 'benchmarks.hello:app'`). benchmarks/bench.py measures it in the same run."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, world!"
