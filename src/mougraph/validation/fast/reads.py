"""What a shape reads around a focus node: a :class:`Read` (walk a SPARQL path from the focus node, then read
the triples of one predicate out of or into the node reached), and the reads of walking a property path.
:mod:`.affected` collects them for whole shapes, :mod:`.sparql_reads` for SPARQL queries."""

from __future__ import annotations

from dataclasses import dataclass

from mougraph.validation.fast.paths import Path


class Unbounded(Exception):
    """The focus nodes a change can affect cannot be derived from this shape's paths."""


@dataclass(frozen=True, order=True)
class Read:
    """Triples a shape reads: walk ``prefix`` from the focus node (None: stay there), then ``predicate``
    (None: any) out of that node, or into it when ``inverse``."""

    prefix: str | None
    predicate: str | None
    inverse: bool


def join(prefix: str | None, step: str) -> str:
    return step if prefix is None else f"{prefix}/{step}"


def inverted(path: Path) -> Path:
    """The inverse of ``path`` with the inversions pushed down to its predicates."""
    if path.kind == "pred":
        return Path("inv", (path,))
    if path.kind == "inv":
        return path.args[0]
    if path.kind == "seq":
        return Path("seq", tuple(inverted(p) for p in reversed(path.args)))
    return Path(path.kind, tuple(inverted(p) for p in path.args))


def path_reads(path: Path, prefix: str | None, out: set) -> str:
    """Add the reads of walking ``path`` from the end of ``prefix`` to ``out``; the prefix of its value nodes."""
    kind = path.kind
    if kind == "pred":
        out.add(Read(prefix, str(path.args[0]), False))
    elif kind == "inv":
        inner = path.args[0]
        if inner.kind != "pred":
            return path_reads(inverted(inner), prefix, out)
        out.add(Read(prefix, str(inner.args[0]), True))
    elif kind == "seq":
        for step in path.args:
            prefix = path_reads(step, prefix, out)
        return prefix
    elif kind == "alt":
        for branch in path.args:
            path_reads(branch, prefix, out)
    else:  # zom, oom, zoo: each step may start after any number of earlier ones
        path_reads(path.args[0], join(prefix, Path("zom", path.args).text()), out)
    return join(prefix, path.text())
