"""plan approval: plan versions, staff comments and decisions, and the case list's indexes

Revision ID: 0009_plan_approval
Revises: 0008_agreed_budgets
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_plan_approval"
down_revision = "0008_agreed_budgets"
branch_labels = None
depends_on = "0003_disagreement"  # the case list indexes case_assignments


def _submissions_before() -> sa.Table:
    """plan_submissions as 0002 made it, with its constraints named as PostgreSQL names them, so that the
    one on plan_id can be dropped on SQLite too (where the table is copied)."""
    return sa.Table(
        "plan_submissions",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("calculation_id", sa.Integer(), nullable=False),
        sa.Column("config_version", sa.String(length=60), nullable=False),
        sa.Column("prices_version", sa.String(length=60), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("weekly_pence", sa.Integer(), nullable=False),
        sa.Column("one_off_pence", sa.Integer(), nullable=False),
        sa.Column("yearly_pence", sa.Integer(), nullable=False),
        sa.Column("position", sa.String(length=10), nullable=False),
        sa.Column("declaration", sa.Text(), nullable=False),
        sa.Column("basis", sa.String(length=60), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["calculation_id"], ["calculations.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"]),
        sa.ForeignKeyConstraint(["submitted_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", name="plan_submissions_plan_id_key"),
        sa.UniqueConstraint("reference", name="plan_submissions_reference_key"),
    )


def upgrade() -> None:
    with op.batch_alter_table("plan_submissions", copy_from=_submissions_before()) as batch:
        batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch.drop_constraint("plan_submissions_plan_id_key", type_="unique")
        batch.create_unique_constraint("uq_plan_submissions_plan_version", ["plan_id", "version"])
    op.create_index("ix_plans_status", "plans", ["status"])
    op.create_table(
        "plan_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("move", sa.String(length=30), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=False),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("final_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("actor_role", sa.String(length=30), nullable=False),
        sa.Column("send_token", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"]),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
        sa.UniqueConstraint("send_token"),
    )
    op.create_index("ix_plan_decisions_plan_id", "plan_decisions", ["plan_id"])
    op.create_table(
        "plan_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=32), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"]),
        sa.ForeignKeyConstraint(["decision_id"], ["plan_decisions.id"]),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_comments_plan_id", "plan_comments", ["plan_id"])
    op.create_index("ix_plan_comments_decision_id", "plan_comments", ["decision_id"])
    op.create_index("ix_case_assignments_staff_role", "case_assignments", ["staff_user_id", "role"])
    op.create_index("ix_assessments_person_id", "assessments", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_assessments_person_id", table_name="assessments")
    op.drop_index("ix_case_assignments_staff_role", table_name="case_assignments")
    op.drop_index("ix_plan_comments_decision_id", table_name="plan_comments")
    op.drop_index("ix_plan_comments_plan_id", table_name="plan_comments")
    op.drop_table("plan_comments")
    op.drop_index("ix_plan_decisions_plan_id", table_name="plan_decisions")
    op.drop_table("plan_decisions")
    op.drop_index("ix_plans_status", table_name="plans")
    with op.batch_alter_table("plan_submissions") as batch:
        batch.drop_constraint("uq_plan_submissions_plan_version", type_="unique")
        batch.create_unique_constraint("plan_submissions_plan_id_key", ["plan_id"])
        batch.drop_column("version")
