"""Donations and gifts handed over at an agreement's ceremony: who gives to whom, one-way or mutual, the amount.

A sentence must name a donation (기부금, donation) or a gift (기념품, gift) *and* a verb of handing it over; a
scheme named as a domain ("고향사랑기부제 활성화") is not a donation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mougraph.ingest import rules

UNITS = {"억": 100_000_000, "천만": 10_000_000, "백만": 1_000_000, "만": 10_000, "million": 1_000_000,
         "billion": 1_000_000_000}


@dataclass
class Transfer:
    gift: bool  # a gift, not a donation
    mutual: bool
    quote: str
    amount: Decimal | None
    amount_quote: str | None
    hometown: bool  # a Hometown Love donation (고향사랑기부제)


def find(text: str) -> Transfer | None:
    donation = rules.any_of("donations.donation", text)
    gift = rules.any_of("donations.gift", text)
    handing = rules.any_of("donations.handing", text)
    if not handing or not (donation or gift):
        return None
    what = donation or gift
    amount, quote = None, None
    m = rules.pattern("donations.amount").search(text)
    if m:
        number = m["n"] or m["n2"] or m["n3"]
        unit = m["unit"] or m["unit2"] or m["unit3"]
        amount = Decimal(number.replace(",", "")) * UNITS.get((unit or "").lower(), 1)
        quote = m[0].strip()
    return Transfer(gift=donation is None, mutual=bool(rules.any_of("donations.mutual", text)), quote=what[0],
                    amount=amount, amount_quote=quote, hometown=bool(rules.any_of("donations.scheme_hometown", text)))
