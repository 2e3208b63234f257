"""grants and invitations: a helper's access to a person's record, with its basis, scope and end

Every authority recorded before becomes a grant: the helper keeps "send and disagree", on the same basis
and relationship, from when it was recorded, not confirmed by the person. Nothing is lost: downgrading
copies each grant back (one per helper and person).

Revision ID: 0017_grants
Revises: 0015_report
Create Date: 2026-12-03
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0017_grants"
down_revision = "0015_report"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("relationship_to_person", sa.String(length=100), nullable=False),
        sa.Column("basis", sa.String(length=40), nullable=False),
        sa.Column("basis_reference", sa.String(length=200), nullable=True),
        sa.Column("scope", sa.String(length=20), server_default="send", nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_by_person", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["ended_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_index("ix_grants_person_id", "grants", ["person_id"])
    op.create_index("ix_grants_user_person", "grants", ["user_id", "person_id"])
    bind = op.get_bind()
    authorities = sa.table(
        "authorities",
        sa.column("id", sa.Integer()),
        sa.column("user_id", sa.Integer()),
        sa.column("person_id", sa.Integer()),
        sa.column("relationship_to_person", sa.String()),
        sa.column("basis", sa.String()),
        sa.column("recorded_at", sa.DateTime()),
    )
    grants = sa.table(
        "grants",
        sa.column("public_id", sa.String()),
        sa.column("user_id", sa.Integer()),
        sa.column("person_id", sa.Integer()),
        sa.column("relationship_to_person", sa.String()),
        sa.column("basis", sa.String()),
        sa.column("scope", sa.String()),
        sa.column("starts_at", sa.DateTime()),
        sa.column("confirmed_by_person", sa.Boolean()),
    )
    rows = bind.execute(sa.select(authorities).order_by(authorities.c.id)).all()
    for row in rows:
        bind.execute(
            grants.insert().values(
                public_id=secrets.token_urlsafe(12),
                user_id=row.user_id,
                person_id=row.person_id,
                relationship_to_person=row.relationship_to_person,
                basis=row.basis,
                scope="send",
                starts_at=row.recorded_at,
                confirmed_by_person=False,
            )
        )
    op.drop_table("authorities")
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("helper_name", sa.String(length=200), nullable=False),
        sa.Column("relationship_to_person", sa.String(length=100), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("used_by_id", sa.Integer(), nullable=True),
        sa.Column("grant_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["used_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["grant_id"], ["grants.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    op.create_index("ix_invitations_person_id", "invitations", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_invitations_person_id", table_name="invitations")
    op.drop_table("invitations")
    op.create_table(
        "authorities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("relationship_to_person", sa.String(length=100), nullable=False),
        sa.Column("basis", sa.String(length=40), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "person_id", name="uq_authorities_user_person"),
    )
    op.execute(
        "INSERT INTO authorities (user_id, person_id, relationship_to_person, basis, recorded_at) "
        "SELECT g.user_id, g.person_id, g.relationship_to_person, g.basis, g.starts_at FROM grants g "
        "WHERE g.id = (SELECT MIN(h.id) FROM grants h WHERE h.user_id = g.user_id AND h.person_id = g.person_id)"
    )
    op.drop_index("ix_grants_user_person", table_name="grants")
    op.drop_index("ix_grants_person_id", table_name="grants")
    op.drop_table("grants")
