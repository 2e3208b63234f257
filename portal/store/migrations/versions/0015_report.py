"""report: an index for the fairness report's period

The RAS lead's report and recalibration preview pick the budgets agreed in a period
(agreed_budgets.agreed_at). Without an index a period can only be found by reading the whole table; the rest of the report's
joins already have theirs (answers by its primary key, plan_items.plan_id, plan_decisions.plan_id).
Measured in benchmarks/report_at_scale.py.

Revision ID: 0015_report
Revises: 0013_one_head
Create Date: 2026-12-03
"""

from alembic import op

revision = "0015_report"
down_revision = "0013_one_head"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_agreed_budgets_agreed_at", "agreed_budgets", ["agreed_at"])


def downgrade() -> None:
    op.drop_index("ix_agreed_budgets_agreed_at", table_name="agreed_budgets")
