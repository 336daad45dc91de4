// Fines by regulator: the total amount per currency and how many fines, largest total first.
// Parameters: none
MATCH (regulator:Entity)-[r:FINED]->(:Entity)
WHERE r.amount IS NOT NULL
WITH regulator, r.currency AS currency, sum(r.amount) AS total, count(r) AS fines
RETURN regulator.id AS regulator, regulator.name AS name, currency, total, fines
ORDER BY total DESC, regulator ASC, currency ASC
