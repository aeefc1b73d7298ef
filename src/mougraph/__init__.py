"""mougraph: knowledge graph of cooperation agreements between Korean local governments.

Python API::

    import mougraph
    g = mougraph.load_all()                      # ontology + data (rdflib.Graph)
    result = mougraph.validate()                 # SHACL; result.conforms, result.results
    run = mougraph.query("cq01")                 # shipped query name, .rq path or SPARQL text
    mougraph.export(g, "ttl", "out.ttl")         # ttl nt nq trig jsonld xml
    report = mougraph.build("build")             # everything `mougraph build` does
    mougraph.resolve("고성군", on="2023-04-10", near=["속초시"])  # which local government a name means

The names are imported when first used (:func:`__getattr__`), so that ``import mougraph`` (and
``mougraph --help``) does not load rdflib, pySHACL and the builders.
"""

from __future__ import annotations

import importlib
import sys
import types

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_API = {
    "MougraphError": "mougraph.errors",
    "load_data": "mougraph.store", "load_all": "mougraph.store", "load_ontology": "mougraph.store",
    "load_shapes": "mougraph.store",
    "validate": "mougraph.validation", "ValidationResult": "mougraph.validation",
    "validate_incremental": "mougraph.validation.incremental",
    "query": "mougraph.query", "QueryRun": "mougraph.query", "compare_expected": "mougraph.query",
    "export": "mougraph.export",
    "build": "mougraph.build", "BuildReport": "mougraph.build",
    "resolve": "mougraph.gazetteer.resolution",  # the name index is built on the first call
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    """``mougraph.validate`` and the rest of the API, imported on first use (PEP 562)."""
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'mougraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))


def _function(name: str) -> property:
    """``mougraph.<name>`` is the function, though importing the module ``mougraph.<name>`` sets that attribute."""
    return property(lambda _self: getattr(importlib.import_module(f"mougraph.{name}"), name),
                    lambda _self, _value: None)


class _Package(types.ModuleType):
    # the functions query, export and build share their names with modules of the package
    query = _function("query")
    export = _function("export")
    build = _function("build")


sys.modules[__name__].__class__ = _Package
