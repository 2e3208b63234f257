"""assessments.questionnaire_id: which of the council's questionnaires a form is (forms before it are the
main self-assessment); assessments.reference: the reference of a sent form that makes no budget

Revision ID: 0007_questionnaire_id
Revises: 0006_outbox
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_questionnaire_id"
down_revision = "0006_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(
            sa.Column(
                "questionnaire_id", sa.String(length=60), nullable=False, server_default="self_assessment"
            )
        )
        batch.add_column(sa.Column("reference", sa.String(length=20), nullable=True))
        batch.create_unique_constraint("uq_assessments_reference", ["reference"])


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_constraint("uq_assessments_reference", type_="unique")
        batch.drop_column("reference")
        batch.drop_column("questionnaire_id")
