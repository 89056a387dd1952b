// Co-occurring tasks
// Question: which pairs of tasks are worked on together in the same papers, and how often?
// Parameters: $min_papers - the least number of shared papers for a pair to be listed (e.g. 2).
MATCH (a:Task)<-[:ADDRESSES]-(p:Paper)-[:ADDRESSES]->(b:Task)
WHERE a.id < b.id
WITH a, b, count(DISTINCT p) AS papers
WHERE papers >= $min_papers
RETURN a.name AS task, b.name AS other_task, a.id AS id, b.id AS other_id, papers
ORDER BY papers DESC, id, other_id;
