"""initial: the mail queue and failed events

Revision ID: 0001
Revises:
Create Date: 2026-12-01 16:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('mails',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('template', sa.String(length=32), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=True),
    sa.Column('body_html', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), server_default='pending', nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=True),
    sa.Column('attempt_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'sending', 'sent', 'parked')", name=op.f('ck_mails_status_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mails')),
    sa.UniqueConstraint('event_id', 'template', name='uq_mails_event_id_template'),
    schema='notifications'
    )
    op.create_index('ix_mails_due', 'mails', ['next_attempt_at'], unique=False, schema='notifications', postgresql_where=sa.text("status = 'pending'"))
    op.create_table('failed_events',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('first_failed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'parked')", name=op.f('ck_failed_events_status_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_failed_events')),
    sa.UniqueConstraint('event_id', name=op.f('uq_failed_events_event_id')),
    schema='notifications'
    )
    op.create_index('ix_failed_events_due', 'failed_events', ['next_attempt_at'], unique=False, schema='notifications', postgresql_where=sa.text("status = 'pending'"))


def downgrade():
    op.drop_index('ix_failed_events_due', table_name='failed_events', schema='notifications', postgresql_where=sa.text("status = 'pending'"))
    op.drop_table('failed_events', schema='notifications')
    op.drop_index('ix_mails_due', table_name='mails', schema='notifications', postgresql_where=sa.text("status = 'pending'"))
    op.drop_table('mails', schema='notifications')
