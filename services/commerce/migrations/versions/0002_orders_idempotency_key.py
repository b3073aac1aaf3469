"""orders: the checkout's Idempotency-Key and request digest, one order per key and user

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    # Orders placed before have no key: NULLs do not collide in the unique index.
    op.add_column(
        'orders', sa.Column('idempotency_key', sa.String(length=255), nullable=True), schema='commerce'
    )
    op.add_column(
        'orders', sa.Column('request_digest', sa.String(length=64), nullable=True), schema='commerce'
    )
    op.create_index(
        'uq_orders_user_id_idempotency_key',
        'orders',
        ['user_id', 'idempotency_key'],
        unique=True,
        schema='commerce',
    )


def downgrade():
    op.drop_index('uq_orders_user_id_idempotency_key', table_name='orders', schema='commerce')
    op.drop_column('orders', 'request_digest', schema='commerce')
    op.drop_column('orders', 'idempotency_key', schema='commerce')
