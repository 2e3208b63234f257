"""Benchmark the portal against the floor of its own stack: one script, one run, loopback only.

It starts, under the same gunicorn settings (gunicorn.conf.py, 2 sync workers), a hello-world Flask app
(the floor) and the demo portal on a temporary database, makes the records the pages show with the
portal's own code, then measures every page with wrk (interleaved rounds, so that a change in the
machine's load falls on all alike): requests per second and the server's CPU time per request from
/proc. It prints each target of the speed issue with PASS or FAIL. Speed never makes it fail; it exits
with 2 only when the run itself goes wrong.

    python benchmarks/bench.py [--seconds 2] [--rounds 3] [--clients 4] [--cases 5,50,500]
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import weight  # noqa: E402
from benchmarks.harness import Client, Gunicorn, Load, RunFailed, csrf_token, expect, wrk  # noqa: E402

QUESTION = "nutrition"
ANSWERS = ("independent", "some_help", "daily_help", "full_help")  # the POST changes the answer each time
PLAN_SIZES = (1, 10, 50, 200)
KB = 1000


def environment(database_url: str, secret_key: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "PORTAL_", "DEMO_", "DATABASE_"))
    }
    # Rate limits off: the benchmark sends far more a minute than a person.
    env.update(
        PORTAL_ENV="demo",
        DEMO_SIGN_IN="true",
        DATABASE_URL=database_url,
        RATE_LIMITS="off",
        OUTBOX_IN_PROCESS="false",
        SECRET_KEY=secret_key,
        PYTHONUNBUFFERED="1",
    )
    return env


def sign_in(port: int, person: str) -> str:
    client = Client(port)
    token = csrf_token(expect(client.get("/sign-in/demo"), 200, "GET /sign-in/demo"), "/sign-in/demo")
    expect(client.post("/sign-in/demo", {"csrf_token": token, "person": person}), 302, "POST /sign-in/demo")
    client.close()
    assert client.cookie
    return client.cookie


def timed_gets(port: int, cookie: str, path: str, count: int) -> list[float]:
    """Milliseconds for each of `count` requests in turn (a failed request counts as infinitely slow)."""
    times = []
    for _ in range(count):
        client = Client(port, cookie)
        began = time.perf_counter()
        try:
            ok = client.get(path).status == 200
        except OSError:
            ok = False
        times.append((time.perf_counter() - began) * 1000 if ok else float("inf"))
        client.close()
    return times


def at_once(port: int, cookie: str, path: str, count: int) -> list[int]:
    """`count` requests for the same path at the same moment; their statuses."""
    statuses: list[int] = []

    def one() -> None:
        client = Client(port, cookie)
        try:
            statuses.append(client.get(path).status)
        except OSError as error:
            statuses.append(-1)
            print(f"  {path}: {error}", file=sys.stderr)
        client.close()

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return statuses


def _measured(load) -> float:
    """The load's server CPU per request; infinity when nothing was measured (no request answered), so
    that a page that could not be measured never passes."""
    return load.cpu_ms if load.cpu_ms is not None and load.requests else float("inf")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def run(args: argparse.Namespace) -> int:
    from benchmarks.data import Records

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'portal.db'}"
    secret = secrets.token_urlsafe(48)
    env = environment(database_url, secret)
    servers: list[Gunicorn] = []
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    try:
        if "postgresql" in database_url:
            from sqlalchemy import create_engine, text

            engine = create_engine(database_url)
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            engine.dispose()
        upgrade = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "portal", "db-upgrade"],
            cwd=args.portal_root, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if upgrade.returncode != 0:
            raise RunFailed(f"db-upgrade failed:\n{upgrade.stdout}\n{upgrade.stderr}")
        hello = Gunicorn("benchmarks.hello:app", args.workers, env, workdir / "hello.log")
        servers.append(hello)
        portal = Gunicorn(
            "portal:create_app()", args.workers, env, workdir / "portal.log", cwd=args.portal_root
        )
        servers.append(portal)
        hello.wait_until_ready("/")
        ready = portal.wait_until_ready("/health")

        # ---- the records the pages show
        began = time.perf_counter()
        records = Records(database_url, secret)
        alex = sign_in(portal.port, "alex")
        client = Client(portal.port, alex)
        token = csrf_token(expect(client.get("/assessments/new"), 200, "new"), "new")
        started = expect(
            client.post("/assessments/new", {"csrf_token": token, "for_whom": "myself"}), 302, "start"
        )
        draft = started.header("Location").rstrip("/").rsplit("/", 1)[-1]
        question = f"/assessments/{draft}/questions/{QUESTION}"
        expect(client.get(question), 200, question)
        alex = client.cookie or alex  # the session now holds the CSRF token the answers are sent with
        client.close()
        answered = records.answered_draft("alex")
        sent = records.sent("alex")
        plans = {n: records.plan("alex", n) for n in PLAN_SIZES}
        sent_plans = {n: records.sent_plan("alex", n) for n in (10, 200)}
        say(f"records made in {time.perf_counter() - began:.0f} s")

        pages: list[tuple[str, str, str, dict]] = [
            ("hello-world Flask (the floor)", "hello", "/", {}),
            ("/health", "portal", "/health", {}),
            ("question page", "portal", question, {"cookie": alex}),
            ("answer (POST, a new answer each time)", "portal", question, {"cookie": alex, "post": True}),
            ("check answers", "portal", f"/assessments/{answered}/check", {"cookie": alex}),
            ("budget", "portal", f"/assessments/{sent}/budget", {"cookie": alex}),
            ("account", "portal", "/account", {"cookie": alex}),
        ]
        for n, assessment in plans.items():
            pages.append(
                (f"plan page, {n} items", "portal", f"/assessments/{assessment}/plan", {"cookie": alex})
            )
            cost = f"/assessments/{assessment}/plan/cost?help=meals&quantity=3&frequency=per_week"
            pages.append((f"live total, {n} items", "portal", cost, {"cookie": alex}))
        loads = measure(pages, {"hello": hello, "portal": portal}, token, args)
        print(f"  {'':44}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'errors':>7}{'server CPU ms/req':>19}")
        for (name, *_), load in zip(pages, loads, strict=True):
            print(row(name, load), flush=True)  # now, and again in the report

        # ---- staff work list and case page, as the caseload grows
        chris = sign_in(portal.port, "chris")
        staff: list[tuple[int, Load, Load]] = []
        made = 0
        for size in args.cases:
            references = records.cases(size - made, start=made)
            made = size
            case = f"/staff/cases/{references[-1]}"
            for path in ("/staff", case):
                expect(Client(portal.port, chris).get(path), 200, path)
            work_list, case_page = Load(), Load()
            for _ in range(args.rounds):
                wrk(
                    portal, "/staff", seconds=args.seconds, clients=args.clients, cookie=chris, into=work_list
                )
                wrk(portal, case, seconds=args.seconds, clients=args.clients, cookie=chris, into=case_page)
            staff.append((size, work_list, case_page))

        # ---- PDFs: draft plans (made each time), sent plans (made once and kept), four at once
        pdf_times = {
            n: timed_gets(portal.port, alex, f"/assessments/{plans[n]}/plan/plan.pdf", 5) for n in (10, 200)
        }
        sent_pdf = {
            n: timed_gets(portal.port, alex, f"/assessments/{a}/plan/plan.pdf", 5)
            for n, a in sent_plans.items()
        }
        killed_before = portal.workers_killed()
        concurrent = at_once(portal.port, alex, f"/assessments/{plans[200]}/plan/plan.pdf", 4)
        killed = portal.workers_killed() - killed_before

        # ---- bytes: the first visit as served, and the public assets' caching
        files, missing = weight.first_visit(portal.port)
        assets = weight.asset_headers(portal.port, [p for p, _, _ in files if p != "/"])

        # ---- the report
        say()
        database = "PostgreSQL" if "postgresql" in database_url else "SQLite"
        say(f"Personal budget portal benchmark: gunicorn.conf.py, {args.workers} sync workers each, "
            f"{database}, PORTAL_ENV=demo (ready in {ready:.1f} s)")  # fmt: skip
        say(f"load: wrk, {args.clients} connections, {args.rounds} interleaved rounds of {args.seconds} s a "
            f"line; machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
        say()
        say(f"  {'':44}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'errors':>7}{'server CPU ms/req':>19}")
        for (name, *_), load in zip(pages, loads, strict=True):
            say(row(name, load))
        for size, work_list, case_page in staff:
            say(row(f"staff work list, {size} cases", work_list))
            say(row(f"staff case page, {size} cases", case_page))
        say()
        by_name = {name: load for (name, *_), load in zip(pages, loads, strict=True)}
        floor = by_name["hello-world Flask (the floor)"]
        say("Targets")
        for name in ("question page", "check answers", "budget"):
            load = by_name[name]
            cpu, ratio = _measured(load), load.per_second / floor.per_second if floor.per_second else 0
            say(f"  {verdict(cpu <= 2.0)}  {name}: {cpu:.2f} ms server CPU (<= 2 ms); "
                f"{ratio:.3f} of the floor's requests/s (>= 0.125): {verdict(ratio >= 1 / 8)}")  # fmt: skip
        for n in PLAN_SIZES:
            limit = 3 + 0.05 * n
            for what in ("plan page", "live total"):
                cpu = _measured(by_name[f"{what}, {n} items"])
                say(f"  {verdict(cpu <= limit)}  {what}, {n} items: {cpu:.2f} ms (<= {limit:.2f} ms)")
        for size, work_list, case_page in staff:
            for what, load in (("work list", work_list), ("case page", case_page)):
                cpu = _measured(load)
                say(f"  {verdict(cpu <= 10)}  staff {what}, {size} cases: {cpu:.2f} ms (<= 10 ms)")
        for n, limit in ((10, 300), (200, 1000)):
            p50 = statistics.median(pdf_times[n])
            say(f"  {verdict(p50 <= limit)}  draft plan PDF, {n} items: p50 {p50:.0f} ms (<= {limit} ms)")
            kept = statistics.median(sent_pdf[n])
            say(f"  {verdict(kept <= limit)}  sent plan PDF, {n} items, kept after the first: "
                f"p50 {kept:.0f} ms (<= {limit} ms)")  # fmt: skip
        ok = all(s == 200 for s in concurrent) and killed == 0
        say(f"  {verdict(ok)}  four 200-item PDFs at once: statuses {sorted(concurrent)}, "
            f"workers killed {killed}")  # fmt: skip
        total = sum(size for _, size, _ in files)
        say(f"  {verdict(total <= 80 * KB)}  first visit as served: {total:,d} B (<= 80,000 B)")
        for path, size, encoding in files:
            say(f"           {path:52}{size:9,d} B  {encoding}")
        for problem in missing:
            say(f"           referenced but not counted: {problem}")
        for path, good, note in assets:
            say(f"  {verdict(good)}  {path}: {note}")
        return 0
    finally:
        for server in servers:
            code = server.stop()
            if code not in (0, -signal.SIGTERM):
                print(f"  gunicorn stopped with {code}; its log:\n{server.output()}", file=sys.stderr)
        if args.report:
            Path(args.report).write_text("\n".join(lines) + "\n")
        shutil.rmtree(workdir, ignore_errors=True)


def row(name: str, load: Load) -> str:
    cpu = "n/a" if load.cpu_ms is None else f"{load.cpu_ms:.2f}"
    return f"  {name:44}{load.per_second:8.0f}{load.p50_ms:8.1f}{load.p95_ms:8.1f}{load.errors:7d}{cpu:>19}"


def measure(pages: list, servers: dict[str, Gunicorn], token: str, args: argparse.Namespace) -> list[Load]:
    """Every page in turn, round after round; a short warm-up first."""
    loads = [Load() for _ in pages]
    for round_number in range(args.rounds + 1):
        for (name, server, path, options), load in zip(pages, loads, strict=True):
            bodies = None
            if options.get("post"):
                bodies = [urlencode({"csrf_token": token, QUESTION: answer}) for answer in ANSWERS]
            result = wrk(
                servers[server], path, seconds=args.seconds if round_number else 1, clients=args.clients,
                method="POST" if bodies else "GET", cookie=options.get("cookie"), bodies=bodies,
                into=load if round_number else Load(),
            )  # fmt: skip
            if result.errors:
                raise RunFailed(
                    f"{name}: {result.errors} requests failed ({path})\n{servers[server].output()}"
                )
    return loads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=int, default=2, help="seconds of load a line a round (2; wrk counts whole seconds)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3)")
    parser.add_argument("--clients", type=int, default=4, help="wrk connections (4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--cases", default="5,50,500", help="staff caseloads measured (5,50,500)")
    parser.add_argument(
        "--database-url", help="a PostgreSQL database to use instead of SQLite (it is emptied)"
    )
    parser.add_argument("--report", help="also write the report to this file")
    parser.add_argument(
        "--portal-root", type=Path, default=ROOT, help="another checkout's portal, to compare"
    )
    args = parser.parse_args()
    args.cases = sorted(int(n) for n in args.cases.split(","))
    if not (1 <= args.seconds <= 30 and 1 <= args.rounds <= 20 and 1 <= args.clients <= 64
            and 1 <= args.workers <= 8 and all(1 <= n <= 20_000 for n in args.cases)):  # fmt: skip
        parser.error("keep it bounded: --seconds 1..30, --rounds 1..20, --clients 1..64, --workers 1..8")

    def stopped(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # so that `kill` stops the servers too, as Ctrl+C does

    signal.signal(signal.SIGTERM, stopped)
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
