"""agreed_budgets: the final personal budget the council agrees with the support plan, written once

Revision ID: 0008_agreed_budgets
Revises: 0007_questionnaire_id
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_agreed_budgets"
down_revision = "0007_questionnaire_id"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreed_budgets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("plan_version", sa.Integer(), nullable=True),
        sa.Column("config_version", sa.String(length=60), nullable=False),
        sa.Column("indicative_weekly_pence", sa.Integer(), nullable=False),
        sa.Column("weekly_pence", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("agreed_by_id", sa.Integer(), nullable=False),
        sa.Column("agreed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"]),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"]),
        sa.ForeignKeyConstraint(["agreed_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_index("ix_agreed_budgets_person_id", "agreed_budgets", ["person_id"])
    op.create_index("ix_agreed_budgets_assessment_id", "agreed_budgets", ["assessment_id"])
    op.create_index("ix_agreed_budgets_plan_id", "agreed_budgets", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_agreed_budgets_plan_id", table_name="agreed_budgets")
    op.drop_index("ix_agreed_budgets_assessment_id", table_name="agreed_budgets")
    op.drop_index("ix_agreed_budgets_person_id", table_name="agreed_budgets")
    op.drop_table("agreed_budgets")
