// Sentences that state a paper uses a method
// Question: where exactly does each paper say it uses method $method (sentence, offsets, extractor)?
// Evidence is stored as parallel lists (evidence_sentence[i], evidence_start[i], ... describe one piece).
// Parameters: $method - a method id (e.g. "method:transformer").
MATCH (p:Paper)-[u:USES]->(:Method {id: $method})
UNWIND range(0, size(coalesce(u.evidence_sentence, [])) - 1) AS i
RETURN p.id AS paper, u.evidence_record[i] AS record, u.evidence_start[i] AS start, u.evidence_end[i] AS end,
       u.evidence_component[i] AS component, u.evidence_sentence[i] AS sentence
ORDER BY paper, record, start;
