"""The macros written in Python (``terms.agreement_table_html``, ``nameds_html``, ``passage_html``) give the bytes
of the Jinja macros they replaced (``agreement_table``, ``named``, ``nameds``, ``date_cell``, ``passage``), kept
here as the reference."""

import pytest
from jinja2 import DictLoader, Environment

from mougraph.publishing.i18n import Messages
from mougraph.publishing.pages import page_environment

MACROS = """\
{% set value, values, cites, cited = value_html, values_html, cites_html, cited_html %}
{% macro named(v) -%}
{{ value(v) }}{% if v.now %} <small class="now">({{ t("now_named", name=v.now) }})</small>{% endif %}
{%- endmacro %}
{% macro nameds(vs, sep=", ") -%}
{% for v in vs %}{{ named(v) }}{% if not loop.last %}{{ sep }}{% endif %}{% endfor %}
{%- endmacro %}
{% macro passage(p, numbered=true) -%}
<li{% if numbered %} id="source-{{ p.n }}"{% endif %}>{% if numbered %}<span class="n">[{{ p.n }}]</span>{% endif %}
  {{ value(p.document) }}{% if p.line %}, {% if p.passage %}<a href="{{ p.passage.href }}">{{ t("line", n=p.line) }}\
</a>{% else %}{{ t("line", n=p.line) }}{% endif %}{% endif %}
  {% if p.quote %}<blockquote lang="ko">{{ p.quote }}</blockquote>{% endif %}
</li>
{%- endmacro %}
{% macro date_cell(d, key) -%}
<td data-sort="{{ key }}">{% if d %}{{ value(d) }}{% endif %}</td>
{%- endmacro %}
{% macro agreement_table(rows, partners=true, via=false) -%}
<div class="table-wrap"><table class="agreements sortable">
<thead><tr><th>{{ t.date }}</th><th>{{ t.agreement_col }}</th>{% if partners %}<th>{{ t.partners }}</th>{% endif %}\
<th>{{ t.kind }}</th><th>{{ t.status }}</th><th>{% if via %}{{ t.via_domain }}{% else %}{{ t.themes }}{% endif %}\
</th></tr></thead>
<tbody>
{% for r in rows %}
<tr>{{ date_cell(r.date, r.date_key) }}<td>{{ cited(r.agreement) }}</td>{% if partners %}<td>{{ nameds(r.partners) }}\
</td>{% endif %}<td>{{ values(r.kind) }}</td><td>{{ values(r.status) }}</td>
<td>{% if via %}{% for c in r.via %}{{ value(c) }}{% if c.wording %} <small lang="ko">({{ c.wording | join(", ") }})\
</small>{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}{% else %}{{ values(r.themes) }}{% endif %}</td></tr>
{% endfor %}
</tbody></table></div>
{%- endmacro %}
"""

ROWS = [
    {"date": {"text": "2021년 3월 4일", "sort": "2021-03-04", "href": "../../time/2021-03-04", "iri": "x:d"},
     "date_key": "2021-03-04",
     "agreement": {"text": "A & B <협약>", "href": "../../agreement/a", "iri": "x:a", "sources": [1, 2]},
     "partners": [{"text": "전라북도", "lang": "ko", "href": "../jb", "iri": "x:jb", "now": "전북특별자치도"},
                  {"text": "Busan", "href": "../busan", "iri": "x:busan"}],
     "kind": [{"text": "MOU", "href": "../../kind/mou", "iri": "x:mou"}],
     "status": [{"text": "signed", "raw": "s", "sort": "s"}],
     "themes": [{"text": "tourism", "href": "t", "iri": "x:t"}, {"text": "http://x.org/long", "iri": "x:l"}],
     "via": [{"text": "trams", "href": "tr", "iri": "x:tr", "wording": ["트램 <건설>", "노면전차"]},
             {"text": "roads", "href": "ro", "iri": "x:ro", "wording": []}]},
    {"date": None, "date_key": "9999", "agreement": {"text": "no date", "iri": "x:n"}, "partners": [],
     "kind": [], "status": [], "themes": [], "via": []},
    {"date_key": None, "agreement": {"text": "bare", "lang": "ko", "datatype": "xsd:string"}},
]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("partners, via", [(True, False), (False, True), (True, True), (False, False)])
def test_the_table_is_the_bytes_of_the_macros_it_replaced(lang, partners, via):
    pages = page_environment(lang)
    reference = Environment(loader=DictLoader({"m": MACROS}), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    reference.globals.update({k: pages.globals[k] for k in ("value_html", "values_html", "cites_html", "cited_html")})
    reference.globals["t"] = Messages(lang)
    call = "{% from 'm' import agreement_table %}{{ agreement_table(rows, partners=p, via=v) }}"
    expected = reference.from_string(call).render(rows=ROWS, p=partners, v=via)
    ours = pages.from_string("{% from 'macros.html.j2' import agreement_table %}"
                             "{{ agreement_table(rows, partners=p, via=v) }}").render(rows=ROWS, p=partners, v=via)
    assert ours == expected
    assert "&lt;협약&gt;" in ours and ("전북특별자치도" in ours) == partners and ("노면전차" in ours) == via


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_nameds_is_the_bytes_of_the_macro_it_replaced(lang):
    pages = page_environment(lang)
    reference = Environment(loader=DictLoader({"m": MACROS}), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    reference.globals.update({k: pages.globals[k] for k in ("value_html", "values_html", "cites_html", "cited_html")})
    reference.globals["t"] = Messages(lang)
    for sep in (", ", " & "):
        expected = reference.from_string("{% from 'm' import nameds %}{{ nameds(vs, s) }}").render(
            vs=ROWS[0]["partners"], s=sep)
        ours = pages.from_string("{% from 'macros.html.j2' import nameds %}{{ nameds(vs, s) }}").render(
            vs=ROWS[0]["partners"], s=sep)
        assert ours == expected and "now" in ours


PASSAGES = [
    {"n": 3, "document": {"text": "보도자료 <1>", "href": "../../doc/a", "iri": "x:doc"}, "line": 12,
     "passage": {"href": "../../doc/a#line-12"}, "quote": "두 도시는 <협력>한다 & 약속한다"},
    {"n": 14, "document": {"text": "no line", "iri": "x:b"}, "line": None, "passage": None, "quote": None},
    {"n": 15, "document": {"text": "line, no passage page", "href": "b"}, "line": 7, "quote": ""},
]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("numbered", [True, False])
def test_passage_is_the_bytes_of_the_macro_it_replaced(lang, numbered):
    pages = page_environment(lang)
    reference = Environment(loader=DictLoader({"m": MACROS}), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    reference.globals.update({k: pages.globals[k] for k in ("value_html", "values_html", "cites_html", "cited_html")})
    reference.globals["t"] = Messages(lang)
    call = "{% for p in ps %}{{ passage(p, numbered=n) }}{% endfor %}"
    expected = reference.from_string("{% from 'm' import passage %}" + call).render(ps=PASSAGES, n=numbered)
    ours = pages.from_string("{% from 'macros.html.j2' import passage %}" + call).render(ps=PASSAGES, n=numbered)
    assert ours == expected
    assert "&lt;협력&gt;" in ours and ('id="source-14"' in ours) == numbered
