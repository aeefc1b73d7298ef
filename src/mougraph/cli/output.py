"""What the commands print: the settings of the run (language, quiet, verbose), notes on stderr, and writing a
result to ``-o`` or stdout.

rich (tables, colours) is imported when something is printed, not when the command line starts.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import click

from mougraph.cli.messages import message

#: Width of the text written to a file (``-f table -o report.txt``): its tables keep their columns whole, and
#: rich must not wrap them.
FILE_WIDTH = 10_000


def locale_language(environ=os.environ) -> str:
    """``ko`` when the locale (LC_ALL, else LC_MESSAGES, else LANG, as POSIX orders them) is Korean, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


class Settings:
    """The global options of one run (``mougraph --lang ko -q ...``)."""

    def __init__(self, lang: str | None = None, quiet: bool = False, verbose: int = 0):
        self.lang, self.quiet, self.verbose = lang or locale_language(), quiet, verbose


_FALLBACK = Settings()


def settings() -> Settings:
    """The settings of the running command (the defaults outside one)."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(Settings) if ctx is not None else None
    return found or _FALLBACK


def t(key: str, **values) -> str:
    """The CLI message ``key`` in the run's language."""
    return message(key, settings().lang, **values)


#: temporary paths (stdin's copy) -> what the user gave, for error messages printed after the command ended
_RENAMED: dict[str, str] = {}


def rename_in_errors(path: str, shown: str) -> None:
    """Show ``path`` as ``shown`` in error messages (the temporary copy of stdin as ``<stdin>``)."""
    _RENAMED[path] = shown


def stdin_read() -> bool:
    """Whether an INPUT ``-`` has read stdin in this process."""
    return bool(_RENAMED)


def error_text(text: str) -> str:
    """``text`` with the temporary paths named as the user gave them."""
    for path, shown in _RENAMED.items():
        text = text.replace(path, shown)
    return text


def console(err: bool = False, width: int | None = None):
    """The terminal (stdout, or stderr for notes beside a result written to stdout)."""
    from rich.console import Console

    return Console(stderr=err, highlight=False, soft_wrap=True, width=width)


def warn(text: str) -> None:
    """A warning on stderr (shown even with --quiet: it asks the user to change something)."""
    click.echo(f"mougraph: {t('warning')}: {text}", err=True)


def note(text: str) -> None:
    """A note on stderr beside the result, unless --quiet."""
    if not settings().quiet:
        click.echo(text, err=True)


def info(text: str) -> None:
    """A detail shown with --verbose only."""
    if settings().verbose and not settings().quiet:
        click.echo(text, err=True)


def emit(data: bytes, output: Path | None) -> None:
    """Write ``data`` to ``output`` atomically (readers never see half of it), or to stdout when None."""
    if output is None:
        stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        if stream is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            stream.write(data)
            stream.flush()
        return
    from mougraph.io import atomic_write

    atomic_write(output, data)


def text_of(*renderables, width: int = FILE_WIDTH) -> bytes:
    """``renderables`` as plain text (no colours), for a table or report written to a file."""
    from rich.console import Console

    plain = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, soft_wrap=False)
    for item in renderables:
        plain.print(item)
    return plain.file.getvalue().encode("utf-8")


def show(*renderables, out=None) -> None:
    """Print ``renderables`` on the terminal, or as plain text into ``out`` (an :class:`~.options.Output`)."""
    if out is None or out.to_stdout:
        terminal = console()
        for item in renderables:  # a table fits the terminal; a line of text is not broken (copy it whole)
            terminal.print(item, soft_wrap=isinstance(item, str))
    else:
        out.write(text_of(*renderables))
