"""who took a result away, and a representative's notarised power of attorney, kept as columns
of a handover row, not as text in the step's note; a day's steps of one kind found by an index

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 09:00:00

"""
import re
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

events = sa.table('application_event', sa.column('id', sa.Integer),
                  sa.column('application_id', sa.Integer), sa.column('action', sa.String),
                  sa.column('note', sa.String))
applications = sa.table('application', sa.column('id', sa.Integer),
                        sa.column('handed_to', sa.String))
handovers = sa.table('handover', sa.column('application_id', sa.Integer),
                     sa.column('receiver_name', sa.String), sa.column('receiver_iin', sa.String),
                     sa.column('proxy_number', sa.String), sa.column('proxy_date', sa.Date),
                     sa.column('proxy_notary', sa.String))
# How a handover to a representative was noted until now: "PoA No 1234 of 01.03.2026".
OLD_NOTE = re.compile(r"PoA No (?P<number>.+) of (?P<day>\d{2}\.\d{2}\.\d{4})")
HANDED_TO_REPRESENTATIVE = sa.and_(events.c.action == 'handed_over',
                                   applications.c.id == events.c.application_id,
                                   applications.c.handed_to == 'representative')


def upgrade():
    op.create_table(
        'handover',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('receiver_name', sa.String(length=200), nullable=False),
        sa.Column('receiver_iin', sa.String(length=12), nullable=False),
        sa.Column('proxy_number', sa.String(length=40), nullable=False),
        sa.Column('proxy_date', sa.Date(), nullable=True),
        sa.Column('proxy_notary', sa.String(length=200), nullable=False),
        sa.Column('proxy_valid_until', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['application_id'], ['application.id'], ondelete='CASCADE',
                                name=op.f('fk_handover_application_id_application')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_handover')),
        sa.UniqueConstraint('application_id', name=op.f('uq_handover_application_id')),
    )
    # The results handed to the provider on a day: that day's "transferred" steps only.
    op.create_index('ix_application_event_action_at', 'application_event', ['action', 'at'])
    # A representative's power of attorney was a note; it becomes the handover's columns (the
    # receiver was not recorded then). A note in no known shape stays as it is.
    connection = op.get_bind()
    noted = connection.execute(
        sa.select(events.c.id, events.c.application_id, events.c.note)
        .where(HANDED_TO_REPRESENTATIVE)
    ).all()
    for event_id, application_id, note in noted:
        match = OLD_NOTE.fullmatch(note or "")
        if match is None:
            continue
        day = datetime.strptime(match['day'], '%d.%m.%Y').date()
        connection.execute(handovers.insert().values(
            application_id=application_id, receiver_name='', receiver_iin='',
            proxy_number=match['number'], proxy_date=day, proxy_notary=''))
        connection.execute(events.update().where(events.c.id == event_id)
                           .values(note='representative'))


def downgrade():
    connection = op.get_bind()
    kept = connection.execute(
        sa.select(events.c.id, handovers.c.proxy_number, handovers.c.proxy_date)
        .where(HANDED_TO_REPRESENTATIVE, handovers.c.application_id == events.c.application_id,
               handovers.c.proxy_date.is_not(None))
    ).all()
    for event_id, number, day in kept:
        connection.execute(events.update().where(events.c.id == event_id)
                           .values(note=f"PoA No {number} of {day:%d.%m.%Y}"))
    op.drop_index('ix_application_event_action_at', table_name='application_event')
    op.drop_table('handover')
