"""certificates and outbox

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox',
    sa.Column('id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('aggregate_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    schema='learning'
    )
    op.create_index('ix_outbox_pending', 'outbox', ['created_at'], unique=False, schema='learning', postgresql_where=sa.text('published_at IS NULL'))
    op.create_table('certificates',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('enrollment_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('user_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('course_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('learner_name', sa.Text(), nullable=False),
    sa.Column('course_title', sa.Text(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['enrollment_id'], ['learning.enrollments.id'], name=op.f('fk_certificates_enrollment_id_enrollments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('code', name='uq_certificates_code'),
    sa.UniqueConstraint('enrollment_id', name='uq_certificates_enrollment_id'),
    schema='learning'
    )


def downgrade():
    op.drop_table('certificates', schema='learning')
    op.drop_index('ix_outbox_pending', table_name='outbox', schema='learning', postgresql_where=sa.text('published_at IS NULL'))
    op.drop_table('outbox', schema='learning')
