// Most used datasets and benchmarks
// Question: which datasets are used or evaluated on by the most papers?
// Parameters: $limit - how many datasets to list (e.g. 10).
MATCH (p:Paper)-[:USES|EVALUATED_ON]->(d:Dataset)
RETURN d.name AS dataset, d.id AS id, count(DISTINCT p) AS papers
ORDER BY papers DESC, id
LIMIT $limit;
