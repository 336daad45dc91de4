// Who sent an organisation cease-and-desist letters or notices.
// Parameters: $company (a company's name or one of its aliases)
// Bloom-phrase: Cease-and-desist letters to $company
// Bloom-suggest: $company Company.name
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE c.name = $company OR $company IN c.aliases
MATCH (s:Entity)-[r:SENT_CEASE_AND_DESIST]->(c)
RETURN s, r, c
