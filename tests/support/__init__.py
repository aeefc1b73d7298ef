"""What several test folders share (as rdflib's ``test/data.py`` and ``test/utils/``).

- :mod:`tests.support.paths`: where the repository's ontology, data, queries and test fixtures are, and the
  folders of ``../shared/`` that some tests read;
- :mod:`tests.support.oracle`: the shipped files read with plain rdflib, an oracle independent of mougraph's store;
- :mod:`tests.support.shape_fixtures`: the SHACL fixtures of ``tests/shapes`` and ``tests/curation`` and the
  expectations they declare, validated with pySHACL;
- :mod:`tests.support.cli`: running ``mougraph`` in-process or as the installed script;
- :mod:`tests.support.snapshots`: comparing an output with its stored snapshot (``pytest --snapshot-update``);
- :mod:`tests.support.servers`: free ports for the servers the tests start.

Markers (``slow``, ``java``, ``browser``, ``server``, ``needs_shared``) are registered in pyproject.toml; what
they imply (skips, the ``server`` marker of tests that use running servers) is in ``tests/conftest.py``.
"""
