"""The load run: whole journeys on PostgreSQL, two portal instances behind one address, the mail server
stalled. With --chaos, a gunicorn worker and the outbox worker are killed (kill -9) every few seconds and
PostgreSQL is restarted once; the run then counts acknowledged answers that were lost (it must be 0).

    python benchmarks/load/run.py [--users 20] [--time 60] [--chaos]

It needs: a PostgreSQL server it may create a database on (LOAD_DATABASE_ADMIN_URL, default the local
one), locust (installed by `make load` into its own virtualenv), and haproxy (Debian package) for the one
address in front of the two instances; without haproxy a small round-robin proxy in this script is used.
Restarting PostgreSQL needs `pg_ctlcluster` (Debian) and the right to run it.

It prints requests per second, p50/p95/p99 latency, errors, and acknowledged answers lost.

With --knee 5,10,20,40 it runs the load once for each number of people in turn (each --time seconds, the
same servers and database) and prints the p95 at each, and the knee: the fewest people at which p95 passes
200 ms. --portal-root measures another checkout of the portal (say, before a change) the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ADMIN_URL = os.environ.get("LOAD_DATABASE_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE = "portal_load"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str = "/health", seconds: float = 30) -> None:
    import http.client

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port} within {seconds:.0f} s")


class StalledMailServer(threading.Thread):
    """Accepts SMTP connections and never says a word: the worst a mail server can do."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(100)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self.accepted = 0

    def run(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(connection)


class RoundRobinProxy(threading.Thread):
    """One address in front of the instances, for machines without haproxy (slower; haproxy is preferred)."""

    def __init__(self, port: int, backends: list[int]) -> None:
        super().__init__(daemon=True)
        self.port, self.backends, self.turn = port, backends, 0

    def run(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(256)
        while True:
            client, _ = server.accept()
            self.turn = (self.turn + 1) % len(self.backends)
            threading.Thread(
                target=self._pipe_pair, args=(client, self.backends[self.turn]), daemon=True
            ).start()

    @staticmethod
    def _pipe_pair(client: socket.socket, port: int) -> None:
        try:
            backend = socket.create_connection(("127.0.0.1", port))
        except OSError:
            client.close()
            return

        def pipe(a: socket.socket, b: socket.socket) -> None:
            try:
                while data := a.recv(65536):
                    b.sendall(data)
            except OSError:
                pass
            finally:
                for s in (a, b):
                    with contextlib.suppress(OSError):
                        s.shutdown(socket.SHUT_RDWR)

        threading.Thread(target=pipe, args=(backend, client), daemon=True).start()
        pipe(client, backend)


def psql(sql: str) -> str:
    return subprocess.run(
        ["psql", ADMIN_URL, "-qtAc", sql], check=True, capture_output=True, text=True
    ).stdout


def children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(p) for p in found]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--time", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument(
        "--chaos", action="store_true", help="kill workers every few seconds, restart PostgreSQL once"
    )
    parser.add_argument("--kill-every", type=float, default=5.0)
    parser.add_argument("--locust", default=os.environ.get("LOCUST", shutil.which("locust") or "locust"))
    parser.add_argument("--knee", help="numbers of people to run in turn, e.g. 5,10,20,40")
    parser.add_argument("--portal-root", type=Path, default=ROOT, help="the checkout to run (this one)")
    args = parser.parse_args()
    root = args.portal_root.resolve()

    python = sys.executable
    bin_dir = Path(python).parent
    work = Path(tempfile.mkdtemp(prefix="portal-load-"))
    processes: list[subprocess.Popen] = []
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    database_url = (
        ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{DATABASE}"
    )
    mail = StalledMailServer()
    mail.start()
    env = {
        **os.environ,
        "PORTAL_ENV": "demo",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(mail.port),
        "SMTP_FROM": "portal@example.org",
        "SMTP_STARTTLS": "false",
        "RATE_LIMITS": "off",  # the load is many people from one address: the limits would stop it
        "OUTBOX_IN_PROCESS": "false",  # as in production: only the outbox workers send
        "LOG_LEVEL": "warning",
    }
    subprocess.run(
        [str(bin_dir / "flask"), "--app", "portal", "db-upgrade"],
        cwd=root,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )

    ports = [free_port(), free_port()]
    masters = []
    for port in ports:
        # The child keeps its own copy of the log file; this process's copy closes at once.
        with open(work / f"gunicorn-{port}.log", "w") as log:
            masters.append(
                subprocess.Popen(
                    [
                        str(bin_dir / "gunicorn"),
                        "--workers",
                        str(args.workers),
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--no-control-socket",
                        "--timeout",
                        "30",
                        "--graceful-timeout",
                        "5",
                        "portal:create_app()",
                    ],
                    cwd=root,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=log,
                )
            )
    processes += masters
    for port in ports:
        wait_for(port)

    front = free_port()
    if shutil.which("haproxy"):
        config = work / "haproxy.cfg"
        config.write_text(
            "defaults\n  mode http\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n"
            f"frontend portal\n  bind 127.0.0.1:{front}\n  default_backend instances\n"
            "backend instances\n  balance roundrobin\n"
            + "".join(f"  server i{n} 127.0.0.1:{port} check\n" for n, port in enumerate(ports))
        )
        processes.append(
            subprocess.Popen(
                ["haproxy", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        )
        proxy = "haproxy"
    else:
        RoundRobinProxy(front, ports).start()
        proxy = "the script's own round-robin proxy"
    wait_for(front)

    has_worker = (
        "outbox-worker"
        in subprocess.run(
            [str(bin_dir / "flask"), "--app", "portal", "--help"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
    )
    worker: list[subprocess.Popen] = []

    def start_worker() -> None:
        if has_worker:
            with open(work / "worker.log", "a") as log:
                worker.append(
                    subprocess.Popen(
                        [str(bin_dir / "flask"), "--app", "portal", "outbox-worker"],
                        cwd=root,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=log,
                    )
                )

    start_worker()
    ack_log = work / "acknowledged.jsonl"
    stop = threading.Event()
    events: list[str] = []

    def chaos() -> None:
        restarted = False
        started = time.monotonic()
        while not stop.wait(args.kill_every):
            workers = [pid for master in masters for pid in children(master.pid)]
            if workers:
                victim = random.choice(workers)
                os.kill(victim, signal.SIGKILL)
                events.append(f"{time.monotonic() - started:5.1f} s: kill -9 gunicorn worker {victim}")
            if worker and worker[-1].poll() is None:
                worker[-1].kill()
                events.append(f"{time.monotonic() - started:5.1f} s: kill -9 outbox worker {worker[-1].pid}")
                start_worker()
            if not restarted and time.monotonic() - started > args.time / 2:
                cluster = subprocess.run(
                    ["pg_lsclusters", "-h"], capture_output=True, text=True
                ).stdout.split()
                if len(cluster) >= 2:
                    subprocess.run(
                        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1], "restart"],
                        check=False,
                        capture_output=True,
                    )
                    events.append(f"{time.monotonic() - started:5.1f} s: PostgreSQL restarted")
                restarted = True

    if args.chaos:
        threading.Thread(target=chaos, daemon=True).start()
    steps = [int(n) for n in args.knee.split(",")] if args.knee else [args.users]
    knee_rows: list[tuple[int, dict]] = []
    try:
        for users in steps:
            prefix = work / ("run" if not args.knee else f"run-{users}")
            with open(work / "locust.log", "a") as log:
                subprocess.run(
                    [
                        args.locust,
                        "-f",
                        str(HERE / "locustfile.py"),
                        "--headless",
                        "-u",
                        str(users),
                        "-r",
                        str(max(args.spawn_rate, users / 4)),
                        "-t",
                        f"{args.time}s",
                        "--host",
                        f"http://127.0.0.1:{front}",
                        "--csv",
                        str(prefix),
                        "--only-summary",
                    ],
                    env={**os.environ, "LOAD_ACK_LOG": str(ack_log)},
                    check=False,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if args.knee:
                with open(f"{prefix}_stats.csv", newline="") as stats:
                    total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
                knee_rows.append((users, total))
                shutil.copy(f"{prefix}_stats.csv", work / "run_stats.csv")
    finally:
        stop.set()
        for process in processes + worker:
            process.terminate()
        for process in processes + worker:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()

    if knee_rows:
        report_knee(knee_rows, root, args)
    report(work, ack_log, database_url, proxy, args, mail, events, has_worker)
    return 0


def report_knee(rows: list[tuple[int, dict]], root: Path, args) -> None:
    """p95 for each number of people, and the knee: the fewest at which p95 passes 200 ms."""
    print()
    print(f"## Knee ({root.name}, {args.time} s a step, 2 instances × {args.workers} workers, PostgreSQL)")
    print("| people | requests/s | p50 ms | p95 ms | failures |")
    print("| --- | --- | --- | --- | --- |")
    knee = None
    for users, total in rows:
        p95 = float(total["95%"])
        if knee is None and p95 > 200:
            knee = users
        print(
            f"| {users} | {float(total['Requests/s']):.1f} | {total['50%']} | {total['95%']} |"
            f" {total['Failure Count']} |"
        )
    print(
        f"- knee: p95 passes 200 ms at {knee} people"
        if knee
        else f"- knee: p95 stays under 200 ms up to {rows[-1][0]} people"
    )


def report(work: Path, ack_log: Path, database_url: str, proxy: str, args, mail, events, has_worker) -> None:
    with open(work / "run_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    acknowledged = [json.loads(line) for line in ack_log.read_text().splitlines() if line.strip()]
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    stored = subprocess.run(
        [
            "psql",
            url,
            "-qtAc",
            "SELECT a.public_id || ' ' || x.question_id || ' ' || x.value FROM answers x "
            "JOIN assessments a ON a.id = x.assessment_id",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    stored_set = set(stored)
    lost = [
        ack
        for ack in acknowledged
        if f"{ack['assessment']} {ack['question']} {ack['value']}" not in stored_set
    ]
    outbox = (
        subprocess.run(
            ["psql", url, "-qtAc", "SELECT status, count(*) FROM outbox_messages GROUP BY status"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if has_worker
        else "no outbox in this build"
    )
    print()
    print(f"## Load run{' with chaos' if args.chaos else ''}")
    print(
        f"- {args.knee or args.users} people, {args.time} s, 2 instances × {args.workers} gunicorn workers"
        f" behind {proxy},"
        f" PostgreSQL, the mail server stalled ({mail.accepted} connections held, never answered)"
    )
    print(
        f"- requests: {total['Request Count']}, failures: {total['Failure Count']}, "
        f"{float(total['Requests/s']):.1f} requests/s"
    )
    print(f"- latency p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms")
    print(f"- answers acknowledged: {len(acknowledged)}, lost: {len(lost)}")
    print(f"- outbox: {outbox.replace(chr(10), '; ') or 'empty'}")
    for row in rows:
        if row["Name"] != "Aggregated":
            print(
                f"  - {row['Type']} {row['Name']}: {row['Request Count']} requests,"
                f" {row['Failure Count']} failed,"
                f" p50 {row['50%']} ms, p95 {row['95%']} ms, p99 {row['99%']} ms"
            )
    for event in events:
        print(f"  - {event}")
    for item in lost[:10]:
        print(f"  - LOST: {item}")
    if lost or int(total["Failure Count"]):
        print(f"- logs kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
