"""Pure domain rules: no database, no engine, no network."""
