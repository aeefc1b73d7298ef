"""Where the repository's files are, read from the checkout whatever ``MOUGRAPH_HOME`` says.

The folders of ``../shared/`` (beside the repository) are not part of it: tests that read them carry the marker
``needs_shared("<folder>")`` and skip when the folder is absent (``tests/conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology"
DATA = ROOT / "data"
QUERIES = ROOT / "queries"
BENCHMARKS = ROOT / "benchmarks"
TESTS = ROOT / "tests"

#: The ontology as mougraph loads it: OWL and SKOS files, not the shapes.
ONTOLOGY_FILES = sorted(ONTOLOGY.glob("*.owl.ttl")) + sorted(ONTOLOGY.glob("*.skos.ttl"))
SHAPES_FILES = sorted(ONTOLOGY.glob("*.shacl.ttl"))
CORE_SHAPES = ONTOLOGY / "mougraph.shacl.ttl"
RECOMMENDED_SHAPES = ONTOLOGY / "mougraph-recommended.shacl.ttl"
CURATION_SHAPES = ONTOLOGY / "mougraph-curation.shacl.ttl"
#: data/**/*.ttl, as ``mougraph validate`` reads it by default.
DATA_FILES = sorted(DATA.rglob("*.ttl"))

#: The SHACL fixtures of tests/shapes: a valid context, and valid/ and invalid/ cases validated with it.
SHAPE_FIXTURES = TESTS / "shapes"
SHAPES_CONTEXT = SHAPE_FIXTURES / "context.ttl"

SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
W3C_SHACL_SUITE = SHARED / "w3c-shacl-test-suite"
