// Fines, investigations, orders, lawsuits and settlements aimed at an organisation.
// Parameters: $company (a company's name or one of its aliases)
// Bloom-phrase: Legal and regulatory actions against $company
// Bloom-suggest: $company Company.name
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE c.name = $company OR $company IN c.aliases
MATCH (a:Entity)-[r:FINED|INVESTIGATED|ORDERED|SUED|SETTLED_WITH]->(c)
RETURN a, r, c
