"""The names `aikg` offers as choices, declared here so that building the parser (and so
`aikg --help`) loads none of the code behind them. tests/test_startup.py checks that they
are the implementations' own: ingest.sources.pipeline.SOURCES, graph.export.formats.FORMATS."""

from __future__ import annotations

SOURCES = ("aiid", "ai-incident-law", "headlines")
EXPORT_FORMATS = ("node-link", "graphml", "gexf", "edgelist", "ndjson", "statements")
NEO4J_ADMIN = "neo4j-admin"
STDOUT = "-"
