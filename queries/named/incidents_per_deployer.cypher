// Deployers ranked by how many incidents they deployed (AIID's alleged deployer); optionally only incidents dated on or after a day.
// Parameters: $since (first day of the earliest incident date wanted, YYYY-MM-DD; null for all), $limit (most rows returned)
MATCH (deployer:Entity)-[:DEPLOYED]->(incident:Incident)
WITH deployer, incident,
     CASE size(incident.date) WHEN 4 THEN incident.date + '-01-01'
       WHEN 7 THEN incident.date + '-01' ELSE incident.date END AS day
WHERE $since IS NULL OR day >= $since
WITH deployer, count(DISTINCT incident) AS incidents
RETURN deployer.id AS deployer, deployer.name AS name, incidents
ORDER BY incidents DESC, deployer ASC
LIMIT $limit
