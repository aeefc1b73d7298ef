"""Facts that follow from the two source documents, worked out by hand (not by running the code).

Press release (PR) and news article (NA) of 2023-04-10:
- PR 19-21, NA 14: Seoul signs exchange-strengthening MOUs with Sejong and with Daejeon on 2023-04-10;
- PR 26: Seoul and Sejong signed a friendship exchange agreement in 2016 (culture, agricultural sales support,
  personnel exchange), which the 2023 one builds on; PR 39: Seoul and Daejeon, 2015 (culture, SME support);
- PR 49: Seoul has earlier agreements with 전라남도 ('04), 제주특별자치도 ('09) and 광주광역시 ('17);
- PR 25 / NA 18 and PR 38 / NA 29: the seven domains of each 2023 agreement.

So Seoul's partners are 세종, 대전, 전라남도, 제주, 광주, and nobody else cooperates with anyone else; each 2023
agreement descends from exactly one earlier agreement; the domains each agreement covers are the concepts its
listed domains stand for (the mapping of wordings to concepts is the SKOS scheme's).
"""

ID = "https://w3id.org/mougraph/id/"
MG = "https://w3id.org/mougraph/ontology#"


def org(name):
    return f"{ID}org/{name}"


def agreement(name):
    return f"{ID}agreement/{name}"


def domain(name):
    return f"{ID}domain/{name}"


SEOUL_PARTNERS = {org(n) for n in ("sejong", "daejeon", "jeollanam-do", "jeju", "gwangju")}

COOPERATES_WITH = {(org("seoul"), p) for p in SEOUL_PARTNERS} | {(p, org("seoul")) for p in SEOUL_PARTNERS}

PARTY_TO = {
    (org("seoul"), agreement(a)) for a in (
        "seoul-jeollanam-do-2004", "seoul-jeju-2009", "seoul-daejeon-2015", "seoul-sejong-2016",
        "seoul-gwangju-2017", "seoul-sejong-2023", "seoul-daejeon-2023")
} | {
    (org("sejong"), agreement("seoul-sejong-2016")), (org("sejong"), agreement("seoul-sejong-2023")),
    (org("daejeon"), agreement("seoul-daejeon-2015")), (org("daejeon"), agreement("seoul-daejeon-2023")),
    (org("jeollanam-do"), agreement("seoul-jeollanam-do-2004")), (org("jeju"), agreement("seoul-jeju-2009")),
    (org("gwangju"), agreement("seoul-gwangju-2017")),
}

LINEAGE = {
    (agreement("seoul-sejong-2023"), agreement("seoul-sejong-2016")),
    (agreement("seoul-daejeon-2023"), agreement("seoul-daejeon-2015")),
}

COVERS_DOMAIN = {
    (agreement("seoul-sejong-2023"), domain(d)) for d in (
        "hometown-love-donation", "design-policy", "carbon-neutral-cooperation", "cyber-security-industry",
        "garden-city", "hangeul-culture-arts", "civil-servant-training")
} | {
    (agreement("seoul-daejeon-2023"), domain(d)) for d in (
        "hometown-love-donation", "design-policy", "carbon-neutral-cooperation", "mice-marketing",
        "tram-construction", "sports-exchange", "joint-promotion")
} | {
    (agreement("seoul-sejong-2016"), domain(d)) for d in ("culture", "agri-product-sales", "personnel-exchange")
} | {
    (agreement("seoul-daejeon-2015"), domain(d)) for d in ("culture", "sme-support")
}

#: Some class memberships that only the class hierarchy, domains and ranges give.
TYPES = {
    (org("seoul"), c) for c in (
        MG + "Organisation", "http://www.w3.org/ns/org#Organization", "http://xmlns.com/foaf/0.1/Organization",
        "http://data.europa.eu/m8g/PublicOrganisation", "https://schema.org/GovernmentOrganization")
} | {
    (f"{ID}event/2023-04-10-seoul-sejong-ceremony", c) for c in (
        MG + "Event", "https://schema.org/Event", "http://www.w3.org/2006/time#ProperInterval")
} | {
    (f"{ID}kind/exchange-strengthening-mou", MG + "AgreementKind"),  # rdfs:range of mg:kind
    (f"{ID}status/announced", MG + "AgreementStatus"),  # rdfs:range of mg:status
}


def pairs(facts, prop):
    return {(s, o) for s, p, o in facts if p == prop}
