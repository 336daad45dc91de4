// Wait until every index is online (a new full-text index fills in the background).
// Parameters: $seconds (how long to wait at most)
CALL db.awaitIndexes($seconds)
