"""an index on who started an assessment, for the staff conflict-of-interest rule

- assessments: ix_assessments_started_by_id. The case list and the work list leave out anyone whose
  form the member of staff started. With the index, the database finds those few forms directly; without
  it, it reads every assessment in the council, on every page of either list.

Revision ID: 0021_assessment_started_by
Revises: 0020_disagreement_person
Create Date: 2026-12-03
"""

from alembic import op

revision = "0021_assessment_started_by"
down_revision = "0020_disagreement_person"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_assessments_started_by_id", "assessments", ["started_by_id"])


def downgrade() -> None:
    op.drop_index("ix_assessments_started_by_id", table_name="assessments")
