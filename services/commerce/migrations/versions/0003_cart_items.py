"""cart items: the user's cart, kept server-side

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 13:40:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cart_items',
    sa.Column('user_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('item_type', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'item_type', 'item_id', name=op.f('pk_cart_items')),
    schema='commerce'
    )


def downgrade():
    op.drop_table('cart_items', schema='commerce')
