"""The ontology loads in owlready2, and the published JSON-LD context covers every term of it."""

import json

import rdflib
from rdflib import OWL, RDF, RDFS

from tests.support import paths

ONTOLOGY = paths.ONTOLOGY / "mougraph.owl.ttl"
CONTEXT = paths.ONTOLOGY / "mougraph.context.jsonld"
MG = "https://w3id.org/mougraph/ontology#"


def _terms(g, kind):
    return {str(s)[len(MG):] for s in g.subjects(RDF.type, kind) if str(s).startswith(MG)}


def test_ontology_loads_in_owlready2(tmp_path):
    import owlready2

    nt = tmp_path / "mougraph.nt"
    rdflib.Graph().parse(ONTOLOGY).serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load(format="ntriples")
    assert onto.base_iri == MG
    classes = {c.name for c in onto.classes()}
    assert {"Agreement", "LocalGovernment", "SigningCeremony", "Donation", "Passage", "Conflict"} <= classes
    assert onto.LocalGovernment in onto.Organisation.descendants()
    assert onto.SigningCeremony in onto.Event.descendants()
    assert onto.party.inverse_property is onto.partyTo
    assert owlready2.TransitiveProperty in onto.descendsFrom.is_a
    assert owlready2.SymmetricProperty in onto.cooperatesWith.is_a


def test_context_maps_every_term_with_its_kind():
    g = rdflib.Graph().parse(ONTOLOGY)
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    for name in _terms(g, OWL.Class):
        assert context.get(name) == f"mg:{name}", name
    for name in _terms(g, OWL.ObjectProperty):
        assert context.get(name) == {"@id": f"mg:{name}", "@type": "@id"}, name
    for name in _terms(g, OWL.DatatypeProperty):
        entry = context.get(name)
        assert isinstance(entry, dict) and entry["@id"] == f"mg:{name}", name
        rng = g.value(rdflib.URIRef(MG + name), RDFS.range)
        if rng is not None and rng != RDF.langString:
            assert entry["@type"] == g.namespace_manager.normalizeUri(rng), name
