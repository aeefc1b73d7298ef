import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from mougraph import MougraphError, export, load_all
from mougraph.export import DATA_GRAPH, FORMATS
from mougraph.io import atomic_write

READ_BACK = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}


def read_back(data: bytes, fmt: str) -> Graph:
    if fmt in ("nq", "trig"):
        ds = Dataset()
        ds.parse(data=data, format=READ_BACK[fmt])
        assert {g.identifier for g in ds.graphs() if len(g)} == {DATA_GRAPH}
        return ds.graph(DATA_GRAPH)
    return Graph().parse(data=data, format=READ_BACK[fmt])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_reads_back_isomorphic_and_is_stable(home, fmt):
    source = load_all()
    first = export(source, fmt)
    assert first
    assert isomorphic(read_back(first, fmt), source)
    assert export(load_all(), fmt) == first  # freshly loaded again: same bytes


def test_jsonld_uses_the_shipped_context(home):
    text = export(load_all(), "jsonld").decode("utf-8")
    assert '"party": {' in text  # a term from tests/fixtures/home/ontology/mougraph.context.jsonld
    assert '"label": {' in text and '"ko": "서울특별시"' in text


def test_jsonld_falls_back_to_bound_prefixes(home):
    (home / "ontology" / "mougraph.context.jsonld").unlink()
    source = load_all()
    data = export(source, "jsonld")
    assert b'"mg": "https://w3id.org/mougraph/ontology#"' in data
    assert isomorphic(read_back(data, "jsonld"), source)


def test_nt_is_sorted(home):
    lines = export(load_all(), "nt").decode("utf-8").splitlines()
    assert lines == sorted(lines)


def test_bytes_identical_across_processes(home):
    """Hash randomisation must not change the output (run in two fresh interpreters)."""
    code = ("import sys, mougraph; "
            f"sys.stdout.buffer.write(b''.join(mougraph.export(mougraph.load_all(), f) for f in {list(FORMATS)!r}))")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.append(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True).stdout)
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "ttl"), (".nq", "nq"), (".jsonld", "jsonld"), (".rdf", "xml")])
def test_cli_format_from_extension(run_cli, home, tmp_path, suffix, fmt):
    out = tmp_path / f"graph{suffix}"
    result = run_cli("export", "-o", out)
    assert result.exit_code == 0, result.output
    assert isomorphic(read_back(out.read_bytes(), fmt), load_all())


def test_cli_stdout_and_format_errors(run_cli, home):
    result = run_cli("export", "-f", "nt")
    assert result.exit_code == 0
    assert result.stdout_bytes == export(load_all(), "nt")
    assert run_cli("export").exit_code == 2  # no format, no file name
    unknown = run_cli("export", "-o", "graph.xyz")
    assert unknown.exit_code == 2 and "cannot tell the format" in unknown.stderr
    assert not Path("graph.xyz").exists()


def test_export_rejects_unknown_format(home):
    with pytest.raises(MougraphError, match="unknown export format"):
        export(load_all(), "csv")


def test_failed_run_leaves_no_output_file(run_cli, home, tmp_path):
    (home / "data" / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = run_cli("export", "-o", out)
    assert result.exit_code == 2
    assert not out.exists()


def test_atomic_write_keeps_old_content_and_no_temp_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out.ttl"
    atomic_write(target, "old\n")
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(target, "new\n")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]
