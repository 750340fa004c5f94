"""a hall day's longest wait at a call so far: the calling order's ceiling follows it

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-29 23:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'line_day',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('longest_wait_seconds', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_line_day')),
    )


def downgrade():
    op.drop_table('line_day')
