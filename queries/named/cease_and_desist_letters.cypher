// Who sent whom a cease-and-desist letter and when, with the articles that say so; optionally only letters dated on or after a day.
// Parameters: $since (first day of the earliest date wanted, YYYY-MM-DD; null for every letter)
MATCH (sender:Entity)-[r:SENT_CEASE_AND_DESIST]->(recipient:Entity)
WITH sender, r, recipient,
     CASE size(r.date) WHEN 4 THEN r.date + '-01-01' WHEN 7 THEN r.date + '-01' ELSE r.date END AS day
WHERE $since IS NULL OR day >= $since
RETURN recipient.id AS recipient, recipient.name AS recipient_name, sender.id AS sender,
       sender.name AS sender_name, r.date AS date, r.evidence_articles AS articles
ORDER BY recipient, sender, r.id
