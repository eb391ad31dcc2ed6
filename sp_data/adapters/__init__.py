"""Adapters: exports of the public records translated into the import format, then validated."""
