"""The fairness report at scale: fill a PostgreSQL database with many sent assessments and agreed plans
(100,000 by default), then time the report's own queries with EXPLAIN ANALYZE and say which indexes
they use, and time the whole report (the queries and the pure figures) as the page makes it.

    python benchmarks/report_at_scale.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench \
        [--count 100000] [--keep]

The database is emptied and made again with the portal's migrations. The rows are written with
INSERT ... SELECT over generate_series (fast, and the only raw SQL in the project's code: a benchmark
fill, never the portal's). Agreements are spread over three years; the report asks for the last one.
Each assessment has the answers the report reads (date of birth) and two more, one stored calculation
(the worked example's, worked out by the rules), a plan with two items, one or two decisions and its
agreed budget.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.dialects import postgresql  # noqa: E402

from portal import store  # noqa: E402
from portal.ras import calculate, load_config  # noqa: E402
from tests.examples import WORKED_EXAMPLE  # noqa: E402

END = date(2026, 12, 1)
DAYS = 3 * 365

FILL = [
    # one user who started, sent and agreed everything
    "INSERT INTO users (id, issuer, subject, name, created_at) VALUES (1, 'bench', 'bench', 'Bench', now())",
    """INSERT INTO people (id, public_id, name, created_at)
       SELECT g, 'p' || g, 'Person ' || g, now() FROM generate_series(1, :n) g""",
    """INSERT INTO assessments (id, public_id, person_id, started_by_id, questionnaire_id, status,
                                config_version, created_at, updated_at, submitted_at, submitted_by_id)
       SELECT g, 'a' || g, g, 1, 'self_assessment', 'submitted', :version, now(), now(), now(), 1
       FROM generate_series(1, :n) g""",
    """INSERT INTO answers (assessment_id, question_id, value, updated_at, updated_by_id)
       SELECT g, q, CASE q WHEN 'date_of_birth' THEN (date '1925-01-01' + (g * 7919) % 27000)::text
                           WHEN 'nutrition' THEN 'some_help' ELSE 'none' END, now(), 1
       FROM generate_series(1, :n) g, unnest(ARRAY['date_of_birth', 'nutrition', 'nights']) q""",
    """INSERT INTO calculations (id, assessment_id, config_version, answers, result, weekly_pence,
                                 yearly_pence, created_at)
       SELECT g, g, :version, CAST(:answers AS json), CAST(:result AS json), :weekly, :weekly * 52, now()
       FROM generate_series(1, :n) g""",
    """INSERT INTO plans (id, public_id, assessment_id, status, created_by_id, created_at, updated_at,
                          submitted_at, submitted_by_id)
       SELECT g, 'pl' || g, g, 'agreed', 1, now(), now(), now(), 1 FROM generate_series(1, :n) g""",
    """INSERT INTO plan_items (public_id, plan_id, price_id, quantity_hundredths, frequency, management,
                               needs, created_at, updated_at, updated_by_id)
       SELECT 'i' || g || '-' || k, g,
              (ARRAY['personal_assistant', 'home_care_agency', 'day_activities', 'meals',
                     'telecare'])[1 + (g + k) % 5],
              100 * (1 + g % 20), 'per_week',
              (ARRAY['direct_payment', 'council_arranged', 'individual_service_fund'])[1 + (g * k) % 3],
              CAST('[]' AS json), now(), now(), 1
       FROM generate_series(1, :n) g, generate_series(1, 2) k""",
    """INSERT INTO plan_decisions (public_id, plan_id, plan_version, move, from_state, to_state,
                                   final_weekly_pence, actor_id, actor_role, created_at)
       SELECT 'd' || g, g, 1, 'approve', 'submitted',
              CASE WHEN g % 20 = 0 THEN 'awaiting_panel' ELSE 'agreed' END, :weekly, 1, 'care_manager', now()
       FROM generate_series(1, :n) g""",
    """INSERT INTO agreed_budgets (public_id, person_id, assessment_id, plan_id, plan_version, config_version,
                                   indicative_weekly_pence, weekly_pence, starts_on, agreed_by_id, agreed_at)
       SELECT 'b' || g, g, g, g, 1, :version, :weekly, :weekly + ((g * 37) % 4001) - 1500,
              :end - (g % :days), 1, (:end - (g % :days)) + time '14:00'
       FROM generate_series(1, :n) g""",
]
RESET = "DROP SCHEMA public CASCADE; CREATE SCHEMA public"


def _sql(statement) -> str:
    return str(statement.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database that may be emptied")
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    if not args.database_url.startswith("postgresql"):
        parser.error("this benchmark is for PostgreSQL")

    config = load_config(ROOT / "content")
    worked = calculate(config, WORKED_EXAMPLE)
    engine = create_engine(args.database_url)
    with engine.begin() as connection:
        connection.execute(text(RESET))
    store.upgrade(args.database_url)

    started = time.perf_counter()
    with engine.begin() as connection:
        for statement in FILL:
            connection.execute(
                text(statement),
                {
                    "n": args.count,
                    "version": config.version,
                    "answers": json.dumps(dict(WORKED_EXAMPLE)),
                    "result": json.dumps(worked.to_dict()),
                    "weekly": worked.weekly_pence,
                    "end": END,
                    "days": DAYS,
                },
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))
    print(f"filled {args.count:,} assessments with agreed plans in {time.perf_counter() - started:.1f} s")

    from portal.store import fairness

    first, last = END - timedelta(days=364), END
    for name, statement in (
        ("agreements", fairness.cases_statement(first, last)),
        ("plan items", fairness.items_statement(first, last)),
        ("recalibration", fairness.fit_statement(first, last)),
    ):
        with engine.connect() as connection:
            plan = [
                row[0] for row in connection.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + _sql(statement)))
            ]
        took = next((line for line in plan if line.startswith("Execution Time")), "?")
        joined = "\n".join(plan)
        indexes = sorted(
            set(re.findall(r"Index (?:Only )?Scan (?:Backward )?using (\w+)", joined))
            | set(re.findall(r"Bitmap Index Scan on (\w+)", joined))
        )
        scans = sorted(set(re.findall(r"Seq Scan on (\w+)", joined)))
        print(f"\n{name}: {took}")
        print(f"  indexes used: {', '.join(indexes) or 'none'}")
        print(f"  whole-table scans: {', '.join(scans) or 'none'}")
        for line in plan:
            print("    " + line)

    # The whole report as the page makes it: both queries and the pure figures.
    from portal import create_app
    from portal.ras import fairness as rules
    from portal.ras import recalibration as recal
    from portal.ras.model import MANAGEMENT_WAYS
    from portal.settings import Settings

    app = create_app(
        Settings(
            environment="development",
            secret_key="benchmark-only-" + "x" * 32,
            database_url=args.database_url,
            content_dir=ROOT / "content",
            demo_sign_in=True,
        )
    )
    with app.app_context():
        started = time.perf_counter()
        cases = fairness.agreed_cases(first, last)
        queried = time.perf_counter()
        figures = rules.report(cases, config.tolerance_percent, MANAGEMENT_WAYS, tuple(config.prices.items))
        done = time.perf_counter()
    print(
        f"\nthe report for one year: {figures.everyone.count:,} agreements; queries and rows "
        f"{queried - started:.2f} s, figures {done - queried:.2f} s"
    )
    with app.app_context():
        started = time.perf_counter()
        rows = fairness.fit_cases(first, last)
        queried = time.perf_counter()
        fitted = recal.fit(config.bands, rows)
        fitted_at = time.perf_counter()
        recal.preview(config, fitted.pence_per_point, rows)
        done = time.perf_counter()
    print(
        f"the recalibration preview for one year: query and rows {queried - started:.2f} s, "
        f"fit {fitted_at - queried:.2f} s, who gains and loses {done - fitted_at:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
