"""Court sanctions a litigation-index record states: who was sanctioned, by which court, how much.

Each `sanctioned:` entry of a matter in `litigation_matters.yaml` names one lawyer, firm or party
the record says a court sanctioned (fined, suspended, disqualified, reprimanded, ordered to pay
fees as a sanction). The importer refuses an entry whose `name` is not in the record, whose
`quote` is not the record's own words, whose amount is not written in its quote, or whose court
is not the one court that heard the matter (or a court the record's own words name).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ingest.sources.common import slugify

NAME_FIELDS = ("deployer", "error_description", "notes_on_resolution", "reliance_or_harm")
QUOTE_FIELDS = ("error_description", "notes_on_resolution", "reliance_or_harm")
TARGET_TYPES = ("Person", "Organization", "Company")


@dataclass(frozen=True)
class Sanction:
    """One SANCTIONED fact: the target as the record names it, the record's words, the amount."""

    name: str
    id: str
    type: str
    quote: str
    labels: tuple[str, ...] = ()
    amount: Decimal | None = None
    currency: str | None = None
    court: str | None = None  # a court the quote names, when not the one that heard the matter
    date: str | None = None  # the date the quote gives, when not the record's filing date


def parse_sanctions(record_id: str, items: Any) -> list[Sanction]:
    """The `sanctioned:` list of one matter (ValueError / TypeError when malformed)."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise TypeError("`sanctioned` must be a list of {name, quote[, amount, currency, ...]}")
    return [_sanction(record_id, item) for item in items]


def _sanction(record_id: str, item: Any) -> Sanction:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not isinstance(
            item.get("quote"), str):
        raise ValueError("each sanctioned entry needs a `name` and the record's `quote`")
    etype = item.get("type", "Person")
    if etype not in TARGET_TYPES:
        raise ValueError(f"sanctioned type {etype!r} is not one of {TARGET_TYPES}")
    amount = Decimal(str(item["amount"])) if item.get("amount") is not None else None
    if amount is not None and not item.get("currency"):
        raise ValueError(f"sanctioned {item['name']!r}: an amount needs its `currency`")
    return Sanction(item["name"], item.get("id") or slugify(item["name"]), etype, item["quote"],
                    tuple(item.get("labels") or ()), amount, item.get("currency"),
                    item.get("court"), item.get("date"))


def check_sanction(sanction: Sanction, rec: dict[str, Any], heard: list[str],
                   forms: list[str]) -> list[str]:
    """What the record does not say of `sanction` (each a reason to refuse the whole matter).

    `heard`: the names of the courts that heard the matter; `forms`: how the amount may be
    written (from `amount_forms`)."""
    named = " ".join(rec.get(f) or "" for f in NAME_FIELDS)
    wrong = []
    if sanction.name not in named:
        wrong.append(f"sanctioned {sanction.name!r} is not named in {', '.join(NAME_FIELDS)}")
    if not any(sanction.quote in (rec.get(f) or "") for f in QUOTE_FIELDS):
        wrong.append(f"sanction quote {sanction.quote!r} is not in {' or '.join(QUOTE_FIELDS)}")
    if sanction.amount is not None and not any(f in sanction.quote for f in forms):
        wrong.append(f"sanction amount {sanction.amount} is not written in {sanction.quote!r}")
    if sanction.court is not None and sanction.court not in sanction.quote:
        wrong.append(f"sanctioning court {sanction.court!r} is not in {sanction.quote!r}")
    if sanction.court is None and len(heard) != 1:
        wrong.append(f"the matter was heard by {len(heard)} courts: name the sanctioning `court`")
    if sanction.date is not None and sanction.date not in sanction.quote:
        wrong.append(f"sanction date {sanction.date!r} is not in {sanction.quote!r}")
    return wrong


def sanction_properties(sanction: Sanction) -> dict[str, Any]:
    """The relation's properties: the amount and currency when the record states them."""
    if sanction.amount is None:
        return {}
    return {"amount": float(sanction.amount), "currency": sanction.currency}
