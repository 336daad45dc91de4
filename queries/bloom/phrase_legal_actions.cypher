// Fines, investigations, orders, lawsuits and settlements aimed at an organisation.
// Parameters: $company (a company's, organisation's or platform's name or alias, any case)
// Bloom-phrase: Legal and regulatory actions against $company
// Bloom-suggest: $company Company|Organization|Platform
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE (c:Company OR c:Organization OR c:Platform)
  AND (toLower(c.name) = toLower($company)
       OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($company)))
MATCH (a:Entity)-[r:FINED|INVESTIGATED|ORDERED|SUED|SETTLED_WITH]->(c)
RETURN a, r, c
