"""order items keep the title they were bought under, for their receipt

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 08:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('order_items', sa.Column('title', sa.Text(), nullable=True), schema='commerce')


def downgrade():
    op.drop_column('order_items', 'title', schema='commerce')
