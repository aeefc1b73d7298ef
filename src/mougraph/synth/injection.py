"""The kinds of violation ``mougraph synth --error-rate`` injects: :data:`INJECTIONS`, keyed by the shape each breaks.

A kind is one function under :func:`injection`: given the :class:`~mougraph.synth.injector.Injector` and a target
(an agreement or an organisation), it edits the triples so that the target breaks that shape of
``ontology/*.shacl.ttl`` (named in ``mgsh:``) and no other, and returns the focus node the validator will report,
or ``None`` when it cannot break this target. Adding a kind is adding one function; their order is the order in
which the kinds take turns, so it decides what a seed breaks. A target is broken once per ``role`` (``"core"``: its
own triples); kinds under :func:`one_of` break one of its signatures, listed domains, commitments or passages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mougraph.synth.generator import Generator, builds_on_ok
from mougraph.synth.terms import LABEL, ORG, RDF, STATED_IN, TIME, integer, iri, ko, lit, mg, nid

if TYPE_CHECKING:  # the injector imports this registry
    from mougraph.synth.injector import Injector

CORE = "core"


@dataclass(frozen=True)
class Injection:
    """A kind of injected violation: what it breaks, where, and how (``act``)."""

    shape: str  # the name of the shape in mgsh:, the key in INJECTIONS
    kind: str  # the name in the sidecar
    targets: Callable[[Generator], list]  # the agreements or organisations it may break
    role: str | None
    act: Callable[[Injector, object], str | None]
    also: tuple[str, ...] = ()  # other shapes the same edit breaks, on the same focus node

    @property
    def shapes(self) -> tuple[str, ...]:
        return (self.shape, *self.also)


INJECTIONS: dict[str, Injection] = {}


def injection(shape: str, kind: str, targets: Callable[[Generator], list], role: str | None = None, also=()):
    """Register the decorated function as the kind that breaks ``shape``."""
    def register(act):
        if shape in INJECTIONS:
            raise ValueError(f"two injections break mgsh:{shape}: {INJECTIONS[shape].kind}, {kind}")
        INJECTIONS[shape] = Injection(shape, kind, targets, role, act, tuple(also))
        return act
    return register


# --- targets ---------------------------------------------------------------------------------------------------

def detailed(gen):
    return [a for a in gen.agreements if a.detailed]


def isolated(gen):  # without lineage, so that breaking one breaks no mgsh:BuildsOn... shape besides
    return [a for a in gen.agreements if not a.builds_on and not a.built_on_by]


def with_commitments(gen):
    return [a for a in detailed(gen) if a.commitments]


def with_meeting(gen):
    return [a for a in detailed(gen) if a.meeting]


def donating(gen):
    return [a for a in detailed(gen) if a.donations]


def organisations(gen):
    return [o for o in gen.orgs if o.emitted]


def governments(gen):
    return [o for o in gen.orgs if o.emitted and o.kind in ("upper", "lower")]


# --- an agreement's own triples --------------------------------------------------------------------------------

@injection("Agreement-party", "agreement-with-one-party",
           lambda gen: [a for a in isolated(gen) if not a.detailed and len(a.parties) == 2], CORE)
def one_party(inj, a):
    inj.drop(a.iri, mg("party"), a.parties[1].iri)
    return a.iri


@injection("Agreement-kind", "agreement-without-kind", isolated, CORE)
def without_kind(inj, a):
    inj.drop(a.iri, mg("kind"))
    return a.iri


@injection("Agreement-status", "agreement-without-status", isolated, CORE)
def without_status(inj, a):
    inj.drop(a.iri, mg("status"))
    return a.iri


@injection("Agreement-date", "agreement-without-date", isolated, CORE)
def without_date(inj, a):
    inj.drop(a.iri, mg("date"))
    return a.iri


@injection("Agreement-signingEvent", "agreement-signing-event-is-a-meeting", with_meeting, CORE)
def meeting_as_ceremony(inj, a):
    inj.replace(a.iri, mg("signingEvent"), a.meeting)
    return a.iri


@injection("Agreement-signature", "agreement-signature-is-a-person", detailed, CORE)
def person_as_signature(inj, a):
    inj.put(a.iri, mg("signature"), a.signatures[0][3])
    return a.iri


@injection("Agreement-listsDomain", "agreement-lists-a-concept", detailed, CORE)
def concept_as_domain(inj, a):
    inj.put(a.iri, mg("listsDomain"), nid("domain/culture"))
    return a.iri


@injection("Agreement-commitment", "agreement-commitment-untyped", detailed, CORE)
def untyped_commitment(inj, a):
    inj.put(a.iri, mg("commitment"), iri(a.iri[1:-1] + "/untyped-commitment"))
    return a.iri


@injection("BuildsOnDateShape", "agreement-renews-a-later-agreement", isolated, CORE)
def renews_later(inj, a):
    later = [b for b in inj.gen.by_pair[tuple(sorted(o.slug for o in a.parties))]
             if b is not a and not builds_on_ok(a.date, b.date) and b.iri + "#core" not in inj.used]
    if not later:
        return None
    b = later[0]
    inj.used.add(b.iri + "#core")
    inj.put(a.iri, mg("renews"), b.iri)
    return a.iri


@injection("BuildsOnPartyShape", "agreement-strengthens-one-of-other-parties", isolated, CORE)
def strengthens_stranger(inj, a):
    mine = {o.slug for o in a.parties}
    b = next((b for b in inj.gen.agreements if b.date[:4] < a.date[:4] and not {o.slug for o in b.parties} & mine), None)
    if b is None:
        return None
    inj.put(a.iri, mg("strengthens"), b.iri)
    return a.iri


# --- signatures, listed domains, commitments: each broken once at most -----------------------------------------

#: The parts an agreement has several of, by the role under which one is reserved when broken.
PARTS = {
    "signature": lambda a: a.signatures,  # (iri, organisation, term, person)
    "domain": lambda a: a.domains,  # [iri, has commitments]
    "commitment": lambda a: a.commitments,  # (iri, committers, beneficiary)
    "passage": lambda a: a.passages[1:6],  # lines 2-6 of the press release
}


def one_of(role: str, ok=lambda item: True):
    """Make ``act(inj, a, item)`` a kind's act on the first of ``a``'s ``role`` parts not broken yet, if any."""
    def wrap(act):
        def pick(inj, a):
            item = inj.free(a, role, PARTS[role](a), ok)
            return None if item is None else act(inj, a, item)
        return pick
    return wrap


@injection("Signature-signatory", "signature-without-signatory", detailed)
@one_of("signature")
def signature_without_signatory(inj, a, sig):
    inj.drop(sig[0], mg("signatory"))
    return sig[0]


@injection("Signature-inTerm", "signature-without-term", detailed)
@one_of("signature")
def signature_without_term(inj, a, sig):
    inj.drop(sig[0], mg("inTerm"))
    return sig[0]


@injection("Signature-agreement", "signature-of-no-agreement", detailed)
@one_of("signature")
def signature_of_nothing(inj, a, sig):
    inj.drop(a.iri, mg("signature"), sig[0])
    return sig[0]


@injection("SignatureTermShape", "signature-in-the-term-of-another-person", detailed, also=["SignatoryInOfficeShape"])
@one_of("signature")
def term_of_another(inj, a, signature):
    sig, org, _term, person = signature
    other = next((t for t, holder, _s, _e in org.terms if holder != person), None)
    if other is None:
        return None
    inj.replace(sig, mg("inTerm"), other)  # another person's term, and not in force on the day
    return sig


@injection("ListedDomain-agreement", "listed-domain-of-no-agreement", detailed)
@one_of("domain", lambda d: not d[1])  # no commitment of it points at the agreement
def domain_of_nothing(inj, a, d):
    inj.drop(a.iri, mg("listsDomain"), d[0])
    return d[0]


@injection("ListedDomain-domainConcept", "listed-domain-without-concept", detailed)
@one_of("domain")
def domain_without_concept(inj, a, d):
    inj.drop(d[0], mg("domainConcept"))
    return d[0]


@injection("PositionValueShape", "listed-domain-at-position-zero", detailed)
@one_of("domain")
def position_zero(inj, a, d):
    inj.replace(d[0], mg("position"), integer(0))
    return d[0]


@injection("StatedIn-source", "resource-without-source", detailed)
@one_of("domain")
def domain_without_source(inj, a, d):
    inj.drop(d[0], STATED_IN)
    return d[0]


@injection("Commitment-inDomain", "commitment-without-domain", with_commitments)
@one_of("commitment")
def commitment_without_domain(inj, a, c):
    inj.drop(c[0], mg("inDomain"))
    return c[0]


@injection("Commitment-committedBy", "commitment-by-nobody", with_commitments)
@one_of("commitment")
def commitment_by_nobody(inj, a, c):
    inj.drop(c[0], mg("committedBy"))
    return c[0]


@injection("CommitmentFitShape", "commitment-for-a-non-party", with_commitments)
@one_of("commitment")
def for_a_stranger(inj, a, c):
    everyone = organisations(inj.gen)
    stranger = next(o for o in inj.rng.sample(everyone, len(everyone)) if o not in a.parties)
    inj.replace(c[0], mg("beneficiary"), stranger.iri)
    return c[0]


@injection("Commitment-agreement", "commitment-of-no-agreement", with_commitments)
@one_of("commitment")
def commitment_of_nothing(inj, a, c):
    inj.drop(a.iri, mg("commitment"), c[0])
    return c[0]


@injection("MutualValueShape", "commitment-mutual-as-text", with_commitments)
@one_of("commitment")
def mutual_as_text(inj, a, c):
    inj.replace(c[0], mg("mutual"), lit("yes"))
    return c[0]


@injection("Commitment-action", "commitment-action-from-another-scheme", with_commitments)
@one_of("commitment")
def action_of_another_scheme(inj, a, c):
    inj.put(c[0], mg("action"), nid("domain/culture"))
    return c[0]


# --- the signing ceremony and the talks ------------------------------------------------------------------------

def shifted(a, hours: int) -> str:
    """The ceremony's start, ``hours`` earlier."""
    start = a.ceremony_start
    return f"{start[:-5]}{int(start[-5:-3]) - hours:02d}:{start[-2:]}"


@injection("EventOrderShape", "event-ends-before-it-starts",
           lambda gen: [a for a in detailed(gen) if not a.conflict], "ceremony")
def ends_before_start(inj, a):
    inj.replace(a.ceremony, iri(TIME + "hasEnd"), inj.instant(shifted(a, 1)))
    return a.ceremony


@injection("Event-hasBeginning", "event-with-two-beginnings", detailed, "ceremony")
def two_beginnings(inj, a):
    inj.put(a.ceremony, iri(TIME + "hasBeginning"), inj.instant(shifted(a, 2)))
    return a.ceremony


@injection("Event-location", "event-location-is-an-organisation", detailed, "location")
def location_is_organisation(inj, a):
    inj.replace(a.ceremony, mg("location"), a.parties[0].iri)
    return a.ceremony


@injection("OpenToPressValueShape", "event-open-to-press-as-text", detailed, "press")
def open_to_press_as_text(inj, a):
    inj.replace(a.ceremony, mg("openToPress"), lit("true"))
    return a.ceremony


@injection("PlannedDurationValueShape", "event-planned-duration-as-text", with_meeting, "meeting")
def duration_as_text(inj, a):
    inj.replace(a.meeting, mg("plannedDuration"), ko("10분"))
    return a.meeting


# --- passages, donations, claims -------------------------------------------------------------------------------

@injection("PassageLineShape", "passage-without-line", detailed)
@one_of("passage")
def passage_without_line(inj, a, p):
    inj.drop(p, mg("line"))
    return p


@injection("Passage-quote", "passage-with-two-quotes", detailed)
@one_of("passage")
def passage_with_two_quotes(inj, a, p):
    inj.put(p, mg("quote"), ko("두 번째 인용 (가상)"))
    return p


@injection("LineValueShape", "passage-at-line-zero", detailed)
@one_of("passage")
def passage_at_line_zero(inj, a, p):
    inj.replace(p, mg("line"), integer(0))
    return p


@injection("Passage-inDocument", "passage-of-no-document", detailed)
@one_of("passage")
def passage_of_no_document(inj, a, p):
    inj.drop(p, mg("inDocument"))
    return p


@injection("Donation-donor", "donation-without-donor", donating, "donation")
def donation_without_donor(inj, a):
    inj.drop(a.donations[0], mg("donor"))
    return a.donations[0]


@injection("DonationExchange-exchangeOf", "donation-exchange-of-one-donation", donating, "exchange")
def exchange_of_one(inj, a):
    inj.drop(a.exchange, mg("exchangeOf"), a.donations[1])
    return a.exchange


@injection("Claim-object", "claim-with-two-objects", lambda gen: [a for a in detailed(gen) if a.conflict], "claim")
def claim_with_two_objects(inj, a):
    inj.put(a.claims[0], iri(RDF + "object"), nid("instant/" + a.date))
    return a.claims[0]


# --- organisations ---------------------------------------------------------------------------------------------

@injection("LocalGovernment-tier", "local-government-without-tier", governments, CORE)
def without_tier(inj, o):
    inj.drop(o.iri, mg("tier"))
    return o.iri


@injection("AdminAgencyCodeValueShape", "admin-agency-code-six-digits", governments, CORE)
def six_digit_code(inj, o):
    inj.replace(o.iri, mg("adminAgencyCode"), lit(o.admin_code[:6]))
    return o.iri


@injection("LegalDongCodeUniqueShape", "legal-dong-code-shared", governments, CORE)
def shared_dong_code(inj, o):
    other = next((x for x in governments(inj.gen) if x.iri + "#core" not in inj.used and x is not o), None)
    if other is None:
        return None
    inj.used.add(other.iri + "#core")
    inj.replace(other.iri, mg("legalDongCode"), lit(o.dong_code))
    return o.dong_code  # the focus node is the shared code


@injection("Office-postIn", "office-in-no-organisation", organisations, CORE)
def office_in_nothing(inj, o):
    director = o.contact[1]
    inj.drop(director, iri(ORG + "postIn"))
    return director


@injection("LabelKo-label", "person-without-korean-label", organisations, CORE)
def person_without_korean_label(inj, o):
    contact = o.contact[0]
    inj.drop(contact, LABEL, next(v for v in inj.values(contact, LABEL) if v.endswith("@ko")))
    return contact
