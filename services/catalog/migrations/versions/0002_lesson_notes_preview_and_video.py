"""lesson notes, preview and video

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 11:12:16.745322
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('lessons', sa.Column('notes', sa.Text(), nullable=True), schema='catalog')
    op.add_column('lessons', sa.Column('preview', sa.Boolean(), server_default=sa.text('false'), nullable=False), schema='catalog')
    op.add_column('lessons', sa.Column('video_media_id', sa.Uuid(as_uuid=False), nullable=True), schema='catalog')
    op.add_column('lessons', sa.Column('video_status', sa.String(length=16), nullable=True), schema='catalog')
    op.add_column('lessons', sa.Column('video_duration_seconds', sa.Integer(), nullable=True), schema='catalog')


def downgrade():
    op.drop_column('lessons', 'video_duration_seconds', schema='catalog')
    op.drop_column('lessons', 'video_status', schema='catalog')
    op.drop_column('lessons', 'video_media_id', schema='catalog')
    op.drop_column('lessons', 'preview', schema='catalog')
    op.drop_column('lessons', 'notes', schema='catalog')
