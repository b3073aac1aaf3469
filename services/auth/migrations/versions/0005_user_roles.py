"""a role per user: learner, instructor or admin

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'users', sa.Column('role', sa.String(length=16), server_default='learner', nullable=False), schema='auth'
    )
    op.create_check_constraint(
        op.f('ck_users_role_known'), 'users', "role IN ('learner', 'instructor', 'admin')", schema='auth'
    )


def downgrade():
    op.drop_constraint(op.f('ck_users_role_known'), 'users', schema='auth')
    op.drop_column('users', 'role', schema='auth')
