"""a certificate's short code: the dozen characters printed under its QR for typing, derived from
its signed code, unique, and found by its own index

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-14 09:00:00

"""
import sqlalchemy as sa
from alembic import op

from queue_mgr.certificates.short_codes import short_code_of

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

BATCH = 1000  # certificates read and written at a time: a hall keeps years of them
CERTIFICATES = sa.table('certificate', sa.column('id', sa.Integer),
                        sa.column('code', sa.String), sa.column('short_code', sa.String))


def issued_batches(connection):
    """The certificates' serials and codes, a batch at a time, in order."""
    last = 0
    while True:
        rows = connection.execute(
            sa.select(CERTIFICATES.c.id, CERTIFICATES.c.code).where(CERTIFICATES.c.id > last)
            .order_by(CERTIFICATES.c.id).limit(BATCH)).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


def give_short_codes(connection) -> None:
    """Every issued certificate gets the short code of its stored code (computed here, as the
    app computes it: a digest, which SQL cannot be trusted to spell alike everywhere)."""
    fill = (CERTIFICATES.update().where(CERTIFICATES.c.id == sa.bindparam('serial'))
            .values(short_code=sa.bindparam('short')))
    for rows in issued_batches(connection):
        connection.execute(fill, [{'serial': row.id, 'short': short_code_of(row.code)}
                                  for row in rows])


# In place, not by copying the table: certificate events and successors point at certificates
# (see 0014 and 0015). A column added to a table with rows needs a default; every row then gets
# its own short code before the unique index is built.
def upgrade():
    op.add_column('certificate', sa.Column('short_code', sa.String(length=14), nullable=False,
                                           server_default=''))
    give_short_codes(op.get_bind())
    op.create_index('uq_certificate_short_code', 'certificate', ['short_code'], unique=True)


def downgrade():
    op.drop_index('uq_certificate_short_code', table_name='certificate')
    op.drop_column('certificate', 'short_code')
