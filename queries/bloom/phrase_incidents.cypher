// The incidents an organisation developed or deployed the system for, or was affected by.
// Parameters: $company (a company's name or one of its aliases)
// Bloom-phrase: Incidents involving $company
// Bloom-suggest: $company Company.name
// Sample: {"company": "Clearview AI"}
MATCH (c:Entity)
WHERE c.name = $company OR $company IN c.aliases
MATCH (c)-[r:DEVELOPED|DEPLOYED|AFFECTED|HARMED|BREACHED]-(i:Incident)
RETURN c, r, i
