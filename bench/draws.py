"""The random draws of the synthetic generator (`bench.generate`): names, dates and property
values of every kind the schema declares, Zipf-ranked pools of entities per type, and how many
entities each type gets. Pure functions of the random generator they are given."""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from typing import Any

MIN_PER_TYPE = 2

_SYLLABLES = ("ka", "lo", "mi", "ra", "ve", "to", "na", "shi", "qu", "dor", "lin", "mar", "ten",
              "vis", "zo", "bel", "cor", "dan", "fen", "gil", "hol", "jun", "pra", "sel")
_SUFFIXES = {
    "Company": ("Inc", "Ltd", "AI", "Labs", "Technologies", "GmbH", "SAS", "Systems"),
    "Agency": ("Authority", "Commission", "Police Department", "District Court", "Ministry"),
    "Organization": ("Foundation", "Institute", "Project", "LLP", "Alliance"),
    "Publisher": ("Times", "News", "Post", "Herald", "Review"),
    "Incident": ("data breach", "misidentification", "deepfake", "scraping", "leak"),
    "Group": ("residents", "drivers", "students", "users", "children"),
}
_COUNTRIES = ("US", "FR", "GB", "DE", "NL", "IT", "CA", "AU", "IN", "BR", "SE", "ES")
_CURRENCIES = ("EUR", "USD", "GBP")


def word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def draw_name(etype: str, rng: random.Random) -> str:
    """A name for an entity of `etype`: two words for a person, a sentence for an article, a
    word and a suffix of its kind ("Ltd", "Authority") for the rest."""
    if etype == "Person":
        return f"{word(rng)} {word(rng)}"
    if etype == "Article":
        words = [word(rng).lower() for _ in range(rng.randint(4, 8))]
        return " ".join(words).capitalize()
    suffixes = _SUFFIXES.get(etype)
    return f"{word(rng)} {rng.choice(suffixes)}" if suffixes else f"{word(rng)} {word(rng)}"


def draw_date(rng: random.Random) -> str:
    year, month, day = rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28)
    precision = rng.random()
    if precision < 0.2:
        return f"{year}"
    if precision < 0.55:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


def date_code(date: str | None) -> int:
    """A unique small integer per partial date (0 for none), for the duplicate check."""
    if date is None:
        return 0
    parts = [int(p) for p in date.split("-")] + [0, 0]
    return parts[0] * 10_000 + parts[1] * 100 + parts[2]


def draw_value(kind: str, name: str, rng: random.Random, owner: str) -> Any:
    """A valid value of property `name` of `kind` (see graph.schema.check_property)."""
    if name == "country":
        return rng.choice(_COUNTRIES)
    if name == "currency":
        return rng.choice(_CURRENCIES)
    if name == "wikidata":
        return f"Q{rng.randrange(1, 10**8)}"
    if name == "domain":
        return f"{word(rng).lower()}.example"
    if kind in ("string", "text"):
        return f"{name} {word(rng).lower()} {rng.randrange(1000)}"
    if kind == "url":
        return f"https://example.org/{owner}/{name}/{rng.randrange(10**6)}"
    if kind == "date":
        return draw_date(rng)
    if kind == "integer":
        return rng.randrange(1, 10_000)
    if kind == "number":
        return round(rng.uniform(1e3, 5e7), 2)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "strings":
        return sorted({word(rng).lower() for _ in range(rng.randint(1, 3))})
    raise ValueError(f"the generator does not know property kind {kind!r}")


@dataclass
class Pool:
    """The entities of one type: ids `<slug>-<n>`, drawn by Zipf rank with hubs scattered."""

    type: str
    slug: str
    size: int
    offset: int  # global index of this pool's first entity (for compact duplicate keys)
    width: int
    order: list[int] = field(default_factory=list)  # Zipf rank -> local index
    cum: list[float] = field(default_factory=list)  # cumulative Zipf weights by rank
    evidence_cum: list[float] = field(default_factory=list)

    def entity_id(self, local: int) -> str:
        return f"{self.slug}-{local:0{self.width}d}"

    def pick(self, rng: random.Random, cum: list[float] | None = None) -> int:
        weights = cum or self.cum
        rank = bisect.bisect_right(weights, rng.random() * weights[-1])
        return self.order[min(rank, self.size - 1)]


def zipf_cum(size: int, exponent: float) -> list[float]:
    total, cum = 0.0, []
    for rank in range(1, size + 1):
        total += rank ** -exponent
        cum.append(total)
    return cum


def allocate(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split `total` by weight (largest remainder), at least MIN_PER_TYPE each."""
    spare = total - MIN_PER_TYPE * len(weights)
    if spare < 0:
        raise ValueError(f"need at least {MIN_PER_TYPE * len(weights)} entities "
                         f"({MIN_PER_TYPE} per each of {len(weights)} types)")
    norm = sum(weights.values())
    exact = {t: spare * w / norm for t, w in weights.items()}
    counts = {t: MIN_PER_TYPE + int(x) for t, x in exact.items()}
    left = total - sum(counts.values())
    for t in sorted(exact, key=lambda t: (int(exact[t]) - exact[t], t))[:left]:
        counts[t] += 1
    return counts
