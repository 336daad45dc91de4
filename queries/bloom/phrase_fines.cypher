// Who fined an organisation: each fine a line with its date, amount, currency and evidence.
// Parameters: $company (a company's name or one of its aliases)
// Bloom-phrase: Fines against $company
// Bloom-suggest: $company Company.name
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE c.name = $company OR $company IN c.aliases
MATCH (a:Entity)-[r:FINED]->(c)
RETURN a, r, c
