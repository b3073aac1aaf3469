"""initial

Revision ID: 0001
Revises:
Create Date: 2026-11-26 11:30:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('orders',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('user_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('total_amount', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('status', sa.String(length=16), server_default='pending', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('total_amount >= 0', name=op.f('ck_orders_total_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    schema='commerce'
    )
    op.create_index('ix_orders_user_id_created_at', 'orders', ['user_id', 'created_at'], unique=False, schema='commerce')
    op.create_table('outbox',
    sa.Column('id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('aggregate_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    schema='commerce'
    )
    op.create_index('ix_outbox_pending', 'outbox', ['created_at'], unique=False, schema='commerce', postgresql_where=sa.text('published_at IS NULL'))
    op.create_table('order_items',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('order_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('item_type', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.CheckConstraint('price >= 0', name=op.f('ck_order_items_price_not_negative')),
    sa.ForeignKeyConstraint(['order_id'], ['commerce.orders.id'], name=op.f('fk_order_items_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_items')),
    schema='commerce'
    )
    op.create_index(op.f('ix_commerce_order_items_order_id'), 'order_items', ['order_id'], unique=False, schema='commerce')
    op.create_table('purchases',
    sa.Column('user_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('item_type', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('order_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('purchased_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['commerce.orders.id'], name=op.f('fk_purchases_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'item_type', 'item_id', name=op.f('pk_purchases')),
    schema='commerce'
    )
    op.create_index(op.f('ix_commerce_purchases_order_id'), 'purchases', ['order_id'], unique=False, schema='commerce')


def downgrade():
    op.drop_index(op.f('ix_commerce_purchases_order_id'), table_name='purchases', schema='commerce')
    op.drop_table('purchases', schema='commerce')
    op.drop_index(op.f('ix_commerce_order_items_order_id'), table_name='order_items', schema='commerce')
    op.drop_table('order_items', schema='commerce')
    op.drop_index('ix_outbox_pending', table_name='outbox', schema='commerce', postgresql_where=sa.text('published_at IS NULL'))
    op.drop_table('outbox', schema='commerce')
    op.drop_index('ix_orders_user_id_created_at', table_name='orders', schema='commerce')
    op.drop_table('orders', schema='commerce')
