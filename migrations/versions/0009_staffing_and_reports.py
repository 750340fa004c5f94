"""the staffing advice's forecast kept on the ticket; a past day's (and month's) figures kept for the reports

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 07:00:00

"""
import sqlalchemy as sa
from alembic import op

import kiosk.line.models

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

COUNTS = ('tickets', 'served', 'no_shows', 'closed_unserved', 'transfers', 'reached',
          'reached_within', 'waits_past', 'serviced', 'serviced_within', 'forecast',
          'forecast_happened')


def upgrade():
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('forecast_late_at', kiosk.line.models.UtcDateTime(),
                                      nullable=True))
    op.create_table(
        'day_figure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('span', sa.String(length=5), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('family', sa.String(length=8), nullable=False),
        sa.Column('key', sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.Column('wait_steps', sa.Text(), nullable=False),
        sa.Column('wait_longest', sa.Float(), nullable=False),
        sa.Column('service_steps', sa.Text(), nullable=False),
        sa.Column('service_longest', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_day_figure')),
        sa.UniqueConstraint('span', 'day', 'family', 'key',
                            name=op.f('uq_day_figure_span_day_family_key')),
    )


def downgrade():
    op.drop_table('day_figure')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_column('forecast_late_at')
