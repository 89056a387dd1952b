// Variants of an entity
// Question: which methods, datasets, metrics or tasks are versions or variants of another (ImageNet-1K of ImageNet)?
// Parameters: none.
MATCH (v)-[:VARIANT_OF]->(e)
RETURN labels(e)[0] AS type, e.name AS entity, e.id AS id, collect(v.id) AS variants
ORDER BY id;
