"""Hatchling build hook: ship ontology/, data/ and queries/ inside a built wheel.

A standard wheel gets them as ``mougraph/_resources/<name>`` (force-include);
an editable install does not copy them, because the package then reads them
straight from the repository (see ``mougraph.resources``).
"""

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

RESOURCES = ("ontology", "data", "queries")


class ResourcesHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if version != "standard":
            return
        for name in RESOURCES:
            if (Path(self.root) / name).is_dir():
                build_data["force_include"][name] = f"mougraph/_resources/{name}"
