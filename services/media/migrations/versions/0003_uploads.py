"""uploads: files staff send in chunks, and the chunks received

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 20:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('uploads',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('owner_type', sa.String(length=16), nullable=False),
    sa.Column('owner_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('received', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('status', sa.String(length=16), server_default='receiving', nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_by', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('media_id', sa.Uuid(as_uuid=False), nullable=True),
    sa.Column('import_attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('import_after', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("owner_type IN ('lesson', 'asset')", name=op.f('ck_uploads_owner_type_known')),
    sa.CheckConstraint("kind IN ('video', 'pack', 'preview')", name=op.f('ck_uploads_kind_known')),
    sa.CheckConstraint("status IN ('receiving', 'received', 'imported', 'failed')", name=op.f('ck_uploads_status_known')),
    sa.CheckConstraint('size > 0 AND received >= 0 AND received <= size', name=op.f('ck_uploads_received_within_size')),
    sa.ForeignKeyConstraint(['media_id'], ['media.media_objects.id'], name=op.f('fk_uploads_media_id_media_objects'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uploads')),
    schema='media'
    )
    op.create_index('ix_uploads_owner', 'uploads', ['owner_type', 'owner_id', 'created_at'], unique=False, schema='media')
    op.create_index('ix_uploads_to_import', 'uploads', ['import_after'], unique=False, schema='media', postgresql_where=sa.text("status = 'received'"))
    op.create_table('upload_parts',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('upload_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('start', sa.BigInteger(), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['upload_id'], ['media.uploads.id'], name=op.f('fk_upload_parts_upload_id_uploads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upload_parts')),
    sa.UniqueConstraint('upload_id', 'start', name='uq_upload_parts_upload_id_start'),
    schema='media'
    )


def downgrade():
    op.drop_table('upload_parts', schema='media')
    op.drop_index('ix_uploads_to_import', table_name='uploads', schema='media', postgresql_where=sa.text("status = 'received'"))
    op.drop_index('ix_uploads_owner', table_name='uploads', schema='media')
    op.drop_table('uploads', schema='media')
