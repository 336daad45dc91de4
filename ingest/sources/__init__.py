"""Importers for third-party sources: each turns raw files into interchange records, nothing else.

`aiid` reads the AI Incident Database snapshot, `litigation` the AI Error Litigation Index. Both
type entities with `typing_rules` and apply the committed merge decisions of `resolution`; the
runner (`ingest.runner.load_records`) validates and loads what they produce.
"""
