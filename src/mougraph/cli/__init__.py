"""The ``mougraph`` command line: the click group, its global options, the exit codes and :func:`main`.

The commands live in :mod:`mougraph.cli.commands`, one module per concern; they share one grammar
(:mod:`mougraph.cli.options`) and print through :mod:`mougraph.cli.output`. :meth:`MougraphGroup.main` is the one
place that maps outcomes and exceptions to the exit codes below (those of pySHACL, and 130 for Ctrl-C as shells
use). Start-up stays fast: nothing here, nor in the command modules at import, loads rdflib or pySHACL.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import click

from mougraph import __version__
from mougraph.cli.commands import build, check, data, gazetteer, ingest, publishing, reasoning, remote, synth
from mougraph.cli.options import LazyChoice, lazy
from mougraph.cli.output import Settings, error_text, locale_language, settings
from mougraph.errors import MougraphError

EXIT_OK = 0  #: success; the data conforms
EXIT_FAILED = 1  #: the data does not conform, a build check failed, the graph is inconsistent
EXIT_ERROR = 2  #: an error: bad input, bad usage, a failure of a tool mougraph runs
EXIT_INTERRUPTED = 130  #: stopped by Ctrl-C (128 + SIGINT); every output is as it was before the run

#: Global options, accepted before or after the command name: name -> takes a value.
GLOBAL_OPTIONS = {"--debug": False, "--backend": True, "--store": True, "--lang": True, "--lenient": False,
                  "-q": False, "--quiet": False, "-v": False, "--verbose": False}


def hoist_global_options(argv: list[str]) -> list[str]:
    """``argv`` with the global options moved before the command name, wherever they were given (up to ``--``)."""
    front, rest, i = [], [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            front.append(arg)
            if GLOBAL_OPTIONS[name] and "=" not in arg and i + 1 < len(argv):
                front.append(argv[i + 1])
                i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("MOUGRAPH_DEBUG", "") not in ("", "0")


def _interrupted() -> int:
    click.echo(f"\nmougraph: {_message('interrupted')}", err=True)
    return EXIT_INTERRUPTED


def _message(key: str) -> str:
    from mougraph.cli.messages import message

    return message(key, settings().lang)


class MougraphGroup(click.Group):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command line; the one place that turns outcomes into exit codes."""
        argv = hoist_global_options(list(sys.argv[1:] if args is None else args))
        try:
            code = super().main(argv, prog_name or "mougraph", complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:  # --help, --version
            code = exc.exit_code
        except click.ClickException as exc:  # usage errors, bad option values
            exc.show()
            code = EXIT_ERROR
        except click.Abort as exc:  # click turns Ctrl-C (and end of input at a prompt) into Abort
            code = _interrupted() if isinstance(exc.__cause__, KeyboardInterrupt) else EXIT_ERROR
        except KeyboardInterrupt:
            code = _interrupted()
        except MougraphError as exc:
            click.echo(f"mougraph: error: {error_text(str(exc))}", err=True)
            code = EXIT_ERROR
        except BrokenPipeError:  # e.g. `mougraph export -f nt | head`: stop quietly
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, io.UnsupportedOperation):
                pass
            code = EXIT_ERROR
        except Exception as exc:
            if _debug_requested(argv):
                import traceback

                traceback.print_exc()
            click.echo(f"mougraph: internal error: {type(exc).__name__}: {exc}", err=True)
            if not _debug_requested(argv):
                click.echo("(run with --debug or MOUGRAPH_DEBUG=1 to see the traceback)", err=True)
            code = EXIT_ERROR
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(cls=MougraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mougraph")
@click.option("--debug", is_flag=True, help="Show the full traceback of unexpected errors.")
@click.option("--backend", type=LazyChoice(lazy("mougraph.store.backend", "BACKENDS")), default=None, metavar="NAME",
              help="Store behind every graph: oxigraph or rdflib's memory (default: $MOUGRAPH_STORE, else oxigraph).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Persistent Oxigraph store: files are loaded into it once and reopened at once while unchanged "
                   "(default: $MOUGRAPH_STORE_DIR).")
@click.option("--lang", type=click.Choice(["ko", "en"]), default=None,
              help="Language of tables and messages (default: from the locale, LANG / LC_ALL).")
@click.option("-q", "--quiet", is_flag=True, help="Print the result only: no notes or summaries on stderr.")
@click.option("-v", "--verbose", count=True, help="Say more on stderr (what is loaded, which engine runs).")
@click.option("--lenient", is_flag=True,
              help="Read input files that strict RDF refuses (bad IRIs, language tags) with a warning instead of an "
                   "error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, backend: str | None, store_dir: Path | None, lang: str | None,
        quiet: bool, verbose: int, lenient: bool) -> None:
    """Knowledge graph of cooperation agreements between Korean local governments.

    Every command takes its data as arguments (files, folders, '-' for stdin; the shipped data by default)
    and writes to -o (a file whose extension gives the format, '-' for stdout). Global options go before or
    after the command name.

    Exit codes: 0 success, 1 data does not conform / build checks failed, 2 error, 130 interrupted.
    Set MOUGRAPH_HOME to use ontology/, data/ and queries/ from another folder.
    """
    ctx.obj = Settings(lang=lang or locale_language(), quiet=quiet, verbose=verbose)
    if verbose:
        import logging

        logging.getLogger("mougraph").setLevel(logging.INFO if verbose == 1 else logging.DEBUG)
    from mougraph.store import strict
    from mougraph.store.backend import configure as configure_store

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
    gazetteer.resolve_cmd,
    ingest.ingest_cmd,
):
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    import logging

    # rdflib logs a traceback for every ill-typed literal it parses; the shapes report those as violations.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    cli.main(prog_name="mougraph")
