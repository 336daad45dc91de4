"""Synthetic aikg NDJSON: N entities, M relations, heavy-tailed degrees with a few hubs.

    python -m bench.generate --entities 20000 --relations 100000 --seed 1 -o synth.ndjson

Every type comes from `graph.schema.load_schema()`: entity types, relation types and the
endpoint types each relation allows. The weights below only make the mix realistic (many
MENTIONS, few FINED); a type the schema declares but the tables do not name still appears.
Endpoints are drawn from a Zipf law within each entity type, so a few entities (the
"Clearview"s) collect thousands of relations while most have a handful. Records are built
with the model's own `to_record()` and written one at a time; output is a pure function of
(entities, relations, seed, schema).
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.draws import Pool, allocate, date_code, draw_date, draw_name, draw_value, word, zipf_cum
from graph.model import Entity, Evidence, Relation, relation_id
from graph.schema import SCHEMA_FILE, RelationType, Schema, load_schema
from ingest.ndjson import iter_lines

GENERATOR_VERSION = 1

# Share of entities by type (relative weights; unknown schema types get DEFAULT_ENTITY_WEIGHT).
ENTITY_WEIGHTS = {
    "Article": 0.34, "Person": 0.20, "Company": 0.14, "Incident": 0.08, "Organization": 0.07,
    "Group": 0.05, "Agency": 0.05, "Platform": 0.03, "Publisher": 0.04,
}
DEFAULT_ENTITY_WEIGHT = 0.02
# Share of relations by type (relative weights; unknown schema types get DEFAULT_RELATION_WEIGHT).
RELATION_WEIGHTS = {
    "MENTIONS": 0.30, "REPORTED": 0.07, "AUTHORED": 0.07, "PUBLISHED": 0.07, "QUOTED_IN": 0.05,
    "CITES": 0.05, "PROFILED": 0.03, "AFFECTED": 0.04, "HARMED": 0.04, "DEVELOPED": 0.03,
    "DEPLOYED": 0.03, "WORKS_FOR": 0.05, "CUSTOMER_OF": 0.04, "SUED": 0.025, "FINED": 0.01,
    "INVESTIGATED": 0.01, "ORDERED": 0.01, "SETTLED_WITH": 0.01, "SCRAPED_FROM": 0.01,
    "OPERATES": 0.01, "BREACHED": 0.01, "REPRESENTED_BY": 0.01, "SENT_CEASE_AND_DESIST": 0.005,
}
DEFAULT_RELATION_WEIGHT = 0.01
HUB_EXPONENT = 1.0  # Zipf exponent of relation endpoints within a type: rank r has weight r^-s
EVIDENCE_EXPONENT = 0.6  # milder skew for which Article a relation cites as evidence
DATED_SHARE = 0.3  # relations without a date identity that still carry a date
ZIPF_TRIES = 40  # Zipf draws for a new (type, source, target) before falling back to uniform
UNIFORM_TRIES = 400
ARTICLE = "Article"

@dataclass
class GenStats:
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    dated: int = 0
    uniform_fallbacks: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"entities": sum(self.entities.values()), "relations": sum(self.relations.values()),
                "entity_types": dict(sorted(self.entities.items())),
                "relation_types": dict(sorted(self.relations.items())),
                "dated_relations": self.dated, "uniform_fallbacks": self.uniform_fallbacks}


class Generator:
    """Streams entity records, then relation records, for one (entities, relations, seed)."""

    def __init__(self, entities: int, relations: int, seed: int, schema: Schema | None = None,
                 dated_share: float = DATED_SHARE):
        self.schema = schema or load_schema()
        self.dated_share = dated_share
        if ARTICLE not in self.schema.entity_types:
            raise ValueError("the schema has no Article type to cite as evidence")
        if relations < 0:
            raise ValueError("relations must be >= 0")
        self.n_entities, self.n_relations, self.seed = entities, relations, seed
        counts = allocate(entities, {t: ENTITY_WEIGHTS.get(t, DEFAULT_ENTITY_WEIGHT)
                                      for t in self.schema.entity_types})
        rng = random.Random(f"pools:{seed}")
        self.pools: dict[str, Pool] = {}
        offset, width = 0, len(str(max(counts.values())))
        for etype, size in counts.items():
            pool = Pool(etype, etype.lower(), size, offset, width)
            pool.order = list(range(size))
            rng.shuffle(pool.order)
            pool.cum = zipf_cum(size, HUB_EXPONENT)
            offset += size
            self.pools[etype] = pool
        articles = self.pools[ARTICLE]
        articles.evidence_cum = zipf_cum(articles.size, EVIDENCE_EXPONENT)
        self.rel_types = [
            r for r in self.schema.relation_types.values()
            if all(all(t in self.pools for t in ends) for ends in (r.sources, r.targets))
        ]
        weights = [RELATION_WEIGHTS.get(r.name, DEFAULT_RELATION_WEIGHT) for r in self.rel_types]
        self.rel_cum = list(itertools.accumulate(weights))
        self.stats = GenStats()

    # -- entities -------------------------------------------------------------------------

    def _entity(self, pool: Pool, local: int, rng: random.Random) -> dict[str, Any]:
        declared = self.schema.entity_types[pool.type]
        name = draw_name(pool.type, rng)
        props: dict[str, Any] = {}
        for prop, kind in declared.properties.items():
            if prop in declared.required or rng.random() < 0.4:
                props[prop] = name if prop == "title" else draw_value(kind, prop, rng, pool.slug)
        labels = tuple(lab for lab in declared.extra_labels if rng.random() < 0.1)
        aliases = (f"{name} ({word(rng)})",) if rng.random() < 0.1 else ()
        articles = self.pools[ARTICLE]
        sources: tuple[str, ...] = ()
        if pool.type != ARTICLE and rng.random() < 0.2:
            sources = (articles.entity_id(articles.pick(rng, articles.evidence_cum)),)
        external = {"aiid": str(rng.randrange(1, 10**4))} if rng.random() < 0.05 else {}
        entity = Entity(id=pool.entity_id(local), type=pool.type, name=name, aliases=aliases,
                        extra_labels=labels, properties=props, sources=sources,
                        external_ids=external)
        return entity.to_record()

    # -- relations ------------------------------------------------------------------------

    def _endpoint_type(self, allowed: Sequence[str], rng: random.Random) -> Pool:
        """One of the allowed endpoint types, more likely the more entities it has."""
        pools = [self.pools[t] for t in allowed]
        point = rng.random() * sum(p.size for p in pools)
        for pool in pools:
            point -= pool.size
            if point < 0:
                return pool
        return pools[-1]

    def _ends(
        self, declared: RelationType, rng: random.Random, zipf: bool
    ) -> tuple[Pool, int, Pool, int]:
        """Source and target: pool and local index, by Zipf rank (or uniformly, as a fallback)."""
        spool = self._endpoint_type(declared.sources, rng)
        tpool = self._endpoint_type(declared.targets, rng)
        if zipf:
            return spool, spool.pick(rng), tpool, tpool.pick(rng)
        return spool, rng.randrange(spool.size), tpool, rng.randrange(tpool.size)

    def _evidence(self, spool: Pool, s: int, tpool: Pool, t: int,
                  rng: random.Random) -> tuple[Evidence, ...]:
        articles = self.pools[ARTICLE]
        if spool is articles:
            cited = [articles.entity_id(s)]
        elif tpool is articles:
            cited = [articles.entity_id(t)]
        else:
            cited = [articles.entity_id(articles.pick(rng, articles.evidence_cum))]
        if rng.random() < 0.15:
            cited.append(articles.entity_id(articles.pick(rng, articles.evidence_cum)))
        found = []
        for article in dict.fromkeys(cited):
            quote = f"{word(rng)} {word(rng).lower()} said." if rng.random() < 0.4 else None
            url = f"https://example.org/{article}" if rng.random() < 0.2 else None
            found.append(Evidence(article=article, url=url, quote=quote))
        return tuple(found)

    def _relation(self, seen: set[Any], rng: random.Random) -> dict[str, Any]:
        pick = bisect.bisect_right(self.rel_cum, rng.random() * self.rel_cum[-1])
        index = min(pick, len(self.rel_types) - 1)
        declared = self.rel_types[index]
        dated = "date" in declared.identity or rng.random() < self.dated_share
        for attempt in range(ZIPF_TRIES + UNIFORM_TRIES):
            spool, s, tpool, t = self._ends(declared, rng, zipf=attempt < ZIPF_TRIES)
            if spool is tpool and s == t:
                continue
            date = draw_date(rng) if dated else None
            props = {p: draw_value(kind, p, rng, declared.name.lower())
                     for p, kind in declared.properties.items()
                     if p in declared.identity or rng.random() < 0.5}
            identity = {f: (date if f == "date" else props.get(f)) for f in declared.identity}
            # Identity fields other than the date make the key a tuple; the date alone an int.
            others = tuple(str(v) for f, v in sorted(identity.items()) if f != "date")
            code = date_code(date) if "date" in declared.identity else 0
            key: Any = ((index * self.n_entities + spool.offset + s) * self.n_entities
                        + tpool.offset + t) * 100_000_000 + code
            if others:
                key = (key, others)
            if key in seen:
                continue
            seen.add(key)
            if attempt >= ZIPF_TRIES:
                self.stats.uniform_fallbacks += 1
            source, target = spool.entity_id(s), tpool.entity_id(t)
            relation = Relation(
                id=relation_id(declared.name, source, target, identity), type=declared.name,
                source=source, target=target, date=date, properties=props,
                evidence=self._evidence(spool, s, tpool, t, rng),
            )
            self.stats.relations[declared.name] += 1
            self.stats.dated += date is not None
            return relation.to_record()
        raise RuntimeError(
            f"could not place relation {sum(self.stats.relations.values()) + 1} as a new fact "
            f"after {ZIPF_TRIES + UNIFORM_TRIES} tries; {self.n_entities} entities are too few "
            f"for {self.n_relations} distinct relations (use more --entities)"
        )

    def records(self) -> Iterator[dict[str, Any]]:
        """Every entity record, then every relation record."""
        rng = random.Random(f"entities:{self.seed}")
        for pool in self.pools.values():
            for local in range(pool.size):
                self.stats.entities[pool.type] += 1
                yield self._entity(pool, local, rng)
        rng = random.Random(f"relations:{self.seed}")
        seen: set[Any] = set()
        for _ in range(self.n_relations):
            yield self._relation(seen, rng)


def schema_fingerprint() -> str:
    """Changes whenever graph/schema.yaml does (the output depends on the schema)."""
    return hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()[:16]


def generate(path: Path, entities: int, relations: int, seed: int,
             progress: bool = False, dated_share: float = DATED_SHARE) -> GenStats:
    """Write the NDJSON file (atomically: a temp file renamed into place)."""
    gen = Generator(entities, relations, seed, dated_share=dated_share)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    started, step = time.perf_counter(), max(100_000, (entities + relations) // 10)
    try:
        with tmp.open("w", encoding="utf-8") as out:
            for count, line in enumerate(iter_lines(gen.records()), 1):
                out.write(line)
                if progress and count % step == 0:
                    print(f"generate: {count:,}/{entities + relations:,} records "
                          f"({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return gen.stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relations", "-m", type=int, default=100_000, help="relations (M)")
    parser.add_argument("--entities", "-n", type=int, help="entities (N, default M/5)")
    parser.add_argument("--seed", "-s", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, help="NDJSON file to write")
    parser.add_argument("--dated-share", type=float, default=DATED_SHARE,
                        help="share of the relations without a date identity that carry a date")
    args = parser.parse_args(argv)
    entities = args.entities if args.entities is not None else default_entities(args.relations)
    started = time.perf_counter()
    try:
        stats = generate(args.output, entities, args.relations, args.seed, progress=True,
                         dated_share=args.dated_share)
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}: {entities:,} entities, {args.relations:,} relations "
          f"({stats.dated:,} dated) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def default_entities(relations: int) -> int:
    """N = M/5 (about ten relation ends per entity), and never fewer than 100."""
    return max(100, relations // 5)


if __name__ == "__main__":
    raise SystemExit(main())
