"""Strict RDF by default, like riot (issue 17, item 2), the canonical labels, and ``mougraph check``.

Every input is invented. Each bad input is refused with its file and line on both backends; ``--lenient`` reads it
with a warning, and an export then refuses to write what no parser would read back.
"""

import json
import random

import pytest

from mougraph import store
from mougraph.errors import LoadError, MougraphError
from mougraph.export import export
from mougraph.export.canonical import relabel
from mougraph.store.check import check_file

BACKENDS = ["memory", "oxigraph"]
EX = "http://example.org/invented/"


def _load(path, backend):
    with store.using(store.Backend(backend)):
        return store.load_files([path])


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("obj,why", [
    (f"<{EX}a b>", "Invalid IRI code point ' '"), (f"<{EX}a|b>", r"'\|'"), (f"<{EX}a`b>", "'`'"),
    (f"<{EX}a%zzb>", "percent encoding"), (f"<{EX}a^b>", r"'\^'"), (f"<{EX}a\tb>", "code point"),
    ('"x"@en-123456789', "eight characters"),
])
def test_bad_iris_and_language_tags_are_refused_with_file_and_line(tmp_path, backend, obj, why):
    path = tmp_path / "bad.ttl"
    path.write_text(f"@prefix ex: <{EX}> .\n\nex:s ex:p {obj} .\n", encoding="utf-8")
    with pytest.raises(LoadError, match=rf"bad.ttl:3: invalid turtle syntax at line 3, column \d+: .*{why}"):
        _load(path, backend)
    with store.strict.lenient():
        graph = _load(path, backend)
        assert len(graph) == 1
        with pytest.raises(MougraphError, match="cannot export"):
            export(graph, "nt")


@pytest.mark.parametrize("backend", BACKENDS)
def test_cr_line_endings_in_ntriples_are_read(tmp_path, backend):
    path = tmp_path / "cr.nt"
    path.write_bytes(f'<{EX}s> <{EX}p> "x" .\r<{EX}s> <{EX}p> "y" .\r'.encode())
    assert sorted(str(o) for o in _load(path, backend).objects()) == ["x", "y"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_leading_byte_order_mark_is_read(tmp_path, backend):
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + f"<{EX}s> <{EX}p> <{EX}o> .\n".encode())
    assert len(_load(path, backend)) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_blank_node_property_in_json_ld_is_no_internal_error(tmp_path, backend):
    path = tmp_path / "generalized.jsonld"
    document = {"@context": {"p": {"@id": "_:b"}}, "@id": EX + "s", "p": {"@id": EX + "o"}}
    path.write_text(json.dumps(document), encoding="utf-8")
    assert len(_load(path, backend)) == 0  # JSON-LD 1.1: a triple with a blank node property is dropped


def test_a_graph_with_a_blank_node_property_is_refused(tmp_path):
    from rdflib import BNode, Graph, URIRef

    graph = Graph()
    graph.add((URIRef(EX + "s"), BNode("b"), URIRef(EX + "o")))
    with pytest.raises(LoadError, match="in.jsonld: .*property is a blank node"):
        store.strict.check_terms(graph, tmp_path / "in.jsonld", "json-ld")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_relative_datatype_in_rdf_xml_is_a_user_error(tmp_path, backend):
    path = tmp_path / "reldt.rdf"
    path.write_text(f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">'
                    f'<rdf:Description rdf:about="{EX}s"><ex:p rdf:datatype="foo">1</ex:p></rdf:Description>'
                    f'</rdf:RDF>', encoding="utf-8")
    with pytest.raises(LoadError, match="reldt.rdf:1: .*<foo> is relative"):
        _load(path, backend)


def test_invalid_utf8_in_a_query_file_is_a_user_error(run_cli, home, tmp_path):
    path = tmp_path / "bad.rq"
    path.write_bytes(b'SELECT * WHERE { ?s ?p "\xff" }')
    result = run_cli("query", str(path))
    assert result.exit_code == 2 and "not UTF-8" in result.stderr and "internal error" not in result.stderr


# --- canonical labels ---------------------------------------------------------------------------------------

def _shuffled_relabelled(lines: list[bytes], seed: int) -> list[bytes]:
    rng = random.Random(seed)
    names = sorted({t for line in lines for t in line.split(b" ") if t.startswith(b"_:")})
    new = dict(zip(names, rng.sample([b"_:x%d" % i for i in range(len(names))], len(names)), strict=True))
    out = [b" ".join(new.get(t, t) for t in line.split(b" ")) for line in lines]
    rng.shuffle(out)
    return out


def _list(items: list[str], head: str = "_:h") -> list[bytes]:
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    lines, node = [f"<{EX}s> <{EX}p> {head} .".encode()], head
    for i, item in enumerate(items):
        rest = f"_:n{i}" if i < len(items) - 1 else f"<{rdf}nil>"
        lines += [f"{node} <{rdf}first> {item} .".encode(), f"{node} <{rdf}rest> {rest} .".encode()]
        node = rest
    return lines


def _hubs(rows: int, hubs: int) -> list[bytes]:
    """What ``CONSTRUCT { _:x :a ?h . ?h :b _:y }`` makes when ?h is a blank node: fresh nodes around shared ones."""
    lines = [f'_:h{k} <{EX}n> "{k % 2}" .'.encode() for k in range(hubs)]
    for i in range(rows):
        lines += [f"_:x{i} <{EX}a> _:h{i % hubs} .".encode(), f"_:h{i % hubs} <{EX}b> _:y{i} .".encode()]
    return lines


@pytest.mark.parametrize("lines", [
    _hubs(60, 4),                                    # twins (same triples) around shared blank nodes
    _list([f"<{EX}o>"] * 300),                       # a list of equal items: only the position tells them apart
    _list([f'"{i}"' for i in range(50)]),
    [f"<{EX}s> <{EX}p> _:a{i} .".encode() for i in range(3)] + [f'_:a{i} <{EX}q> "1" .'.encode() for i in range(3)]
    + [f"_:a{i} <{EX}r> _:b{i} .".encode() for i in range(3)] + [f'_:b{i} <{EX}q> "2" .'.encode() for i in range(3)],
    [b"_:a <%sp> _:b ." % EX.encode(), b"_:b <%sp> _:c ." % EX.encode(), b"_:c <%sp> _:a ." % EX.encode(),
     b"_:a <%sq> \"1\" ." % EX.encode()],            # a cycle
])
def test_canonical_labels_do_not_depend_on_input_labels_or_order(lines):
    expected = sorted(relabel(lines))
    assert len({t for line in expected for t in line.split(b" ") if t.startswith(b"_:")}) == len(
        {t for line in lines for t in line.split(b" ") if t.startswith(b"_:")})
    for seed in range(5):
        assert sorted(relabel(_shuffled_relabelled(lines, seed))) == expected


def test_twins_are_numbered_at_once_not_one_refinement_each(monkeypatch):
    """Regression: 10,000 rows of a CONSTRUCT with fresh blank nodes around shared ones took minutes to write."""
    from mougraph.export import canonical

    calls = []
    refine = canonical._Graph.refine
    monkeypatch.setattr(canonical._Graph, "refine", lambda self, colour: calls.append(1) or refine(self, colour))
    lines = _hubs(2000, 4)
    labelled = relabel(lines)
    assert len({t for line in labelled for t in line.split(b" ") if t.startswith(b"_:")}) == 4 + 2 * 2000
    assert len(calls) <= 5, len(calls)  # one at a time: about one per blank node


# --- mougraph check -----------------------------------------------------------------------------------------

ILL_TYPED = f"""@prefix ex: <{EX}> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:doc dcterms:date "2023-13-45"^^xsd:date ;
    dcterms:issued "2023-01-01"^^xsd:date .
"""


def test_check_reports_ill_typed_literals_on_any_property(tmp_path):
    path = tmp_path / "doc.ttl"
    path.write_text(ILL_TYPED, encoding="utf-8")
    triples, problems = check_file(path)
    assert triples == 2
    assert [(p.line, "2023-13-45" in p.message) for p in problems] == [(4, True)]


def test_check_exit_codes(run_cli, home, tmp_path):
    clean, bad, ill = tmp_path / "clean.ttl", tmp_path / "bad.ttl", tmp_path / "ill.ttl"
    clean.write_text(f"<{EX}s> <{EX}p> <{EX}o> .\n", encoding="utf-8")
    bad.write_text(f"<{EX}s> <{EX}p> <{EX}o o> .\n", encoding="utf-8")
    ill.write_text(ILL_TYPED, encoding="utf-8")
    assert run_cli("check", str(clean)).exit_code == 0
    result = run_cli("check", str(clean), str(bad), str(ill))
    assert result.exit_code == 1 and "bad.ttl:1:" in result.stderr and "ill.ttl:4:" in result.stderr
    assert run_cli("--lenient", "check", str(bad)).exit_code == 0
    assert run_cli("check", str(tmp_path / "missing.ttl")).exit_code == 2
    assert run_cli("check", "-").exit_code == 2  # no --input-format


def test_a_build_on_data_with_a_bad_iri_writes_nothing(run_cli, home, tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", "--out", str(out)).exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{EX}s> <{EX}p> <{EX}a b> .\n", encoding="utf-8")
    result = run_cli("build", "--out", str(out), "--data", str(bad))
    assert result.exit_code == 2 and "bad.ttl:1:" in result.stderr
    assert {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before


@pytest.mark.parametrize("backend", BACKENDS)
def test_check_reports_durations_without_a_component(tmp_path, backend):
    path = tmp_path / "claims.ttl"
    path.write_text(f"""@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{EX}c1> <{EX}duration> "PT"^^xsd:duration .
<{EX}c2> <{EX}duration> "PT20M"^^xsd:duration .
<{EX}c3> <{EX}duration> "P"^^xsd:duration .
""", encoding="utf-8")
    with store.using(store.Backend(backend)):
        _triples, problems = check_file(path)
    assert sorted((p.line, p.message.split(":")[0]) for p in problems) == [
        (2, 'ill-typed literal "PT"^^<http'), (4, 'ill-typed literal "P"^^<http')]


@pytest.mark.parametrize("backend", BACKENDS)
def test_nquads_with_a_bom_and_cr_line_ends_and_a_typed_literal_are_read(tmp_path, backend):
    path = tmp_path / "cr.nq"
    int_ = "http://www.w3.org/2001/XMLSchema#int"
    path.write_bytes(b"\xef\xbb\xbf" + f'<{EX}s> <{EX}p> "x" <{EX}g> .\r<{EX}s> <{EX}p> "2"^^<{int_}> <{EX}g> .\r'
                     .encode())
    assert sorted(o.n3() for o in _load(path, backend).objects()) == [f'"2"^^<{int_}>', '"x"']


@pytest.mark.parametrize("backend", BACKENDS)
def test_rdf_xml_errors_without_a_position_name_the_line(tmp_path, backend):
    path = tmp_path / "prefix.rdf"
    path.write_text(f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                    f'<rdf:Description rdf:about="{EX}s">\n<xhl:p>1</xhl:p>\n</rdf:Description>\n</rdf:RDF>\n',
                    encoding="utf-8")
    with pytest.raises(LoadError, match=r"prefix.rdf:3: invalid xml syntax at line 3: Unknown prefix xhl:"):
        _load(path, backend)
