"""outbox (user_registered, password_reset_requested) and password resets

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 16:10:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox',
    sa.Column('id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('aggregate_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    schema='auth'
    )
    op.create_index('ix_outbox_pending', 'outbox', ['created_at'], unique=False, schema='auth', postgresql_where=sa.text('published_at IS NULL'))
    op.create_table('password_resets',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['auth.users.id'], name=op.f('fk_password_resets_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_resets')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_resets_token_hash')),
    schema='auth'
    )
    op.create_index(op.f('ix_auth_password_resets_user_id'), 'password_resets', ['user_id'], unique=False, schema='auth')


def downgrade():
    op.drop_index(op.f('ix_auth_password_resets_user_id'), table_name='password_resets', schema='auth')
    op.drop_table('password_resets', schema='auth')
    op.drop_index('ix_outbox_pending', table_name='outbox', schema='auth', postgresql_where=sa.text('published_at IS NULL'))
    op.drop_table('outbox', schema='auth')
