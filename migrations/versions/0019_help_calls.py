"""the kiosk's calls for help: which kiosk, on which screen, when, and when staff went

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 09:00:00

"""
import sqlalchemy as sa
from alembic import op

import kiosk.web.columns

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'help_call',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kiosk', sa.String(length=40), nullable=False),
        sa.Column('screen', sa.String(length=40), nullable=False),
        sa.Column('asked_at', kiosk.web.columns.UtcDateTime(), nullable=False),
        sa.Column('answered_at', kiosk.web.columns.UtcDateTime(), nullable=True),
        sa.Column('answered_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['answered_by'], ['staff_user.id'],
                                name=op.f('fk_help_call_answered_by_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_help_call')),
    )
    # The supervisor's screen reads the open calls through an index, however many are kept.
    with op.batch_alter_table('help_call', schema=None) as batch_op:
        batch_op.create_index('ix_help_call_open', ['answered_at', 'asked_at'], unique=False)


def downgrade():
    with op.batch_alter_table('help_call', schema=None) as batch_op:
        batch_op.drop_index('ix_help_call_open')
    op.drop_table('help_call')
