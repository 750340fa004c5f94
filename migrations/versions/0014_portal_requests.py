"""requests from the e-government portal: the gateway's request id (unique, the idempotency
key), the digest of what it asked, and the particulars of documents sent as data

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('portal_request_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('portal_digest', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('document_details', sa.JSON(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_application_portal_request_id'),
                                          ['portal_request_id'])


def downgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_application_portal_request_id'), type_='unique')
        batch_op.drop_column('document_details')
        batch_op.drop_column('portal_digest')
        batch_op.drop_column('portal_request_id')
