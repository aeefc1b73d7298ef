"""JSON-LD contexts are read only from the document itself: none is fetched, no other file is read."""

import json

import pytest
from rdflib.compare import isomorphic

from mougraph import MougraphError, store

EX = "http://example.org/"


def write(tmp_path, document, name="data.jsonld"):
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def documents(context_iri: str) -> dict:
    """JSON-LD documents that refer to the context ``context_iri`` in each place a context may sit."""
    node = {"@id": EX + "a", "name": "A"}
    return {
        "top level": {"@context": context_iri, **node},
        "in a list": {"@context": [{"ex": EX}, context_iri], **node},
        "in a node of @graph": {"@context": {"ex": EX}, "@graph": [{"@context": context_iri, **node}]},
        "property-scoped": {"@context": {"@version": 1.1, "knows": {"@id": EX + "knows", "@context": context_iri}},
                            "@id": EX + "a", "knows": {"@id": EX + "b", "name": "B"}},
        "@import": {"@context": {"@version": 1.1, "@import": context_iri}, **node},
    }


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
@pytest.mark.parametrize("where", list(documents("http://h/")))
def test_a_remote_context_is_refused_and_not_fetched(tmp_path, listener, backend, where):
    store.configure(backend=backend)
    iri = f"{listener.url}/context.jsonld"
    path = write(tmp_path, documents(iri)[where])
    with pytest.raises(MougraphError) as info:
        store.load_files([path])
    message = str(info.value)
    assert message.startswith(f"{path}:") and iri in message and "Inline the context" in message
    assert listener.connections() == 0


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_a_local_file_context_is_refused_and_not_read(tmp_path, backend):
    store.configure(backend=backend)
    context = write(tmp_path, {"@context": {"name": EX + "name"}}, "context.jsonld")
    for reference in (context.as_uri(), "context.jsonld"):
        path = write(tmp_path, {"@context": reference, "@id": EX + "a", "name": "A"})
        graph = store.new_graph()
        with pytest.raises(MougraphError, match="the JSON-LD context .* refers to another document"):
            store.parse_file(path, graph)
        assert len(graph) == 0


def test_the_cli_names_the_file_and_line(home, tmp_path, listener, run_cli):
    path = write(tmp_path, documents(f"{listener.url}/ctx")["property-scoped"])
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mougraph: error: {path}:6: the JSON-LD context \"{listener.url}/ctx\"")
    assert listener.connections() == 0


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_inline_contexts_still_load(tmp_path, backend):
    store.configure(backend=backend)
    path = write(tmp_path, {"@context": [{"name": EX + "name"}, {"@version": 1.1, "knows": {
        "@id": EX + "knows", "@context": {"nick": EX + "nick"}}}],
        "@id": EX + "a", "name": "A", "knows": {"@id": EX + "b", "nick": "B"}})
    assert len(store.load_files([path])) == 3


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_the_projects_own_json_ld_export_loads_back(home, tmp_path, run_cli, backend):
    out = tmp_path / "export.jsonld"
    assert run_cli("export", "-o", out).exit_code == 0
    store.configure(backend=backend)
    again, shipped = store.load_files([out]), store.load_all()
    assert len(again) == len(shipped) and isomorphic(again, shipped)


def test_parse_bytes_refuses_a_remote_context(listener):
    data = json.dumps({"@context": f"{listener.url}/ctx", "@id": EX + "a"}).encode()
    with pytest.raises(MougraphError, match="<data>:1: the JSON-LD context"):
        store.parse_bytes(data, "json-ld")
    assert listener.connections() == 0
