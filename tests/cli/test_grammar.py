"""The command-line grammar, as a table: every command × (positional input, '-' stdin, -o with each extension,
-o -, a bad extension, a missing file, a folder, Ctrl-C), with the exit code, the output format and the message
expected (issue 16).

It runs on the test project (``tests/fixtures/home``: a small ontology, two files of data, four queries), so that
each case takes a fraction of a second. The data there conforms to its shapes; ``INVALID`` below is invented for
these tests and breaks the shape ``mgsh:AgreementShape`` of ``mini.shacl.ttl`` (one party, no label).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

INVALID = """\
# Invented for tests/cli: an agreement with one party and no label breaks mgsh:AgreementShape of mini.shacl.ttl.
@prefix mg: <https://w3id.org/mougraph/ontology#> .
@prefix mgid: <https://w3id.org/mougraph/id/> .
mgid:lonely-agreement a mg:Agreement ; mg:party mgid:seoul .
"""


def _rdf(fmt: str, *, empty: bool = False):
    def check(data: bytes) -> None:
        dataset = Dataset(default_union=True).parse(data=data, format=fmt)
        assert empty or len(dataset) > 0

    return check


def _json(key: str | None = None):
    def check(data: bytes) -> None:
        doc = json.loads(data)
        if key is not None:
            assert key in doc, sorted(doc)

    return check


def _header(first: str, sep: str = ","):
    def check(data: bytes) -> None:
        text = data.decode("utf-8")
        header = next(csv.reader(io.StringIO(text), delimiter=sep))
        assert header[0] == first, header

    return check


def _starts(prefix: str):
    def check(data: bytes) -> None:
        assert data.decode("utf-8").lstrip().startswith(prefix), data[:80]

    return check


def _table(data: bytes) -> None:
    assert "┃" in data.decode("utf-8") or "│" in data.decode("utf-8")


def _lines_end_with_dot(data: bytes) -> None:
    lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
    assert lines and all(line.endswith(" .") for line in lines)


# command (the arguments before the data) -> {extension: what the file must be}
OUTPUTS = {
    ("validate",): {
        ".txt": _starts("conforms: 0 violation(s)"),  # the test project's data conforms: no table, the verdict
        ".ttl": _rdf("turtle"), ".jsonld": _rdf("json-ld"), ".json": _json("conforms"),
        ".csv": _header("severity"), ".tsv": _header("severity", "\t"), ".html": _starts("<!DOCTYPE html>"),
        ".md": _starts("# SHACL validation report"),
    },
    ("query", "q01"): {".txt": _table, ".csv": _header("partner"), ".tsv": _header("?partner", "\t"),
                       ".json": _json("results")},
    ("query", "partners"): {".ttl": _rdf("turtle"), ".nt": _lines_end_with_dot, ".jsonld": _rdf("json-ld"),
                            ".rdf": _rdf("xml")},
    ("export",): {".ttl": _rdf("turtle"), ".nt": _lines_end_with_dot, ".nq": _rdf("nquads"), ".trig": _rdf("trig"),
                  ".jsonld": _rdf("json-ld"), ".rdf": _rdf("xml")},
    # the test project records no disagreement: an empty list, an empty graph
    ("conflicts",): {".txt": _table, ".json": _json("disagreements"), ".ttl": _rdf("turtle", empty=True)},
    ("reason", "--reasoner", "rules"): {".txt": _starts("reasoner:"), ".json": _json("consistent")},
}
OUTPUT_CASES = [(cmd, ext, check) for cmd, table in OUTPUTS.items() for ext, check in table.items()]

#: the commands that read data, with what they need besides it
READERS = [("validate",), ("query", "q01"), ("export", "-f", "nt"), ("conflicts",), ("reason", "--reasoner", "rules")]
#: the exit code each reader gives on the test project's data
EXPECTED_CODE = {"validate": 0, "query": 0, "export": 0, "conflicts": 0, "reason": 0}


def _id(value) -> str:
    return " ".join(value) if isinstance(value, tuple) else str(value)


@pytest.mark.parametrize(("command", "ext", "check"), OUTPUT_CASES,
                         ids=[f"{_id(c)} -o {e}" for c, e, _ in OUTPUT_CASES])
def test_the_format_comes_from_the_extension(run_cli, home, command, ext, check):
    out = Path(f"out{ext}")
    result = run_cli(*command, "-o", out)
    assert result.exit_code == 0, result.output
    check(out.read_bytes())


@pytest.mark.parametrize(("command", "ext", "check"), OUTPUT_CASES,
                         ids=[f"{_id(c)} -o - -f {e[1:]}" for c, e, _ in OUTPUT_CASES])
def test_dash_is_stdout_and_f_names_the_format(run_cli, home, command, ext, check):
    fmt = {".txt": "table", ".rdf": "xml"}.get(ext, ext[1:])
    result = run_cli(*command, "-o", "-", "-f", fmt)
    assert result.exit_code == 0, result.output
    check(result.stdout_bytes)
    assert not Path("-").exists()


@pytest.mark.parametrize("command", [*OUTPUTS, ("synth", "--triples", "100")], ids=_id)
def test_an_unknown_extension_is_an_error_and_writes_nothing(run_cli, home, command):
    result = run_cli(*command, "-o", "result.xyz")
    assert result.exit_code == 2
    assert "result.xyz: cannot tell the format from the extension '.xyz'" in result.stderr
    assert not Path("result.xyz").exists()


@pytest.mark.parametrize("command", [*OUTPUTS, ("synth", "--triples", "100")], ids=_id)
def test_an_output_folder_is_refused_for_a_file(run_cli, home, command):
    Path("somewhere").mkdir()
    result = run_cli(*command, "-o", "somewhere")
    assert result.exit_code == 2
    assert "somewhere is a folder" in result.stderr


@pytest.mark.parametrize("command", [*READERS, ("build", "-o", "b"), ("publish", "-o", "site"),
                                     ("push", "--endpoint", "http://127.0.0.1:9/store"), ("ingest",)], ids=_id)
def test_a_missing_file_is_named(run_cli, home, command):
    result = run_cli(*command, "nowhere.ttl")
    assert result.exit_code == 2
    assert "mougraph: error: nowhere.ttl: file not found" in result.stderr
    assert "Traceback" not in result.output


def _timeless(text: str) -> str:
    """An output without the seconds reason says it ran."""
    return re.sub(r"\d+\.\d+ s\b", "? s", text)


@pytest.mark.parametrize("command", READERS, ids=_id)
def test_positional_files_folders_and_stdin_read_the_same_graph(run_cli, home, command):
    files = sorted((home / "data").rglob("*.ttl"))
    shipped = run_cli(*command)
    assert shipped.exit_code == EXPECTED_CODE[command[0]], shipped.output
    by_folder = run_cli(*command, home / "data")
    by_files = run_cli(*command, *files)
    assert _timeless(by_folder.stdout) == _timeless(by_files.stdout) == _timeless(shipped.stdout)
    joined = b"".join(f.read_bytes() + b"\n" for f in files)
    by_stdin = run_cli(*command, "-", "--input-format", "ttl", input=joined)
    assert by_stdin.exit_code == shipped.exit_code, by_stdin.output
    assert _timeless(by_stdin.stdout) == _timeless(shipped.stdout)


@pytest.mark.parametrize("command", READERS, ids=_id)
def test_stdin_needs_its_format(run_cli, home, command):
    result = run_cli(*command, "-", input=b"")
    assert result.exit_code == 2
    assert "needs --input-format" in result.stderr


def test_data_option_still_works_with_a_warning(run_cli, home):
    result = run_cli("query", "q01", "-f", "csv", "--data", home / "data")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "partner,name"
    assert "--data is deprecated" in result.stderr


def test_build_out_still_works_with_a_warning(run_cli, home):
    result = run_cli("build", "--out", "old-style")
    assert result.exit_code == 0, result.output
    assert Path("old-style/validation-report.ttl").is_file()
    assert "--out is deprecated" in result.stderr


@pytest.mark.parametrize("args", [
    ("--backend", "memory", "query", "q01", "-f", "csv"),
    ("query", "q01", "-f", "csv", "--backend", "memory"),
    ("query", "--backend=memory", "q01", "-f", "csv"),
    ("query", "q01", "-q", "-f", "csv", "--lang", "ko"),
], ids=_id)
def test_global_options_go_before_or_after_the_command(run_cli, home, args):
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "partner,name"


def test_fail_on(run_cli, home):
    Path("invalid.ttl").write_text(INVALID, encoding="utf-8")
    assert run_cli("validate", "invalid.ttl").exit_code == 1
    never = run_cli("validate", "invalid.ttl", "--fail-on", "none", "-o", "report.json")
    assert never.exit_code == 0
    assert json.loads(Path("report.json").read_text(encoding="utf-8"))["conforms"] is False
    assert "never fails" in never.stderr
    assert run_cli("validate", "--fail-on", "nonsense").exit_code == 2


def test_quiet_keeps_the_result_and_drops_the_notes(run_cli, home):
    loud = run_cli("validate", "-o", "r.csv")
    quiet = run_cli("validate", "-o", "r.csv", "-q")
    assert "conforms" in loud.stderr and quiet.stderr == ""


def test_korean_by_lang_and_by_locale(run_cli, home, monkeypatch):
    Path("invalid.ttl").write_text(INVALID, encoding="utf-8")
    korean = run_cli("--lang", "ko", "validate", "invalid.ttl")
    assert "부적합" in korean.stdout and "SHACL 검증 결과" in korean.stdout
    csv_report = run_cli("validate", "invalid.ttl", "--lang", "ko", "-f", "csv").stdout
    assert "협약에는 둘 이상의 지방자치단체가 필요합니다." in csv_report
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert "부적합" in run_cli("validate", "invalid.ttl").stdout
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL wins over LANG
    assert "does not conform" in run_cli("validate", "invalid.ttl").stdout
    csv_ko = run_cli("--lang", "ko", "validate", "invalid.ttl", "-f", "csv")
    assert csv_ko.stdout.splitlines()[0].startswith("severity,focusNode")  # machine formats are not translated


# --- Ctrl-C ---------------------------------------------------------------------------------------------------

def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", [*OUTPUTS, ("synth", "--triples", "100")], ids=_id)
def test_ctrl_c_while_writing_leaves_the_old_file(run_cli, home, monkeypatch, command):
    target = Path("result" + next(iter(OUTPUTS.get(command, {".nt": None}))))
    target.write_text("the old result\n", encoding="utf-8")
    monkeypatch.setattr("mougraph.io.os.replace", _interrupt)  # the last step of every atomic write
    result = run_cli(*command, "-o", target)
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.stderr
    assert target.read_text(encoding="utf-8") == "the old result\n"
    assert sorted(p.name for p in Path().iterdir() if p.name.startswith(".")) == []  # no temporary file left


@pytest.mark.parametrize("command", READERS, ids=_id)
def test_ctrl_c_while_loading_exits_130(run_cli, home, monkeypatch, command):
    monkeypatch.setattr("mougraph.store.load_files", _interrupt)
    result = run_cli(*command)
    assert result.exit_code == 130
    assert "Traceback" not in result.output


def test_ctrl_c_during_build_leaves_the_folder_as_it_was(run_cli, home, monkeypatch):
    assert run_cli("build", "-o", "b").exit_code == 0
    before = {p: p.read_bytes() for p in Path("b").rglob("*") if p.is_file()}
    monkeypatch.setattr(sys.modules["mougraph.build"], "export_many", _interrupt)  # (mougraph.build: the function)
    result = run_cli("build", "-o", "b", "--no-inferred")
    assert result.exit_code == 130
    assert {p: p.read_bytes() for p in Path("b").rglob("*") if p.is_file()} == before


def test_query_dash_reads_the_query_from_stdin(run_cli, home):
    text = "PREFIX mg: <https://w3id.org/mougraph/ontology#>\nSELECT ?a WHERE { ?a a mg:Agreement } ORDER BY ?a\n"
    from_stdin = run_cli("query", "-", "-f", "csv", input=text)
    assert from_stdin.exit_code == 0, from_stdin.output
    assert from_stdin.stdout == run_cli("query", text, "-f", "csv").stdout
    assert from_stdin.stdout.splitlines()[0] == "a"
    both = run_cli("query", "-", "-", "--input-format", "ttl", input=text)
    assert both.exit_code == 2


def test_verbose_says_what_it_reads(run_cli, home):
    result = run_cli("-v", "validate", "-o", "r.json")
    assert "data: the shipped data/" in result.stderr and "engine: " in result.stderr
