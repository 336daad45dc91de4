// Who sent an organisation cease-and-desist letters or notices.
// Parameters: $company (a company's, organisation's or platform's name or alias, any case)
// Bloom-phrase: Cease-and-desist letters to $company
// Bloom-suggest: $company Company|Organization|Platform
// Sample: {"company": "Clearview"}
MATCH (c:Entity)
WHERE (c:Company OR c:Organization OR c:Platform)
  AND (toLower(c.name) = toLower($company)
       OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($company)))
MATCH (s:Entity)-[r:SENT_CEASE_AND_DESIST]->(c)
RETURN s, r, c
