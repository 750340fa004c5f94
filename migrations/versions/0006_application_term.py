"""the term promised at acceptance, kept apart from the deadline now running

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 06:00:00

"""
import sqlalchemy as sa
from alembic import op

import kiosk.line.models

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('term_due_at', kiosk.line.models.UtcDateTime(), nullable=True))
    # Every request not asked back still runs on the term it was accepted with.
    op.execute("UPDATE application SET term_due_at = due_at WHERE status <> 'requested_back'")


def downgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_column('term_due_at')
