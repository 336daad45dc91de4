// How many relations there are of each type.
// Parameters: none
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS type, count(*) AS count
