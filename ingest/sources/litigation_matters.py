"""The reviewed reading of each litigation-index matter (`litigation_matters.yaml`).

For each record a person listed who brought the matter and who answers it (each name copied
from the matter's name), the amount the record states (with the record's own words as the
quote), courts the index's `legal_graph` leaves out, agencies the jurisdiction field names
without hearing the matter, and the AIID incidents of the same event. The importer refuses a
name, quote or court that is not in the record, so nothing here can drift from the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from ingest.sources.common import slugify
from ingest.sources.litigation_sanctions import Sanction, check_sanction, parse_sanctions
from ingest.strict_yaml import read_yaml_file

AMOUNT_KINDS = ("settlement", "award", "sanction", "fees", "costs", "donation")
AMOUNT_FIELDS = ("notes_on_resolution", "reliance_or_harm")


@dataclass(frozen=True)
class Party:
    name: str
    type: str
    id: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    kind: str
    quote: str


@dataclass(frozen=True)
class Mention:
    name: str  # as the jurisdiction field writes it
    id: str
    type: str
    why: str


@dataclass
class Matter:
    """One record's reviewed parties, amount, extra courts, mentions and AIID links."""

    plaintiffs: list[Party] = field(default_factory=list)
    defendants: list[Party] = field(default_factory=list)
    amount: Amount | None = None
    courts: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    aiid: list[int] = field(default_factory=list)
    no_parties: str | None = None  # why the matter's name names no party, when it does not
    sanctioned: list[Sanction] = field(default_factory=list)  # SANCTIONED by a court

    def parties(self) -> list[Party]:
        return [*self.plaintiffs, *self.defendants]


def load_matters(path: Path | None) -> dict[str, Matter]:
    """The reviewed matters by record id; a malformed entry refuses the whole file."""
    if path is None or not path.exists():
        return {}
    data = read_yaml_file(path) or {}
    items = data.get("matters") if isinstance(data, dict) else None
    if not isinstance(items, dict):
        raise InvalidInput(f"{path}: expected a mapping with a `matters:` mapping")
    found = {}
    for record_id, item in items.items():
        try:
            found[record_id] = _matter(record_id, item or {})
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            raise InvalidInput(f"{path}: matter {record_id}: {exc!r}; see the file's header "
                               "for the shape of an entry") from None
    return found


def _matter(record_id: str, item: dict[str, Any]) -> Matter:
    matter = Matter(plaintiffs=[_party(record_id, p) for p in item.get("plaintiffs") or []],
                    defendants=[_party(record_id, p) for p in item.get("defendants") or []],
                    courts=list(item.get("courts") or []),
                    aiid=[int(n) for n in item.get("aiid") or []],
                    no_parties=item.get("no_parties"),
                    sanctioned=parse_sanctions(record_id, item.get("sanctioned")))
    if item.get("amount"):
        a = item["amount"]
        if a["kind"] not in AMOUNT_KINDS:
            raise ValueError(f"amount kind {a['kind']!r} is not one of {AMOUNT_KINDS}")
        matter.amount = Amount(Decimal(str(a["value"])), a["currency"], a["kind"], a["quote"])
    matter.mentions = [Mention(m["name"], m["id"], m["type"], m["why"])
                       for m in item.get("mentions") or []]
    if not matter.parties() and not matter.no_parties:
        raise ValueError("lists no party; say why in `no_parties`")
    return matter


def _party(record_id: str, item: str | dict[str, Any]) -> Party:
    """A bare string is a person named by surname: an id of its own within this matter."""
    if isinstance(item, str):
        return Party(item, "Person", f"{slugify(item)}-{slugify(record_id)}")
    return Party(item["name"], item["type"], item.get("id") or slugify(item["name"]),
                 tuple(item.get("labels") or ()))


def check_matter(matter: Matter, rec: dict[str, Any],
                 heard: list[str] | None = None) -> list[str]:
    """What in the reviewed entry the record does not say (each a reason to refuse it);
    `heard`: the names of the courts that heard the matter (for its sanctions)."""
    name, jurisdiction = rec.get("public_matter_name") or "", rec.get("jurisdiction") or ""
    wrong = [f"party {p.name!r} is not in the matter's name {name!r}"
             for p in matter.parties() if p.name not in name]
    wrong += [f"court {c!r} is not in the jurisdiction field {jurisdiction!r}"
              for c in matter.courts if c not in jurisdiction]
    wrong += [f"agency {m.name!r} is not in the jurisdiction field {jurisdiction!r}"
              for m in matter.mentions if m.name not in jurisdiction]
    if matter.amount is not None:
        wrong += _check_amount(matter.amount, rec)
    for sanction in matter.sanctioned:
        forms = amount_forms(sanction.amount) if sanction.amount is not None else []
        wrong += check_sanction(sanction, rec, [*(heard or []), *matter.courts], forms)
    return wrong


def _check_amount(amount: Amount, rec: dict[str, Any]) -> list[str]:
    if not any(amount.quote in (rec.get(f) or "") for f in AMOUNT_FIELDS):
        return [f"amount quote {amount.quote!r} is not in {' or '.join(AMOUNT_FIELDS)}"]
    if not any(form in amount.quote for form in amount_forms(amount.value)):
        return [f"amount {amount.value} is not written in its quote {amount.quote!r}"]
    return []


def amount_forms(value: Decimal) -> list[str]:
    """How a record may write an amount: 365,000 / 650.88 / 47,056.90 / 20 million / 1.250."""
    whole = value == value.to_integral_value()
    forms = [f"{value:,.2f}"] + ([f"{int(value):,}"] if whole else [])
    if whole and int(value) % 1_000_000 == 0:
        forms.append(f"{int(value) // 1_000_000} million")
    return forms
