// The articles that mention, report on or profile an entity, with their publishers.
// Parameters: $entity (an entity's name or alias, any case)
// Bloom-phrase: Articles about $entity
// Bloom-suggest: $entity Company|Platform|Agency|Organization|Person|Publisher|Incident|LegalAction|Group
// Sample: {"entity": "clearview ai"}
MATCH (e:Entity)
WHERE (e:Company OR e:Platform OR e:Agency OR e:Organization OR e:Person OR e:Publisher OR e:Incident OR e:LegalAction OR e:Group)
  AND (toLower(e.name) = toLower($entity)
       OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) = toLower($entity)))
MATCH (a:Article)-[r:MENTIONS|REPORTED|PROFILED]->(e)
OPTIONAL MATCH (p:Publisher)-[pub:PUBLISHED]->(a)
RETURN e, r, a, pub, p
