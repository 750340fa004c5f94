"""the basis of a guardianship named as an order or a resolution, and the body that issued it in
Kazakh and in Russian, on the registry's records and on certificates; the provider's reasoned
refusal as a numbered document

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-10 09:00:00

"""
import sqlalchemy as sa
from alembic import op

from kiosk.web.columns import UtcDateTime

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

# Both tables carried the basis as one text, printed as written on both language versions.
TABLES = ('guardianship_record', 'certificate')


def basis_columns(table: str) -> sa.TableClause:
    return sa.table(table, sa.column('basis_body', sa.String),
                    sa.column('basis_body_kk', sa.String), sa.column('basis_body_ru', sa.String))


# Columns are added and dropped in place (SQLite 3.35 and later drop a plain column itself),
# never by batch mode's copy of the table: with foreign keys on, SQLite drops the old copy by
# deleting its rows first, which would take the registry's children (ON DELETE CASCADE) and the
# certificates' events with them. A column added to a table with rows needs a default, so the
# new ones keep theirs: the kind is an order unless the record says otherwise, and every row
# gets its body's names at once.
def upgrade():
    for table in TABLES:
        op.add_column(table, sa.Column('basis_kind', sa.String(length=12), nullable=False,
                                       server_default='order'))
        op.add_column(table, sa.Column('basis_body_kk', sa.String(length=300), nullable=False,
                                       server_default=''))
        op.add_column(table, sa.Column('basis_body_ru', sa.String(length=300), nullable=False,
                                       server_default=''))
        # The body was written once, in whichever language: both versions keep printing it
        # as they did (an issued certificate says what it said) until an officer corrects it.
        rows = basis_columns(table)
        op.execute(rows.update().values(basis_body_kk=rows.c.basis_body,
                                        basis_body_ru=rows.c.basis_body))
        op.drop_column(table, 'basis_body')

    op.create_table(
        'reasoned_refusal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('body_code', sa.String(length=20), nullable=False),
        sa.Column('issuing_body_kk', sa.String(length=300), nullable=False),
        sa.Column('issuing_body_ru', sa.String(length=300), nullable=False),
        sa.Column('head_name', sa.String(length=200), nullable=False),
        sa.Column('officer_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['application.id'],
                                name=op.f('fk_reasoned_refusal_application_id_application')),
        sa.ForeignKeyConstraint(['officer_id'], ['staff_user.id'],
                                name=op.f('fk_reasoned_refusal_officer_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reasoned_refusal')),
        sa.UniqueConstraint('application_id', name=op.f('uq_reasoned_refusal_application_id')),
        sa.UniqueConstraint('number', name=op.f('uq_reasoned_refusal_number')),
    )


def downgrade():
    op.drop_table('reasoned_refusal')
    for table in TABLES:
        op.add_column(table, sa.Column('basis_body', sa.String(length=300), nullable=False,
                                       server_default=''))
        # One text again: the Kazakh name (the state language's). The older schema knows only
        # orders: a resolution's kind is lost.
        rows = basis_columns(table)
        op.execute(rows.update().values(basis_body=rows.c.basis_body_kk))
        op.drop_column(table, 'basis_body_ru')
        op.drop_column(table, 'basis_body_kk')
        op.drop_column(table, 'basis_kind')
