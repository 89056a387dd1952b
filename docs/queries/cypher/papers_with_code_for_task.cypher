// Papers with code for a task
// Question: which papers working on task $task link a code repository, and where is the code?
// Parameters: $task - the task's name or one of its aliases, any case (e.g. "Federated Learning").
MATCH (t:Task)
WHERE toLower(t.name) = toLower($task) OR any(a IN coalesce(t.aliases, []) WHERE toLower(a) = toLower($task))
MATCH (p:Paper)-[:ADDRESSES]->(t)
MATCH (p)-[:HAS_CODE]->(r:Repository)
RETURN p.title AS paper, p.id AS id, collect(DISTINCT r.url) AS code
ORDER BY paper;
