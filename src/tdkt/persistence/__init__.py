"""SQLAlchemy persistence: the database is the source of truth."""
