"""indexes that keep every hot screen off the hall's history

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 04:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

SERVED = "status = 'served'"


def upgrade():
    # A day's tickets (the supervisor's figures and number search; where a day's steps begin,
    # for the board) and a line's latest services (the wait estimate; served tickets only),
    # without reading the days before.
    op.create_index('ix_ticket_day', 'ticket', ['day', 'id'])
    op.create_index('ix_ticket_served', 'ticket', ['service_id', 'finished_at'],
                    sqlite_where=sa.text(SERVED), postgresql_where=sa.text(SERVED))
    # The few certificates no longer valid, published for offline verifiers.
    op.create_index('ix_certificate_status', 'certificate', ['status'])


def downgrade():
    op.drop_index('ix_certificate_status', table_name='certificate')
    op.drop_index('ix_ticket_served', table_name='ticket')
    op.drop_index('ix_ticket_day', table_name='ticket')
