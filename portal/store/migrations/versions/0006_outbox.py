"""outbox_messages: notifications written with the change they tell about, sent by the outbox worker

Revision ID: 0006_outbox
Revises: 0004_plan_item_send_once
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0006_outbox'
down_revision = '0005_user_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'outbox_messages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(length=250), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('recipient', sa.String(length=500), nullable=False),
        sa.Column('language', sa.String(length=10), nullable=False),
        sa.Column('kind', sa.String(length=60), nullable=False),
        sa.Column('subject', sa.String(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('about', sa.String(length=120), nullable=True),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('message_id'),
    )
    op.create_index('ix_outbox_messages_next_attempt_at', 'outbox_messages', ['next_attempt_at'])
    op.create_index('ix_outbox_messages_person_id', 'outbox_messages', ['person_id'])
    op.create_index('ix_outbox_messages_status', 'outbox_messages', ['status'])


def downgrade() -> None:
    op.drop_index('ix_outbox_messages_status', table_name='outbox_messages')
    op.drop_index('ix_outbox_messages_person_id', table_name='outbox_messages')
    op.drop_index('ix_outbox_messages_next_attempt_at', table_name='outbox_messages')
    op.drop_table('outbox_messages')
