// The entities these old ids were merged into, with the old ids each one absorbed.
// Parameters: $ids (list of ids that name no entity themselves)
MATCH (n:Entity)
WHERE any(old IN coalesce(n.merged_ids, []) WHERE old IN $ids)
RETURN n.id AS id, [old IN n.merged_ids WHERE old IN $ids] AS merged
