"""enrollment revoked_at: a refunded course's enrollment is kept, revoked

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('enrollments', sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True), schema='learning')


def downgrade():
    op.drop_column('enrollments', 'revoked_at', schema='learning')
