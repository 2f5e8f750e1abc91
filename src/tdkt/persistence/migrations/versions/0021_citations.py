"""the căn cứ a văn thư expects: unit.charter_* (an agency's decision on its chức năng, nhiệm vụ)
and council_body.founding_* / rules_* (the council's establishing decision and its Quy chế)

Revision ID: 0021_citations
Revises: 0020_review_assessment
Create Date: 2026-12-07

A Quyết định khen thưởng cites the decision that gives its signer's agency its chức năng, nhiệm
vụ, quyền hạn (số, ngày, cơ quan ban hành, trích yếu); the council's Biên bản and the Quyết định
it proposes cite the decision establishing the Hội đồng TĐKT and the one issuing its Quy chế
hoạt động, with number and date (issue 13). Existing rows get empty values: the administrator
enters them on the organisation page or in the staff file.
"""
from alembic import op
import sqlalchemy as sa


revision = '0021_citations'
down_revision = '0020_review_assessment'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit') as batch:
        batch.add_column(sa.Column('charter_number', sa.String(length=64), nullable=False, server_default=''))
        batch.add_column(sa.Column('charter_signed_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('charter_issuer', sa.String(length=255), nullable=False, server_default=''))
        batch.add_column(sa.Column('charter_excerpt', sa.String(length=500), nullable=False, server_default=''))
    with op.batch_alter_table('council_body') as batch:
        batch.add_column(sa.Column('founding_number', sa.String(length=64), nullable=False, server_default=''))
        batch.add_column(sa.Column('founding_signed_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('rules_number', sa.String(length=64), nullable=False, server_default=''))
        batch.add_column(sa.Column('rules_signed_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('council_body') as batch:
        for column in ('rules_signed_on', 'rules_number', 'founding_signed_on', 'founding_number'):
            batch.drop_column(column)
    with op.batch_alter_table('unit') as batch:
        for column in ('charter_excerpt', 'charter_issuer', 'charter_signed_on', 'charter_number'):
            batch.drop_column(column)
