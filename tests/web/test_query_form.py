"""The query page's form for a shipped query's parameters binds them as ``mougraph query --param`` does.

Python cuts each query where its values go (``params.browser_form``); ``static/params.js`` checks a value, writes
it as a SPARQL term and joins the pieces. Both sides are compared here on the shipped queries, with good and bad
values: the browser's text is the command line's, and a value the command line refuses the browser refuses.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mougraph.errors import QueryError
from mougraph.publishing.examples import split_comment
from mougraph.publishing.pages import static_dir
from mougraph.query.params import bind, browser_form, browser_rules, declared, fill, slots
from tests.support.paths import QUERIES

PARAMS_JS = static_dir() / "params.js"
HANGUL = re.compile("[\uac00-\ud7a3]")
PARAMETERISED = [p for p in sorted(QUERIES.glob("*.rq")) if declared(p.read_text(encoding="utf-8"), p.name)]

IRI_VALUES = ["*", "agr:seoul-sejong-2016", "gov:sejong", "mg:Organisation", "src:news-article-2023-04-10",
              "<https://w3id.org/mougraph/id/agreement/seoul-daejeon-2015>", "https://example.org/a",
              "urn:x:y", " agr:seoul-sejong-2016 ", "agr:서울-세종", "time:hasBeginning",
              # refused: spaces, an unknown prefix, an injection, a quote, no IRI at all
              "https://example.org/a b", "seoul sejong", "nope:x", "<http://x> } SELECT * { ?s ?p ?o",
              'http://x>" . }', "<>", "", "agr:a/b", "<agr:seoul-sejong-2016>", "agr:<x>"]
DATE_VALUES = ["*", "2023-04-11", "2024-02-29", " 2023-04-10 ",
               # refused: not a day, or more than a day (rdflib alone would drop the time or zone)
               "2023-02-29", "2023-13-45", "0000-01-01", "2023-04-10T09:00", "2023-04-10+09:00", "2023-4-10",
               "yesterday", '2023-04-10"^^<x', ""]


def cases() -> list[tuple[str, dict]]:
    """(query file name, values given): defaults, then each parameter given each test value, the others not."""
    out = []
    for path in PARAMETERISED:
        out.append((path.name, {}))
        for param in declared(path.read_text(encoding="utf-8"), path.name):
            values = IRI_VALUES if param.kind == "IRI" else DATE_VALUES
            out += [(path.name, {param.name: [v]}) for v in values]
            if param.many:
                out.append((path.name, {param.name: ["*", IRI_VALUES[1], IRI_VALUES[5]]}))
                out.append((path.name, {param.name: [IRI_VALUES[1], "seoul sejong"]}))
    return out


def python_body(text: str, given: dict) -> str | None:
    """What the editor gets from the command line's rule: the body of ``bind``'s text, None when refused."""
    try:
        return split_comment(bind(text, given))[1]
    except QueryError:
        return None


def form_of(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return browser_form(text, split_comment(text)[1], path.name)


def test_every_parameterised_shipped_query_has_a_form():
    assert [p.name for p in PARAMETERISED] == [
        "cq01-partners.report.rq", "cq02-agreement-domains.report.rq", "cq03-shared-domains.report.rq",
        "cq06-schedule.report.rq", "cq10-sources-agreement.report.rq", "value-sources.report.rq"]
    for path in PARAMETERISED:
        form = form_of(path)
        assert form is not None, path.name
        assert set(form["template"][1::2]) == {p["name"] for p in form["params"]}, path.name
    day = form_of(QUERIES / "cq06-schedule.report.rq")["params"][0]
    assert day == {"name": "day", "type": "xsd:date", "many": False, "defaults": ["2023-04-10"],
                   "description": "the day of the schedule ('*': every day with a programme)",
                   "datatype": "http://www.w3.org/2001/XMLSchema#date",
                   "descriptions": {"ko": "일정의 날짜 ('*': 프로그램이 있는 모든 날)",
                                    "en": "the day of the schedule ('*': every day with a programme)"}}
    for path in PARAMETERISED:  # a label for the Korean page in Korean
        assert all(HANGUL.search(p["descriptions"]["ko"]) for p in form_of(path)["params"]), path.name
    assert browser_form("SELECT * { ?s ?p ?o }") is None


def test_the_template_is_the_text_cut_at_its_slots():
    text = ("# param: a IRI+ default <urn:a> -- an a\n# VALUES ?a { UNDEF } in a comment stays\n"
            "SELECT * { VALUES ?a {UNDEF} ?a ?p ?o . VALUES  ?A { UNDEF } }\n")
    parts = slots(text, declared(text))
    assert parts == ["# param: a IRI+ default <urn:a> -- an a\n# VALUES ?a { UNDEF } in a comment stays\n"
                     "SELECT * { VALUES ?a { ", "a", " } ?a ?p ?o . VALUES ?a { ", "a", " } }\n"]
    assert fill(parts, {"a": "<urn:b>"}).count("VALUES ?a { <urn:b> }") == 2


@pytest.mark.parametrize("path", PARAMETERISED, ids=lambda p: p.name)
def test_the_page_template_is_the_body_of_the_bound_text(path):
    """Cut after its comment (the editor's text) or whole (bind's), the query takes its values alike."""
    text = path.read_text(encoding="utf-8")
    form = form_of(path)
    cells = {p["name"]: f"<urn:{p['name']}>" for p in form["params"]}
    assert fill(form["template"], cells) == split_comment(fill(slots(text, declared(text)), cells))[1]
    assert fill(form["template"], cells).count("<urn:") == len(form["template"]) // 2
    assert python_body(text, {}) == fill(form["template"], {
        p["name"]: python_body(text, {}).split(f"VALUES ?{p['name']} {{ ", 1)[1].split(" }", 1)[0]
        for p in form["params"]})


NODE = shutil.which("node") or shutil.which("nodejs")
# on CI (CI=true, where .ci/run installs nodejs) a missing node fails the test instead of skipping it
NO_NODE = NODE is None and os.environ.get("CI") != "true"


@pytest.mark.skipif(NO_NODE, reason="needs node to run static/params.js")
def test_the_browser_binds_as_the_command_line():
    todo = cases()
    forms = {p.name: form_of(p) for p in PARAMETERISED}
    script = """
const api = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const r = api.rules(input.rules);
const out = input.cases.map(([name, given]) => {
  const got = api.bind(r, input.forms[name], given);
  return got.text === undefined ? null : got.text;
});
process.stdout.write(JSON.stringify(out));
"""
    run = subprocess.run([NODE, "-e", script, str(PARAMS_JS)], check=True, capture_output=True, text=True,
                         input=json.dumps({"rules": browser_rules(), "forms": forms, "cases": todo}), timeout=60)
    browser = json.loads(run.stdout)
    texts = {p.name: p.read_text(encoding="utf-8") for p in PARAMETERISED}
    refused = 0
    for (name, given), got in zip(todo, browser, strict=True):
        expected = python_body(texts[name], given)
        refused += expected is None
        assert got == expected, f"{name} {given}: the browser wrote\n{got}\nthe command line\n{expected}"
    assert refused > len(todo) / 4  # the bad values were tried, and refused on both sides


@pytest.mark.skipif(NO_NODE, reason="needs node to run static/params.js")
def test_the_browser_reports_which_value_is_refused():
    script = """
const api = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(api.bind(api.rules(input.rules), input.form, {day: ["2023-02-30"]})));
"""
    form = form_of(QUERIES / "cq06-schedule.report.rq")
    run = subprocess.run([NODE, "-e", script, str(PARAMS_JS)], check=True, capture_output=True, text=True,
                         input=json.dumps({"rules": browser_rules(), "form": form}), timeout=60)
    assert json.loads(run.stdout) == {"refused": [{"name": "day", "value": "2023-02-30"}]}


@pytest.fixture(scope="module")
def query_pages() -> dict[tuple[bool, str], str]:
    """The query page, served (static False) and published (static True), in each language: its HTML."""
    from mougraph.publishing.documents import Publication
    from mougraph.store import load_all

    graph = load_all()
    out = {}
    for static in (False, True):
        pub = Publication(graph, static=static)
        for lang in ("ko", "en"):
            out[static, lang] = pub.pages.query_page(lang)
    return out


def _parse(html: str):
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.attrs: dict[str, dict] = {}
            self.scripts: list[str] = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "id" in attrs:
                self.attrs[attrs["id"]] = attrs
            if tag == "script" and "src" in attrs:
                self.scripts.append(attrs["src"])

    collect = Collect()
    collect.feed(html)
    return collect


@pytest.mark.parametrize("static", [False, True], ids=["served", "published"])
def test_the_query_page_carries_each_query_form_and_the_rules(query_pages, static):
    for lang in ("ko", "en"):
        page = _parse(query_pages[static, lang])
        assert json.loads(page.attrs["params"]["data-rules"]) == browser_rules()
        assert any(src.endswith("static/params.js") for src in page.scripts)
        assert page.scripts.index(next(s for s in page.scripts if s.endswith("params.js"))) < \
            page.scripts.index(next(s for s in page.scripts if s.endswith("query.js")))
        for path in PARAMETERISED:
            name = path.name[: -len(".rq")]
            assert json.loads(page.attrs[f"example-{name}"]["data-form"]) == form_of(path), name
        assert "data-form" not in page.attrs["example-cq04-earlier-agreements.report"]


def test_the_form_speaks_the_page_language(query_pages):
    ko = json.loads(_parse(query_pages[False, "ko"]).attrs["params"]["data-words"])
    en = json.loads(_parse(query_pages[False, "en"]).attrs["params"]["data-words"])
    assert ko["bad_date"] == "{name}: ‘{value}’은(는) 날짜가 아닙니다. 실제 날짜를 YYYY-MM-DD로 적어 주세요."
    assert en["bad_iri"].startswith("{name}: '{value}' is not an IRI")
    assert set(ko) == set(en) >= {"bad_iri", "bad_date", "empty", "any", "add", "remove"}
    assert "질의의 매개변수" in query_pages[False, "ko"] and "The query&#39;s parameters" in query_pages[False, "en"]
