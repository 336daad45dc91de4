// Which `(undated, id)` relation indexes exist: a relation type without one was written by an older aikg, so `aikg db init` marks its undated relations first.
// Parameters: $names (index names, from the schema)
SHOW RANGE INDEXES YIELD name
WHERE name IN $names
RETURN name
