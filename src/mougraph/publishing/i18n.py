"""The words of the publishing layer, in Korean and English: the one catalogue of its user-facing text.

:data:`MESSAGES` maps a message id to its text in each language of
:data:`mougraph.publishing.negotiation.LANGUAGES`. A ``{name}`` in a text is where a value goes
(:meth:`str.format`). Python asks :func:`message` (one language) or :func:`translations` (every
language, for the RDF it writes); the templates read ``t.<id>`` or call ``t("<id>", name=value)``,
``t`` being the catalogue in the page's language (:class:`Messages`, a global of each language's
Jinja environment). Ids are written out literally wherever they are used, so that
``tests/web/test_i18n.py`` can check that every id used is here and every id here is used.

Labels of the data (organisations, agreements, classes) come from the graph, not from here;
format and product names (Turtle, SPARQL, mougraph) and the plain-text answers of the SPARQL
endpoint are not translated.
"""

from __future__ import annotations

from mougraph.publishing.negotiation import LANGUAGES

MESSAGES: dict[str, dict[str, str]] = {
    # --- every page (templates/base.html.j2) and the bar on the ontology documentation --------------
    "lang_name": {"ko": "한국어", "en": "English"},
    "tagline": {"ko": "지방자치단체 간 협력 협약 지식 그래프",
                "en": "Knowledge graph of cooperation agreements between Korean local governments"},
    "home": {"ko": "처음", "en": "Home"},
    "query": {"ko": "SPARQL 질의", "en": "SPARQL query"},
    "ontology": {"ko": "온톨로지", "en": "Ontology"},
    "dataset": {"ko": "데이터셋 설명", "en": "Dataset description"},
    "context": {"ko": "JSON-LD 컨텍스트", "en": "JSON-LD context"},

    # --- the home page (templates/home.html.j2) ------------------------------------------------------
    "triples": {"ko": "트리플", "en": "triples"},
    "agreements_n": {"ko": "협약", "en": "agreements"},
    "organisations": {"ko": "기관", "en": "organisations"},
    "source_documents": {"ko": "출처 문서", "en": "source documents"},
    "network": {"ko": "누가 누구와 협력하는가", "en": "Who cooperates with whom"},
    "network_caption": {
        "ko": "점은 지방자치단체와 기관, 선은 협약이며 색과 숫자는 체결 연도입니다. 점 안의 숫자는 협약 수입니다. "
              "점선은 연도만 알려진 협약입니다.",
        "en": "Nodes are local governments and other bodies, edges are agreements, coloured and labelled by year. "
              "The number in a node counts its agreements. Dashed edges are agreements known only by year."},
    "timeline": {"ko": "협약 연표", "en": "Timeline of agreements"},
    "timeline_caption": {"ko": "점은 날짜가 알려진 협약, 띠는 연도만 알려진 협약입니다.",
                         "en": "Dots are agreements known to the day, bands agreements known only by year."},
    "agreements": {"ko": "협약 목록", "en": "Agreements"},
    "downloads": {"ko": "내려받기", "en": "Downloads"},
    "ontology_docs": {"ko": "온톨로지 문서", "en": "Ontology documentation"},
    "void": {"ko": "VoID/DCAT 설명", "en": "VoID/DCAT description"},
    "license": {"ko": "라이선스", "en": "License"},

    # --- the page of a resource (templates/resource.html.j2, macros.html.j2) -----------------------
    "other_formats": {"ko": "다른 형식", "en": "Other formats"},
    "agreement": {"ko": "협약 요약", "en": "The agreement at a glance"},
    "parties": {"ko": "당사자", "en": "Parties"},
    "date": {"ko": "날짜", "en": "Date"},
    "kind": {"ko": "유형", "en": "Kind"},
    "status": {"ko": "상태", "en": "Status"},
    "domains": {"ko": "협력 분야", "en": "Cooperation domains"},
    "stated_count": {"ko": "문서가 밝힌 분야 수: {n}", "en": "number of domains the source states: {n}"},
    "position": {"ko": "순서", "en": "#"},
    "concept": {"ko": "분야 개념", "en": "domain concept"},
    "wording": {"ko": "문서의 표현", "en": "wording in the source"},
    "theme": {"ko": "주제", "en": "theme"},
    "commitments": {"ko": "약속", "en": "Commitments"},
    "in_domain": {"ko": "분야", "en": "domain"},
    "committed_by": {"ko": "누가", "en": "who"},
    "action": {"ko": "무엇을", "en": "does what"},
    "beneficiary": {"ko": "누구를 위해", "en": "for whom"},
    "ceremony": {"ko": "협약식", "en": "Signing ceremony"},
    "begins": {"ko": "시작", "en": "begins"},
    "ends": {"ko": "끝", "en": "ends"},
    "place": {"ko": "장소", "en": "place"},
    "open_to_press": {"ko": "언론 공개", "en": "open to the press"},
    "yes": {"ko": "예", "en": "yes"},
    "no": {"ko": "아니요", "en": "no"},
    "signatures": {"ko": "서명", "en": "Signatures"},
    "signatory": {"ko": "서명자", "en": "signatory"},
    "on_behalf_of": {"ko": "대표한 당사자", "en": "for"},
    "office": {"ko": "직위", "en": "office"},
    "acting": {"ko": "권한대행", "en": "acting"},
    "lineage": {"ko": "계승 관계", "en": "Lineage"},
    "builds_on": {"ko": "이 협약이 이어받은 협약", "en": "builds on"},
    "built_on_by": {"ko": "이 협약을 이어받은 협약", "en": "built on by"},
    "properties": {"ko": "속성", "en": "Properties"},
    "property": {"ko": "속성", "en": "Property"},
    "value": {"ko": "값", "en": "Value"},
    "conflicts": {"ko": "출처 간 불일치", "en": "Where the sources disagree"},
    "claim": {"ko": "주장", "en": "Claim"},
    "stated_by": {"ko": "근거", "en": "stated by"},
    "line": {"ko": "줄 {n}", "en": "line {n}"},
    "sources": {"ko": "출처", "en": "Sources"},
    "sources_intro": {"ko": "이 자원에 관한 사실을 말하는 문서의 줄:",
                      "en": "The lines of the documents that state facts about this resource:"},
    "no_sources": {"ko": "출처가 기록되지 않았습니다.", "en": "No sources are recorded."},
    "incoming": {"ko": "이 자원을 가리키는 자원", "en": "Resources that point here"},

    # --- the query page (templates/query.html.j2) ----------------------------------------------------
    "query_intro": {
        "ko": "SPARQL 1.1 프로토콜 엔드포인트: GET 또는 POST, 결과는 Accept에 따라 JSON, XML, CSV, TSV"
              "(그래프는 Turtle, JSON-LD, N-Triples). 읽기 전용입니다.",
        "en": "A SPARQL 1.1 Protocol endpoint: GET or POST, results as JSON, XML, CSV or TSV by Accept "
              "(graphs as Turtle, JSON-LD, N-Triples). Read-only."},
    "endpoint": {"ko": "엔드포인트", "en": "Endpoint"},
    "examples": {"ko": "예시 질의 (역량 질문)", "en": "Example queries (competency questions)"},
    "no_examples": {"ko": "예시 질의가 없습니다.", "en": "No example queries."},
    "run": {"ko": "실행", "en": "Run"},
    "load": {"ko": "편집기에 넣기", "en": "Load into the editor"},
    "results_stored": {"ko": "미리 계산한 결과 ({rows} 행)", "en": "precomputed result ({rows} rows)"},
    "more": {"ko": "… {n} 더 보기", "en": "… {n} more"},

    # --- the page for a missing resource (templates/notfound.html.j2) -------------------------------
    "not_found": {"ko": "찾을 수 없습니다", "en": "Not found"},
    "not_found_text": {"ko": "이 IRI의 자원은 데이터셋에 없습니다.", "en": "The dataset has no resource with this IRI."},

    # --- the pictures (pictures.py) -------------------------------------------------------------------
    "network_picture": {"ko": "협약 관계망: 지방자치단체와 기관(점), 협약(선)",
                        "en": "Cooperation network: local governments and bodies (nodes), agreements (edges)"},
    "timeline_picture": {"ko": "협약 연표", "en": "Timeline of agreements"},
    "known_by_year": {"ko": "연도만 알려진 협약", "en": "known only by year"},
    "no_agreements": {"ko": "협약이 없습니다", "en": "no agreements"},

    # --- the dataset description (describe.py) --------------------------------------------------------
    "dataset_title": {"ko": "mougraph: 지방자치단체 간 협력 협약 지식 그래프",
                      "en": "mougraph: knowledge graph of cooperation agreements between Korean local governments"},
    "dataset_description": {
        "ko": "지방자치단체가 서로 맺는 협약(업무협약, 우호교류, 자매결연, 교류강화 협약, 상생협력 협약)의 지식 그래프: "
              "누가 누구와 언제 무엇을 두고 협력하는지, 어느 협약이 어느 협약을 강화했는지, 누가 서명했고 무엇을 "
              "약속했는지, 그리고 각 사실을 어느 문서의 어느 줄이 말하는지.",
        "en": "A knowledge graph of the cooperation agreements Korean local governments sign with each other "
              "(MOUs, friendship exchange, sister-city ties, exchange-strengthening and multi-party co-prosperity "
              "agreements): who cooperates with whom, since when, on what, which agreement strengthened which, "
              "who signed, what was promised, and which line of which document says so."},
    # one dcat:keyword each, separated by ", "
    "dataset_keywords": {"ko": "업무협약, 지방자치단체, 우호교류, 자매결연, 지역협력",
                         "en": "memorandum of understanding, local government, intercity cooperation, sister city, "
                               "Korea"},
    "catalogue_title": {"ko": "mougraph 데이터 목록", "en": "mougraph data catalogue"},
    "catalogue_description": {"ko": "mougraph 지식 그래프와 그 SPARQL 엔드포인트.",
                              "en": "The mougraph knowledge graph and its SPARQL endpoint."},
    "download_title": {"ko": "{format} 내려받기", "en": "{format} download"},
    "data_service_title": {"ko": "mougraph SPARQL 엔드포인트", "en": "mougraph SPARQL endpoint"},
    "data_service_description": {"ko": "SPARQL 1.1 프로토콜, 읽기 전용.", "en": "SPARQL 1.1 Protocol, read-only."},
    "sparql_access_title": {"ko": "SPARQL 엔드포인트로 조회", "en": "Query through the SPARQL endpoint"},

    # --- the SPARQL service description (server/sparql.py) -------------------------------------------
    "service_limits": {"ko": "읽기 전용. 질의는 {timeout:g}초 뒤에 멈추고, 결과는 {limit}행(트리플)까지만 돌려준다.",
                       "en": "Read-only. Queries are stopped after {timeout:g} s; results are cut at {limit} rows or "
                             "triples."},

    # --- the plain ontology page when pyLODE cannot make one (ontodoc.py) --------------------------
    "classes": {"ko": "클래스", "en": "Classes"},
    "ontodoc_unavailable": {"ko": "(pyLODE를 쓸 수 없음: {reason})", "en": "(pyLODE unavailable: {reason})"},
}


def message(message_id: str, lang: str, **values) -> str:
    """The text of ``message_id`` in ``lang``, with ``values`` put in its ``{name}`` placeholders."""
    text = MESSAGES[message_id][lang]
    return text.format(**values) if values else text


def translations(message_id: str, **values) -> dict[str, str]:
    """The text of ``message_id`` in every language, in the order of ``LANGUAGES``: ``{lang: text}``."""
    return {lang: message(message_id, lang, **values) for lang in LANGUAGES}


class Messages:
    """The catalogue in one language, as the templates read it: ``t.home``, ``t("line", n=3)``.

    An unknown id reads as Jinja's undefined (an empty string), like any missing attribute in a
    template; the test of the catalogue is what keeps the templates' ids known.
    """

    def __init__(self, lang: str):
        self.lang = lang

    def __getattr__(self, message_id: str) -> str:
        try:
            return MESSAGES[message_id][self.lang]
        except KeyError:
            raise AttributeError(message_id) from None

    def __call__(self, message_id: str, **values) -> str:
        return message(message_id, self.lang, **values)
