// Everything stated about one entity: each relation, its direction, the other end, its date, and each piece of evidence (article and quote).
// Parameters: $id (entity id)
MATCH (n:Entity {id: $id})-[r]-(other:Entity)
UNWIND range(0, size(r.evidence_quotes) - 1) AS i
RETURN r.id AS relation, type(r) AS type,
       CASE WHEN startNode(r) = n THEN 'OUT' ELSE 'IN' END AS direction,
       other.id AS other, other.name AS other_name, r.date AS date,
       r.evidence_articles[i] AS article, r.evidence_quotes[i] AS quote
ORDER BY relation, i
