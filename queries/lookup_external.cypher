// Entities whose external ids or Wikidata id may equal one of the keys (candidates, checked in Python).
// Parameters: $fragments (each key as it appears quoted inside the external_ids JSON), $keys (the keys, lower-cased)
MATCH (n:Entity)
WHERE any(fragment IN $fragments WHERE n.external_ids CONTAINS fragment)
   OR toLower(n.wikidata) IN $keys
RETURN labels(n) AS labels, properties(n) AS props
