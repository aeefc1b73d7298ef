"""``python -m mougraph``: the command line."""

from mougraph.cli import main

main()
