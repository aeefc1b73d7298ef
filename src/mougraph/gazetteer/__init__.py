"""Every Korean local government with its names, codes and changes over time, and name resolution.

- :mod:`.sources`: the three pinned packages and readers for the files they bundle (no network)
- :mod:`.registry`: bodies and their history worked out from the legal-dong registry
- :mod:`.graph`: the reference graph, ``data/reference/local-governments.ttl`` (generated, sorted)
- :mod:`.romanise`: Revised Romanization, for generated (never official) English names
- :mod:`.index`: the reference graph read once into plain Python
- :mod:`.resolution`: :func:`resolve`, which local government a written name refers to
- :mod:`.history`: a body's name on a date and its history as a timeline, for pages

docs/gazetteer.md describes the whole.
"""
