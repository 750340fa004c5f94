"""booked appointments, each holding a seat of a window in a slot

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 08:00:00

"""
import sqlalchemy as sa
from alembic import op

import kiosk.line.models

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'booking',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('slot_at', kiosk.line.models.UtcDateTime(), nullable=False),
        sa.Column('window_id', sa.Integer(), nullable=True),
        sa.Column('seat', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('source', sa.String(length=8), nullable=False),
        sa.Column('request_id', sa.String(length=64), nullable=True),
        sa.Column('created_at', kiosk.line.models.UtcDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('checked_in_at', kiosk.line.models.UtcDateTime(), nullable=True),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'],
                                name=op.f('fk_booking_created_by_staff_user')),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'],
                                name=op.f('fk_booking_service_id_service')),
        sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ondelete='SET NULL',
                                name=op.f('fk_booking_ticket_id_ticket')),
        sa.ForeignKeyConstraint(['window_id'], ['window.id'], ondelete='SET NULL',
                                name=op.f('fk_booking_window_id_window')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_booking')),
        sa.UniqueConstraint('code', name=op.f('uq_booking_code')),
        sa.UniqueConstraint('request_id', name=op.f('uq_booking_request_id')),
        sa.UniqueConstraint('window_id', 'slot_at', 'seat',
                            name=op.f('uq_booking_window_id_slot_at_seat')),
    )
    op.create_index('ix_booking_day', 'booking', ['day', 'slot_at'])


def downgrade():
    op.drop_index('ix_booking_day', table_name='booking')
    op.drop_table('booking')
