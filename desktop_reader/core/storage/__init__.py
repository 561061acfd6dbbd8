"""SQLite storage, one module per table family.

Functions take a `sqlite3.Connection` from `database.connect()` first.
"""
