"""authoring: draft/published status and soft delete on courses, lessons and
assets (the rows there are published), courses.updated_at; slugs, asset titles
and lesson places unique among live rows only

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:40:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ('courses', 'lessons', 'assets')


def upgrade():
    for table in TABLES:
        # Rows already there are the store's catalogue: published. New rows are drafts.
        op.add_column(table, sa.Column('status', sa.String(length=16), server_default=sa.text("'published'"), nullable=False), schema='catalog')
        op.alter_column(table, 'status', server_default=sa.text("'draft'"), schema='catalog')
        op.add_column(table, sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True), schema='catalog')
        op.create_check_constraint(op.f(f'ck_{table}_status_known'), table, "status IN ('draft', 'published')", schema='catalog')
    op.add_column('courses', sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False), schema='catalog')

    op.drop_constraint('uq_courses_slug', 'courses', schema='catalog', type_='unique')
    op.create_index('uq_courses_slug_live', 'courses', ['slug'], unique=True, schema='catalog', postgresql_where=sa.text('deleted_at IS NULL'))
    op.drop_constraint('uq_assets_title', 'assets', schema='catalog', type_='unique')
    op.create_index('uq_assets_title_live', 'assets', ['title'], unique=True, schema='catalog', postgresql_where=sa.text('deleted_at IS NULL'))
    op.drop_constraint('uq_lessons_course_module_lesson', 'lessons', schema='catalog', type_='unique')
    op.create_index('uq_lessons_live_place', 'lessons', ['course_id', 'module_number', 'lesson_number'], unique=True, schema='catalog', postgresql_where=sa.text('deleted_at IS NULL'))


def downgrade():
    # Deleted rows are dropped: the old unique constraints hold only for live rows.
    op.execute('DELETE FROM catalog.lessons WHERE deleted_at IS NOT NULL')
    op.execute('DELETE FROM catalog.assets WHERE deleted_at IS NOT NULL')
    op.execute('DELETE FROM catalog.courses WHERE deleted_at IS NOT NULL')
    op.drop_index('uq_lessons_live_place', table_name='lessons', schema='catalog')
    op.create_unique_constraint('uq_lessons_course_module_lesson', 'lessons', ['course_id', 'module_number', 'lesson_number'], schema='catalog')
    op.drop_index('uq_assets_title_live', table_name='assets', schema='catalog')
    op.create_unique_constraint('uq_assets_title', 'assets', ['title'], schema='catalog')
    op.drop_index('uq_courses_slug_live', table_name='courses', schema='catalog')
    op.create_unique_constraint('uq_courses_slug', 'courses', ['slug'], schema='catalog')
    op.drop_column('courses', 'updated_at', schema='catalog')
    for table in TABLES:
        op.drop_constraint(op.f(f'ck_{table}_status_known'), table, schema='catalog', type_='check')
        op.drop_column(table, 'deleted_at', schema='catalog')
        op.drop_column(table, 'status', schema='catalog')
