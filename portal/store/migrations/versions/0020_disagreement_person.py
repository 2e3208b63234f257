"""an index on a disagreement's person, for the staff work list

- disagreements: ix_disagreements_person_id. The work list joins the cases a member of staff holds
  (case_assignments, by person) to their disagreements; without it, that join reads every disagreement
  in the states that wait for staff.

Revision ID: 0020_disagreement_person
Revises: 0019_pronouns
Create Date: 2026-12-03
"""

from alembic import op

revision = "0020_disagreement_person"
down_revision = "0019_pronouns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_disagreements_person_id", "disagreements", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_disagreements_person_id", table_name="disagreements")
