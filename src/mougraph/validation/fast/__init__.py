"""The fast SHACL engine: a shapes graph compiled to set-wise SPARQL queries run by Oxigraph on the store
the data already lives in. pySHACL validates one focus node at a time in Python (about 1,400 s for a million
triples); here each query finds the results of one shape or constraint for *all* its focus nodes at once.

How a shape becomes SPARQL, what is covered, the literals as written and where the results differ from
pySHACL's: ``docs/validation-engines.md``. The modules, in the order of a run:

- :mod:`.shapes` reads the shapes graph (targets, paths of :mod:`.paths`, constraints), each constraint read
  by its constraint component in :mod:`.components` (one class per component, one module per family);
- :mod:`.compiler` writes the queries of each shape, with the SPARQL of its components and, for ``sh:sparql``,
  the rewriting of :mod:`.rewrite`;
- :mod:`.runner` runs them on a :class:`Dataset` (:mod:`.dataset`: the store, the literals as written, custom
  functions) and gives :class:`FastResult` rows (:mod:`.report`, also the ``sh:ValidationReport`` graph).
"""

import pyoxigraph as ox  # noqa: F401 (the pyoxigraph module, for callers that build a Dataset)

from mougraph.errors import ForbiddenSparql, ShapesError
from mougraph.store.terms import from_ox as to_rdflib
from mougraph.validation.fast.compiler import MAX_NESTED_COUNT, Compiler
from mougraph.validation.fast.components import COVERED_COMPONENTS, REGISTRY, ConstraintComponent
from mougraph.validation.fast.components.shape_based import PropertyConstraintComponent
from mougraph.validation.fast.dataset import Dataset, dataset_of
from mougraph.validation.fast.paths import Path, parse_path, path_text
from mougraph.validation.fast.report import FastOutcome, FastResult, report_copies, report_graph
from mougraph.validation.fast.rewrite import rewrite_select
from mougraph.validation.fast.runner import Validator, pruned_shapes_graph, validate
from mougraph.validation.fast.shapes import Shape, ShapesGraph
from mougraph.validation.fast.terms import Uncovered, datatype_ok, sparql_term

PROPERTY = PropertyConstraintComponent.component

__all__ = ["COVERED_COMPONENTS", "MAX_NESTED_COUNT", "PROPERTY", "REGISTRY", "Compiler", "ConstraintComponent",
           "Dataset", "FastOutcome", "FastResult", "ForbiddenSparql", "Path", "Shape", "ShapesError",
           "ShapesGraph", "Uncovered", "Validator", "dataset_of", "datatype_ok", "parse_path", "path_text",
           "pruned_shapes_graph", "report_copies", "report_graph", "rewrite_select", "sparql_term", "to_rdflib",
           "validate"]
