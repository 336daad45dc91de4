"""Named Cypher queries for the Neo4j store: one statement per .cypher file."""
