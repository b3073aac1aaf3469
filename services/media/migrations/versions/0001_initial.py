"""initial

Revision ID: 0001
Revises: 
Create Date: 2026-12-01 11:11:34.305051
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
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
    schema='media'
    )
    op.create_index('ix_failed_events_due', 'failed_events', ['next_attempt_at'], unique=False, schema='media', postgresql_where=sa.text("status = 'pending'"))
    op.create_table('media_objects',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('owner_type', sa.String(length=16), nullable=False),
    sa.Column('owner_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('status', sa.String(length=16), server_default='uploaded', nullable=False),
    sa.Column('failure_reason', sa.Text(), nullable=True),
    sa.Column('duration_seconds', sa.Float(), nullable=True),
    sa.Column('source_key', sa.Text(), nullable=False),
    sa.Column('source_size', sa.BigInteger(), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('master_playlist_key', sa.Text(), nullable=True),
    sa.Column('poster_key', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("owner_type IN ('lesson', 'asset')", name=op.f('ck_media_objects_owner_type_known')),
    sa.CheckConstraint("status IN ('uploaded', 'processing', 'ready', 'failed')", name=op.f('ck_media_objects_status_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_objects')),
    sa.UniqueConstraint('owner_type', 'owner_id', 'source_sha256', name='uq_media_objects_owner_source'),
    schema='media'
    )
    op.create_index('ix_media_objects_owner', 'media_objects', ['owner_type', 'owner_id', 'created_at'], unique=False, schema='media')
    op.create_table('outbox',
    sa.Column('id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('aggregate_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    schema='media'
    )
    op.create_index('ix_outbox_pending', 'outbox', ['created_at'], unique=False, schema='media', postgresql_where=sa.text('published_at IS NULL'))
    op.create_table('media_files',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('media_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['media_id'], ['media.media_objects.id'], name=op.f('fk_media_files_media_id_media_objects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_files')),
    sa.UniqueConstraint('key', name='uq_media_files_key'),
    schema='media'
    )
    op.create_index(op.f('ix_media_media_files_media_id'), 'media_files', ['media_id'], unique=False, schema='media')
    op.create_table('renditions',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('media_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('name', sa.String(length=16), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('bandwidth', sa.Integer(), nullable=False),
    sa.Column('playlist_key', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['media_id'], ['media.media_objects.id'], name=op.f('fk_renditions_media_id_media_objects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renditions')),
    sa.UniqueConstraint('media_id', 'name', name='uq_renditions_media_id_name'),
    schema='media'
    )


def downgrade():
    op.drop_table('renditions', schema='media')
    op.drop_index(op.f('ix_media_media_files_media_id'), table_name='media_files', schema='media')
    op.drop_table('media_files', schema='media')
    op.drop_index('ix_outbox_pending', table_name='outbox', schema='media', postgresql_where=sa.text('published_at IS NULL'))
    op.drop_table('outbox', schema='media')
    op.drop_index('ix_media_objects_owner', table_name='media_objects', schema='media')
    op.drop_table('media_objects', schema='media')
    op.drop_index('ix_failed_events_due', table_name='failed_events', schema='media', postgresql_where=sa.text("status = 'pending'"))
    op.drop_table('failed_events', schema='media')
