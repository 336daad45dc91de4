"""The reviewed decisions on headline facts: `data/resolution/headline_facts.yaml`.

Each decision names a headline by its url, the proposals it was shown (`proposed`, as
"actor ACTION target") and a `decision`: `accept` (the proposals are facts), `reject` (they
are not) or `correct` (these `facts` instead), with a `reason` and `decided_by`. A decision
whose `proposed` no longer matches what the reader proposes is stale: the headline waits for
review again, and nothing from it enters the extract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from ingest.strict_yaml import read_yaml_file

KINDS = ("accept", "reject", "correct")


@dataclass(frozen=True)
class StatedFact:
    """A fact a reviewer wrote (a correction): ids, and names for parties new to the graph.

    A new actor is an `actor_type` (Agency unless given) named `actor_name`; a new target is a
    `target_type` named `target_name` (both as the title names them).
    """

    actor: str
    action: str
    target: str
    actor_name: str | None = None
    amount: float | None = None
    currency: str | None = None
    target_name: str | None = None
    target_type: str | None = None
    actor_type: str = "Agency"


@dataclass(frozen=True)
class Review:
    url: str
    proposed: tuple[str, ...]
    decision: str
    reason: str
    facts: tuple[StatedFact, ...] = ()


@dataclass
class Reviews:
    by_url: dict[str, Review] = field(default_factory=dict)


def load_reviews(path: Path | None) -> Reviews:
    """The decisions in `path` (an absent file: none decided yet)."""
    reviews = Reviews()
    if path is None or not path.is_file():
        return reviews
    raw = read_yaml_file(path) or {}
    for number, item in enumerate(raw.get("decisions") or [], 1):
        review = _review(path, number, item)
        reviews.by_url[review.url] = review
    return reviews


def _review(path: Path, number: int, item: Any) -> Review:
    where = f"{path}: decision #{number}"
    if not isinstance(item, dict):
        raise InvalidInput(f"{where} must be a mapping with url, proposed, decision, reason")
    decision, reason, url = item.get("decision"), item.get("reason"), item.get("url")
    if decision not in KINDS:
        raise InvalidInput(f"{where}: decision must be one of {', '.join(KINDS)}")
    if not isinstance(url, str) or not isinstance(reason, str) or not reason.strip():
        raise InvalidInput(f"{where}: give the headline's url and a reason")
    facts = tuple(_fact(where, f) for f in item.get("facts") or [])
    if decision == "correct" and not facts:
        raise InvalidInput(f"{where}: a correction lists the right `facts`")
    proposed = tuple(str(p) for p in item.get("proposed") or [])
    return Review(url, proposed, decision, reason, facts)


def _fact(where: str, raw: Any) -> StatedFact:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str)
                                            for k in ("actor", "action", "target")):
        raise InvalidInput(f"{where}: each fact needs actor, action and target")
    amount = raw.get("amount")
    keys = ("actor_name", "actor_type", "currency", "target_name", "target_type")
    names = {k: raw.get(k) for k in keys}
    if any(v is not None and not isinstance(v, str) for v in names.values()):
        raise InvalidInput(f"{where}: {', '.join(keys)} are text")
    if (names["target_name"] is None) != (names["target_type"] is None):
        raise InvalidInput(f"{where}: a new target needs both target_name and target_type")
    return StatedFact(raw["actor"], raw["action"], raw["target"], names["actor_name"],
                      float(amount) if amount is not None else None, names["currency"],
                      names["target_name"], names["target_type"],
                      names["actor_type"] or "Agency")
