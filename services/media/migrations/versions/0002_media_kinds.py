"""media kinds: a video (transcoded), an asset's pack or its preview (stored as is)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 16:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'media_objects',
        sa.Column('kind', sa.String(length=16), server_default='video', nullable=False),
        schema='media',
    )
    op.add_column('media_objects', sa.Column('file_name', sa.Text(), nullable=True), schema='media')
    op.create_check_constraint(
        op.f('ck_media_objects_kind_known'), 'media_objects', "kind IN ('video', 'pack', 'preview')", schema='media'
    )


def downgrade():
    op.drop_constraint(op.f('ck_media_objects_kind_known'), 'media_objects', schema='media', type_='check')
    op.drop_column('media_objects', 'file_name', schema='media')
    op.drop_column('media_objects', 'kind', schema='media')
