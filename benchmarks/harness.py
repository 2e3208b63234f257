"""What the benchmark runs on: gunicorn started and stopped, an HTTP client for setting up, the server's CPU
time from /proc, and wrk for the load (a C load generator, so that the client is never the bottleneck)."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
COOKIE = "portal_session"
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class RunFailed(RuntimeError):
    """The benchmark could not be run as designed (not: the portal was slow)."""


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    """One connection that keeps the session cookie (it reconnects when gunicorn closes the connection)."""

    def __init__(self, port: int, cookie: str | None = None, encoding: str = "identity"):
        self.port, self.cookie, self.encoding = port, cookie, encoding
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, method: str, path: str, form: dict | None = None) -> Reply:
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Encoding": self.encoding}
        if self.encoding != "identity":
            headers["Sec-Fetch-Site"] = "none"  # as a browser sends for an address typed in
        body = None
        if self.cookie:
            headers["Cookie"] = f"{COOKIE}={self.cookie}"
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                if attempt == 2:
                    raise
        if response.will_close:
            self.connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            if name.strip() == COOKIE:
                self.cookie = rest.split(";", 1)[0]
        return Reply(response.status, response.headers, data)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, form: dict) -> Reply:
        return self.request("POST", path, form)

    def close(self) -> None:
        self.connection.close()


def expect(reply: Reply, status: int, what: str) -> Reply:
    if reply.status != status:
        raise RunFailed(f"{what}: HTTP {reply.status}, expected {status}\n{reply.text[:600]}")
    return reply


def csrf_token(reply: Reply, what: str) -> str:
    match = CSRF_RE.search(reply.text)
    if not match:
        raise RunFailed(f"{what}: no CSRF token on the page")
    return match.group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py (as `make run` and production use it), on a free port."""

    def __init__(self, app: str, workers: int, env: dict[str, str], log_path: Path, cwd: Path = ROOT):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        command = [
            *(sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-w", str(workers)),
            *("-b", f"{HOST}:{self.port}", "--no-control-socket", "--log-level", "warning"),
            *("--access-logfile", "/dev/null", app),
        ]
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_until_ready(self, path: str, timeout: float = 60.0) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RunFailed(f"gunicorn exited with {self.process.returncode}:\n{self.output()}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", path)
                if connection.getresponse().status == 200:
                    connection.close()
                    return time.perf_counter() - started
                connection.close()
            except OSError:
                pass
            time.sleep(0.1)
        raise RunFailed(f"{path} did not answer within {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def workers_killed(self) -> int:
        """Workers gunicorn had to kill or lost (timeouts, signals), from its log."""
        text = self.log_path.read_text(errors="replace")
        return len(re.findall(r"WORKER TIMEOUT|was sent SIGKILL|was sent SIGSEGV|exited with code", text))

    def cpu_seconds(self) -> float | None:
        """CPU time used so far by gunicorn's master and workers (Linux /proc; None elsewhere)."""
        return server_cpu_seconds(self.process.pid)

    def stop(self) -> int | None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()
        return self.process.returncode


def server_cpu_seconds(master_pid: int) -> float | None:
    total = 0
    try:
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(entry.name), int(fields[1])
            if pid == master_pid or ppid == master_pid:
                total += int(fields[11]) + int(fields[12])  # utime + stime
            if pid == master_pid:
                # cutime + cstime: the workers that have exited (gunicorn replaces each after max_requests),
                # which the running workers' own times no longer count
                total += int(fields[13]) + int(fields[14])
    except OSError:
        return None
    return total / CLOCK_TICKS


# --------------------------------------------------------------------------- wrk

# Each wrk thread runs this: it sends the scenario's request (a POST's body from a list, in turn, so that
# every answer changes what is stored), and at the end prints the figures as one JSON line.
WRK_SCRIPT = """
local method, path, cookie = %(method)s, %(path)s, %(cookie)s
local bodies = {%(bodies)s}
local i = 0
request = function()
  -- As a browser asks: compressed, for a page of the site's own.
  local headers = {["Accept-Encoding"] = "gzip, deflate, br", ["Sec-Fetch-Site"] = "same-origin"}
  if cookie ~= "" then headers["Cookie"] = cookie end
  if #bodies == 0 then return wrk.format(method, path, headers) end
  i = i %% #bodies + 1
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format(method, path, headers, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format('WRK {"requests": %%d, "seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, '
    .. '"status_errors": %%d, "socket_errors": %%d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout))
end
"""


def lua(value: str) -> str:
    return json.dumps(value)  # a JSON string is a Lua string for what we send (ASCII, escaped quotes)


@dataclass
class Load:
    requests: int = 0
    seconds: float = 0.0
    cpu_seconds: float | None = 0.0
    p50: list[float] | None = None
    p95: list[float] | None = None
    errors: int = 0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float | None:
        return (
            None if self.cpu_seconds is None or not self.requests else self.cpu_seconds / self.requests * 1000
        )

    @property
    def p50_ms(self) -> float:
        return sorted(self.p50 or [0])[len(self.p50 or [0]) // 2]

    @property
    def p95_ms(self) -> float:
        return max(self.p95 or [0])


def wrk(
    server: Gunicorn,
    path: str,
    *,
    seconds: int,
    clients: int,
    method: str = "GET",
    cookie: str | None = None,
    bodies: list[str] | None = None,
    into: Load | None = None,
) -> Load:
    """One wrk run against the server; adds its figures, and the server's CPU time, to `into`."""
    if shutil.which("wrk") is None:
        raise RunFailed("wrk is not installed (apt-get install -y wrk)")
    into = into or Load()
    script = WRK_SCRIPT % {
        "method": lua(method),
        "path": lua(path),
        "cookie": lua(f"{COOKIE}={cookie}" if cookie else ""),
        "bodies": ", ".join(lua(b) for b in bodies or []),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        before = server.cpu_seconds()
        done = subprocess.run(
            [
                *("wrk", "-t", str(min(clients, 2)), "-c", str(clients), "-d", f"{seconds}s"),
                *("--timeout", "30s", "-s", file.name, f"http://{HOST}:{server.port}{path}"),
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
        after = server.cpu_seconds()
    finally:
        os.unlink(file.name)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRK ")), None)
    if line is None:
        raise RunFailed(f"wrk {path}: no figures\n{done.stdout}\n{done.stderr}")
    figures = json.loads(line[4:])
    into.requests += figures["requests"]
    into.seconds += figures["seconds"]
    into.errors += figures["status_errors"] + figures["socket_errors"]
    into.p50 = (into.p50 or []) + [figures["p50"]]
    into.p95 = (into.p95 or []) + [figures["p95"]]
    if into.cpu_seconds is not None and before is not None and after is not None:
        into.cpu_seconds += after - before
    else:
        into.cpu_seconds = None
    return into
