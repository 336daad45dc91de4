// Every relation of an entity with the articles cited as its evidence (and their links to it).
// Parameters: $entity (an entity's name or alias, any case)
// Bloom-phrase: Evidence for relations of $entity
// Bloom-suggest: $entity Company|Platform|Agency|Organization|Person|Publisher|Incident|LegalAction|Group
// Sample: {"entity": "Clearview AI"}
MATCH (e:Entity)
WHERE (e:Company OR e:Platform OR e:Agency OR e:Organization OR e:Person OR e:Publisher OR e:Incident OR e:LegalAction OR e:Group)
  AND (toLower(e.name) = toLower($entity)
       OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) = toLower($entity)))
MATCH (e)-[r]-(o:Entity)
OPTIONAL MATCH (a:Article)
WHERE a.id IN r.evidence_articles
OPTIONAL MATCH (a)-[m]->(x:Entity)
WHERE x = e OR x = o
RETURN e, r, o, a, m
