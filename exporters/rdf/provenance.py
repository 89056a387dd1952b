"""Provenance of extracted edges as PROV-O, with no RDF-star: each edge is a reified ``kg:Statement``.

    <statement/…> a kg:Statement, rdf:Statement, prov:Entity ;
        rdf:subject <paper/…> ; rdf:predicate kg:hasCode ; rdf:object <repository/…> ;
        kg:support 2 ; kg:score 1.0 ; prov:wasDerivedFrom <evidence/…> .
    <evidence/…> a kg:Evidence, prov:Entity ;
        prov:wasGeneratedBy <activity/repository_links/0.1.0> ; prov:wasDerivedFrom <record/…> ;
        kg:sentence "The code is available at …" ; kg:start 1887 ; kg:end 1923 ; kg:score 1.0 .
    <activity/repository_links/0.1.0> a prov:Activity ; prov:wasAssociatedWith <agent/repository_links/0.1.0> .
    <agent/repository_links/0.1.0> a prov:SoftwareAgent ; rdfs:label "repository_links" ;
        schema:softwareVersion "0.1.0" .
    <record/…> a kg:SourceRecord, prov:Entity ; rdfs:label "seeds/000.txt:line 29" ; kg:sourceFile … ; kg:locator … .

The same shape is what CS-KG publishes (reified statements typed prov:Entity with a support count).
"""

from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode, Triple
from rdflib.namespace import PROV, RDF, RDFS

from exporters.rdf.iris import Minter
from exporters.rdf.literals import decimal_lexical, integer_lexical
from exporters.rdf.terms import XSD_DECIMAL, XSD_INTEGER, iri, text, typed
from exporters.rdf.vocab import KG, SCHEMA

_TYPE = iri(RDF.type)
_LABEL = iri(RDFS.label)
_DERIVED = iri(PROV.wasDerivedFrom)
_GENERATED = iri(PROV.wasGeneratedBy)
_ENTITY = iri(PROV.Entity)
_EVIDENCE = iri(KG.Evidence)
_RECORD = iri(KG.SourceRecord)
_SENTENCE = iri(KG.sentence)
_START = iri(KG.start)
_END = iri(KG.end)
_SCORE = iri(KG.score)
_SOURCE_FILE = iri(KG.sourceFile)
_LOCATOR = iri(KG.locator)
_STATEMENT = iri(KG.Statement)
_RDF_STATEMENT = iri(RDF.Statement)
_SUBJECT = iri(RDF.subject)
_PREDICATE = iri(RDF.predicate)
_OBJECT = iri(RDF.object)


class Provenance:
    """Emits statement, evidence, activity, agent and record triples, each node once per export."""

    def __init__(self, minter: Minter, version: str) -> None:
        self.minter = minter
        self.version = version
        self._records: dict[str, NamedNode] = {}
        self._activities: dict[str, NamedNode] = {}

    def statement(
        self, edge_id: str, subject: NamedNode, predicate: NamedNode, obj: NamedNode
    ) -> tuple[NamedNode, list[Triple]]:
        """The reified edge's node and triples (its properties are added by the caller)."""
        node = NamedNode(self.minter.statement(edge_id))
        return node, [
            Triple(node, _TYPE, _STATEMENT),
            Triple(node, _TYPE, _RDF_STATEMENT),
            Triple(node, _TYPE, _ENTITY),
            Triple(node, _SUBJECT, subject),
            Triple(node, _PREDICATE, predicate),
            Triple(node, _OBJECT, obj),
        ]

    def record(self, record: str) -> tuple[NamedNode, list[Triple]]:
        """A source record's node, with its triples the first time it is seen."""
        node = self._records.get(record)
        if node is not None:
            return node, []
        node = self._records[record] = NamedNode(self.minter.record(record))
        source, _, locator = record.rpartition(":")
        out = [Triple(node, _TYPE, _RECORD), Triple(node, _TYPE, _ENTITY), Triple(node, _LABEL, text(record))]
        if source:
            out.append(Triple(node, _SOURCE_FILE, text(source)))
            out.append(Triple(node, _LOCATOR, text(locator)))
        return node, out

    def activity(self, component: str) -> tuple[NamedNode, list[Triple]]:
        """The activity node of a component, with its triples the first time it is seen."""
        if component in self._activities:
            return self._activities[component], []
        node = NamedNode(self.minter.activity(component, self.version))
        agent = NamedNode(self.minter.agent(component, self.version))
        self._activities[component] = node
        return node, [
            Triple(node, _TYPE, iri(PROV.Activity)),
            Triple(node, _LABEL, text(f"{component} (kg {self.version})")),
            Triple(node, iri(PROV.wasAssociatedWith), agent),
            Triple(agent, _TYPE, iri(PROV.SoftwareAgent)),
            Triple(agent, _LABEL, text(component)),
            Triple(agent, iri(SCHEMA.softwareVersion), text(self.version)),
        ]

    def evidence(self, edge_id: str, statement: NamedNode, row: dict[str, Any]) -> list[Triple]:
        """One evidence row: its node, the link from the statement, its activity and record."""
        record, component = row["record"], row["component"]
        node = NamedNode(self.minter.evidence(edge_id, record, row["start"], row["end"], component))
        activity, out = self.activity(component)
        record_node, record_triples = self.record(record)
        out += record_triples
        out += [
            Triple(statement, _DERIVED, node),
            Triple(node, _TYPE, _EVIDENCE),
            Triple(node, _TYPE, _ENTITY),
            Triple(node, _GENERATED, activity),
            Triple(node, _DERIVED, record_node),
        ]
        if row.get("sentence"):
            out.append(Triple(node, _SENTENCE, text(row["sentence"])))
        for key, predicate in (("start", _START), ("end", _END)):
            value = integer_lexical(row.get(key))
            if value is not None and int(value) >= 0:
                out.append(Triple(node, predicate, typed(value, XSD_INTEGER)))
        score = decimal_lexical(row.get("score"))
        if score is not None:
            out.append(Triple(node, _SCORE, typed(score, XSD_DECIMAL)))
        return out
