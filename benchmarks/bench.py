"""Benchmark the portal against itself: one script, one run, loopback only.

It starts the demo portal under gunicorn on a temporary SQLite database, signs in as a demo
person, starts an assessment, then measures in the same run:

  (a) GET  /health                                   the bare route of the same app
  (b) GET  /assessments/<id>/questions/nutrition     a question page
  (c) POST /assessments/<id>/questions/nutrition     an answer (the 302 is the response)

and the bytes a person downloads: the first page (GET / with every stylesheet, script and image it
references, each gzip-compressed at level 6) and a later question page's HTML (gzipped).

Targets are reported as met or not met; speed never makes the script fail. It exits non-zero
only when the run itself goes wrong (the server does not start, a request gets a wrong status).

    python benchmarks/bench.py [--requests 500] [--warmup 50] [--threads 4] [--workers 2]
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
COOKIE = "portal_session"
QUESTION = "nutrition"
ANSWER = "daily_help"
LATER_QUESTION = "personal_hygiene"

# Targets (1 KB = 1,000 bytes, the stricter reading).
TARGET_RATIO = 1 / 8  # question page requests/second over bare route requests/second, at least
TARGET_FIRST_PAGE = 80_000  # bytes, gzipped, at most
TARGET_LATER_PAGE = 6_000  # bytes, gzipped, at most
# Formats that are compressed already: a server sends them as they are.
PRECOMPRESSED = (".woff", ".woff2", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
TIME_LIMIT = 120.0  # seconds per batch of requests, at most


class RunFailed(RuntimeError):
    """The benchmark could not be run as designed (not: the portal was slow)."""


# --------------------------------------------------------------------------- HTTP on loopback


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
    """One keep-alive connection (it reconnects when the server closes, as gunicorn's sync workers do)."""

    def __init__(self, port: int, cookie: str | None = None):
        self.port = port
        self.cookie = cookie
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Encoding": "identity"}
        body = None
        if self.cookie:
            headers["Cookie"] = f"{COOKIE}={self.cookie}"
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle connection between our requests: open a new one, once.
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

    def post(self, path: str, form: dict[str, str]) -> Reply:
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


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def portal_environment(database_url: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "PORTAL_", "DEMO_", "DATABASE_"))
    }
    # Rate limits off: the benchmark measures the pages, and sends far more answers a minute than a person.
    env.update(
        PORTAL_ENV="demo",
        DEMO_SIGN_IN="true",
        DATABASE_URL=database_url,
        RATE_LIMITS="off",
        SECRET_KEY=secrets.token_urlsafe(48),
        PYTHONUNBUFFERED="1",
    )
    return env


class Gunicorn:
    def __init__(self, port: int, workers: int, env: dict[str, str], log_path: Path):
        self.port = port
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(workers),
            "-b",
            f"{HOST}:{port}",
            "--no-control-socket",
            "--log-level",
            "warning",
            "portal:create_app()",
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_until_ready(self, timeout: float = 60.0) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RunFailed(f"gunicorn exited with {self.process.returncode}:\n{self.output()}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/health")
                if connection.getresponse().status == 200:
                    connection.close()
                    return time.perf_counter() - started
                connection.close()
            except OSError:
                pass
            time.sleep(0.1)
        raise RunFailed(f"/health did not answer within {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> int | None:
        """SIGTERM for a graceful stop; SIGKILL to the process group if it has not gone in 15 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()
        return self.process.returncode


# --------------------------------------------------------------------------- measuring

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def server_cpu_seconds(master_pid: int) -> float | None:
    """CPU time used so far by gunicorn's master and workers (Linux /proc; None elsewhere).

    Requests per second on a shared machine move with whatever else runs on it; the server's CPU
    time per request moves much less, so it is reported alongside."""
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
    except OSError:
        return None
    return total / CLOCK_TICKS


@dataclass
class Result:
    name: str
    count: int = 0
    seconds: float = 0.0
    cpu_seconds: float | None = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Result) -> None:
        self.count += other.count
        self.seconds += other.seconds
        self.cpu_seconds = (
            None
            if self.cpu_seconds is None or other.cpu_seconds is None
            else self.cpu_seconds + other.cpu_seconds
        )
        self.latencies += other.latencies
        self.errors += other.errors

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_request(self) -> float | None:
        return None if self.cpu_seconds is None or not self.count else self.cpu_seconds / self.count * 1000

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        rank = max(1, -(-len(ordered) * p // 100))  # nearest rank
        return ordered[int(rank) - 1] * 1000


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    form: dict[str, str] | None
    status: int


def batch(
    scenario: Scenario, port: int, cookie: str | None, count: int, threads: int, master_pid: int
) -> Result:
    """`count` requests from `threads` threads, each with its own connection; timed from a common start."""
    lock = threading.Lock()
    remaining = [count]
    result = Result(scenario.name)
    go = threading.Barrier(threads + 1)
    deadline = time.perf_counter() + TIME_LIMIT

    def take() -> bool:
        with lock:
            if remaining[0] <= 0 or time.perf_counter() > deadline:
                return False
            remaining[0] -= 1
            return True

    def worker() -> None:
        client = Client(port, cookie)
        try:
            go.wait(timeout=30)
            while take():
                began = time.perf_counter()
                reply = client.request(scenario.method, scenario.path, scenario.form)
                took = time.perf_counter() - began
                with lock:
                    result.latencies.append(took)
                    if reply.status != scenario.status:
                        result.errors.append(f"HTTP {reply.status}")
        except Exception as error:  # noqa: BLE001 - reported, and fails the run
            with lock:
                result.errors.append(f"{type(error).__name__}: {error}")
        finally:
            client.close()

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    cpu_before = server_cpu_seconds(master_pid)
    go.wait(timeout=30)
    started = time.perf_counter()
    for thread in pool:
        thread.join(TIME_LIMIT + 30)
    result.seconds = time.perf_counter() - started
    cpu_after = server_cpu_seconds(master_pid)
    result.cpu_seconds = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    result.count = len(result.latencies)
    return result


def measure(
    scenarios: list[Scenario], port: int, cookie: str | None, args: argparse.Namespace, master_pid: int
) -> list[Result]:
    """Warm each scenario up, then measure them in interleaved rounds, so that a change in the machine's
    load during the run falls on all of them alike."""
    for scenario in scenarios:
        warm = batch(scenario, port, cookie, args.warmup, args.threads, master_pid)
        if warm.errors:
            raise RunFailed(f"{scenario.name}: warm-up failed: {warm.errors[0]}")
    totals = [Result(s.name) for s in scenarios]
    per_round = [
        args.requests // args.rounds + (1 if r < args.requests % args.rounds else 0)
        for r in range(args.rounds)
    ]
    for count in per_round:
        for scenario, total in zip(scenarios, totals, strict=True):
            total.add(batch(scenario, port, cookie, count, args.threads, master_pid))
    return totals


# --------------------------------------------------------------------------- bytes


class References(HTMLParser):
    """The stylesheets, scripts and images an HTML page makes a browser fetch."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("href"):
            rel = (attributes.get("rel") or "").lower().split()
            if {
                "stylesheet",
                "icon",
                "apple-touch-icon",
                "mask-icon",
                "manifest",
                "preload",
                "modulepreload",
            } & set(rel):
                self.urls.append(attributes["href"])
        elif tag in ("script", "img", "source", "input") and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag in ("img", "source") and attributes.get("srcset"):
            self.urls.extend(
                part.strip().split()[0] for part in attributes["srcset"].split(",") if part.strip()
            )


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)['"]""")
JS_IMPORT = re.compile(
    r"""(?:\bimport\s*(?:[\w*{}\s,]+\bfrom\s*)?|\bexport\s*[\w*{}\s,]+\bfrom\s*)['"]([^'"]+)['"]"""
)


def gzipped_size(path: str, body: bytes) -> int:
    if urlsplit(path).path.lower().endswith(PRECOMPRESSED):
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def first_page_weight(port: int) -> tuple[list[tuple[str, int, int]], list[str]]:
    """Every file a first visit to / downloads: (path, bytes, bytes gzipped), and references that failed."""
    client = Client(port)  # a new visitor: no cookie
    base = f"http://{HOST}:{port}"
    seen: dict[str, tuple[int, int]] = {}
    missing: list[str] = []
    queue = ["/"]
    try:
        while queue:
            path = queue.pop(0)
            if path in seen or path in missing:
                continue
            reply = client.get(path)
            if reply.status != 200:
                missing.append(f"{path} (HTTP {reply.status})")
                continue
            seen[path] = (len(reply.body), gzipped_size(path, reply.body))
            content_type = (reply.header("Content-Type") or "").split(";")[0].strip()
            found: list[str] = []
            if content_type == "text/html":
                parser = References()
                parser.feed(reply.text)
                found = parser.urls
            elif content_type == "text/css":
                found = CSS_URL.findall(reply.text) + CSS_IMPORT.findall(reply.text)
            elif content_type in ("text/javascript", "application/javascript"):
                found = JS_IMPORT.findall(reply.text)
            for ref in found:
                if ref.startswith(("data:", "#")):
                    continue
                absolute = urljoin(base + path, ref)
                parts = urlsplit(absolute)
                if f"{parts.scheme}://{parts.netloc}" != base:
                    missing.append(f"{ref} (not on this server: not fetched)")
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    finally:
        client.close()
    return [(path, raw, packed) for path, (raw, packed) in seen.items()], missing


# --------------------------------------------------------------------------- the run


def met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def run(args: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    database_url = f"sqlite:///{workdir / 'portal.db'}"
    env = portal_environment(database_url)
    server: Gunicorn | None = None
    try:
        upgrade = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "portal", "db-upgrade"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if upgrade.returncode != 0:
            raise RunFailed(f"db-upgrade failed:\n{upgrade.stdout}\n{upgrade.stderr}")

        port = free_port()
        server = Gunicorn(port, args.workers, env, workdir / "gunicorn.log")
        ready_after = server.wait_until_ready()

        # Sign in as a demo person and start an assessment for themself.
        person = Client(port)
        token = csrf_token(expect(person.get("/sign-in/demo"), 200, "GET /sign-in/demo"), "/sign-in/demo")
        expect(
            person.post("/sign-in/demo", {"csrf_token": token, "person": "alex"}), 302, "POST /sign-in/demo"
        )
        token = csrf_token(
            expect(person.get("/assessments/new"), 200, "GET /assessments/new"), "/assessments/new"
        )
        started = expect(
            person.post("/assessments/new", {"csrf_token": token, "for_whom": "myself"}),
            302,
            "POST /assessments/new",
        )
        assessment = urlsplit(started.header("Location")).path.rstrip("/").rsplit("/", 1)[-1]
        question_path = f"/assessments/{assessment}/questions/{QUESTION}"
        question_page = expect(person.get(question_path), 200, f"GET {question_path}")
        token = csrf_token(question_page, question_path)
        answered = expect(
            person.post(question_path, {"csrf_token": token, QUESTION: ANSWER}), 302, f"POST {question_path}"
        )
        later_path = urlsplit(answered.header("Location")).path
        if not later_path.endswith(f"/questions/{LATER_QUESTION}"):
            raise RunFailed(f"answering {QUESTION} led to {later_path}, not {LATER_QUESTION}")
        later_page = expect(person.get(later_path), 200, f"GET {later_path}")
        cookie = person.cookie
        person.close()

        scenarios = [
            Scenario("(a) GET /health", "GET", "/health", None, 200),
            Scenario(f"(b) GET question page ({QUESTION})", "GET", question_path, None, 200),
            Scenario(
                f"(c) POST answer ({QUESTION}, 302)",
                "POST",
                question_path,
                {"csrf_token": token, QUESTION: ANSWER},
                302,
            ),
        ]
        results = measure(scenarios, port, cookie, args, server.process.pid)

        assets, missing = first_page_weight(port)
        first_page = sum(packed for _, _, packed in assets)
        later_html = len(gzip.compress(later_page.body, compresslevel=6))

        # ---- report
        print("Personal budget portal benchmark")
        print(
            f"  gunicorn {args.workers} sync workers on {HOST}:{port} (ready after {ready_after:.1f} s); "
            f"SQLite; PORTAL_ENV=demo"
        )
        print(
            f"  client: {args.threads} threads, one connection each, same machine; per line {args.warmup} "
            f"warm-up, then {args.requests} requests in {args.rounds} interleaved rounds"
        )
        print(
            f"  machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        if os.getloadavg()[1] > (os.cpu_count() or 1):
            print(
                "  note: the machine was busy with other work; requests/s and their ratio move with that,"
                " the server CPU figures much less"
            )
        print()
        print(
            f"  {'':40}{'requests/s':>11}{'p50 ms':>8}{'p95 ms':>8}{'count':>7}{'server CPU ms/request':>23}"
        )
        for result in results:
            cpu = result.cpu_ms_per_request
            print(
                f"  {result.name:40}{result.per_second:11.1f}{result.percentile(50):8.1f}"
                f"{result.percentile(95):8.1f}{result.count:7d}{'n/a' if cpu is None else f'{cpu:.2f}':>23}"
            )
        bare, page, answer = results
        ratio = page.per_second / bare.per_second if bare.per_second else 0.0
        print()
        print(
            f"  question page / bare route, requests/s: {ratio:.3f}"
            f" (1/{1 / ratio if ratio else float('inf'):.1f})"
            f"  target >= 1/8: {met(ratio >= TARGET_RATIO)}"
        )
        if bare.per_second:
            print(f"  answer POST / bare route, requests/s:   {answer.per_second / bare.per_second:.3f}")
        if bare.cpu_ms_per_request and page.cpu_ms_per_request:
            print(
                f"  bare route / question page, server CPU per request: "
                f"{bare.cpu_ms_per_request / page.cpu_ms_per_request:.3f} (for comparison, not the target)"
            )
        print()
        print("  First page (GET /), each file gzip -6 (already-compressed formats as they are):")
        for path, raw, packed in assets:
            print(f"    {path:44}{raw:9,d} B{packed:9,d} B gzipped")
        for problem in missing:
            print(f"    referenced but not counted: {problem}")
        print(
            f"  first page total: {first_page:,d} B gzipped  target <= {TARGET_FIRST_PAGE:,d} B: "
            f"{met(first_page <= TARGET_FIRST_PAGE)}"
        )
        print(
            f"  later question page ({LATER_QUESTION}) HTML: {len(later_page.body):,d} B,"
            f" {later_html:,d} B gzipped"
            f"  target <= {TARGET_LATER_PAGE:,d} B: {met(later_html <= TARGET_LATER_PAGE)}"
        )

        failures = [f"{r.name}: {len(r.errors)} failed, first: {r.errors[0]}" for r in results if r.errors]
        failures += [
            f"{r.name}: only {r.count} of {args.requests} requests in {TIME_LIMIT:.0f} s"
            for r in results
            if r.count < args.requests and not r.errors
        ]
        if failures:
            raise RunFailed("\n".join(failures))
        return 0
    finally:
        if server is not None:
            code = server.stop()
            if code not in (0, -signal.SIGTERM):
                print(f"  gunicorn stopped with {code}; its log:\n{server.output()}", file=sys.stderr)
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500, help="measured requests per line (default 500)")
    parser.add_argument("--warmup", type=int, default=50, help="warm-up requests per line (default 50)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args()
    if not (
        1 <= args.requests <= 10_000
        and 0 <= args.warmup <= 1_000
        and 1 <= args.threads <= 16
        and 1 <= args.workers <= 8
        and 1 <= args.rounds <= args.requests
    ):
        parser.error(
            "keep it bounded: --requests 1..10000, --warmup 0..1000, --threads 1..16, --workers 1..8, "
            "--rounds 1..requests"
        )
    try:
        return run(args)
    except RunFailed as error:
        print(f"benchmark could not run: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; gunicorn stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
