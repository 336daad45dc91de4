// The relations whose evidence cites one of these articles.
// Parameters: $ids (list of Article ids)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE any(article IN r.evidence_articles WHERE article IN $ids)
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
