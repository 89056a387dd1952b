// Papers per year on a task
// Question: how many papers on task $task appeared each year (by the listing's date)?
// Parameters: $task - a task id (e.g. "task:federated-learning").
MATCH (p:Paper)-[:ADDRESSES]->(:Task {id: $task})
WHERE p.date IS NOT NULL
RETURN substring(p.date, 0, 4) AS year, count(p) AS papers
ORDER BY year;
