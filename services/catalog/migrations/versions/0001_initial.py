"""initial

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 11:25:47.221625
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('courses',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('short_description', sa.Text(), nullable=False),
    sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('level', sa.Text(), nullable=False),
    sa.Column('duration', sa.Text(), nullable=False),
    sa.Column('lessons_count', sa.Integer(), nullable=False),
    sa.Column('badge', sa.Text(), nullable=True),
    sa.Column('color', sa.Text(), nullable=False),
    sa.CheckConstraint('lessons_count >= 0', name=op.f('ck_courses_lessons_count_not_negative')),
    sa.CheckConstraint('price >= 0', name=op.f('ck_courses_price_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses')),
    sa.UniqueConstraint('slug', name=op.f('uq_courses_slug')),
    schema='catalog'
    )
    op.create_table('lessons',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('course_id', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('module_number', sa.Integer(), nullable=False),
    sa.Column('module_name', sa.Text(), nullable=False),
    sa.Column('lesson_number', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('video_url', sa.Text(), nullable=True),
    sa.Column('duration', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['catalog.courses.id'], name=op.f('fk_lessons_course_id_courses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lessons')),
    sa.UniqueConstraint('course_id', 'module_number', 'lesson_number', name=op.f('uq_lessons_course_module_lesson')),
    schema='catalog'
    )
    op.create_table('assets',
    sa.Column('id', sa.Uuid(as_uuid=False), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('category', sa.Text(), nullable=False),
    sa.Column('badge', sa.Text(), nullable=True),
    sa.Column('image_url', sa.Text(), nullable=True),
    sa.Column('file_format', sa.Text(), nullable=False),
    sa.Column('file_size', sa.Text(), nullable=True),
    sa.Column('color', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.CheckConstraint('price >= 0', name=op.f('ck_assets_price_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assets')),
    sa.UniqueConstraint('title', name=op.f('uq_assets_title')),
    schema='catalog'
    )


def downgrade():
    op.drop_table('assets', schema='catalog')
    op.drop_table('lessons', schema='catalog')
    op.drop_table('courses', schema='catalog')
