"""the complaint register: complaints with their incoming numbers, terms and reasoned answers

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 09:00:00

"""
import sqlalchemy as sa
from alembic import op

import kiosk.web.columns

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'complaint',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=20), nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.Column('form_key', sa.String(length=32), nullable=True),
        sa.Column('place', sa.String(length=16), nullable=False),
        sa.Column('registered_at', kiosk.web.columns.UtcDateTime(), nullable=False),
        sa.Column('registered_by_id', sa.Integer(), nullable=False),
        sa.Column('addressee', sa.String(length=16), nullable=False),
        sa.Column('complainant_name', sa.String(length=200), nullable=False),
        sa.Column('complainant_address', sa.String(length=300), nullable=False),
        sa.Column('complainant_phone', sa.String(length=20), nullable=False),
        sa.Column('subject', sa.String(length=10), nullable=False),
        sa.Column('reference', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('due_at', kiosk.web.columns.UtcDateTime(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('answer_text', sa.Text(), nullable=False),
        sa.Column('answered_at', kiosk.web.columns.UtcDateTime(), nullable=True),
        sa.Column('answered_by_id', sa.Integer(), nullable=True),
        sa.Column('answer_channel', sa.String(length=12), nullable=True),
        sa.ForeignKeyConstraint(['answered_by_id'], ['staff_user.id'],
                                name=op.f('fk_complaint_answered_by_id_staff_user')),
        sa.ForeignKeyConstraint(['registered_by_id'], ['staff_user.id'],
                                name=op.f('fk_complaint_registered_by_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint')),
        sa.UniqueConstraint('form_key', name=op.f('uq_complaint_form_key')),
        sa.UniqueConstraint('number', name=op.f('uq_complaint_number')),
        sa.UniqueConstraint('token', name=op.f('uq_complaint_token')),
    )
    # The register reads an office's unanswered complaints by their term and its answered ones
    # newest first: each through its own index, however many years the register holds.
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_open', ['place', 'status', 'due_at'], unique=False)
        batch_op.create_index('ix_complaint_answered', ['place', 'status', 'answered_at'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_answered')
        batch_op.drop_index('ix_complaint_open')
    op.drop_table('complaint')
