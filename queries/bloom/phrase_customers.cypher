// Who buys or uses a company's product: agencies, companies, organisations.
// Parameters: $company (a company's, organisation's or platform's name or alias, any case)
// Bloom-phrase: Customers of $company
// Bloom-suggest: $company Company|Organization|Platform
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE (c:Company OR c:Organization OR c:Platform)
  AND (toLower(c.name) = toLower($company)
       OR any(alias IN coalesce(c.aliases, []) WHERE toLower(alias) = toLower($company)))
MATCH (customer:Entity)-[r:CUSTOMER_OF]->(c)
RETURN customer, r, c
