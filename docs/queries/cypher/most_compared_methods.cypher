// Most-compared methods
// Question: which methods are compared with other methods most often (as the one compared or compared against)?
// Parameters: $limit - how many methods to list (e.g. 10).
MATCH (m:Method)-[c:COMPARED_WITH]-(:Method)
RETURN m.name AS method, m.id AS id, count(c) AS comparisons
ORDER BY comparisons DESC, method
LIMIT $limit;
