"""Ký số: issued documents as digitally signed PDFs (issue 16)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

- issued_document: the issued PDF (PDF/A-2b rendered from the .docx) and its SHA-256; the
  signed PDF and its SHA-256 (the register's record of what was signed); the signatures as
  verified when the signed file was accepted.
- attachment.signatures: an uploaded signed PDF (a unit's Tờ trình, the province's Quyết định)
  verified on arrival, the result kept with it.
- signing_certificate: the certificates registered to a person; a digital signature counts as
  that person's only when made with one of them.
"""
from alembic import op
import sqlalchemy as sa
import tdkt.persistence.models


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = tdkt.persistence.models.base.UtcDateTime(timezone=True)
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pdf_path', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('pdf_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('signed_path', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('signed_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('signatures', sa.JSON(), nullable=True))
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signatures', sa.JSON(), nullable=True))
    op.create_table(
        'signing_certificate',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('subject', sa.Text(), nullable=False),
        sa.Column('common_name', sa.String(length=255), nullable=False),
        sa.Column('not_before', utc, nullable=False),
        sa.Column('not_after', utc, nullable=False),
        sa.Column('registered_by_id', sa.Integer(), nullable=False),
        sa.Column('registered_at', utc, nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id']),
        sa.ForeignKeyConstraint(['registered_by_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('sha256'),
    )
    op.create_index('ix_signing_certificate_person_id', 'signing_certificate', ['person_id'])


def downgrade() -> None:
    op.drop_index('ix_signing_certificate_person_id', table_name='signing_certificate')
    op.drop_table('signing_certificate')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_column('signatures')
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        for column in ('signatures', 'signed_sha256', 'signed_path', 'pdf_sha256', 'pdf_path'):
            batch_op.drop_column(column)
