"""support plan items: the one-time token of the form that added each, and when it was removed

Revision ID: 0004_plan_item_send_once
Revises: 0002_support_plan
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0004_plan_item_send_once'
down_revision = '0002_support_plan'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan_items') as batch:
        batch.add_column(sa.Column('send_token', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('removed_at', sa.DateTime(), nullable=True))
        batch.create_index('ix_plan_items_send_token', ['send_token'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('plan_items') as batch:
        batch.drop_index('ix_plan_items_send_token')
        batch.drop_column('removed_at')
        batch.drop_column('send_token')
