// The platforms an organisation scraped data from: each line carries its evidence.
// Parameters: $company (a company's name or one of its aliases)
// Bloom-phrase: Who did $company scrape
// Bloom-suggest: $company Company.name
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE c.name = $company OR $company IN c.aliases
MATCH (c)-[r:SCRAPED_FROM]->(p:Entity)
RETURN c, r, p
