"""The two invented documents (tests/ingest/documents/, marked invented): what each states, read from its text
by hand and written here, against the draft."""

from __future__ import annotations

ID = "https://w3id.org/mougraph/id/"
P = """PREFIX mg: <https://w3id.org/mougraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
"""


def rows(graph, query):
    return {tuple(str(v).removeprefix(ID) for v in row) for row in graph.query(P + query)}


AGREEMENTS = """SELECT ?a ?kind ?status ?date WHERE { ?a a mg:Agreement ; mg:kind ?kind ; mg:status ?status ;
    mg:date ?date . FILTER (CONTAINS(STR(?a), "/agreement-")) }"""


def by_parties(graph):
    out = {}
    for a, kind, status, date in rows(graph, AGREEMENTS):
        parties = frozenset(p for (p,) in rows(graph, f"SELECT ?p WHERE {{ <{ID}{a}> mg:party ?p }}"))
        out[parties] = (ID + a, kind, status, date)
    return out


# 단양군 lg-43800, 보성군 lg-46780, 영주시 lg-47210 (the gazetteer's keys of the bodies the text names)
DANYANG, BOSEONG, YEONGJU = "org/lg-43800", "org/lg-46780", "org/lg-47210"


def test_korean_several_agreements_kinds_and_status(drafts):
    draft, graph, _ = drafts["korean"]
    found = by_parties(graph)
    boseong = found[frozenset({DANYANG, BOSEONG})]
    yeongju = found[frozenset({DANYANG, YEONGJU})]
    assert boseong[1:] == ("kind/co-prosperity", "status/signed", "instant/2024-05-21")  # line 5: 21일 … 체결했다
    assert yeongju[1:] == ("kind/sister-city", "status/signed", "instant/2024-05-21")  # line 10: 자매결연 … 맺었다
    assert len(found) == 3  # and the one announced with 광주시 (line 18)


def test_korean_ambiguous_partner_and_unknown_day_are_questions(drafts):
    draft, graph, _ = drafts["korean"]
    kinds = {q.what for q in draft.questions}
    assert {"ambiguous-name", "missing-date", "count-list"} <= kinds  # 광주시; 다음 달; 5개 분야 with four listed
    asked = next(q for q in draft.questions if q.what == "ambiguous-name")
    assert "경기도 광주시" in asked.text_ko and "광주광역시" in asked.text_ko
    assert not rows(graph, "SELECT ?a WHERE { ?a mg:party <https://w3id.org/mougraph/id/org/gwangju> }")


def test_korean_acting_head_and_remote_signing(drafts):
    _, graph, _ = drafts["korean"]
    signers = rows(graph, """SELECT ?name ?acting WHERE { ?a mg:signature ?s . ?s mg:signatory ?p ; mg:inTerm ?t .
        ?p rdfs:label ?name . ?t mg:acting ?acting }""")
    assert signers == {("김철수", "true"), ("박영희", "false"), ("오영수", "false")}
    remote = rows(graph, """SELECT ?name WHERE { ?e mg:participation ?x . ?x mg:remote true ;
        mg:participantAgent ?p . ?p rdfs:label ?name }""")
    assert remote == {("박영희",)}


def test_korean_attendee_is_not_a_signatory(drafts):
    _, graph, _ = drafts["korean"]
    attendees = rows(graph, """SELECT ?name WHERE { ?e a mg:SigningCeremony ; mg:participant ?p . ?p rdfs:label ?name .
        FILTER NOT EXISTS { ?s mg:signatory ?p } }""")
    assert attendees == {("이민호",)}


def test_korean_places_domains_earlier_and_transfers(drafts):
    _, graph, _ = drafts["korean"]
    assert rows(graph, "SELECT ?room ?floor WHERE { ?r a mg:Room ; rdfs:label ?room ; mg:floor ?floor }") == \
        {("대회의실", "3"), ("소회의실", "2")}
    boseong = by_parties(graph)[frozenset({DANYANG, BOSEONG})][0]
    items = rows(graph, f"""SELECT ?n ?w WHERE {{ <{boseong}> mg:listsDomain ?l .
        ?l mg:position ?n ; mg:wording ?w }}""")
    assert items == {("1", "농촌 관광 활성화"), ("2", "농특산물 판매 지원"), ("3", "청소년 교류"),
                     ("4", "재난 안전 협력")}
    assert not rows(graph, f"SELECT ?n WHERE {{ <{boseong}> mg:statedDomainCount ?n }}")  # 5 ≠ 4: left out
    earlier = rows(graph, f"""SELECT ?y WHERE {{ <{boseong}> mg:strengthens ?e . ?e mg:date ?i .
        ?i time:inXSDgYear ?y }}""")
    assert earlier == {("2019",)}
    assert rows(graph, "SELECT ?to ?amount WHERE { ?d a mg:Donation ; mg:recipient ?to ; mg:amount ?amount }") == \
        {(BOSEONG, "1000000")}
    assert len(rows(graph, "SELECT ?g WHERE { ?g a mg:Gift ; mg:mutual true }")) == 2


BORYEONG, GANGNEUNG = "org/lg-44180", "org/lg-42150"


def test_english_article(drafts):
    draft, graph, _ = drafts["english"]
    found = by_parties(graph)
    assert found[frozenset({BORYEONG, GANGNEUNG})][1:] == \
        ("kind/friendship-exchange", "status/signed", "instant/2024-09-12")  # "on the 12th", published the 13th
    assert rows(graph, "SELECT ?b WHERE { ?e a mg:SigningCeremony ; time:hasBeginning ?b }") == \
        {("instant/2024-09-12T14:00",)}  # "at 2 p.m."
    signers = """SELECT ?name WHERE { ?s mg:signatory ?p . ?p rdfs:label ?name . FILTER (lang(?name) = "en") }"""
    assert rows(graph, signers) == {("Park Ji-won",), ("Choi Seung-ho",)}
    assert rows(graph, "SELECT ?w WHERE { ?l a mg:ListedDomain ; mg:wording ?w }") == \
        {("tourism",), ("youth exchange",), ("smart farming",), ("disaster safety",), ("culture",)}
    assert rows(graph, "SELECT ?n WHERE { ?a mg:statedDomainCount ?n }") == {("5",)}
    assert rows(graph, """SELECT ?k ?y WHERE { ?a mg:buildsOn ?e . ?e mg:kind ?k ; mg:date ?i .
        ?i time:inXSDgYear ?y }""") == {("kind/sister-city", "2015")}
    assert rows(graph, "SELECT ?to ?amount WHERE { ?d a mg:Donation ; mg:recipient ?to ; mg:amount ?amount }") == \
        {(BORYEONG, "1000000")}
    assert rows(graph, "SELECT ?floor WHERE { ?r a mg:Room ; mg:floor ?floor }") == {("3",)}


def test_english_article_gets_english_labels_not_copies_of_korean_ones(drafts):
    """Regression: an English document's signatures and domain items were labelled only in Korean words."""
    _, graph, _ = drafts["english"]
    labels = """SELECT ?label WHERE { ?x a mg:%s ; rdfs:label ?label . FILTER (lang(?label) = "en") }"""
    assert rows(graph, labels % "Signature") == {("signature of Park Ji-won",), ("signature of Choi Seung-ho",)}
    assert {label for (label,) in rows(graph, labels % "ListedDomain")} == {
        "domain 1: tourism", "domain 2: youth exchange", "domain 3: smart farming", "domain 4: disaster safety",
        "domain 5: culture"}


# 춘천시 lg-42110, 원주시 lg-42130 (the gazetteer's keys); 한국관광공사 is no local government
CHUNCHEON, WONJU = "org/lg-42110", "org/lg-42130"


def test_press_release_of_a_three_party_agreement(drafts):
    """The invented press release: one agreement of three (a list of partners, the signatories of all three),
    a numbered list of domains below its sentence, a schedule table, a gift exchanged by two of the parties, an
    earlier agreement of two of them ("맺은 바 있으며") that the new one broadens."""
    _, graph, _ = drafts["three-party"]
    found = by_parties(graph)
    assert len(found) == 1
    (parties, (agreement, kind, status, date)), = found.items()
    assert {CHUNCHEON, WONJU} < parties and len(parties) == 3
    assert (kind, status, date) == ("kind/mou", "status/signed", "instant/2025-11-05")
    assert rows(graph, "SELECT ?b ?e WHERE { ?x a mg:SigningCeremony ; time:hasBeginning ?b ; time:hasEnd ?e }") == \
        {("instant/2025-11-05T14:00", "instant/2025-11-05T14:30")}
    assert rows(graph, "SELECT ?b ?e WHERE { ?x a mg:Meeting ; time:hasBeginning ?b ; time:hasEnd ?e }") == \
        {("instant/2025-11-05T13:40", "instant/2025-11-05T14:00")}
    signers = """SELECT ?name ?acting WHERE { ?s mg:signatory ?p ; mg:inTerm ?t . ?p rdfs:label ?name .
        ?t mg:acting ?acting }"""
    assert rows(graph, signers) == {("정민우", "true"), ("고은서", "false"), ("남궁현", "false")}
    assert rows(graph, "SELECT ?n ?w WHERE { ?a mg:listsDomain ?l . ?l mg:position ?n ; mg:wording ?w }") == {
        ("1", "공동 관광 홍보"), ("2", "시외버스·철도 교통 연계"), ("3", "지역 축제 교류"), ("4", "관광 인력 교육")}
    assert rows(graph, "SELECT ?n WHERE { ?a mg:statedDomainCount ?n }") == {("4",)}
    earlier = """SELECT ?k ?y WHERE { ?a mg:strengthens ?e . ?e mg:kind ?k ; mg:date ?i . ?i time:inXSDgYear ?y }"""
    assert rows(graph, earlier) == {("kind/friendship-exchange", "2018")}
    gifts = "SELECT ?to ?mutual WHERE { ?g a mg:Gift ; mg:recipient ?to ; mg:mutual ?mutual }"
    assert rows(graph, gifts) == {(CHUNCHEON, "true"), (WONJU, "true")}


JEONJU = "org/lg-45110"  # 전주시


def test_article_of_an_agreement_with_a_city_abroad(drafts):
    """The invented article: a partner abroad named with its country ("일본 가나자와시"), then without it; its mayor's
    two-word name; bullets before the count ("▲A ▲B ▲C 등 3개 분야"); an earlier sister-city tie of "두 도시"."""
    _, graph, _ = drafts["abroad"]
    found = by_parties(graph)
    assert len(found) == 1
    (parties, (_agreement, kind, status, date)), = found.items()
    assert JEONJU in parties and len(parties) == 2
    assert (status, date) == ("status/signed", "instant/2024-10-07")  # "7일", published the 8th
    abroad = """SELECT ?name ?country WHERE { ?a a mg:Agreement ; mg:party ?o . ?o rdfs:label ?name ;
        <https://schema.org/location> ?country }"""
    assert rows(graph, abroad) == {("가나자와시", "country/japan")}
    signers = "SELECT ?name WHERE { ?s mg:signatory ?p . ?p rdfs:label ?name }"
    assert rows(graph, signers) == {("우범기",), ("무라야마 다쿠",)}
    assert rows(graph, "SELECT ?n ?w WHERE { ?a mg:listsDomain ?l . ?l mg:position ?n ; mg:wording ?w }") == {
        ("1", "전통문화 교류"), ("2", "관광 상품 공동 개발"), ("3", "청소년 홈스테이")}
    assert rows(graph, "SELECT ?c WHERE { ?a mg:domainListComplete ?c }") == {("true",)}
    earlier = """SELECT ?k ?y WHERE { ?a mg:buildsOn ?e . ?e mg:kind ?k ; mg:date ?i . ?i time:inXSDgYear ?y }"""
    assert rows(graph, earlier) == {("kind/sister-city", "1994")}
    gifts = "SELECT ?to ?mutual WHERE { ?g a mg:Gift ; mg:recipient ?to ; mg:mutual ?mutual }"
    assert {mutual for _to, mutual in rows(graph, gifts)} == {"false"} and len(rows(graph, gifts)) == 1


SUWON, HWASEONG = "org/lg-41110", "org/lg-41750"  # 수원시, 화성시 (the gazetteer's keys: `mougraph resolve 화성시`)


def test_english_article_with_a_weekday_and_the_cities(drafts):
    """The invented English article: "on Wednesday" is the Wednesday before its publication (Thursday 2023-06-15),
    "at 3 p.m." the ceremony's time, "The cities first signed … in 2014" an earlier agreement of the two, and
    English domain words mapped to concepts."""
    _, graph, _ = drafts["weekday"]
    found = by_parties(graph)
    assert set(found) == {frozenset({SUWON, HWASEONG})}
    assert found[frozenset({SUWON, HWASEONG})][1:] == ("kind/mou", "status/signed", "instant/2023-06-14")
    assert rows(graph, "SELECT ?b WHERE { ?e a mg:SigningCeremony ; time:hasBeginning ?b }") == \
        {("instant/2023-06-14T15:00",)}
    assert rows(graph, "SELECT ?w ?c WHERE { ?l a mg:ListedDomain ; mg:wording ?w ; mg:domainConcept ?c }") == {
        ("bus routes", "domain/transport"), ("bicycle roads", "domain/transport"),
        ("air quality", "domain/environment"), ("flood control", "domain/disaster-safety")}
    earlier = """SELECT ?k ?y WHERE { ?a mg:buildsOn ?e . ?e mg:kind ?k ; mg:date ?i . ?i time:inXSDgYear ?y }"""
    assert rows(graph, earlier) == {("kind/friendship-exchange", "2014")}


GYEONGJU = "org/lg-47130"  # 경주시


def test_english_article_of_a_city_abroad(drafts):
    """The invented English article: "Nara, Japan" is a body abroad (and "Nara" after it, "Mayor … of Nara" its
    head); the sentence dating this agreement also names the year the ties began ("began in 1970"), which it renews."""
    _, graph, _ = drafts["english-abroad"]
    found = by_parties(graph)
    assert len(found) == 1
    (parties, (_agreement, _kind, status, date)), = found.items()
    assert GYEONGJU in parties and len(parties) == 2
    assert (status, date) == ("status/signed", "instant/2022-11-02")
    abroad = """SELECT ?name ?country WHERE { ?a a mg:Agreement ; mg:party ?o . ?o rdfs:label ?name ;
        <https://schema.org/location> ?country }"""
    assert rows(graph, abroad) == {("Nara", "country/japan")}
    assert rows(graph, """SELECT ?l WHERE { <https://w3id.org/mougraph/id/country/japan> rdfs:label ?l }""") == \
        {("Japan",), ("일본",)}
    signers = "SELECT ?name WHERE { ?s mg:signatory ?p . ?p rdfs:label ?name . FILTER (lang(?name) = 'en') }"
    assert rows(graph, signers) == {("Ju Nak-young",), ("Nakagawa Gen",)}
    earlier = """SELECT ?k ?y WHERE { ?a mg:renews ?e . ?e mg:kind ?k ; mg:date ?i . ?i time:inXSDgYear ?y }"""
    assert rows(graph, earlier) == {("kind/sister-city", "1970")}
