from pathlib import Path

import mougraph
import mougraph.validation as validation_module
from tests.support.cli import needs_script, run_script

BAD = Path(__file__).parents[1] / "store" / "fixtures" / "bad-syntax.ttl"


def test_version(run_cli):
    result = run_cli("--version")
    assert result.exit_code == 0
    assert mougraph.__version__ in result.stdout


def test_usage_errors_exit_2(run_cli, home):
    assert run_cli("no-such-command").exit_code == 2
    assert run_cli("export", "-f", "png").exit_code == 2
    assert run_cli("query").exit_code == 2  # missing QUERY


def test_unexpected_error_is_short_without_debug(run_cli, home, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("something odd")

    monkeypatch.setattr(validation_module, "validate", boom)
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "mougraph: internal error: RuntimeError: something odd" in result.stderr
    assert "Traceback" not in result.output

    debug = run_cli("--debug", "validate")
    assert debug.exit_code == 2
    assert "Traceback" in debug.stderr

    monkeypatch.setenv("MOUGRAPH_DEBUG", "1")
    assert "Traceback" in run_cli("validate").stderr


@needs_script
def test_installed_script_runs(home):
    result = run_script("query", "q01", "-f", "csv", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "partner,name"


@needs_script
def test_installed_script_reports_errors_without_traceback(home):
    result = run_script("validate", BAD, home=home)
    assert result.returncode == 2
    assert result.stderr.startswith("mougraph: error: ")
    assert "bad-syntax.ttl:6" in result.stderr
    assert "Traceback" not in result.stderr
