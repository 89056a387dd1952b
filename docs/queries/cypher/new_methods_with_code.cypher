// New methods with released code
// Question: which methods are proposed by a paper that links a code repository (where can I run them)?
// Parameters: none.
MATCH (p:Paper)-[:PROPOSES]->(m:Method)
MATCH (p)-[:HAS_CODE]->(r:Repository {kind: 'code'})
RETURN m.name AS method, m.id AS id, p.title AS paper, collect(DISTINCT r.url) AS code
ORDER BY id, paper;
