"""mougraph on the web: the ASGI app, its pages and the SPARQL endpoint."""
