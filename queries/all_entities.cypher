// Every entity in id order (streamed, for exports).
// Parameters: none
MATCH (n:Entity)
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
