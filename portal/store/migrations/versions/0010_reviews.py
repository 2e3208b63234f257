"""reviews: early reviews people ask for, reviews done, and the reassessment a review opens
(assessments.previous_assessment_id)

Revision ID: 0010_reviews
Revises: 0009_plan_approval
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_reviews"
down_revision = "0009_plan_approval"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("previous_assessment_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_assessments_previous_assessment_id", "assessments", ["previous_assessment_id"], ["id"]
        )
        batch.create_index("ix_assessments_previous_assessment_id", ["previous_assessment_id"])
    op.create_table(
        "review_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=60), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("send_token", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"]),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreed_budgets.id"]),
        sa.ForeignKeyConstraint(["asked_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
        sa.UniqueConstraint("send_token"),
    )
    # The due list reads, for each agreement in force, the last review done and the first early review
    # asked for since (by agreement); a person's own history is read by person.
    op.create_index("ix_review_requests_person_asked", "review_requests", ["person_id", "asked_on"])
    op.create_index("ix_review_requests_agreement_asked", "review_requests", ["agreement_id", "asked_on"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("done_by_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=60), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=False),
        sa.Column("send_token", sa.String(length=64), nullable=False),
        sa.Column("reassessment_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"]),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreed_budgets.id"]),
        sa.ForeignKeyConstraint(["done_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["reassessment_id"], ["assessments.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
        sa.UniqueConstraint("send_token"),
        sa.UniqueConstraint("reassessment_id"),
    )
    op.create_index("ix_reviews_person_done", "reviews", ["person_id", "done_on"])
    op.create_index("ix_reviews_agreement_done", "reviews", ["agreement_id", "done_on"])


def downgrade() -> None:
    op.drop_index("ix_reviews_agreement_done", table_name="reviews")
    op.drop_index("ix_reviews_person_done", table_name="reviews")
    op.drop_table("reviews")
    op.drop_index("ix_review_requests_agreement_asked", table_name="review_requests")
    op.drop_index("ix_review_requests_person_asked", table_name="review_requests")
    op.drop_table("review_requests")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_index("ix_assessments_previous_assessment_id")
        batch.drop_constraint("fk_assessments_previous_assessment_id", type_="foreignkey")
        batch.drop_column("previous_assessment_id")
