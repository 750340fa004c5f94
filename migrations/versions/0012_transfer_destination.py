"""where a transfer sent the applicant kept as references to the service or the window, not as
text in the step's note

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

events = sa.table('ticket_event', sa.column('action', sa.String), sa.column('note', sa.String),
                  sa.column('to_service_id', sa.Integer), sa.column('to_window_id', sa.Integer))
services = sa.table('service', sa.column('id', sa.Integer), sa.column('code', sa.String))
windows = sa.table('window', sa.column('id', sa.Integer), sa.column('number', sa.Integer))
TRANSFER = events.c.action == 'transfer'
# How a transfer to a window was written until now: "window 4".
WINDOW_NOTE = sa.literal('window ', sa.String) + sa.cast(windows.c.number, sa.String)


def upgrade():
    with op.batch_alter_table('ticket_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('to_service_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('to_window_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_ticket_event_to_service_id_service'),
                                    'service', ['to_service_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_ticket_event_to_window_id_window'),
                                    'window', ['to_window_id'], ['id'])
    # A transfer's note held the service's code or "window <number>". A note naming neither
    # (no service or window of the hall has it) stays as it is, and is shown as stored.
    service_of_note = sa.select(services.c.id).where(services.c.code == events.c.note)
    op.execute(events.update().where(TRANSFER, service_of_note.exists())
               .values(to_service_id=service_of_note.scalar_subquery()))
    window_of_note = sa.select(windows.c.id).where(WINDOW_NOTE == events.c.note)
    op.execute(events.update()
               .where(TRANSFER, events.c.to_service_id.is_(None), window_of_note.exists())
               .values(to_window_id=window_of_note.scalar_subquery()))
    op.execute(events.update().where(TRANSFER, sa.or_(events.c.to_service_id.is_not(None),
                                                      events.c.to_window_id.is_not(None)))
               .values(note=None))


def downgrade():
    service_code = (sa.select(services.c.code).where(services.c.id == events.c.to_service_id)
                    .scalar_subquery())
    op.execute(events.update().where(events.c.to_service_id.is_not(None))
               .values(note=service_code))
    window_note = sa.select(WINDOW_NOTE).where(windows.c.id == events.c.to_window_id)
    op.execute(events.update().where(events.c.to_window_id.is_not(None))
               .values(note=window_note.scalar_subquery()))
    with op.batch_alter_table('ticket_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ticket_event_to_window_id_window'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_ticket_event_to_service_id_service'),
                                 type_='foreignkey')
        batch_op.drop_column('to_window_id')
        batch_op.drop_column('to_service_id')
