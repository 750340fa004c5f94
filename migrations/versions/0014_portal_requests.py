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
    # In place, not by copying the table: application rows have certificates pointing at them.
    op.add_column('application', sa.Column('portal_request_id', sa.String(length=64),
                                           nullable=True))
    op.add_column('application', sa.Column('portal_digest', sa.String(length=64), nullable=True))
    op.add_column('application', sa.Column('document_details', sa.JSON(), nullable=True))
    op.create_index('uq_application_portal_request_id', 'application', ['portal_request_id'],
                    unique=True)


def downgrade():
    op.drop_index('uq_application_portal_request_id', table_name='application')
    op.drop_column('application', 'document_details')
    op.drop_column('application', 'portal_digest')
    op.drop_column('application', 'portal_request_id')
