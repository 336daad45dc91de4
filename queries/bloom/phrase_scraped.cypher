// The platforms an organisation scraped data from: each line carries its evidence.
// Parameters: $company (a company's, organisation's or platform's name or alias, any case)
// Bloom-phrase: Who did $company scrape
// Bloom-suggest: $company Company|Organization|Platform
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE (c:Company OR c:Organization OR c:Platform)
  AND (toLower(c.name) = toLower($company)
       OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($company)))
MATCH (c)-[r:SCRAPED_FROM]->(p:Entity)
RETURN c, r, p
