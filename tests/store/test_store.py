from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from mougraph import MougraphError, load_all, load_data, load_ontology, load_shapes
from mougraph.io import resource_dir
from mougraph.store import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
MG = "https://w3id.org/mougraph/ontology#"
ID = "https://w3id.org/mougraph/id/"


def test_loaders_read_the_conventional_files(home):
    ontology, shapes, data = load_ontology(), load_shapes(), load_data()
    assert (URIRef(MG + "Agreement"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in ontology
    # SKOS vocabularies are part of the ontology, shapes are not
    assert (URIRef(ID + "domain-tourism"), None, None) in ontology
    assert not list(ontology.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))
    # both shapes files (violations and recommended/warnings) are loaded
    assert len(set(shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))) == 3
    # data/**/*.ttl: files in sub-folders too
    assert (URIRef(ID + "seoul"), RDFS.label, Literal("서울특별시", lang="ko")) in data
    assert (URIRef(ID + "mou-seoul-busan"), RDF.type, URIRef(MG + "Agreement")) in data
    assert len(load_all()) == len(ontology) + len(data)


def test_load_data_accepts_files_and_directories(home):
    only_govs = load_data([home / "data" / "governments.ttl"])
    assert not list(only_govs.subjects(RDF.type, URIRef(MG + "Agreement")))
    mixed = load_data([home / "data" / "agreements", FIXTURES / "extra.nt"])
    assert (URIRef(ID + "gwangju"), RDF.type, URIRef(MG + "LocalGovernment")) in mixed
    assert (URIRef(ID + "mou-seoul-busan"), RDF.type, URIRef(MG + "Agreement")) in mixed


def test_prefixes_are_bound(home):
    prefixes = dict(load_all().namespaces())
    assert str(prefixes["mg"]) == MG
    assert str(prefixes["skos"]) == "http://www.w3.org/2004/02/skos/core#"


# bad.nt: rdflib's N-Triples parser names no line, Oxigraph's does (regression: the message had no line)
@pytest.mark.parametrize("name, line", [("bad-syntax.ttl", 6), ("bad.rdf", 4), ("bad.jsonld", 4), ("bad.nt", 3)])
def test_malformed_file_error_names_file_and_line(name, line):
    with pytest.raises(MougraphError) as info:
        parse_file(FIXTURES / name)
    message = str(info.value)
    assert name in message
    assert f"line {line}" in message
    assert "Fix" in message


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(MougraphError, match="nope.ttl: file not found"):
        load_data([tmp_path / "nope.ttl"])


def test_unknown_extension_is_rejected(tmp_path):
    odd = tmp_path / "data.weird"
    odd.write_text("x")
    with pytest.raises(MougraphError, match="cannot tell the RDF format"):
        parse_file(odd)


def test_missing_resource_folder_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("MOUGRAPH_HOME", str(tmp_path))
    with pytest.raises(MougraphError, match="MOUGRAPH_HOME"):
        load_ontology()


def test_resource_dir_uses_home_then_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("MOUGRAPH_HOME", str(tmp_path))
    assert resource_dir("data") == tmp_path / "data"
    monkeypatch.delenv("MOUGRAPH_HOME")
    repo_root = Path(__file__).resolve().parents[2]
    assert resource_dir("queries") == repo_root / "queries"
    with pytest.raises(ValueError):
        resource_dir("secrets")


def test_cli_malformed_turtle_exits_2_naming_file_and_line(run_cli, home):
    result = run_cli("validate", FIXTURES / "bad-syntax.ttl")
    assert result.exit_code == 2
    assert result.stderr.startswith("mougraph: error: ")
    assert "bad-syntax.ttl:6" in result.stderr and "line 6" in result.stderr
    assert "Traceback" not in result.output


def test_cli_malformed_shipped_data_exits_2(run_cli, home):
    (home / "data" / "broken.ttl").write_text("@prefix x: <http://x/> .\n\nx:a x:b\n", encoding="utf-8")
    result = run_cli("export", "-f", "nt")
    assert result.exit_code == 2
    assert "broken.ttl" in result.stderr and "line 3" in result.stderr
    assert result.stdout == ""


def test_cli_missing_file_exits_2(run_cli, home):
    result = run_cli("validate", "does-not-exist.ttl")
    assert result.exit_code == 2
    assert "does-not-exist.ttl: file not found" in result.stderr
    assert "Traceback" not in result.output


def test_resource_dir_prefers_resources_shipped_in_a_wheel(tmp_path, monkeypatch):
    import mougraph.io

    package = tmp_path / "site-packages" / "mougraph"
    (package / "_resources" / "data").mkdir(parents=True)
    monkeypatch.delenv("MOUGRAPH_HOME", raising=False)
    monkeypatch.setattr(mougraph.io, "PACKAGE_DIR", package)
    assert resource_dir("data") == package / "_resources" / "data"
    assert resource_dir("queries") == package / "_resources" / "queries"
