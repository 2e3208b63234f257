"""users.language: the language a person chose, for their pages after sign-in and for what is sent to them

Revision ID: 0011_user_language
Revises: 0010_reviews
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_user_language"
down_revision = "0010_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("language", sa.String(length=12), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("language")
