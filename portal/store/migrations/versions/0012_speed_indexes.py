"""speed: indexes for the queries every page of a person's record runs, and each sent plan's PDF kept

plan_items.plan_id (a plan's items) and audit_events.person_id (a person's audit trail) had no index: each
grew with every record in the council (assessments.person_id, for the account page, is in 0009).
plan_pdfs keeps a sent plan's PDF, made once: a sent plan never changes.

Revision ID: 0012_speed_indexes
Revises: 0011_user_language
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_speed_indexes"
down_revision = "0011_user_language"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_plan_items_plan_id", "plan_items", ["plan_id"])
    op.create_index("ix_audit_events_person_id", "audit_events", ["person_id"])
    op.create_table(
        "plan_pdfs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["plan_submissions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("submission_id", "language", name="uq_plan_pdfs_submission_language"),
    )


def downgrade() -> None:
    op.drop_table("plan_pdfs")
    op.drop_index("ix_audit_events_person_id", table_name="audit_events")
    op.drop_index("ix_plan_items_plan_id", table_name="plan_items")
