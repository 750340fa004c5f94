"""home visits: a request for the service at home, registered at the hall, and its visit
scheduled with an employee; an application taken at home keeps the visit's channel

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 09:00:00

"""
import sqlalchemy as sa
from alembic import op

import kiosk.web.columns

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'home_visit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=20), nullable=False),
        sa.Column('form_key', sa.String(length=32), nullable=False),
        sa.Column('purpose', sa.String(length=10), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('requested_at', kiosk.web.columns.UtcDateTime(), nullable=False),
        sa.Column('registered_by_id', sa.Integer(), nullable=False),
        sa.Column('contact_line', sa.String(length=20), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('applicant_name', sa.String(length=200), nullable=False),
        sa.Column('address', sa.String(length=300), nullable=False),
        sa.Column('phone', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('scheduled_at', kiosk.web.columns.UtcDateTime(), nullable=True),
        sa.Column('employee_id', sa.Integer(), nullable=True),
        sa.Column('application_id', sa.Integer(), nullable=True),
        sa.Column('closed_at', kiosk.web.columns.UtcDateTime(), nullable=True),
        sa.Column('cancel_reason', sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['application.id'],
                                name=op.f('fk_home_visit_application_id_application')),
        sa.ForeignKeyConstraint(['employee_id'], ['staff_user.id'],
                                name=op.f('fk_home_visit_employee_id_staff_user')),
        sa.ForeignKeyConstraint(['registered_by_id'], ['staff_user.id'],
                                name=op.f('fk_home_visit_registered_by_id_staff_user')),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'],
                                name=op.f('fk_home_visit_service_id_service')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_home_visit')),
        sa.UniqueConstraint('application_id', name=op.f('uq_home_visit_application_id')),
        sa.UniqueConstraint('form_key', name=op.f('uq_home_visit_form_key')),
        sa.UniqueConstraint('number', name=op.f('uq_home_visit_number')),
    )
    # The hall's list (visits to come by their time, the latest closed) and an employee's own
    # visits: each through its own index, however many years of visits the hall keeps.
    with op.batch_alter_table('home_visit', schema=None) as batch_op:
        batch_op.create_index('ix_home_visit_open', ['status', 'scheduled_at'], unique=False)
        batch_op.create_index('ix_home_visit_employee', ['employee_id', 'status', 'scheduled_at'],
                              unique=False)
        batch_op.create_index('ix_home_visit_closed', ['status', 'closed_at'], unique=False)


def downgrade():
    with op.batch_alter_table('home_visit', schema=None) as batch_op:
        batch_op.drop_index('ix_home_visit_closed')
        batch_op.drop_index('ix_home_visit_employee')
        batch_op.drop_index('ix_home_visit_open')
    op.drop_table('home_visit')
