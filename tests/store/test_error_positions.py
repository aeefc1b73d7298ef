"""Errors the fuzz suite found without a line (issue 17): each names the line of the fault, on both backends.

The documents are invented; the expected line is where the fault was written.
"""

from __future__ import annotations

import pytest

from mougraph import MougraphError, store

EX = "http://example.org/invented/"
CONTEXT = f'  "@context": {{\n    "ex": "{EX}",\n    "xsd": "http://www.w3.org/2001/XMLSchema#"'


def _line(text, fault) -> str:
    """``:N: ``, N the line where ``fault`` is written in ``text``."""
    before = text[:text.index(fault)]
    return f":{before.count(type(text)(chr(10), 'ascii') if isinstance(text, bytes) else chr(10)) + 1}: "


def _error(tmp_path, name: str, text: bytes, backend: str) -> str:
    path = tmp_path / name
    path.write_bytes(text)
    with store.using(store.Backend(backend)), pytest.raises(MougraphError) as info:
        store.load_files([path])
    message = str(info.value)
    assert message.startswith(f"{path}:"), message
    return message


BACKENDS = pytest.mark.parametrize("backend", ["oxigraph", "memory"])


@BACKENDS
def test_a_short_unexpected_key_of_a_term_definition(tmp_path, backend):
    # the key quoted ('@type}') is shorter than the text positions were looked for by before
    text = (f'{{\n{CONTEXT},\n    "ex:b": {{\n      "@type}}": "@id"\n    }}\n  }},\n'
            f'  "@id": "ex:a",\n  "ex:b": "ex:c"\n}}\n')
    assert _line(text, '"@type}"') in _error(tmp_path, "key.jsonld", text.encode(), backend)


@BACKENDS
def test_a_container_that_is_no_keyword(tmp_path, backend):
    # "Not supported @container value combination" quotes nothing: the value at fault is looked for
    text = (f'{{\n{CONTEXT},\n    "ex:ok": {{"@container": "@language"}},\n'
            f'    "ex:label": {{\n      "@container": "@languwge"\n    }}\n  }},\n  "@id": "ex:a"\n}}\n')
    assert _line(text, "@languwge") in _error(tmp_path, "container.jsonld", text.encode(), backend)


@BACKENDS
@pytest.mark.parametrize("where", ['"@id": "ex:wo[rd"', '"@type": "xsd:dateT]ime"'])
def test_an_iri_written_as_a_compact_iri(tmp_path, backend, where):
    # the IRI refused (http://example.org/invented/wo[rd) is written in the file as "ex:wo[rd" only
    value = '"2023-01-01"' if "@type" in where else '"x"'
    text = (f'{{\n{CONTEXT}\n  }},\n  "@id": "ex:a",\n  "ex:b": {{\n    {where},\n' if "@id" in where else
            f'{{\n{CONTEXT}\n  }},\n  "@id": "ex:a",\n  "ex:b": {{\n    "@value": {value},\n    {where}\n')
    text += "    }\n}\n" if "@type" in where else '    "ex:c": "x"\n  }\n}\n'
    assert _line(text, where) in _error(tmp_path, "compact.jsonld", text.encode(), backend)


@BACKENDS
@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_bytes_that_are_not_utf8_in_a_comment(tmp_path, backend, suffix):
    # Oxigraph skipped the comment unread; rdflib failed with a decode error and no line
    text = f"<{EX}a> <{EX}b> <{EX}c> .\n# a comment \xff\n<{EX}a> <{EX}b> <{EX}d> .\n".encode("latin-1")
    message = _error(tmp_path, f"comment{suffix}", text, backend)
    assert _line(text, b"\xff") in message and "UTF-8" in message


@BACKENDS
def test_an_rdf_xml_element_outside_any_namespace(tmp_path, backend):
    # "XML namespaces are required in RDF/XML" quotes nothing: the element at fault is looked for
    text = (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
            b'  xmlns:ex="http://example.org/invented/">\n  <rdf:Description rdf:about="http://example.org/invented/a">\n'
            b'    <ex:b>x</ex:b>\n    <plain>y</plain>\n  </rdf:Description>\n</rdf:RDF>\n')
    assert _line(text, b"<plain>") in _error(tmp_path, "plain.rdf", text, backend)
