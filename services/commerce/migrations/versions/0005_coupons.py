"""coupons: codes with their limits and items, their redemptions, and an order's discount and coupon code

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:50:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('coupons',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('value', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('max_redemptions', sa.Integer(), nullable=True),
    sa.Column('max_per_user', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_by', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('percent', 'fixed')", name=op.f('ck_coupons_kind_known')),
    sa.CheckConstraint(
        "(kind = 'percent' AND value BETWEEN 1 AND 100 AND value = trunc(value))"
        " OR (kind = 'fixed' AND value > 0)",
        name=op.f('ck_coupons_value_in_range'),
    ),
    sa.CheckConstraint('max_redemptions > 0', name=op.f('ck_coupons_max_redemptions_positive')),
    sa.CheckConstraint('max_per_user > 0', name=op.f('ck_coupons_max_per_user_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coupons')),
    sa.UniqueConstraint('code', name=op.f('uq_coupons_code')),
    schema='commerce'
    )
    op.create_table('coupon_items',
    sa.Column('coupon_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('item_type', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.ForeignKeyConstraint(['coupon_id'], ['commerce.coupons.id'], name=op.f('fk_coupon_items_coupon_id_coupons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('coupon_id', 'item_type', 'item_id', name=op.f('pk_coupon_items')),
    schema='commerce'
    )
    op.create_table('coupon_redemptions',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('coupon_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('user_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('order_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['coupon_id'], ['commerce.coupons.id'], name=op.f('fk_coupon_redemptions_coupon_id_coupons')),
    sa.ForeignKeyConstraint(['order_id'], ['commerce.orders.id'], name=op.f('fk_coupon_redemptions_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coupon_redemptions')),
    sa.UniqueConstraint('order_id', name=op.f('uq_coupon_redemptions_order_id')),
    schema='commerce'
    )
    op.create_index('ix_coupon_redemptions_coupon_id_user_id', 'coupon_redemptions', ['coupon_id', 'user_id'], unique=False, schema='commerce')
    # Orders placed before coupons took nothing off.
    op.add_column('orders', sa.Column('discount', sa.Numeric(precision=10, scale=2), server_default=sa.text('0'), nullable=False), schema='commerce')
    op.add_column('orders', sa.Column('coupon_code', sa.String(length=32), nullable=True), schema='commerce')
    op.create_check_constraint(op.f('ck_orders_discount_not_negative'), 'orders', 'discount >= 0', schema='commerce')


def downgrade():
    op.drop_constraint(op.f('ck_orders_discount_not_negative'), 'orders', schema='commerce', type_='check')
    op.drop_column('orders', 'coupon_code', schema='commerce')
    op.drop_column('orders', 'discount', schema='commerce')
    op.drop_index('ix_coupon_redemptions_coupon_id_user_id', table_name='coupon_redemptions', schema='commerce')
    op.drop_table('coupon_redemptions', schema='commerce')
    op.drop_table('coupon_items', schema='commerce')
    op.drop_table('coupons', schema='commerce')
