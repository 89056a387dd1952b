// Datasets used with a method
// Question: on which datasets do papers that propose or use method $method work, and in how many papers?
// Parameters: $method - the method's name or one of its aliases, any case (e.g. "Transformer").
MATCH (m:Method)
WHERE toLower(m.name) = toLower($method) OR any(a IN coalesce(m.aliases, []) WHERE toLower(a) = toLower($method))
MATCH (p:Paper)-[:USES|PROPOSES]->(m)
MATCH (p)-[:USES|EVALUATED_ON]->(d:Dataset)
RETURN d.name AS dataset, d.id AS id, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset;
