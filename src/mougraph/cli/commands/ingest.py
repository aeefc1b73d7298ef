"""``mougraph ingest``: a press release or a news article (UTF-8 text) to a draft graph and a review page.

Exit 0 with a draft (an empty one, with a note, when the document states no agreement); 2 for a document that
cannot be read (not UTF-8, empty) or a malformed option. Nothing is written unless the whole run succeeds.
"""

from __future__ import annotations

from pathlib import Path

import click

from mougraph.cli.options import lazy, output
from mougraph.cli.output import note


@click.command("ingest")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--url", metavar="URL", default=None, help="Address of the document (foaf:page of the source).")
@click.option("--published", metavar="DATETIME", default=None,
              help="Publication date (YYYY-MM-DD or YYYY-MM-DDTHH:MM): relative dates ('10일(월)') are anchored to "
                   "it. Default: the date the document states ('입력 2023-04-10 11:15').")
@click.option("--publisher", metavar="NAME", default=None,
              help="Who published it: a local government is resolved with the gazetteer, else kept as text.")
@output(lazy("mougraph.formats", "INGEST_FORMATS"), default="ttl", what="the draft graph")
@click.option("--review", "review_path", metavar="FILE", type=click.Path(path_type=Path), default=None,
              help="Write the review page (HTML: each fact beside its passage, the open questions) to FILE.")
def ingest_cmd(file, url, published, publisher, out, review_path) -> int:
    """A draft graph from FILE, a press release or an article (UTF-8 text, Korean or English).

    Every value cites the passage (line) that states it. Review it, then `mougraph validate data/ draft.ttl`
    and move it into data/ (docs/ingest.md).
    """
    from mougraph.ingest.graph import turtle
    from mougraph.ingest.review import html
    from mougraph.ingest.text import ingest_text
    from mougraph.io import atomic_write

    out.format()
    draft = ingest_text(file, url=url, published=published, publisher=publisher)
    text = turtle(draft, file.name)
    page = html(draft, file.name) if review_path else None
    out.write(text)
    if page is not None:
        atomic_write(review_path, page)
    note(f"{len(draft.agreements)} agreement(s), {sum(1 for f in draft.facts if f.claim)} fact(s), "
         f"{len(draft.questions)} open question(s)")
    for message in draft.notes:
        note(message)
    return 0
