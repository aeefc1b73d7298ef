"""The ontology's documentation page (pyLODE) is the same bytes in every process, whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = ("import sys; from mougraph.store import load_ontology; from mougraph.publishing.ontodoc import ontology_html; "
        "sys.stdout.buffer.write(ontology_html(load_ontology(), sys.argv[1]).encode())")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_ontology_page_does_not_depend_on_the_hash_seed(lang):
    """Regression: pyLODE listed terms, and wrote its schema.org JSON-LD, in an order that changed between runs."""
    pages = {subprocess.run([sys.executable, "-c", CODE, lang], env={**os.environ, "PYTHONHASHSEED": seed},
                            capture_output=True, check=True, timeout=300).stdout for seed in ("1", "2", "3", "4")}
    assert len(pages) == 1
    page = pages.pop().decode("utf-8")
    assert f'<html lang="{lang}">' in page and 'id="Agreement"' in page
