// The shortest chain of facts (any direction, at most 8) between two entities; article and
// publisher links (mentions, reports, bylines) are left out, or everything would meet in one article.
// Parameters: $a, $b (an entity's name or alias, any case)
// Bloom-phrase: Path from $a to $b
// Bloom-suggest: $a Company|Platform|Agency|Organization|Person|Publisher|Incident|LegalAction|Group
// Bloom-suggest: $b Company|Platform|Agency|Organization|Person|Publisher|Incident|LegalAction|Group
// Sample: {"a": "tor ekeland", "b": "Dutch data protection authority"}
MATCH (a:Entity)
WHERE (a:Company OR a:Platform OR a:Agency OR a:Organization OR a:Person OR a:Publisher OR a:Incident OR a:LegalAction OR a:Group)
  AND (toLower(a.name) = toLower($a)
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($a)))
MATCH (b:Entity)
WHERE (b:Company OR b:Platform OR b:Agency OR b:Organization OR b:Person OR b:Publisher OR b:Incident OR b:LegalAction OR b:Group)
  AND (toLower(b.name) = toLower($b)
       OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($b)))
  AND a <> b
MATCH p = shortestPath((a)-[:SCRAPED_FROM|SENT_CEASE_AND_DESIST|BREACHED|AFFECTED|REPRESENTED_BY|CUSTOMER_OF|OPERATES|WORKS_FOR|FINED|INVESTIGATED|SUED|SETTLED_WITH|ORDERED|DEVELOPED|DEPLOYED|HARMED|HEARD|CONCERNS*..8]-(b))
RETURN p
