"""The words of the command line, in Korean and English: the one catalogue of its own text.

The pages have theirs (:mod:`mougraph.publishing.i18n`); no text is in both. What the data says (labels,
the shapes' messages) comes from the graph in the chosen language, and machine formats (CSV, JSON, RDF) are
never translated. Error messages (``mougraph: error: ...``) stay in English, as the libraries' do, so that
they can be searched for. ``--lang`` chooses, by default the locale (``LANG``, ``LC_ALL``).
"""

from __future__ import annotations

LANGUAGES = ("ko", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- every command ------------------------------------------------------------------------------------
    "warning": {"ko": "경고", "en": "warning"},
    "data_deprecated": {"ko": "--data는 다음 릴리스에서 없어집니다. 데이터를 인자로 주십시오: mougraph {command} FILE...",
                        "en": "--data is deprecated and goes in the next release; give the data as arguments: "
                              "mougraph {command} FILE..."},
    "option_deprecated": {"ko": "{old}는 다음 릴리스에서 없어집니다. {new}를 쓰십시오.",
                          "en": "{old} is deprecated and goes in the next release; use {new}"},
    "interrupted": {"ko": "중단됨: 출력은 실행 전 그대로입니다.",
                    "en": "interrupted: every output is as it was before the run"},
    "columns_hidden": {"ko": "보이지 않는 열: {columns} (더 넓은 터미널이나 -f csv에서 모두 보입니다)",
                       "en": "columns not shown: {columns} (a wider terminal or -f csv shows them)"},
    "rows": {"ko": "{n}행", "en": "{n} row(s)"},

    # --- validate -----------------------------------------------------------------------------------------
    "validation_title": {"ko": "SHACL 검증 결과", "en": "SHACL validation results"},
    "severity": {"ko": "심각도", "en": "severity"},
    "focus_node": {"ko": "대상 노드", "en": "focus node"},
    "path": {"ko": "경로", "en": "path"},
    "message": {"ko": "메시지", "en": "message"},
    "Violation": {"ko": "위반", "en": "Violation"},
    "Warning": {"ko": "경고", "en": "Warning"},
    "Info": {"ko": "정보", "en": "Info"},
    "conforms": {"ko": "적합", "en": "conforms"},
    "does_not_conform": {"ko": "부적합", "en": "does not conform"},
    "summary": {"ko": "{verdict}: 위반 {violation}건, 경고 {warning}건, 정보 {info}건 ({fail_on} 이상이면 실패)",
                "en": "{verdict}: {violation} violation(s), {warning} warning(s), {info} info(s) (fail on {fail_on})"},
    "summary_never": {"ko": "{verdict}: 위반 {violation}건, 경고 {warning}건, 정보 {info}건 (--fail-on none: 실패하지 않음)",
                      "en": "{verdict}: {violation} violation(s), {warning} warning(s), {info} info(s) "
                            "(--fail-on none: never fails)"},
    "fallback": {"ko": "참고: {shape}은(는) pySHACL이 검증했습니다: {why}",
                 "en": "note: pySHACL validated {shape}: {why}"},
    "filtered": {"ko": "걸러냄: 결과 {total}건 중 {kept}건 (--focus, --shape)",
                 "en": "filtered: {kept} of {total} result(s) (--focus, --shape)"},
    "incremental": {"ko": "증분 검증: 초점 노드 {nodes}개를 다시 검증, 경로로 좁힐 수 없는 셰이프 {shapes}개는 전체 검증 "
                          "({seconds}초)",
                    "en": "incremental: {nodes} focus node(s) validated again, {shapes} shape(s) that paths "
                          "cannot bound validated in full ({seconds} s)"},
    "incremental_full": {"ko": "증분 검증: 전체를 다시 검증했습니다: {why}",
                         "en": "incremental: validated everything again: {why}"},

    # --- query --------------------------------------------------------------------------------------------
    "queries_title": {"ko": "제공되는 질의", "en": "Shipped queries"},
    "query_name": {"ko": "이름", "en": "name"},
    "role": {"ko": "역할", "en": "role"},
    "question": {"ko": "질문", "en": "question"},
    "parameters": {"ko": "매개변수", "en": "parameters"},
    "report": {"ko": "보고", "en": "report"},
    "check": {"ko": "점검", "en": "check"},
    "construct": {"ko": "구성", "en": "construct"},
    "queries_hint": {"ko": "실행: mougraph query 이름 (앞부분만 써도 됩니다. 예: cq01)",
                     "en": "run one: mougraph query NAME (a unique prefix will do, e.g. cq01)"},

    # --- reason -------------------------------------------------------------------------------------------
    "reasoner_rules": {"ko": "규칙 기반 점검 (mougraph.reasoning.rules + mougraph.reasoning.diagnose, DL 추론기 없음)",
                       "en": "rule-based check (mougraph.reasoning.rules + mougraph.reasoning.diagnose, no DL reasoner)"},
    "reasoner_dl": {"ko": "{name} (OWL 2 DL, owlready2로 실행)", "en": "{name} (OWL 2 DL, through owlready2)"},
    "reasoner_line": {"ko": "추론기:     {name}, {seconds:.1f} s", "en": "reasoner:     {name}, {seconds:.1f} s"},
    "inconsistent": {"ko": "일관성:     [bold red]없음[/]: 모순 {n}건", "en": "consistent:   [bold red]no[/]: {n} contradiction(s) found"},
    "no_culprit": {"ko": "추론기는 설명을 주지 않으며, mougraph의 진단(서로소 클래스, 함수형 속성, 기수, 비반사·비대칭·서로소 속성, 데이터형 범위)도 원인을 찾지 못했습니다: 모순은 다른 공리에서 옵니다",
                   "en": "the reasoner gives no explanation, and mougraph's diagnosis (disjoint classes, functional properties, cardinalities, irreflexive, asymmetric and disjoint properties, datatype ranges) found no culprit: the contradiction involves other axioms"},
    "consistent_yes": {"ko": "일관성:     있음", "en": "consistent:   yes"},
    "unsatisfiable": {"ko": "클래스:     [bold red]충족 불가능 {n}개[/] (인스턴스를 가질 수 없음):",
                      "en": "classes:      [bold red]{n} unsatisfiable[/] (can have no instance):"},
    "all_satisfiable": {"ko": "클래스:     모두 충족 가능", "en": "classes:      all satisfiable"},
    "entailed": {"ko": "함의:       이름 있는 개체의 클래스 소속과 객체 속성 값 {n}개, 그중 {new}개는 단언되지 않음",
                 "en": "entailed:     {n} class memberships and object property values of named individuals, {new} of them not asserted"},

    # --- conflicts ----------------------------------------------------------------------------------------
    "conflicts_title": {"ko": "출처가 서로 다르게 진술하는 사실", "en": "Facts on which the sources disagree"},
    "resource": {"ko": "자원", "en": "resource"},
    "property": {"ko": "속성", "en": "property"},
    "value": {"ko": "값", "en": "value"},
    "source": {"ko": "출처", "en": "source"},
    "line": {"ko": "줄", "en": "line"},
    "conflict": {"ko": "불일치", "en": "conflict"},
    "conflicts_summary": {"ko": "불일치 {n}건, 주장된 값 {claims}개", "en": "{n} disagreement(s), {claims} claimed value(s)"},
    "no_conflicts": {"ko": "기록된 불일치 없음", "en": "no disagreements recorded"},

    # --- build --------------------------------------------------------------------------------------------
    "build_graph": {"ko": "그래프:   트리플 {triples}개, 클래스 {classes}개, 인스턴스 {instances}개",
                    "en": "graph:      {triples} triples, {classes} classes, {instances} instances"},
    "build_validation": {"ko": "검증:     {summary}", "en": "validation: {summary}"},
    "build_queries": {"ko": "질의:     {passed}/{total} 통과", "en": "queries:    {passed}/{total} passed"},
    "build_not_compared": {"ko": " (다른 데이터: 보고 질의의 기대 답은 제공 데이터의 것이라 비교하지 않음)",
                           "en": " (report queries not compared: their expected answers are for the shipped data)"},
    "build_inference": {"ko": "추론:     규칙으로 트리플 {n}개 추론 ({seconds:.1f}초), 단언된 것과 함께 내보냄",
                        "en": "inference:  {n} triples inferred by the rules ({seconds:.1f} s), "
                              "exported with the asserted ones"},
    "build_files": {"ko": "파일:     {n}개를 {folder}/에 씀", "en": "files:      {n} written to {folder}/"},
    "build_ok": {"ko": "빌드 성공", "en": "build OK"},
    "build_failed": {"ko": "빌드 실패 (문제 {n}건)", "en": "build FAILED ({n} problem(s))"},
    "fail": {"ko": "실패", "en": "FAIL"},

    # --- publish, push, synth -----------------------------------------------------------------------------
    "publish_failed": {"ko": "게시 실패: 데이터셋 설명이 형상에 맞지 않습니다 ({summary})",
                       "en": "publish FAILED: the dataset description does not conform ({summary})"},
    "publish_site": {"ko": "사이트:   파일 {n}개를 {folder}/에 씀 (자원 {resources}개)",
                     "en": "site:        {n} files written to {folder}/ ({resources} resources)"},
    "publish_base": {"ko": "기준 IRI: {base}", "en": "base IRI:    {base}"},
    "publish_description": {"ko": "설명:     {summary}", "en": "description: {summary}"},
    "publish_hosting": {"ko": "웹 서버:  {folder}/.htaccess(Apache)나 {folder}/nginx-mougraph.conf(nginx)를 쓰면 각 IRI가 "
                               "내용 협상으로 답한다(docs/publishing.md)",
                        "en": "web server:  {folder}/.htaccess (Apache) or {folder}/nginx-mougraph.conf (nginx) make "
                              "a host answer each IRI by content negotiation (docs/publishing.md)"},
    "publish_ok": {"ko": "게시 성공: {index}을(를) 여십시오", "en": "publish OK: open {index}"},
    "pushed": {"ko": "트리플 {n}개를 {endpoint}의 {graph}에 올림 ({protocol})",
               "en": "pushed {n} triples to {graph} at {endpoint} ({protocol})"},
    "default_graph": {"ko": "기본 그래프", "en": "the default graph"},
    "synth_written": {"ko": "합성 그래프: 트리플 {triples}개, 협약 {agreements}개, 기관 {organisations}개 -> {path}",
                      "en": "synthetic graph: {triples} triples, {agreements} agreements, "
                            "{organisations} organisations -> {path}"},
    "synth_injected": {"ko": "주입한 위반: {n}건 -> {path}", "en": "injected:        {n} violations -> {path}"},
}


def message(key: str, lang: str = "en", **values) -> str:
    """The text of ``key`` in ``lang`` (English when it has none), with ``values`` filled in."""
    texts = MESSAGES[key]
    text = texts.get(lang) or texts["en"]
    return text.format(**values) if values else text
