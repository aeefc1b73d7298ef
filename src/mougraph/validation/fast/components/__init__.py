"""The constraint components the fast engine evaluates: one module per family, one class per component (as
pySHACL's ``pyshacl/constraints/core``), each registered in :data:`REGISTRY` under its IRI.

The base class and what a component holds: :mod:`.base`. A shape's constraints are read in the order of
:data:`REGISTRY` (the order of the imports below, then of the classes in each module).
"""

from mougraph.validation.fast.components import (  # noqa: F401 (each module registers its components)
    cardinality,
    logical,
    other,
    property_pair,
    shape_based,
    sparql,
    string_based,
    value_range,
    value_type,
)
from mougraph.validation.fast.components.base import REGISTRY, ConstraintComponent, register

#: The constraint components the fast engine evaluates itself (everything else falls back to pySHACL).
COVERED_COMPONENTS = frozenset(REGISTRY)
#: The predicates of a shape that those components read.
PARAMETERS = frozenset(p for component in REGISTRY.values() for p in component.parameters)

__all__ = ["COVERED_COMPONENTS", "PARAMETERS", "REGISTRY", "ConstraintComponent", "register"]
