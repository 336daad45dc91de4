// Who fined an organisation: each fine a line with its date, amount, currency and evidence.
// Parameters: $company (a company's, organisation's or platform's name or alias, any case)
// Bloom-phrase: Fines against $company
// Bloom-suggest: $company Company|Organization|Platform
// Sample: {"company": "CLEARVIEW AI"}
MATCH (c:Entity)
WHERE (c:Company OR c:Organization OR c:Platform)
  AND (toLower(c.name) = toLower($company)
       OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($company)))
MATCH (a:Entity)-[r:FINED]->(c)
RETURN a, r, c
