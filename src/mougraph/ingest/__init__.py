"""Ingest: a press release or a news article (UTF-8 text), or a portal table, becomes a draft graph in
the project's vocabulary, every value citing the passage (or row) that states it; drafts are scored
against gold (docs/ingest.md, docs/ingest-tables.md).

- :mod:`.rules` and ``rules/lexicon.toml``: the patterns and word lists (rules are data)
- :mod:`.document`: reading the file, passages (lines, sentences of long lines)
- :mod:`.timing`: dates and times anchored to the publication date
- :mod:`.names`: local governments (gazetteer), other bodies, people with offices, places
- :mod:`.agreements`, :mod:`.earlier`, :mod:`.domains`, :mod:`.transfers`, :mod:`.schedule`: the readers
- :mod:`.existing`: what the graph already holds; :mod:`.assemble`, :mod:`.text`: the draft's facts
- :mod:`.graph`: Turtle; :mod:`.review`: the review page
- :mod:`.tables`, :mod:`.table_files`, :mod:`.table_layouts`, :mod:`.table_values` and ``layouts/*.toml``:
  portal tables (CSV in UTF-8 or CP949, XLSX) to drafts
- :mod:`.score`: a draft against gold, fact by fact
"""
