"""lesson video imported at

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('lessons', sa.Column('video_imported_at', sa.DateTime(timezone=True), nullable=True), schema='catalog')


def downgrade():
    op.drop_column('lessons', 'video_imported_at', schema='catalog')
