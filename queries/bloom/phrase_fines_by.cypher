// The fines a regulator or court imposed: each a line with its date, amount and currency.
// Parameters: $agency (an agency's name or alias, any case)
// Bloom-phrase: Fines by $agency
// Bloom-suggest: $agency Agency
// Sample: {"agency": "dutch data protection authority"}
MATCH (a:Entity)
WHERE (a:Agency)
  AND (toLower(a.name) = toLower($agency)
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($agency)))
MATCH (a)-[r:FINED]->(c:Entity)
RETURN a, r, c
