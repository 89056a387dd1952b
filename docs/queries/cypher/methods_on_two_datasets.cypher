// Methods evaluated on two given datasets
// Question: which methods appear in papers evaluated on dataset $first and in papers evaluated on $second?
// Parameters: $first, $second - dataset ids (e.g. "dataset:cifar-10", "dataset:cifar-100").
MATCH (:Dataset {id: $first})<-[:USES|EVALUATED_ON]-(p1:Paper)-[:USES|PROPOSES]->(m:Method)
MATCH (:Dataset {id: $second})<-[:USES|EVALUATED_ON]-(p2:Paper)-[:USES|PROPOSES]->(m)
RETURN m.name AS method, m.id AS id, count(DISTINCT p1) AS papers_on_first, count(DISTINCT p2) AS papers_on_second
ORDER BY method;
