// Who brought lawsuits or legal complaints against an organisation.
// Parameters: $company (a company's, organisation's or platform's name or alias, any case)
// Bloom-phrase: Who sued $company
// Bloom-suggest: $company Company|Organization|Platform
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE (c:Company OR c:Organization OR c:Platform)
  AND (toLower(c.name) = toLower($company)
       OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($company)))
MATCH (s:Entity)-[r:SUED]->(c)
RETURN s, r, c
