"""the two legal clocks kept on the ticket: the waiting clock's origin, the service before;
the absent applicants a window may put back in line

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 05:30:00

"""
import sqlalchemy as sa
from alembic import op

import kiosk.line.models

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

ABSENT = "status = 'no_show'"

LINES = {
    'ix_ticket_line': ['status', 'service_id', 'day', '{}'],
    'ix_ticket_priority': ['status', 'service_id', 'day', 'category_id', '{}'],
    'ix_ticket_sent': ['status', 'target_window_id', 'day', '{}'],
}


def index_lines(batch_op, column: str) -> None:
    for name, columns in LINES.items():
        batch_op.drop_index(name)
        batch_op.create_index(name, [c.format(column) for c in columns])


def upgrade():
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waiting_since', kiosk.line.models.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('served_seconds', sa.Float(), nullable=False,
                                      server_default='0'))
    # Until now a ticket's wait ran from its issue; a service segment before a return to the
    # line was not kept (those days' figures stay as they were).
    op.execute("UPDATE ticket SET waiting_since = issued_at")
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.alter_column('waiting_since', existing_type=kiosk.line.models.UtcDateTime(),
                              nullable=False)
        index_lines(batch_op, 'waiting_since')
    op.create_index('ix_ticket_absent', 'ticket', ['window_id', 'finished_at'],
                    sqlite_where=sa.text(ABSENT), postgresql_where=sa.text(ABSENT))


def downgrade():
    op.drop_index('ix_ticket_absent', table_name='ticket')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        index_lines(batch_op, 'issued_at')
        batch_op.drop_column('served_seconds')
        batch_op.drop_column('waiting_since')
