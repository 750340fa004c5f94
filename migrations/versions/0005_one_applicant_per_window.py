"""one applicant at a time per window

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 05:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

CURRENT_AT_WINDOW = "status IN ('called', 'serving')"


def upgrade():
    op.create_index(
        'uq_ticket_window_current', 'ticket', ['window_id'], unique=True,
        sqlite_where=sa.text(CURRENT_AT_WINDOW), postgresql_where=sa.text(CURRENT_AT_WINDOW),
    )


def downgrade():
    op.drop_index('uq_ticket_window_current', table_name='ticket')
