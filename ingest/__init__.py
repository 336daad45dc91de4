"""Ingest: parse inputs (curated YAML, NDJSON), validate them against the schema, load a store."""
