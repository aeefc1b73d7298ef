"""The ``mougraph`` command line: the click group, its global options, the exit codes and :func:`main`.

The commands live in :mod:`mougraph.cli.commands`, one module per concern, and print through
:mod:`mougraph.cli.output`. Exit codes are those of README.md "Exit codes" (as pySHACL);
:meth:`MougraphGroup.main` is the one place that maps outcomes and exceptions to them.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import traceback
from pathlib import Path

import click

from mougraph import __version__
from mougraph.cli.commands import build, check, data, publishing, reasoning, remote, synth
from mougraph.errors import MougraphError
from mougraph.store import BACKENDS, configure as configure_store, strict


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("MOUGRAPH_DEBUG", "") not in ("", "0")


class MougraphGroup(click.Group):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command line; the one place that turns outcomes into exit codes."""
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(argv, prog_name or "mougraph", complete_var,
                                standalone_mode=False, **extra)
        except click.ClickException as exc:  # usage errors, bad option values
            exc.show()
            code = 2
        except click.Abort:
            click.echo("mougraph: aborted", err=True)
            code = 2
        except MougraphError as exc:
            click.echo(f"mougraph: error: {exc}", err=True)
            code = 2
        except BrokenPipeError:  # e.g. `mougraph export -f nt | head`: stop quietly
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, io.UnsupportedOperation):
                pass
            code = 2
        except Exception as exc:
            if _debug_requested(argv):
                traceback.print_exc()
            click.echo(f"mougraph: internal error: {type(exc).__name__}: {exc}", err=True)
            if not _debug_requested(argv):
                click.echo("(run with --debug or MOUGRAPH_DEBUG=1 to see the traceback)", err=True)
            code = 2
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(cls=MougraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mougraph")
@click.option("--debug", is_flag=True, help="Show the full traceback of unexpected errors.")
@click.option("--backend", type=click.Choice(BACKENDS), default=None,
              help="Store behind every graph: oxigraph or rdflib's memory (default: $MOUGRAPH_STORE, else oxigraph).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Persistent Oxigraph store: files are loaded into it once and reopened at once while unchanged "
                   "(default: $MOUGRAPH_STORE_DIR).")
@click.option("--lenient", is_flag=True,
              help="Read input files that strict RDF refuses (bad IRIs, language tags) with a warning instead of an "
                   "error.")
def cli(debug: bool, backend: str | None, store_dir: Path | None, lenient: bool) -> None:
    """Knowledge graph of cooperation agreements between Korean local governments.

    Exit codes: 0 success, 1 data does not conform / build checks failed, 2 error.
    Set MOUGRAPH_HOME to use ontology/, data/ and queries/ from another folder.
    """
    configure_store(backend, store_dir)
    strict.configure(lenient)


for _command in (
    data.validate_cmd, data.query_cmd, data.export_cmd,
    check.check_cmd,
    build.build_cmd,
    reasoning.reason_cmd, reasoning.conflicts_cmd,
    remote.push_cmd,
    synth.synth_cmd,
    publishing.serve_cmd, publishing.publish_cmd,
):
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    # rdflib logs a traceback for every ill-typed literal it parses; the shapes report those as violations.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    cli.main(prog_name="mougraph")
