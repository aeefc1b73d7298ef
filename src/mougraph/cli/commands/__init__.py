"""The ``mougraph`` commands, one module per concern; :mod:`mougraph.cli` adds them to the group.

- :mod:`.data`: validate, query, export (the local graph or a SPARQL server)
- :mod:`.build`: build
- :mod:`.reasoning`: reason, conflicts
- :mod:`.remote`: push
- :mod:`.synth`: synth
- :mod:`.publishing`: serve, publish

Each takes the shared grammar of :mod:`mougraph.cli.options` (``@inputs()``, ``@output(...)``,
``@output_folder(...)``, ``@fail_on()``) and imports its engines inside the function, so that ``mougraph --help``
loads none of them. A command returns its exit code (0 or 1); errors are raised and turned into exit 2 (130 for
Ctrl-C) by :meth:`mougraph.cli.MougraphGroup.main`.
"""
