// Papers with code in one listing
// Question: which papers read from input file $listing link code, and which repository?
// Parameters: $listing - part of the input file's name (e.g. "000_7c030fc38c0ba294").
MATCH (p:Paper)-[:HAS_CODE]->(r:Repository)
WHERE any(s IN coalesce(p.sources, []) WHERE s CONTAINS $listing)
RETURN p.title AS paper, p.id AS id, collect(r.id) AS repositories
ORDER BY id;
