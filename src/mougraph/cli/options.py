"""The grammar every command shares, as decorators: data in, results out, and when to fail.

- :func:`inputs`: ``[INPUT]...`` positional data files or folders (``-``: stdin, read as ``--input-format``),
  the shipped data when none is given, and ``--data`` kept as a deprecated alias; the command gets ``data``
  (a list of paths, or None for the shipped data).
- :func:`output`: ``-o FILE`` (``-`` or nothing: stdout) and ``-f FORMAT``, the format from ``-f``, else from
  ``-o``'s extension, else the command's default; the command gets ``out`` (:class:`Output`).
- :func:`output_folder`: ``-o DIR`` for the commands that write a folder (build, publish).
- :func:`fail_on`: ``--fail-on violation|warning|info|none``.

The choices are read from their homes (:mod:`mougraph.formats`, :mod:`mougraph.validation`) only when a command
runs or shows its help (:class:`LazyChoice`): ``mougraph --help`` imports none of them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path

import click

from mougraph.cli import output as out_

STDIN = "-"


class LazyChoice(click.Choice):
    """A :class:`click.Choice` whose choices are computed on first use (they live in modules slow to import)."""

    def __init__(self, choices: Callable[[], tuple[str, ...]], case_sensitive: bool = False):
        self._load = choices
        self._choices: tuple[str, ...] | None = None
        self.case_sensitive = case_sensitive

    @property
    def choices(self):  # noqa: D401 (click reads the attribute)
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, value) -> None:
        self._choices = tuple(value)


class FormatType(click.ParamType):
    """A format name or alias of :mod:`mougraph.formats` (any case), checked against the command's formats."""

    name = "format"

    def __init__(self, names: Callable[[], tuple[str, ...]]):
        self._names = names

    def get_metavar(self, param, ctx=None) -> str:
        return "[" + "|".join(self._names()) + "]"

    def convert(self, value, param, ctx):
        from mougraph.formats import aliases, normalize

        names = self._names()
        found = normalize(str(value), names)
        if found is None:
            known = ", ".join(names)
            others = ", ".join(sorted(aliases(names)))
            self.fail(f"unknown format '{value}'; use one of {known}" + (f" (or {others})" if others else ""),
                      param, ctx)
        return found


# --- data in ------------------------------------------------------------------------------------------------

def _input_formats() -> tuple[str, ...]:
    from mougraph.formats import INPUT_FORMATS

    return INPUT_FORMATS


def inputs(what: str = "data") -> Callable:
    """Positional ``[INPUT]...`` (files, folders, ``-``) with ``--input-format`` and the deprecated ``--data``.

    The decorated command receives ``data``: the paths to load, or None for the shipped data. stdin is copied
    to a temporary file named for its format, removed when the command ends.
    """

    def decorate(func: Callable) -> Callable:
        @click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=click.Path(path_type=Path))
        @click.option("--input-format", "input_format", type=FormatType(_input_formats), default=None,
                      help="Format of the data read from '-' (stdin); files are read by their extension.")
        @click.option("--data", "legacy_data", multiple=True, type=click.Path(path_type=Path), hidden=True,
                      help="Deprecated: give the data as arguments.")
        @functools.wraps(func)
        def wrapper(*args, inputs, input_format, legacy_data, **kwargs):
            ctx = click.get_current_context()
            paths = list(inputs)
            if legacy_data:
                out_.warn(out_.t("data_deprecated", command=ctx.info_name))
                paths += list(legacy_data)
            data = resolve_inputs(ctx, paths, input_format)
            out_.info("data: " + (" ".join(out_.error_text(str(p)) for p in data) if data else "the shipped data/"))
            return func(*args, data=data, **kwargs)

        wrapper.__doc__ = (func.__doc__ or "") + (
            f"\n\n    INPUT: {what} files or folders (default: the shipped data/); '-' reads stdin "
            "(give --input-format)."
        )
        return wrapper

    return decorate


def resolve_inputs(ctx: click.Context, paths: list[Path], input_format: str | None) -> list[Path] | None:
    """The files to load for ``paths`` (None: the shipped data); ``-`` becomes a copy of stdin."""
    if not paths:
        if input_format is not None:
            raise click.UsageError("--input-format is for data read from '-' (stdin); give '-' as an INPUT")
        return None
    if sum(str(p) == STDIN for p in paths) > 1:
        raise click.UsageError("'-' (stdin) can be given once")
    return [stdin_file(ctx, input_format) if str(p) == STDIN else p for p in paths]


def stdin_file(ctx: click.Context, input_format: str | None, *, what: str = "data") -> Path:
    """stdin copied to a temporary file with the extension of ``input_format`` (the loaders go by extension)."""
    import shutil
    import tempfile

    from mougraph.formats import get

    if input_format is None:
        raise click.UsageError(f"reading {what} from '-' (stdin) needs --input-format, e.g. --input-format ttl")
    folder = Path(ctx.with_resource(tempfile.TemporaryDirectory(prefix="mougraph-stdin-")))
    path = folder / f"stdin{get(input_format).suffix}"
    with path.open("wb") as fh:
        shutil.copyfileobj(sys.stdin.buffer, fh)
    out_.rename_in_errors(str(path), "<stdin>")
    return path


# --- results out --------------------------------------------------------------------------------------------

class Output:
    """Where a command writes its result (``path`` None: stdout) and the ``-f`` asked for, if any."""

    # a plain class, not a dataclass: importing dataclasses costs start-up time
    def __init__(self, path: Path | None, requested: str | None, names: tuple[str, ...], default: str | None):
        self.path, self.requested, self.names, self.default = path, requested, names, default

    @property
    def to_stdout(self) -> bool:
        return self.path is None

    def format(self, names=None, default: str | None = "") -> str:
        """The format of ``names`` (default: the command's) from ``-f``, ``-o``'s extension or the default."""
        from mougraph.formats import choose

        names = tuple(names or self.names)
        return choose(self.requested, self.path, names, default=self.default if default == "" else default)

    def write(self, data: bytes | str) -> None:
        """Write ``data`` atomically to the file, or to stdout."""
        out_.emit(data.encode("utf-8") if isinstance(data, str) else data, self.path)


def output(names: Callable[[], tuple[str, ...]], *, default: str | None = None, what: str = "the result",
           required: bool = False) -> Callable:
    """``-o FILE`` and ``-f FORMAT`` (of ``names``): the decorated command receives ``out`` (:class:`Output`)."""

    def decorate(func: Callable) -> Callable:
        @click.option("-o", "--output", "output_path", metavar="FILE", required=required,
                      type=click.Path(path_type=Path, allow_dash=True),
                      help=f"Write {what} to FILE ('-': stdout, the default); its extension gives the format.")
        @click.option("-f", "--format", "requested", type=FormatType(names), default=None,
                      help="Output format (default: from -o's extension"
                           + (f", else {default})." if default else ")."))
        @functools.wraps(func)
        def wrapper(*args, output_path, requested, **kwargs):
            path = None if output_path is None or str(output_path) == STDIN else output_path
            if path is not None and path.is_dir():
                raise click.BadParameter(f"{path} is a folder; give a file name (or '-' for stdout)",
                                         param_hint="'-o'")
            return func(*args, out=Output(path, requested, tuple(names()), default), **kwargs)

        return wrapper

    return decorate


def output_folder(default: str | None, *, legacy: str | None = None, what: str = "the files") -> Callable:
    """``-o DIR`` for a command that writes a folder; ``legacy`` names a deprecated alias (``--out``)."""

    def decorate(func: Callable) -> Callable:
        @click.option("-o", "--output", "out_dir", metavar="DIR", required=default is None,
                      **({} if default is None else {"default": default, "show_default": True}),
                      type=click.Path(path_type=Path, file_okay=False),
                      help=f"Folder to write {what} into (replaced whole when the run succeeds).")
        @functools.wraps(func)
        def wrapper(*args, out_dir, **kwargs):
            legacy_dir = kwargs.pop("legacy_dir", None)
            if legacy_dir is not None:
                out_.warn(out_.t("option_deprecated", old=legacy, new="-o"))
                out_dir = legacy_dir
            if str(out_dir) == STDIN:
                raise click.BadParameter("this command writes a folder, not stdout", param_hint="'-o'")
            return func(*args, out_dir=out_dir, **kwargs)

        if legacy:
            wrapper = click.option(legacy, "legacy_dir", default=None, hidden=True,
                                   type=click.Path(path_type=Path, file_okay=False))(wrapper)
        return wrapper

    return decorate


# --- when to fail -------------------------------------------------------------------------------------------

def _fail_on_choices() -> tuple[str, ...]:
    from mougraph.validation import FAIL_ON

    return (*FAIL_ON, "none")


def fail_on(help_text: str = "Lowest severity that makes the data not conform (exit 1); none: never exit 1."):
    """``--fail-on violation|warning|info|none`` (as ROBOT's ``--fail-on``)."""
    return click.option("--fail-on", type=LazyChoice(_fail_on_choices), default="violation", show_default=True,
                        help=help_text)


def lazy(module: str, name: str) -> Callable[[], tuple[str, ...]]:
    """A function returning ``module.name`` (a tuple of choices, or a function giving them), imported when
    called."""

    def load() -> tuple[str, ...]:
        import importlib

        value = getattr(importlib.import_module(module), name)
        return tuple(value() if callable(value) else value)

    return load
