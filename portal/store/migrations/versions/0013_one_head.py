"""one head: the disagreement tables' branch (0003) joins the main line

0003_disagreement grew from 0001_initial beside the support plan's line; 0009 already depended on it. This
revision changes no table: it makes the history end in one revision, so `upgrade head` and the version
table agree on where a database is.

Revision ID: 0013_one_head
Revises: 0012_speed_indexes, 0003_disagreement
Create Date: 2026-12-02
"""

revision = "0013_one_head"
down_revision = ("0012_speed_indexes", "0003_disagreement")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
