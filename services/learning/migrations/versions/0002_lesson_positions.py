"""lesson positions

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
    op.create_table('lesson_positions',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('enrollment_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('lesson_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('seconds >= 0', name=op.f('ck_lesson_positions_seconds_not_negative')),
    sa.ForeignKeyConstraint(['enrollment_id'], ['learning.enrollments.id'], name=op.f('fk_lesson_positions_enrollment_id_enrollments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_positions')),
    sa.UniqueConstraint('enrollment_id', 'lesson_id', name='uq_lesson_positions_enrollment_id_lesson_id'),
    schema='learning'
    )
    op.create_index('ix_lesson_positions_enrollment_id_updated_at', 'lesson_positions', ['enrollment_id', 'updated_at'], unique=False, schema='learning')


def downgrade():
    op.drop_index('ix_lesson_positions_enrollment_id_updated_at', table_name='lesson_positions', schema='learning')
    op.drop_table('lesson_positions', schema='learning')
