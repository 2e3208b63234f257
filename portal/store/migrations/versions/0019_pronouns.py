"""pronouns: how pages talk about a person to someone who helps them

- people: pronouns, "he", "she" or "they", or not given (read as "they").

Revision ID: 0019_pronouns
Revises: 0018_grants2
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_pronouns"
down_revision = "0018_grants2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("pronouns", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("pronouns")
