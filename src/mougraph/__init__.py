"""mougraph: knowledge graph of cooperation agreements between Korean local governments.

Python API::

    import mougraph
    g = mougraph.load_all()                      # ontology + data (rdflib.Graph)
    result = mougraph.validate()                 # SHACL; result.conforms, result.results
    run = mougraph.query("cq01")                 # shipped query name, .rq path or SPARQL text
    mougraph.export(g, "ttl", "out.ttl")         # ttl nt nq trig jsonld xml
    report = mougraph.build("build")             # everything `mougraph build` does
    mougraph.resolve("고성군", on="2023-04-10", near=["속초시"])  # which local government a name means
"""

__version__ = "0.1.0"

from mougraph.build import BuildReport, build  # noqa: E402
from mougraph.errors import MougraphError  # noqa: E402
from mougraph.export import export  # noqa: E402
from mougraph.gazetteer.resolution import resolve  # noqa: E402  (the index is built on the first call)
from mougraph.query import QueryRun, compare_expected, query  # noqa: E402
from mougraph.store import load_all, load_data, load_ontology, load_shapes  # noqa: E402
from mougraph.validation import ValidationResult, validate  # noqa: E402

__all__ = [
    "__version__", "MougraphError", "load_data", "load_all", "load_ontology", "load_shapes",
    "validate", "ValidationResult", "query", "QueryRun", "compare_expected", "export",
    "build", "BuildReport", "resolve",
]
