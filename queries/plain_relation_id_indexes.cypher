// Which relation `id` indexes no constraint owns (an older `aikg db init` made them): dropped before the constraints that replace them.
// Parameters: $names (index names, from the schema)
SHOW RANGE INDEXES YIELD name, owningConstraint
WHERE name IN $names AND owningConstraint IS NULL
RETURN name
