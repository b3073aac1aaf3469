"""usernames unique case-insensitively

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
    op.create_index('uq_users_lower_username', 'users', [sa.text('lower(username)')], unique=True, schema='auth')


def downgrade():
    op.drop_index('uq_users_lower_username', table_name='users', schema='auth')
