"""Corpus-level grouping: near-duplicates, passage reuse and events (no store access)."""
