"""Locate the project's RDF content (ontology/, data/, queries/).

Every module finds these folders through :func:`resource_dir` only:

1. ``$MOUGRAPH_HOME/<name>`` when the ``MOUGRAPH_HOME`` environment variable is set;
2. ``<package>/_resources/<name>`` in an installed wheel (see the hatchling
   ``force-include`` table in pyproject.toml);
3. ``<repository root>/<name>`` for an editable install or a source checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

import mougraph

RESOURCE_NAMES = ("ontology", "data", "queries")
HOME_ENV = "MOUGRAPH_HOME"


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` (``"ontology"``, ``"data"`` or ``"queries"``)."""
    if name not in RESOURCE_NAMES:
        raise ValueError(f"unknown resource folder {name!r}; expected one of {RESOURCE_NAMES}")
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / name
    package = Path(mougraph.__file__).resolve().parent
    shipped = package / "_resources"
    if shipped.is_dir():  # an installed wheel
        return shipped / name
    return package.parents[1] / name
