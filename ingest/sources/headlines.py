"""Regulatory and legal facts read from headlines, as interchange records (`--source headlines`).

Each headline's proposals (`headline_rules`) pass the review file (`headline_review`); only
accepted or corrected facts become relations, with the title as the evidence quote and the
report's Article and url as the source. One fact stated by several headlines is one relation
dated by the earliest of them. Parties are the graph's entities (curated files and the other
extract files); an agency a title describes and the graph lacks becomes an Agency entity, and a
reviewed correction may name a new actor (an Agency unless its type is given) or target (its type
given) as the title names them. A correction may also state a fact the reader missed
(`proposed: []`, a near-miss).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.schema import load_schema
from ingest.records import Origin, RawRecord
from ingest.sources.aiid import Extract, SourceConfig
from ingest.sources.headline_aliases import apply_aliases, load_aliases
from ingest.sources.headline_input import Headline, read_headlines
from ingest.sources.headline_names import NameIndex, load_names
from ingest.sources.headline_review import Review, Reviews, StatedFact, load_reviews
from ingest.sources.headline_rules import HeadlineReader, Proposal
from ingest.sources.report import SourceReport

OUTPUT_NAME = "headlines.ndjson"
ALIASES = "headline_aliases.yaml"  # beside the review file


@dataclass(frozen=True)
class Fact:
    actor: str
    action: str
    target: str
    amount: float | None
    currency: str | None


def extract_folder(curated: Path | None) -> list[Path]:
    """The extract files beside the curated folder whose names a headline may use."""
    folder = curated.parent / "extract" if curated is not None else None
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.ndjson") if p.name != OUTPUT_NAME)


def headline_records(path: Path, config: SourceConfig, reviews: Reviews,
                     names: NameIndex) -> Extract:
    """Read the headlines in `path` and keep the reviewed facts they state."""
    found = read_headlines(path)
    report = SourceReport("headlines", read=found.read, refused=list(found.problems))
    if found.problems:
        return Extract([], report, list(found.problems))
    reader = HeadlineReader(names, load_schema())
    builder = _Builder(config, names, report)
    for headline in found.items:
        proposals = reader.read(headline.title, headline.url)
        report.rules["headline with proposals" if proposals else "headline without"] += 1
        review = reviews.by_url.get(headline.url)
        for fact, stated in _decided(headline, proposals, review, report,
                                     config.resolution.redirects):
            builder.add(fact, headline, stated)
    records = builder.records()
    report.count_written(records)
    return Extract(records, report)


def _decided(headline: Headline, proposals: list[Proposal], review: Review | None,
             report: SourceReport, redirects: Mapping[str, str],
             ) -> list[tuple[Fact, StatedFact | None]]:
    """The facts a review lets through; ids merged since the review read as their survivor.

    A headline without proposals states a fact only through a reviewed correction of it."""
    if not proposals and (review is None or not review.facts):
        return []
    keys = tuple(_survivors(p.key(), redirects) for p in proposals)
    if review is None or tuple(_survivors(k, redirects) for k in review.proposed) != keys:
        why = "awaiting review" if review is None else "review is stale (proposals changed)"
        report.skip(f"{why}: {headline.url} {list(keys)}")
        return []
    report.rules[f"reviewed: {review.decision}"] += 1
    if review.decision == "reject":
        return []
    if review.decision == "correct":
        return [(_stated(f), f) for f in review.facts]
    return [(Fact(p.actor.id, p.action, p.target.id, p.amount, p.currency), None)
            for p in proposals]


def _survivors(key: str, redirects: Mapping[str, str]) -> str:
    """"actor ACTION target" with each id merged since replaced by its survivor."""
    actor, action, target = key.split(" ", 2)
    return f"{redirects.get(actor, actor)} {action} {redirects.get(target, target)}"


def _stated(fact: StatedFact) -> Fact:
    return Fact(fact.actor, fact.action, fact.target, fact.amount, fact.currency)


class _Builder:
    """Groups facts across headlines into relations; adds the agencies new to the graph."""

    def __init__(self, config: SourceConfig, names: NameIndex, report: SourceReport) -> None:
        self.config, self.names, self.report = config, names, report
        self.groups: dict[Fact, list[Headline]] = defaultdict(list)
        self.new_parties: dict[str, tuple[str, str, Origin]] = {}  # id -> type, name, origin

    def add(self, fact: Fact, headline: Headline, stated: StatedFact | None = None) -> None:
        redirects = self.config.resolution.redirects
        fact = Fact(redirects.get(fact.actor, fact.actor), fact.action,
                    redirects.get(fact.target, fact.target), fact.amount, fact.currency)
        self.groups[fact].append(headline)
        if fact.actor not in self.names.ids:
            name = (stated.actor_name if stated else None) or self.names.described.get(
                fact.actor, fact.actor)
            kind = stated.actor_type if stated else "Agency"
            self.new_parties.setdefault(fact.actor, (kind, name, headline.origin))
        if fact.target not in self.names.ids and stated is None \
                and fact.target in self.names.described:  # an agency the title describes
            self.new_parties.setdefault(
                fact.target, ("Agency", self.names.described[fact.target], headline.origin))
        elif fact.target not in self.names.ids:
            if stated is None or stated.target_name is None or stated.target_type is None:
                raise InvalidInput(
                    f"headline review of {headline.url}: target {fact.target!r} is not in the "
                    "graph; give its target_name and target_type as the title names it")
            self.new_parties.setdefault(
                fact.target, (stated.target_type, stated.target_name, headline.origin))

    def records(self) -> list[RawRecord]:
        out = [RawRecord({"kind": "entity", "id": i, "type": kind, "name": name}, origin)
               for i, (kind, name, origin) in sorted(self.new_parties.items())]
        rels = [self._relation(fact, items) for fact, items in self.groups.items()]
        rels.sort(key=lambda r: (r.data["type"], r.data["source"], r.data["target"],
                                 r.data.get("date") or ""))
        return out + rels

    def _relation(self, fact: Fact, items: list[Headline]) -> RawRecord:
        dates = sorted(h.date for h in items if h.date)
        record: dict[str, Any] = {"kind": "relation", "type": fact.action, "source": fact.actor,
                                  "target": fact.target}
        if dates:
            record["date"] = dates[0]
        props = {k: v for k, v in (("amount", fact.amount), ("currency", fact.currency)) if v}
        if props:
            record["properties"] = props
        evidence = [self._evidence(h) for h in sorted(items, key=lambda h: (h.url, h.title))]
        record["evidence"] = evidence
        return RawRecord(record, items[0].origin)

    def _evidence(self, headline: Headline) -> dict[str, str]:
        item = {"url": headline.url, "quote": headline.title}
        article = self._article(headline)
        if article is not None:
            item["article"] = article
        return dict(sorted(item.items()))

    def _article(self, headline: Headline) -> str | None:
        curated = self.config.curated
        found = (curated.aiid_reports.get(headline.report) if headline.report is not None
                 else None) or curated.article_urls.get(headline.url)
        if found is None and headline.report is not None:
            found = f"aiid-report-{headline.report}"
        if found is None:
            return None
        found = self.config.resolution.redirects.get(found, found)
        return found if found in self.names.articles or found in curated.entities else None


def headline_names(curated: Path | None, aliases: Path | None,
                   redirects: Mapping[str, str]) -> NameIndex:
    """The graph's names beside `curated`, with the reviewed aliases in `aliases`."""
    names = load_names(curated, extract_folder(curated))
    apply_aliases(names, load_aliases(aliases), redirects)
    return names


def headlines_extract(path: Path, config: SourceConfig, curated: Path | None,
                      review_file: Path | None) -> Extract:
    """The `--source headlines` entry point: names from the graph beside `curated`."""
    aliases = review_file.with_name(ALIASES) if review_file is not None else None
    names = headline_names(curated, aliases, config.resolution.redirects)
    return headline_records(path, config, load_reviews(review_file), names)
