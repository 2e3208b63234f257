"""In-process CPU per request for the portal's main pages, and a cProfile of one of them.

For finding where the time goes between full benchmark runs (benchmarks/bench.py measures the real
server). It builds the demo app on a temporary SQLite database, signs a demo person in through the
Flask test client, and times each page's requests with the process's CPU clock.

    python benchmarks/profile_pages.py                      # CPU ms per request, every page
    python benchmarks/profile_pages.py --profile question   # and the top of a cProfile of one page
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(os.environ.get("PORTAL_ROOT") or Path(__file__).resolve().parent.parent)  # or another checkout
sys.path.insert(0, str(ROOT))


def build(workdir: Path, plan_items: int):
    from portal import create_app, store
    from portal.settings import Settings
    from tests import factories
    from tests.web.helpers import Portal
    from tests.web.plan_helpers import PA_WEEKLY

    url = f"sqlite:///{workdir / 'portal.db'}"
    store.upgrade(url)
    settings = Settings(
        environment="demo",
        secret_key="profile-secret-key-that-is-long-enough-0123456789",
        database_url=url,
        content_dir=ROOT / "content",
        demo_sign_in=True,
        rate_limits_on=False,
    )
    app = create_app(settings)
    portal = Portal(app)
    portal.client = app.test_client(use_cookies=True)  # no page checker: it would be measured too
    portal.sign_in("alex")
    draft = portal.start()
    from portal import ras
    from tests.examples import WORKED_EXAMPLE

    answered = factories.draft_assessment(
        app, portal, ras.relevant_answers(factories.config(app).questionnaire, WORKED_EXAMPLE)
    )
    sent = factories.sent_assessment(app, portal)
    factories.plan(app, sent, [("personal_assistant", PA_WEEKLY)] * plan_items, who=portal)
    reference = factories.disagreement(app, sent, date.today(), who=portal)
    staff = Portal(app)
    staff.client = app.test_client(use_cookies=True)
    staff.sign_in("chris")
    pages = {
        "health": "/health",
        "question": f"/assessments/{draft}/questions/nutrition",
        "check": f"/assessments/{answered}/check",
        "budget": f"/assessments/{sent}/budget",
        "account": "/account",
        "plan": f"/assessments/{sent}/plan",
        "cost": f"/assessments/{sent}/plan/cost?help=meals&quantity=3&frequency=per_week",
        "pdf": f"/assessments/{sent}/plan/plan.pdf",
    }
    staff_pages = {
        "work-list": "/staff",
        "case": f"/staff/cases/{reference}",
        "person": f"/staff/people/{sent}",
    }
    return app, {name: (portal.client, path) for name, path in pages.items()} | {
        name: (staff.client, path) for name, path in staff_pages.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--items", type=int, default=1, help="items in the plan (default 1)")
    parser.add_argument(
        "--profile", help="page to profile (health, question, check, budget, plan, work-list, case, ...)"
    )
    parser.add_argument("--only", nargs="*", help="pages to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app, pages = build(Path(tmp), args.items)
        for name, (client, path) in pages.items():
            if args.only and name not in args.only:
                continue
            count = 5 if name == "pdf" else args.requests
            for _ in range(3):
                response = client.get(path)
                assert response.status_code == 200, (name, response.status_code)
            rounds = []  # the least of 5 rounds: other work on the machine only ever adds to it
            for _ in range(5):
                began = time.process_time()
                for _ in range(max(1, count // 5)):
                    client.get(path)
                rounds.append((time.process_time() - began) / max(1, count // 5) * 1000)
            # Python calls per request: steady however busy the machine is, so before and after compare.
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(3):
                client.get(path)
            profiler.disable()
            calls = pstats.Stats(profiler).total_calls // 3  # type: ignore[attr-defined]
            print(f"{name:8} {min(rounds):7.2f} ms CPU/request (least of 5 rounds) {calls:8,d} calls  {path}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            client, path = pages[args.profile]
            for _ in range(50):
                client.get(path)
            profiler.disable()
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(os.environ.get("PROFILE_FILTER", ""), 45)
            stats.sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
