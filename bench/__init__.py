"""Benchmarks: a synthetic NDJSON generator and the ingest benchmark against plain networkx."""
