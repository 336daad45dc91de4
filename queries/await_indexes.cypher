// Wait until every index is online (a new full-text index fills in the background).
// Parameters: $seconds (how long to wait at most)
// Neo4j-only: ArcadeDB has no db.awaitIndexes procedure (its indexes are built synchronously)
CALL db.awaitIndexes($seconds)
