// One page of the name matches of a search in rank order (tier, name length, id), ranked here where the name is its own folded words and there are no aliases (the others come back with their names, ranked in Python), with how many candidates matched (all of them ranked when fewer than $cap).
// Parameters: $query (Lucene query: `word*` terms joined by AND), $types (entity types; empty for all), $candidates (most matches ranked from each source), $starts (the phrase in lower, capitalised, title and upper case: when the index matches reach $candidates, the names that start with it are read from the name index too), $phrase (the folded query words joined by one space), $tier, $length, $id (the cursor's rank key; -1, 0, '' from the start), $room (most rows of the page), $cap (the most hits shown: below it every ranked row is returned, for the caller to add descriptions)
CALL () {
  CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node
  WITH node
  WHERE size($types) = 0 OR any(label IN labels(node) WHERE label IN $types)
  WITH node
  LIMIT $candidates
  RETURN collect(node) AS found
}
CALL (found) {
  UNWIND CASE WHEN size(found) < $candidates THEN [] ELSE $starts END AS start
  MATCH (node:Entity)
  USING INDEX SEEK node:Entity(name)
  WHERE node.name STARTS WITH start
    AND (size($types) = 0 OR any(label IN labels(node) WHERE label IN $types))
  WITH node
  LIMIT $candidates
  RETURN collect(node) AS starting
}
UNWIND found + starting AS node
WITH DISTINCT node
WITH node.id AS id, size(node.name) AS length, [node.name] + coalesce(node.aliases, []) AS names,
     size(coalesce(node.aliases, [])) = 0 AND node.search_text = toLower(node.name) AS plain
WITH id, length, CASE WHEN plain THEN null ELSE names END AS names,
     CASE WHEN NOT plain THEN null
          WHEN any(name IN names WHERE toLower(name) = $phrase) THEN 0
          WHEN any(name IN names WHERE toLower(name) STARTS WITH $phrase) THEN 1
          ELSE 2 END AS tier
ORDER BY tier, length, id
WITH collect({id: id, tier: tier, length: length, names: names}) AS rows
WITH rows, [row IN rows WHERE row.tier IS NOT NULL] AS ranked
WITH rows, ranked, [row IN ranked WHERE row.tier > $tier OR (row.tier = $tier AND
       (row.length > $length OR (row.length = $length AND row.id > $id)))] AS beyond
RETURN size(rows) AS matched, size(ranked) - size(beyond) AS before,
       CASE WHEN size(rows) < $cap THEN ranked ELSE beyond[0..$room] END AS page,
       [row IN rows WHERE row.tier IS NULL] AS unranked
