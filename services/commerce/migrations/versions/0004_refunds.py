"""refunds: a refund of some items of an order, each item refunded at most once

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 19:40:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

STATUSES = "status IN ('pending', 'completed', 'partially_refunded', 'refunded')"


def upgrade():
    op.create_table('refunds',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('order_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('amount', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_refunds_amount_not_negative')),
    sa.ForeignKeyConstraint(['order_id'], ['commerce.orders.id'], name=op.f('fk_refunds_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds')),
    schema='commerce'
    )
    op.create_index(op.f('ix_commerce_refunds_order_id'), 'refunds', ['order_id'], unique=False, schema='commerce')
    op.create_index('ix_refunds_created_at', 'refunds', ['created_at'], unique=False, schema='commerce')
    op.create_table('refund_items',
    sa.Column('refund_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('order_item_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.ForeignKeyConstraint(['refund_id'], ['commerce.refunds.id'], name=op.f('fk_refund_items_refund_id_refunds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_item_id'], ['commerce.order_items.id'], name=op.f('fk_refund_items_order_item_id_order_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('order_item_id', name=op.f('pk_refund_items')),
    schema='commerce'
    )
    op.create_index(op.f('ix_commerce_refund_items_refund_id'), 'refund_items', ['refund_id'], unique=False, schema='commerce')
    # The flag an order's items are listed with, in the same transaction as its refund item.
    op.add_column('order_items', sa.Column('refunded_at', sa.DateTime(timezone=True), nullable=True), schema='commerce')
    # "partially_refunded" is 18 characters.
    op.alter_column('orders', 'status', type_=sa.String(length=24), existing_type=sa.String(length=16), schema='commerce')
    op.create_check_constraint(op.f('ck_orders_status_known'), 'orders', STATUSES, schema='commerce')


def downgrade():
    op.drop_constraint(op.f('ck_orders_status_known'), 'orders', schema='commerce')
    op.execute("UPDATE commerce.orders SET status = 'completed' WHERE status IN ('partially_refunded', 'refunded')")
    op.alter_column('orders', 'status', type_=sa.String(length=16), existing_type=sa.String(length=24), schema='commerce')
    op.drop_column('order_items', 'refunded_at', schema='commerce')
    op.drop_index(op.f('ix_commerce_refund_items_refund_id'), table_name='refund_items', schema='commerce')
    op.drop_table('refund_items', schema='commerce')
    op.drop_index('ix_refunds_created_at', table_name='refunds', schema='commerce')
    op.drop_index(op.f('ix_commerce_refunds_order_id'), table_name='refunds', schema='commerce')
    op.drop_table('refunds', schema='commerce')
