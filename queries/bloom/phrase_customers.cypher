// Who buys or uses a company's product: agencies, companies, organisations.
// Parameters: $company (a company's name or one of its aliases)
// Bloom-phrase: Customers of $company
// Bloom-suggest: $company Company.name
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE c.name = $company OR $company IN c.aliases
MATCH (customer:Entity)-[r:CUSTOMER_OF]->(c)
RETURN customer, r, c
