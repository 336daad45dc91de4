// The incidents an organisation developed or deployed the system for, or was affected by.
// Parameters: $company (a company's, organisation's or platform's name or alias, any case)
// Bloom-phrase: Incidents involving $company
// Bloom-suggest: $company Company|Organization|Platform
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE (c:Company OR c:Organization OR c:Platform)
  AND (toLower(c.name) = toLower($company)
       OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($company)))
MATCH (c)-[r:DEVELOPED|DEPLOYED|AFFECTED|HARMED|BREACHED]-(i:Incident)
RETURN c, r, i
