"""mougraph for people: the pages, pictures, dataset description and ontology documentation, written as a static
site (:mod:`.publish`) or served with a SPARQL endpoint (:mod:`.server`)."""
