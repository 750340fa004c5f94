"""indexes that keep every hot screen off the hall's history

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 04:00:00

"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    # A day's tickets (the supervisor's figures and number search) and a line's latest
    # services (the wait estimate), without reading the days before.
    op.create_index('ix_ticket_day', 'ticket', ['day', 'letter', 'number'])
    op.create_index('ix_ticket_finished', 'ticket', ['status', 'service_id', 'finished_at'])
    # Where a day's steps begin: the board's last calls stop there.
    op.create_index('ix_ticket_event_at', 'ticket_event', ['at'])
    # The few certificates no longer valid, published for offline verifiers.
    op.create_index('ix_certificate_status', 'certificate', ['status'])


def downgrade():
    op.drop_index('ix_certificate_status', table_name='certificate')
    op.drop_index('ix_ticket_event_at', table_name='ticket_event')
    op.drop_index('ix_ticket_finished', table_name='ticket')
    op.drop_index('ix_ticket_day', table_name='ticket')
