"""Ingest: a press release or a news article (UTF-8 text) becomes a draft graph in the project's vocabulary,
every value citing the passage that states it, and a review page (docs/ingest.md).

- :mod:`.rules` and ``rules/lexicon.toml``: the patterns and word lists (rules are data)
- :mod:`.document`: reading the file, passages (lines, sentences of long lines)
- :mod:`.timing`: dates and times anchored to the publication date
- :mod:`.names`: local governments (gazetteer), other bodies, people with offices, places
- :mod:`.agreements`, :mod:`.earlier`, :mod:`.domains`, :mod:`.transfers`, :mod:`.schedule`: the readers
- :mod:`.existing`: what the graph already holds; :mod:`.assemble`, :mod:`.text`: the draft's facts
- :mod:`.graph`: Turtle; :mod:`.review`: the review page
"""
