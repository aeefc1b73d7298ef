"""``python -m mougraph.cli``: the command line."""

from mougraph.cli import main

main()
