"""A seeded generator of malformed (and some valid) inputs: every RDF format mougraph reads, and SPARQL.

The seeds are the repository's own files: ``data/*.ttl`` (and the same data exported by mougraph as TriG,
N-Triples, N-Quads, JSON-LD and RDF/XML) and ``queries/*.rq``. Each case is one seed mutated, by bytes (a span
deleted, duplicated or truncated, a byte changed, bytes inserted: NUL, a BOM, brackets, quotes) or by a known nasty
construct (deep nesting, IRIs RDF does not allow, bad language tags, expanding XML entities, invalid UTF-8, SPARQL
that breaks the grammar's static rules). Same seed and count, same cases.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: File extension of each RDF format generated.
RDF_FORMATS = {"ttl": ".ttl", "trig": ".trig", "nt": ".nt", "nq": ".nq", "jsonld": ".jsonld", "xml": ".rdf"}
EX = "http://example.org/invented/"
BAD_IRIS = [f"<{EX}a b>", f"<{EX}a|b>", f"<{EX}a`b>", f"<{EX}a%zzb>", f"<{EX}a^b>", f"<{EX}a\tb>", f"<{EX}a\x00b>",
            f"<{EX}a\\u0020b>", "<a b>", "<>x", f"<{EX}a{{b}}>"]
BAD_LANGS = ['"x"@en-123456789', '"x"@-en', '"x"@', '"x"@en--us', '"x"@1234']
INSERTS = [b"\x00", b"\xef\xbb\xbf", b"<", b">", b'"', b'"""', b"{", b"}", b"[", b"]", b"(", b")", b".", b";",
           b",", b"@", b"^^", b"_:", b"\\", b"\\u00", b"\r", b"\xff", b"\xc3", b"#", b"'", b"&", b"<!ENTITY"]


@dataclass(frozen=True)
class Case:
    """One generated input: ``kind`` (``rdf`` or ``sparql``), its format (an extension key of
    :data:`RDF_FORMATS`, or ``rq``), what was done to it (``how``) and its bytes."""

    index: int
    kind: str
    fmt: str
    how: str
    data: bytes

    @property
    def suffix(self) -> str:
        return RDF_FORMATS.get(self.fmt, ".rq")


@cache
def rdf_seeds() -> dict[str, list[bytes]]:
    """Format -> seed documents: each shipped data file as written (Turtle) and as mougraph exports it."""
    from mougraph import store
    from mougraph.export import export

    files = sorted((ROOT / "data").glob("*.ttl"))
    seeds: dict[str, list[bytes]] = {fmt: [] for fmt in RDF_FORMATS}
    with store.using(store.Backend("oxigraph")):
        for path in files:
            seeds["ttl"].append(path.read_bytes())
            graph = store.load_files([path])
            for fmt in RDF_FORMATS:
                if fmt != "ttl":
                    seeds[fmt].append(export(graph, fmt))
    return seeds


@cache
def query_seeds() -> list[bytes]:
    return [path.read_bytes() for path in sorted((ROOT / "queries").glob("*.rq"))]


# --- mutations ------------------------------------------------------------------------------------------------

def _byte_mutation(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    n = len(data)
    at = rng.randrange(n + 1)
    span = rng.randint(1, max(1, min(200, n // 4 or 1)))
    kind = rng.choice(["delete", "duplicate", "truncate", "flip", "insert", "insert", "swap"])
    if kind == "delete":
        return kind, data[:at] + data[at + span:]
    if kind == "duplicate":
        return kind, data[:at + span] + data[at:]
    if kind == "truncate":
        return kind, data[:at]
    if kind == "flip" and n:
        i = rng.randrange(n)
        return kind, data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
    if kind == "swap" and n > 2:
        i, j = sorted(rng.sample(range(n), 2))
        return kind, data[:i] + data[j:j + span] + data[i + span:j] + data[i:i + span] + data[j + span:]
    return "insert", data[:at] + rng.choice(INSERTS) + data[at:]


def _replace_iri(rng: random.Random, data: bytes, replacement: str) -> bytes:
    text = data.decode("utf-8", "replace")
    starts = [i for i, ch in enumerate(text) if ch == "<" and text[i + 1:i + 5] == "http"]
    if not starts:
        return data + replacement.encode()
    i = rng.choice(starts)
    j = text.find(">", i)
    return (text[:i] + replacement + text[j + 1:]).encode("utf-8", "surrogatepass")


def _deep(fmt: str, depth: int) -> bytes:
    if fmt in ("ttl", "trig"):
        body = f"<{EX}s> <{EX}p> " + f"[ <{EX}p> " * depth + f"<{EX}o>" + " ]" * depth + " .\n"
        if depth % 2:
            body = f"<{EX}s> <{EX}p> " + "( " * depth + f"<{EX}o>" + " )" * depth + " .\n"
        return (f"<{EX}g> {{ {body} }}\n" if fmt == "trig" else body).encode()
    if fmt == "jsonld":
        return (f'{{"@id": "{EX}s", ' + f'"{EX}p": {{' * depth + f'"@id": "{EX}o"' + "}" * (depth + 1)).encode()
    if fmt == "xml":
        return (f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">'
                f'<rdf:Description rdf:about="{EX}s">' + "<ex:p><rdf:Description>" * depth
                + "</rdf:Description></ex:p>" * depth + "</rdf:Description></rdf:RDF>").encode()
    return (f"<{EX}s> <{EX}p> <{EX}o> .\n" * depth).encode()  # line formats have no nesting: many lines


def _laughs(levels: int) -> bytes:
    entities = '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n' + "".join(
        f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 16}">\n' for k in range(levels))
    last = chr(97 + levels)
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{entities}]>\n'
            f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">\n'
            f'<rdf:Description rdf:about="{EX}s"><ex:p>&{last};</ex:p></rdf:Description>\n</rdf:RDF>\n').encode()


def _nasty_rdf(rng: random.Random, fmt: str, seed: bytes) -> tuple[str, bytes]:
    kind = rng.choice(["deep", "bad-iri", "bad-iri", "bad-lang", "nul", "bom", "bom-middle", "utf8", "laughs",
                       "crlf", "cr"])
    if kind == "deep":
        depth = rng.choice([300, 1000, 5000, 20000])
        return f"deep {depth}", _deep(fmt, depth)
    if kind == "bad-iri":
        iri = rng.choice(BAD_IRIS)
        return f"bad iri {iri!r}", _replace_iri(rng, seed, iri)
    if kind == "bad-lang" and fmt in ("ttl", "trig", "nt", "nq"):
        lang = rng.choice(BAD_LANGS)
        return f"bad language tag {lang!r}", (f"<{EX}s> <{EX}p> {lang} .\n").encode() + seed
    if kind == "nul":
        at = rng.randrange(len(seed) + 1)
        return "NUL", seed[:at] + b"\x00" + seed[at:]
    if kind == "bom":
        return "BOM at the start", b"\xef\xbb\xbf" + seed
    if kind == "bom-middle":
        at = rng.randrange(len(seed) + 1)
        return "BOM inside", seed[:at] + b"\xef\xbb\xbf" + seed[at:]
    if kind == "utf8":
        at = rng.randrange(len(seed) + 1)
        return "invalid UTF-8", seed[:at] + b"\xff\xfe" + seed[at:]
    if kind == "laughs" and fmt == "xml":
        return "expanding entities", _laughs(rng.randint(3, 8))
    if kind == "crlf":
        return "CRLF line ends", seed.replace(b"\n", b"\r\n")
    if kind == "cr" and fmt in ("nt", "nq"):
        return "CR line ends", seed.replace(b"\n", b"\r")
    return _byte_mutation(rng, seed)


SPARQL_NASTY = [
    ("deep groups", lambda d: "SELECT * WHERE " + "{ " * d + "?s ?p ?o" + " }" * d),
    ("deep parentheses", lambda d: "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * d + "1" + ")" * d + ") }"),
    ("deep brackets", lambda d: "SELECT * WHERE { ?s ?p " + "[ ?p " * d + "?o" + " ]" * d + " }"),
]
SPARQL_STATIC = [
    "SELECT * WHERE { ?s ?p ?o BIND (1 AS ?o) }",
    "SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s",
    "SELECT * WHERE { VALUES (?a ?b) { (1) } }",
    "SELECT (1 AS ?s) ?s WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT -1",
    "ASK { ?s <http://example.org/invented/a b> ?o }",
    "SELECT * WHERE { ?s ?p \"x\"@-en }",
]


def _sparql_case(rng: random.Random) -> tuple[str, bytes]:
    seed = rng.choice(query_seeds())
    roll = rng.random()
    if roll < 0.08:
        name, make = rng.choice(SPARQL_NASTY)
        depth = rng.choice([40, 65, 100, 1000, 5000])
        return f"{name} {depth}", make(depth).encode()
    if roll < 0.2:
        text = rng.choice(SPARQL_STATIC)
        return f"static rule: {text[:40]}", text.encode()
    if roll < 0.25:
        at = rng.randrange(len(seed) + 1)
        return "invalid UTF-8", seed[:at] + b"\xff" + seed[at:]
    how, data = _byte_mutation(rng, seed)
    return how, data


def cases(seed: int, count: int, kinds: tuple[str, ...] = ("rdf", "sparql")):
    """``count`` cases from ``seed``: about three RDF documents for each query."""
    rng = random.Random(seed)
    seeds = rdf_seeds()
    for index in range(count):
        if "sparql" in kinds and ("rdf" not in kinds or rng.random() < 0.25):
            how, data = _sparql_case(rng)
            yield Case(index, "sparql", "rq", how, data)
            continue
        fmt = rng.choice(list(RDF_FORMATS))
        source = rng.choice(seeds[fmt])
        if rng.random() < 0.3:
            how, data = _nasty_rdf(rng, fmt, source)
        else:
            how, data = _byte_mutation(rng, source)
            if rng.random() < 0.3:
                more, data = _byte_mutation(rng, data)
                how = f"{how}+{more}"
        yield Case(index, "rdf", fmt, how, data)
