"""`mougraph publish` replaces its output folder as a whole: no stale page survives, a failed run changes nothing."""

import os
import subprocess
import sys

import pytest

import mougraph.io
import mougraph.publishing.publish
from mougraph.publishing.documents import Publication
from mougraph.publishing.publish import publish

pytestmark = pytest.mark.slow  # each test publishes a site

DATA = """\
@prefix mg: <https://w3id.org/mougraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/mougraph/id/org/test-city> a mg:LocalGovernment ;
    rdfs:label "시험시"@ko , "Test City"@en .
"""


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "data.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def test_publish_replaces_the_folder(tmp_path, data_file):
    out = tmp_path / "site"
    (out / "id" / "org" / "gone").mkdir(parents=True)
    (out / "id" / "org" / "gone" / "index.html").write_text("stale", encoding="utf-8")
    report = publish(out, data=[data_file])
    assert report.ok
    assert (out / "id" / "org" / "test-city" / "index.html").is_file()
    assert not (out / "id" / "org" / "gone").exists()
    assert all(f.is_file() and f.is_relative_to(out.resolve()) for f in report.files)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_failed_publish_leaves_the_folder_as_it_was(tmp_path, data_file, monkeypatch):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("earlier site", encoding="utf-8")

    def broken(new, target):
        raise OSError("disk full")

    monkeypatch.setattr(mougraph.io, "replace_folder", broken)
    with pytest.raises(OSError):
        publish(out, data=[data_file])
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def _files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_publish_twice_gives_the_same_bytes(tmp_path, data_file):
    """Two runs in two processes (hash seeds differ) write byte-identical sites (the VoID class partitions are
    blank nodes with the same label on the dataset's page: their order is fixed too)."""
    for name, seed in (("first", "1"), ("second", "2")):
        proc = subprocess.run([sys.executable, "-m", "mougraph.cli", "publish", "-o", str(tmp_path / name),
                               "--data", str(data_file)], capture_output=True, text=True, timeout=600,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stdout + proc.stderr
    first, second = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_shipped_site_is_the_same_bytes_in_every_process_on_the_memory_backend(tmp_path):
    """Regression: on the memory backend, footnote numbers, the order of equally named values and the ontology's
    page (pyLODE) followed the store's iteration order, which changes with the hash seed."""
    for name, seed in (("first", "1"), ("second", "7")):
        proc = subprocess.run([sys.executable, "-m", "mougraph.cli", "--backend", "memory", "publish", "-q", "-o",
                               str(tmp_path / name)], capture_output=True, text=True, timeout=600,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stdout + proc.stderr
    first, second = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert len(first) > 1000 and sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_publish_in_several_processes_writes_what_one_process_writes(tmp_path, data_file, monkeypatch):
    """Workers forked to write the documents (small chunks here, so each writes several) give the same files,
    bytes and report as one process."""
    monkeypatch.setattr(mougraph.publishing.publish, "CHUNK", 7)
    one = publish(tmp_path / "one", data=[data_file], processes=1)
    several = publish(tmp_path / "several", data=[data_file], processes=3)
    assert [f.relative_to(tmp_path / "one") for f in one.files] == [
        f.relative_to(tmp_path / "several") for f in several.files]
    first, second = _files(tmp_path / "one"), _files(tmp_path / "several")
    assert len(first) > 20 and sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_a_worker_that_fails_leaves_the_folder_as_it_was(tmp_path, data_file, monkeypatch):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("earlier site", encoding="utf-8")
    monkeypatch.setattr(mougraph.publishing.publish, "CHUNK", 7)
    made = Publication.document

    def broken(self, path):
        if path.endswith("/test-city/index.nt"):
            raise OSError("disk full")
        return made(self, path)

    monkeypatch.setattr(Publication, "document", broken)
    with pytest.raises(OSError, match="disk full"):
        publish(out, data=[data_file], processes=2)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
