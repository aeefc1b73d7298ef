"""The web server of ``mougraph serve``: the ASGI app (:mod:`.app`), the SPARQL endpoint's answers
(:mod:`.sparql`) and the processes that run its queries (:mod:`.workers`)."""
