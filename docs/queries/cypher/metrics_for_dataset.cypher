// Metrics reported on a dataset
// Question: which metrics do papers report when they evaluate on dataset $dataset?
// Parameters: $dataset - a dataset id (e.g. "dataset:imagenet").
MATCH (:Dataset {id: $dataset})<-[:USES|EVALUATED_ON]-(p:Paper)-[:MEASURED_BY]->(m:Metric)
RETURN m.name AS metric, m.id AS id, count(DISTINCT p) AS papers
ORDER BY papers DESC, id;
