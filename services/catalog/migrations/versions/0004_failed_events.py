"""failed events: media events whose handling failed, retried then parked

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 13:50:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
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
    schema='catalog'
    )
    op.create_index('ix_failed_events_due', 'failed_events', ['next_attempt_at'], unique=False, schema='catalog', postgresql_where=sa.text("status = 'pending'"))


def downgrade():
    op.drop_index('ix_failed_events_due', table_name='failed_events', schema='catalog', postgresql_where=sa.text("status = 'pending'"))
    op.drop_table('failed_events', schema='catalog')
