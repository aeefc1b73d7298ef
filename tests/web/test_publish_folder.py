"""`mougraph publish` replaces its output folder as a whole: no stale page survives, a failed run changes nothing."""

import pytest

from mougraph.publishing import publish as publish_module
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

    monkeypatch.setattr(publish_module, "_replace_folder", broken)
    with pytest.raises(OSError):
        publish(out, data=[data_file])
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
