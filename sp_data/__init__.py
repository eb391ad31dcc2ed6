"""Data layer of the special procedures cooperation dashboard: snapshots, queries, facts."""

__version__ = "0.1.0"
