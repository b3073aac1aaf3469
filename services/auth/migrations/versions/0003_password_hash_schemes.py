"""password hashes long enough for the pre-hashed scheme

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column(
        'users', 'password_hash', type_=sa.String(length=128), existing_type=sa.String(length=60),
        existing_nullable=False, schema='auth',
    )


def downgrade():
    # Fails while a hash of the newer scheme (72 characters) is stored: it would not fit.
    op.alter_column(
        'users', 'password_hash', type_=sa.String(length=60), existing_type=sa.String(length=128),
        existing_nullable=False, schema='auth',
    )
