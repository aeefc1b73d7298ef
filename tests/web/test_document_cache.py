"""The server keeps a bounded number of rendered documents (a crawler must not make it hold every page)."""

from __future__ import annotations

from mougraph.publishing import documents
from mougraph.publishing.documents import Publication
from mougraph.store import load_all


def test_rendered_documents_are_bounded_and_the_recent_ones_kept(monkeypatch):
    monkeypatch.setattr(documents, "MAX_CACHED_DOCUMENTS", 3)
    pub = Publication(load_all(), static=False)
    paths = [f"{folder}/index.ttl" for folder in sorted(pub.site.resources)[:5]]
    first = pub.document(paths[0])
    for path in paths[1:]:
        assert pub.document(path) is not None
    assert len(pub._documents) == 3
    assert list(pub._documents) == paths[2:]
    again = pub.document(paths[0])  # evicted: rendered anew, with the same bytes
    assert again is not first and again.body == first.body
    assert pub.document(paths[-1]) is pub._documents[paths[-1]]  # a recent one is served from the cache
