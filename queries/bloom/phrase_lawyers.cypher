// The lawyers who represent an organisation.
// Parameters: $company (a company's, organisation's or platform's name or alias, any case)
// Bloom-phrase: Lawyers of $company
// Bloom-suggest: $company Company|Organization|Platform
// Sample: {"company": "clearview"}
MATCH (c:Entity)
WHERE (c:Company OR c:Organization OR c:Platform)
  AND (toLower(c.name) = toLower($company)
       OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($company)))
MATCH (c)-[r:REPRESENTED_BY]->(l:Lawyer)
RETURN c, r, l
