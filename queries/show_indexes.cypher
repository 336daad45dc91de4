// The indexes the server has, to tell whether search can use the full-text index.
// Parameters: none
SHOW INDEXES YIELD name, type, state
RETURN name, type, state
