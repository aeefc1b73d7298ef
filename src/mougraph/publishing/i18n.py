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
              "실선은 체결된 협약, 점선은 발표되었거나 예정된 협약입니다.",
        "en": "Nodes are local governments and other bodies, edges are agreements, coloured and labelled by year. "
              "The number in a node counts its agreements. Solid edges are signed agreements, dashed ones announced "
              "or planned."},
    "timeline": {"ko": "협약 연표", "en": "Timeline of agreements"},
    "timeline_caption": {"ko": "점은 날짜가 알려진 협약, 띠는 연도만 알려진 협약입니다. 속이 빈 표시는 발표되었거나 예정된 "
                               "협약입니다.",
                         "en": "Dots are agreements known to the day, bands agreements known only by year. Hollow "
                               "marks are announced or planned agreements."},
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
    "inverse_of": {"ko": "'{property}'(으)로 이것을 가리키는 자원", "en": "that have it as {property}"},

    # --- the views of the kinds of things (templates/kind_*.html.j2) ---------------------------------
    "agreement_col": {"ko": "협약", "en": "Agreement"},
    "partners": {"ko": "상대", "en": "Partners"},
    "themes": {"ko": "주제", "en": "Themes"},
    "via_domain": {"ko": "든 분야", "en": "Listed domain"},
    "details": {"ko": "자세히", "en": "details"},
    "agenda": {"ko": "순서", "en": "agenda"},
    "schedule": {"ko": "그날의 일정", "en": "The day's schedule"},
    "event": {"ko": "행사", "en": "Event"},
    "donations": {"ko": "기부와 선물", "en": "Donations and gifts"},
    "names": {"ko": "이름", "en": "Names"},
    "short_names": {"ko": "약칭과 다른 이름", "en": "Short and other names"},
    "tier": {"ko": "유형", "en": "Tier"},
    "parent": {"ko": "상위", "en": "Within"},
    "within": {"ko": "관할 안의 지방자치단체", "en": "Local governments within it"},
    "units": {"ko": "하위 조직", "en": "Units"},
    "elsewhere": {"ko": "다른 곳의 같은 항목", "en": "Elsewhere"},
    "names_over_time": {"ko": "시기별 명칭", "en": "Names over time"},
    "name": {"ko": "명칭", "en": "Name"},
    "valid_from": {"ko": "부터", "en": "From"},
    "valid_until": {"ko": "까지", "en": "Until"},
    "history": {"ko": "연혁", "en": "History"},
    "legal_dong_code": {"ko": "법정동코드", "en": "Legal district code"},
    "history_change": {"ko": "바뀐 것", "en": "What changed"},
    "history_renamed": {"ko": "명칭", "en": "name"},
    "history_tier": {"ko": "유형", "en": "tier"},
    "history_parent": {"ko": "상위", "en": "parent"},
    "history_code": {"ko": "코드", "en": "code"},
    "predecessors": {"ko": "이전 기관", "en": "Preceded by"},
    "successors": {"ko": "승계 기관", "en": "Succeeded by"},
    "history_ended": {"ko": "{day}까지 존속", "en": "Existed until {day}"},
    "history_source": {"ko": "법정동코드 등록부에서 만든 참조 그래프(data/reference/)에 따름. 첫 날짜가 등록부의 첫 날일 수 있습니다.",
                       "en": "From the reference graph (data/reference/), generated from the legal district registry; "
                             "the first day may be the registry's own first day."},
    "now_named": {"ko": "현 {name}", "en": "now {name}"},
    "its_agreements": {"ko": "협약", "en": "Its agreements"},
    "no_agreements_here": {"ko": "기록된 협약이 없습니다.", "en": "No agreements are recorded."},
    "signed_for_it": {"ko": "이 기관을 대표해 서명한 사람", "en": "People who signed for it"},
    "offices": {"ko": "직위", "en": "Offices"},
    "donations_received": {"ko": "받은 기부", "en": "Donations received"},
    "mentioned_in": {"ko": "이 기관을 언급한 문서", "en": "Documents that mention it"},
    "offices_held": {"ko": "맡은 직위", "en": "Offices held"},
    "organisation": {"ko": "기관", "en": "Body"},
    "not_stated": {"ko": "출처에 없음", "en": "not stated"},
    "none_recorded": {"ko": "기록이 없습니다.", "en": "None recorded."},
    "agreements_signed": {"ko": "서명한 협약", "en": "Agreements signed"},
    "events": {"ko": "참여한 행사", "en": "Events attended"},
    "passages": {"ko": "문서의 줄과 그 줄이 말하는 것", "en": "Its passages and what each states"},
    "line_col": {"ko": "줄", "en": "Line"},
    "text": {"ko": "본문", "en": "Text"},
    "states": {"ko": "말하는 자원", "en": "States facts about"},
    "no_passages": {"ko": "기록된 줄이 없습니다.", "en": "No passages are recorded."},
    "narrower": {"ko": "하위 분야", "en": "Narrower domains"},
    "agreements_under": {"ko": "이 분야의 협약", "en": "Agreements in this domain"},
    "parties_under": {"ko": "이 분야의 당사자", "en": "Parties in this domain"},
    "n_agreements": {"ko": "협약 {n}건", "en": "{n} agreements"},

    # --- finding things (templates/index.html.j2, search.html.j2, base.html.j2) --------------------
    "browse": {"ko": "찾아보기", "en": "Browse"},
    "browse_intro": {"ko": "데이터셋의 자원을 종류별로 봅니다.", "en": "The resources of the dataset, by kind."},
    "n_items": {"ko": "{n}개", "en": "{n} items"},
    "filter": {"ko": "거르기", "en": "Filter"},
    "other_language_name": {"ko": "영어 이름", "en": "Korean name"},
    "type": {"ko": "유형", "en": "Type"},
    "search": {"ko": "검색", "en": "Search"},
    "search_placeholder": {"ko": "이름, 약칭, 영어 이름", "en": "name, short name, Korean name"},
    "search_hint": {"ko": "지방자치단체, 협약, 사람, 문서의 이름(한국어, 영어, 약칭)으로 찾습니다.",
                    "en": "Find local governments, agreements, people and documents by name (Korean, English or "
                          "short)."},
    "search_none": {"ko": "찾은 것이 없습니다.", "en": "Nothing found."},
    "search_count": {"ko": "{n}개를 찾았습니다.", "en": "{n} found."},
    "search_unavailable": {"ko": "검색 목록을 불러오지 못했습니다.", "en": "The search index could not be loaded."},

    "publisher": {"ko": "발행", "en": "Publisher"},
    "keywords": {"ko": "핵심어", "en": "Keywords"},
    "what_is_in_it": {"ko": "무엇이 들어 있나", "en": "What is in it"},
    "count": {"ko": "수", "en": "Count"},
    "media_type": {"ko": "미디어 유형", "en": "Media type"},
    "size": {"ko": "크기(바이트)", "en": "Size (bytes)"},

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

    "question": {"ko": "질문", "en": "Question"},
    "static_no_server": {"ko": "이 정적 사이트에는 SPARQL 서버가 없고, 이 브라우저는 내장 SPARQL 엔진을 불러오지 "
                               "못했습니다. 아래 예시 질의의 답은 사이트를 만들 때 미리 계산한 것입니다. 질의를 직접 "
                               "실행하려면 mougraph serve를 쓰세요.",
                         "en": "This static site has no SPARQL server, and this browser could not load the built-in "
                               "SPARQL engine. The answers of the example queries below were computed when the site "
                               "was published; to run queries of your own, use mougraph serve."},
    "static_answer": {"ko": "미리 계산한 답을 보여 줍니다.", "en": "Showing the precomputed answer."},
    "static_loading": {"ko": "브라우저에서 SPARQL 엔진(Oxigraph)과 데이터를 불러오는 중입니다…",
                       "en": "Loading the SPARQL engine (Oxigraph) and the data in the browser…"},
    "static_ready": {"ko": "질의는 이 브라우저 안에서 Oxigraph로 실행됩니다(서버와 같은 엔진). 결과가 많으면 느릴 수 "
                           "있습니다.",
                     "en": "Queries run in this browser, on Oxigraph (the server's engine). Large answers may be "
                           "slow."},
    # the form of a shipped query's parameters (pages.param_words; static/query.js fills {name} and {value})
    "param_heading": {"ko": "질의의 매개변수", "en": "The query's parameters"},
    "param_run": {"ko": "이 값으로 실행", "en": "Run with these values"},
    "param_reset": {"ko": "기본값으로", "en": "Back to the defaults"},
    "param_any": {"ko": "모두 (*)", "en": "any (*)"},
    "param_add": {"ko": "값 추가", "en": "Add a value"},
    "param_remove": {"ko": "빼기", "en": "Remove"},
    "param_iri_hint": {"ko": "<https://…> 또는 agr:… 같은 접두 이름", "en": "<https://…> or a prefixed name like agr:…"},
    "param_bad_iri": {"ko": "{name}: ‘{value}’은(는) IRI가 아닙니다. <https://…>나 이 질의의 접두 이름(agr:… 등)으로, "
                            "공백 없이 적어 주세요.",
                      "en": "{name}: '{value}' is not an IRI; write <https://…> or a prefixed name of this query "
                            "(agr:… and the like), without spaces."},
    "param_bad_date": {"ko": "{name}: ‘{value}’은(는) 날짜가 아닙니다. 실제 날짜를 YYYY-MM-DD로 적어 주세요.",
                       "en": "{name}: '{value}' is not a date; give a real day as YYYY-MM-DD."},
    "param_bad_value": {"ko": "{name}: ‘{value}’은(는) 이 매개변수의 값이 될 수 없습니다.",
                        "en": "{name}: '{value}' is not a value this parameter takes."},
    "param_empty": {"ko": "{name}: 값을 적거나 ‘모두’를 고르세요.", "en": "{name}: give a value, or tick 'any'."},
    # YASGUI's own words, swapped in by static/query.js (the English is YASGUI's, unchanged)
    "yasgui_simple_view": {"ko": "간단히 보기", "en": "Simple view"},
    "yasgui_ellipse": {"ko": "줄여 보기", "en": "Ellipse"},
    "yasgui_filter": {"ko": "결과 거르기", "en": "Filter query results"},
    "yasgui_page_size": {"ko": "쪽당 행 수: ", "en": "Page size: "},
    "yasgui_download": {"ko": "결과 내려받기", "en": "Download result"},
    "yasgui_run": {"ko": "질의 실행", "en": "Run query"},
    "yasgui_share": {"ko": "질의 공유", "en": "Share query"},
    "yasgui_add_tab": {"ko": "탭 추가", "en": "Add tab"},
    "yasgui_close_tab": {"ko": "탭 닫기", "en": "Close tab"},
    "yasgui_show_all": {"ko": "모두 보기", "en": "Show all"},
    "yasgui_table": {"ko": "표", "en": "Table"},
    "yasgui_response": {"ko": "응답 원문", "en": "Response"},
    "yasgui_no_data": {"ko": "결과가 없습니다", "en": "No data available in table"},
    "yasgui_endpoint": {"ko": "엔드포인트 검색 또는 추가", "en": "Search or add an endpoint"},
    "yasgui_showing": {"ko": "_TOTAL_개 중 _START_–_END_", "en": "Showing _START_ to _END_ of _TOTAL_ _ENTRIES-TOTAL_"},
    "yasgui_query": {"ko": "질의", "en": "Query"},

    # --- the page for a missing resource (templates/notfound.html.j2) -------------------------------
    "not_found": {"ko": "찾을 수 없습니다", "en": "Not found"},
    "not_found_text": {"ko": "이 IRI의 자원은 데이터셋에 없습니다.", "en": "The dataset has no resource with this IRI."},

    # --- the pictures (pictures.py) -------------------------------------------------------------------
    "network_picture": {"ko": "협약 관계망: 지방자치단체와 기관(점), 협약(선)",
                        "en": "Cooperation network: local governments and bodies (nodes), agreements (edges)"},
    "timeline_picture": {"ko": "협약 연표", "en": "Timeline of agreements"},
    "legend_signed": {"ko": "체결됨", "en": "signed"},
    "legend_announced": {"ko": "발표·예정", "en": "announced or planned"},
    "legend_day": {"ko": "날짜가 알려진 협약", "en": "known to the day"},
    "legend_year": {"ko": "연도만 알려진 협약", "en": "known only by year"},
    "legend_count": {"ko": "기관의 협약 수", "en": "agreements of the body"},
    "no_agreements": {"ko": "협약이 없습니다", "en": "no agreements"},

    # --- values as people read them (values.py) ----------------------------------------------------
    # twelve month names, separated by ","
    "month_names": {"ko": "1월,2월,3월,4월,5월,6월,7월,8월,9월,10월,11월,12월",
                    "en": "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec"},
    "date_year": {"ko": "{year}년", "en": "{year}"},
    "date_month": {"ko": "{year}년 {month}", "en": "{month} {year}"},
    "date_day": {"ko": "{year}년 {month} {day}일", "en": "{day} {month} {year}"},
    "date_before": {"ko": "{date} 이전", "en": "before {date}"},
    "date_after": {"ko": "{date} 이후", "en": "after {date}"},
    "date_between": {"ko": "{after} 이후 {before} 이전", "en": "after {after}, before {before}"},
    "date_unknown": {"ko": "날짜 모름", "en": "date unknown"},
    "duration_days": {"ko": "{n}일", "en": "{n} d"},
    "duration_hours": {"ko": "{n}시간", "en": "{n} h"},
    "duration_minutes": {"ko": "{n}분", "en": "{n} min"},
    "duration_seconds": {"ko": "{n}초", "en": "{n} s"},

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


#: Names of the terms of other vocabularies that the data uses (the graph labels only mougraph's own), by CURIE.
TERM_LABELS: dict[str, dict[str, str]] = {
    "rdf:type": {"ko": "유형", "en": "type"},
    "rdf:subject": {"ko": "주어", "en": "subject"},
    "rdf:predicate": {"ko": "속성", "en": "property"},
    "rdf:object": {"ko": "값", "en": "value"},
    "rdfs:label": {"ko": "이름", "en": "name"},
    "rdfs:seeAlso": {"ko": "참고", "en": "see also"},
    "skos:prefLabel": {"ko": "대표 이름", "en": "preferred name"},
    "skos:altLabel": {"ko": "다른 이름", "en": "other names"},
    "skos:notation": {"ko": "기호", "en": "notation"},
    "skos:note": {"ko": "메모", "en": "note"},
    "skos:editorialNote": {"ko": "편집 메모", "en": "editorial note"},
    "skos:definition": {"ko": "정의", "en": "definition"},
    "skos:broader": {"ko": "상위 개념", "en": "broader"},
    "skos:narrower": {"ko": "하위 개념", "en": "narrower"},
    "skos:related": {"ko": "관련 개념", "en": "related"},
    "skos:inScheme": {"ko": "개념 체계", "en": "in scheme"},
    "skos:topConceptOf": {"ko": "최상위 개념인 체계", "en": "top concept of"},
    "skos:hasTopConcept": {"ko": "최상위 개념", "en": "top concepts"},
    "skos:exactMatch": {"ko": "같은 항목", "en": "same as"},
    "skos:closeMatch": {"ko": "가까운 항목", "en": "close match"},
    "skos:broadMatch": {"ko": "더 넓은 항목", "en": "broader match"},
    "skos:relatedMatch": {"ko": "관련 항목", "en": "related match"},
    "skos:Concept": {"ko": "개념", "en": "concept"},
    "skos:ConceptScheme": {"ko": "개념 체계", "en": "concept scheme"},
    "dcterms:title": {"ko": "제목", "en": "title"},
    "dcterms:description": {"ko": "설명", "en": "description"},
    "dcterms:date": {"ko": "날짜", "en": "date"},
    "dcterms:issued": {"ko": "발행", "en": "issued"},
    "dcterms:created": {"ko": "작성", "en": "created"},
    "dcterms:creator": {"ko": "작성 기관", "en": "creator"},
    "dcterms:publisher": {"ko": "발행 기관", "en": "publisher"},
    "dcterms:language": {"ko": "언어", "en": "language"},
    "dcterms:license": {"ko": "라이선스", "en": "license"},
    "dcterms:source": {"ko": "출처", "en": "source"},
    "foaf:page": {"ko": "웹 페이지", "en": "web page"},
    "foaf:name": {"ko": "이름", "en": "name"},
    "org:hasUnit": {"ko": "하위 조직", "en": "units"},
    "org:unitOf": {"ko": "상위 조직", "en": "unit of"},
    "org:hasSite": {"ko": "청사", "en": "site"},
    "org:postIn": {"ko": "소속 기관", "en": "post in"},
    "schema:telephone": {"ko": "전화", "en": "telephone"},
    "time:Instant": {"ko": "시점", "en": "instant"},
    "time:hasBeginning": {"ko": "시작", "en": "begins"},
    "time:hasEnd": {"ko": "끝", "en": "ends"},
    "time:inXSDDate": {"ko": "날짜", "en": "date"},
    "time:inXSDDateTimeStamp": {"ko": "일시", "en": "date and time"},
    "time:inXSDgYear": {"ko": "연도", "en": "year"},
    "time:inXSDgYearMonth": {"ko": "연월", "en": "month"},
    "time:unitType": {"ko": "정밀도", "en": "precision"},
    "time:before": {"ko": "이전", "en": "before"},
    "time:after": {"ko": "이후", "en": "after"},
    "void:triples": {"ko": "트리플 수", "en": "triples"},
    "void:entities": {"ko": "개체 수", "en": "entities"},
    "void:distinctSubjects": {"ko": "주어 수", "en": "distinct subjects"},
    "void:properties": {"ko": "속성 수", "en": "properties"},
    "void:classes": {"ko": "클래스 수", "en": "classes"},
    "void:sparqlEndpoint": {"ko": "SPARQL 엔드포인트", "en": "SPARQL endpoint"},
    "void:Dataset": {"ko": "데이터셋", "en": "dataset"},
    "dcat:Dataset": {"ko": "데이터셋 (DCAT)", "en": "dataset (DCAT)"},
}

#: A property read from its object's side ("agreements it is party to"), by CURIE; a property with an
#: owl:inverseOf in the ontology is named by its inverse, any other by the message "inverse_of".
INVERSE_LABELS: dict[str, dict[str, str]] = {
    "mg:party": {"ko": "당사자인 협약", "en": "agreements it is party to"},
    "mg:committedBy": {"ko": "맡은 약속", "en": "commitments it makes"},
    "mg:beneficiary": {"ko": "이 기관을 위한 약속", "en": "commitments for it"},
    "mg:signatory": {"ko": "한 서명", "en": "signatures"},
    "mg:onBehalfOf": {"ko": "이 기관을 대표한 서명", "en": "signatures for it"},
    "mg:holder": {"ko": "재임", "en": "terms of office"},
    "mg:office": {"ko": "이 직위의 재임", "en": "terms of this office"},
    "mg:inTerm": {"ko": "이 재임 중의 서명", "en": "signatures in this term"},
    "mg:donor": {"ko": "한 기부", "en": "donations made"},
    "mg:recipient": {"ko": "받은 기부", "en": "donations received"},
    "mg:organiser": {"ko": "주최한 행사", "en": "events it organises"},
    "mg:participant": {"ko": "참여한 행사", "en": "events it takes part in"},
    "mg:operatedBy": {"ko": "운영하는 시설", "en": "facilities it runs"},
    "mg:withinArea": {"ko": "관할 구역 안의 지방자치단체", "en": "local governments within its area"},
    "mg:inDocument": {"ko": "문서의 줄", "en": "passages"},
    "mg:statedIn": {"ko": "이 줄이 말하는 자원", "en": "what it states"},
    "mg:domainConcept": {"ko": "이 분야를 든 협약 항목", "en": "listed in"},
    "mg:inDomain": {"ko": "이 분야의 약속", "en": "commitments in this domain"},
    "mg:listsDomain": {"ko": "이 분야를 든 협약", "en": "agreements listing it"},
    "mg:signingEvent": {"ko": "이 행사에서 서명한 협약", "en": "agreements signed at it"},
    "mg:signature": {"ko": "서명한 협약", "en": "agreement signed"},
    "mg:commitment": {"ko": "약속이 든 협약", "en": "agreement"},
    "mg:date": {"ko": "이 날짜의 자원", "en": "dated by it"},
    "mg:about": {"ko": "이에 관한 불일치", "en": "conflicts about it"},
    "mg:location": {"ko": "여기서 열린 행사", "en": "events held here"},
    "mg:inBuilding": {"ko": "건물 안의 장소", "en": "rooms in it"},
    "mg:kind": {"ko": "이 유형의 협약", "en": "agreements of this kind"},
    "mg:status": {"ko": "이 상태의 협약", "en": "agreements with this status"},
    "mg:tier": {"ko": "이 유형의 지방자치단체", "en": "local governments of this tier"},
    "mg:exchangeOf": {"ko": "기부 교환", "en": "donation exchange"},
    "mg:contactPerson": {"ko": "연락처", "en": "contact points"},
    "mg:contactPoint": {"ko": "연락처로 둔 자원", "en": "contact point of"},
    "org:hasUnit": {"ko": "상위 조직", "en": "unit of"},
    "org:unitOf": {"ko": "하위 조직", "en": "units"},
    "org:postIn": {"ko": "직위", "en": "offices"},
    "dcterms:publisher": {"ko": "발행한 문서", "en": "documents it published"},
    "dcterms:creator": {"ko": "작성한 문서", "en": "documents it wrote"},
    "skos:broader": {"ko": "하위 개념", "en": "narrower concepts"},
    "skos:inScheme": {"ko": "개념", "en": "concepts"},
    "skos:exactMatch": {"ko": "같은 항목", "en": "same as"},
    "rdf:object": {"ko": "이 값을 주장하는 주장", "en": "claims of this value"},
    "time:hasBeginning": {"ko": "이 시각에 시작하는 행사", "en": "events beginning then"},
    "time:hasEnd": {"ko": "이 시각에 끝나는 행사", "en": "events ending then"},
    "rdf:type": {"ko": "이 유형의 자원", "en": "instances"},
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
