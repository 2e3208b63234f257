"""grants2: the council confirms, queries or ends a helper's grant; invitations that end on a date

- grants: who in the council confirmed the basis, and when;
- grant_notes: each confirmation, concern and ending by a case holder, with its note;
- invitations: the date the helper's access ends, when the person chose one.

Revision ID: 0018_grants2
Revises: 0017_grants
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_grants2"
down_revision = "0017_grants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("grants") as batch:
        batch.add_column(sa.Column("council_confirmed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("council_confirmed_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_grants_council_confirmed_by_id_users", "users", ["council_confirmed_by_id"], ["id"]
        )
    with op.batch_alter_table("invitations") as batch:
        batch.add_column(sa.Column("grant_ends_at", sa.DateTime(), nullable=True))
    op.create_table(
        "grant_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("send_token", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["grant_id"], ["grants.id"]),
        sa.ForeignKeyConstraint(["by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("send_token"),
    )
    op.create_index("ix_grant_notes_grant_id", "grant_notes", ["grant_id"])


def downgrade() -> None:
    op.drop_index("ix_grant_notes_grant_id", table_name="grant_notes")
    op.drop_table("grant_notes")
    with op.batch_alter_table("invitations") as batch:
        batch.drop_column("grant_ends_at")
    with op.batch_alter_table("grants") as batch:
        batch.drop_constraint("fk_grants_council_confirmed_by_id_users", type_="foreignkey")
        batch.drop_column("council_confirmed_by_id")
        batch.drop_column("council_confirmed_at")
