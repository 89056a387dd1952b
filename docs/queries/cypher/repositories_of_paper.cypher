// Code of a paper
// Question: which repositories, model pages or project pages does the paper $paper link?
// Parameters: $paper - a paper id (e.g. "paper:arxiv:2106.09685") or words of its title, any case.
MATCH (p:Paper)
WHERE p.id = $paper OR toLower(p.title) CONTAINS toLower($paper)
MATCH (p)-[h:HAS_CODE]->(r:Repository)
RETURN p.title AS paper, r.url AS url, r.host AS host, r.kind AS kind, coalesce(h.path, []) AS paths
ORDER BY paper, url;
