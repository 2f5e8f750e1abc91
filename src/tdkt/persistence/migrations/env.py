"""Alembic environment: the URL comes from the Config built by tdkt.persistence.migrate."""

import warnings

from alembic import context
from sqlalchemy import pool
from sqlalchemy.exc import SAWarning

from tdkt.persistence.db import make_engine
from tdkt.persistence.models import Base

config = context.config
# SQLite batch mode reflects a table before rebuilding it and cannot read an index on an
# expression (ix_human_task_queue, ix_human_task_unit_queue); the migrations recreate those
# indexes themselves, so the warning would only alarm whoever runs `tdkt init`.
warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index",
                        category=SAWarning)
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url is not None  # set by tdkt.persistence.migrate
    # SQLite: foreign keys off while batch mode rebuilds tables, every key checked before commit
    engine = make_engine(url, poolclass=pool.NullPool, foreign_keys=False)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
            if connection.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left foreign keys broken: {broken[:10]}")
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
