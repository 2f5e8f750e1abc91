"""Use cases: one function each, one database transaction each."""
