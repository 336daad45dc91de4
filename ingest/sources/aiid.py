"""The AI Incident Database snapshot as interchange records.

Each incident becomes an Incident (title, date, AIID url, classifications, OECD links; the
description only when asked), each alleged deployer, developer and harmed party an entity with
DEPLOYED / DEVELOPED / HARMED (evidence: the AIID incident page and every report), each report
an Article with its Publisher, authors and a REPORTED link. Entity slugs are ids; the committed
merge decisions and type overrides are applied, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.records import Origin, Problem, RawRecord
from ingest.sources.aiid_files import IncidentRow, Snapshot, read_snapshot
from ingest.sources.articles import add_article
from ingest.sources.common import RecordSink, author_id, escaped_id, safe_id
from ingest.sources.curated_index import CuratedIndex
from ingest.sources.operators import add_operators
from ingest.sources.report import SourceReport
from ingest.sources.resolution import Resolution
from ingest.sources.typing_context import (
    TypingContext,
    byline_first_names,
    site_name,
)
from ingest.sources.typing_rules import Overrides, TypeDecision, author_type, decide_type
from ingest.sources.typing_unseen import lower_case_words

# AIID's citation url for an incident (the form its own "cite this incident" text uses).
CITE_URL = "https://incidentdatabase.ai/cite/{}/"
NEITHER = "in neither incidents.csv nor the GraphQL export"
ROLE_RELATIONS = {"deployers": "DEPLOYED", "developers": "DEVELOPED", "harmed": "HARMED"}


def incident_id(number: int) -> str:
    return f"aiid-incident-{number}"


@dataclass
class SourceConfig:
    """What every importer applies: curated ids, type overrides, merge decisions."""

    curated: CuratedIndex
    overrides: Overrides
    resolution: Resolution
    descriptions: bool = False


@dataclass
class Extract:
    """An importer's output: the records for the runner and the report of what happened."""

    records: list[RawRecord]
    report: SourceReport
    problems: list[Problem] = field(default_factory=list)  # these refuse the whole load


def aiid_records(folder: Path, config: SourceConfig) -> Extract:
    """Read the snapshot in `folder` and turn it into records."""
    snapshot = read_snapshot(folder)
    return _AiidBuilder(snapshot, config).build()


class _AiidBuilder:
    def __init__(self, snapshot: Snapshot, config: SourceConfig) -> None:
        self.snap, self.config = snapshot, config
        fixed = config.curated.entities
        self.sink = RecordSink(config.resolution.redirects, fixed, config.overrides.types)
        self.report = SourceReport("aiid", read=dict(snapshot.read), refused=snapshot.problems)
        self.ids = slug_ids(snapshot, self.report)
        self.context = typing_context(snapshot, self.ids, config.overrides)
        self.curated_types = {i: f.type for i, f in fixed.items()}
        self.types: dict[str, TypeDecision] = byline_types(snapshot, config.overrides,
                                                           self.context.sites)
        self.articles: dict[int, str | None] = {}

    def build(self) -> Extract:
        rows = all_incidents(self.snap, self.report)
        numbers = {row.number for row in rows}
        for row in rows:
            self.incident(row)
        self.skip_unlisted(numbers)
        titles = {n: r.title for n, r in self.snap.reports.items()}
        add_operators(self.sink, self.config.overrides, self.articles, self.report, titles)
        return finish(self.sink, self.report, self.types, self.config.resolution,
                      self.config.overrides.reviewed.by_source.get("aiid", frozenset()))

    def incident(self, row: IncidentRow) -> None:
        node = incident_id(row.number)
        self.sink.entity(self.incident_record(row), row.origin)
        cite = CITE_URL.format(row.number)
        articles = [a for a in (self.article(n, row.origin) for n in row.reports) if a]
        for article in articles:
            self.sink.relation("REPORTED", article, node,
                               [{"article": article}, {"url": cite}], row.origin)
        evidence = [{"url": cite}, *({"article": a} for a in articles)]
        for role, rtype in ROLE_RELATIONS.items():
            for raw in row.roles[role]:
                party = self.party(raw, row.origin)
                if party is None:
                    continue
                ends = (party, node) if rtype != "HARMED" else (node, party)
                self.sink.relation(rtype, *ends, evidence, row.origin, date=row.date or None)

    def incident_record(self, row: IncidentRow) -> dict[str, Any]:
        props: dict[str, Any] = {"date": row.date, "aiid_incident": row.number,
                                 "url": CITE_URL.format(row.number)}
        props.update(self.snap.classifications.get(row.number, {}))
        if row.number in self.snap.oecd:
            props["oecd_urls"] = sorted(self.snap.oecd[row.number])
        if self.config.descriptions and row.description:
            props["description"] = row.description
        return {"kind": "entity", "id": incident_id(row.number), "type": "Incident",
                "name": row.title, "properties": props,
                "external_ids": {"aiid_incident": str(row.number)}}

    def article(self, number: int, origin: Origin) -> str | None:
        if number not in self.articles:
            self.articles[number] = self.new_article(number, origin)
        return self.articles[number]

    def new_article(self, number: int, origin: Origin) -> str | None:
        if not self.snap.has_graphql:
            self.report.skip("report: no GraphQL export to give its url and title")
            return None
        found = self.snap.reports.get(number)
        if found is None:
            self.report.skip("report listed in incidents.csv but absent from the GraphQL export")
            return None
        if not found.url or not found.title:
            self.report.refused.append(Problem(found.origin, f"report {number} has no url or "
                                                             "title in the GraphQL export"))
            return None
        c = self.config
        return add_article(self.sink, number, found.title, found.url, found.authors,
                           c.curated, c.overrides, found.origin, self.types)

    def party(self, raw: str, origin: Origin) -> str | None:
        entity_id = self.ids.get(raw)
        if entity_id is None:
            self.report.skip("empty entity slug in a role column")
            return None
        decision = decide_type(entity_id, self.curated_types, self.config.overrides,
                               self.context)
        name = self.snap.names.get(raw)
        if name is None:
            if entity_id not in self.types:
                self.report.skip("entity without a display name: name spelled from its slug")
            name = raw.replace("-", " ")
        self.types.setdefault(entity_id, decision)
        record: dict[str, Any] = {"kind": "entity", "id": entity_id, "type": decision.type,
                                  "name": name, "external_ids": {"aiid": raw}}
        labels = self.config.overrides.labels.get(entity_id)
        if labels:
            record["labels"] = labels
        return self.sink.entity(record, origin)

    def skip_unlisted(self, numbers: set[int]) -> None:
        oecd = [n for n in self.snap.oecd if n not in numbers]
        self.report.skip(f"OECD link to an incident {NEITHER}", len(oecd))
        unlisted = {n for n in self.snap.classifications if n not in numbers}
        self.report.skip(f"classified incident {NEITHER}", len(unlisted))
        listed = {(r.number, n) for r in self.snap.incidents for n in r.reports}
        listed |= {(r.number, n) for r in self.snap.graphql_rows.values() for n in r.reports}
        extra = {p for p in self.snap.graphql_reports if p[0] in numbers and p not in listed}
        self.report.skip("report the GraphQL export adds to a snapshot incident", len(extra))


OUTLET_RULES = ("byline_is_outlet", "byline_outlet_desk", "override")


def byline_types(snapshot: Snapshot, overrides: Overrides,
                 sites: frozenset[str] = frozenset()) -> dict[str, TypeDecision]:
    """Each byline's type over all its reports: an outlet's byline (or its desk's) on any of
    its own pages makes it the outlet, wherever else it appears (one id, one type)."""
    found: dict[str, TypeDecision] = {}
    for report in snapshot.reports.values():
        for name in report.authors:
            decision = author_type(name, report.url, overrides, sites)
            key = author_id(name)
            if key not in found or decision.rule in OUTLET_RULES:
                found[key] = decision
    return found


def typing_context(snapshot: Snapshot, ids: dict[str, str],
                   overrides: Overrides) -> TypingContext:
    """What AIID says around each party id: name, roles, incident titles and texts; the first
    names of bylines."""
    context = TypingContext(first_names=byline_first_names(
        (a for r in snapshot.reports.values() for a in r.authors), overrides.words),
        sites=frozenset(filter(None, (site_name(r.url) for r in snapshot.reports.values()))))
    for row in [*snapshot.incidents, *snapshot.graphql_rows.values()]:
        for role, slugs in row.roles.items():
            for raw in slugs:
                entity_id = ids.get(raw)
                if entity_id is None:
                    continue
                context.roles.setdefault(entity_id, set()).add(role)
                context.titles.setdefault(entity_id, []).append(row.title)
                context.texts.setdefault(entity_id, []).extend(incident_texts(snapshot, row))
                if raw in snapshot.names:
                    context.names.setdefault(entity_id, snapshot.names[raw])
    context.ids = frozenset(context.roles)
    context.corpus = tuple(sorted({text for row in [*snapshot.incidents,
                                                         *snapshot.graphql_rows.values()]
                                        for text in incident_texts(snapshot, row)}))
    context.lower_words = lower_case_words(context.corpus)
    return context


def incident_texts(snapshot: Snapshot, row: IncidentRow) -> list[str]:
    """What AIID writes about an incident: its description and its reports' titles."""
    found = [snapshot.reports[n].title for n in row.reports if n in snapshot.reports]
    return [row.description, *found] if row.description else found


def all_incidents(snapshot: Snapshot, report: SourceReport) -> list[IncidentRow]:
    """The snapshot's rows, then the incidents only the (newer) GraphQL export holds."""
    listed = {row.number for row in snapshot.incidents}
    later = [r for n, r in sorted(snapshot.graphql_rows.items()) if n not in listed]
    if later:
        report.notes.append(
            f"{len(later)} incidents ({later[0].number}-{later[-1].number}) are only in the "
            "GraphQL export: their deployers, harmed parties and reports are imported; they "
            "have no developers, because only incidents.csv names developers")
    return [*snapshot.incidents, *later]


def slug_ids(snapshot: Snapshot, report: SourceReport) -> dict[str, str]:
    """Every raw slug's id; a slug whose cleaned form collides with another's is escaped."""
    rows = [*snapshot.incidents, *snapshot.graphql_rows.values()]
    raws = sorted({s for row in rows for slugs in row.roles.values() for s in slugs if s.strip()})
    by_id: dict[str, list[str]] = defaultdict(list)
    for raw in raws:
        by_id[safe_id(raw)].append(raw)
    ids: dict[str, str] = {}
    for cleaned, group in by_id.items():
        for raw in group:
            clash = len(group) > 1 and raw != cleaned
            ids[raw] = escaped_id(raw) if clash or not cleaned else cleaned
            if clash:
                report.skip("slug cleaned to an id another slug has: escaped with ~ instead")
    return ids


def finish(sink: RecordSink, report: SourceReport, types: dict[str, TypeDecision],
           resolution: Resolution, reviewed: frozenset[str] = frozenset()) -> Extract:
    """The records, with the report's counts of types, merges and undecided ids, and the
    `reviewed` ids (this source's section of types_reviewed.yaml) it did not type by review."""
    records = sink.raw_records()
    report.count_written(records)
    written = {r.data["id"] for r in records if r.data.get("kind") == "entity"}
    for entity_id, decision in types.items():
        if entity_id in written:
            report.rules[decision.rule] += 1
            report.typed[entity_id] = (decision.type, decision.rule)
            if decision.rule == "undecided":
                report.undecided.append(entity_id)
    unused = sorted(i for i in reviewed if report.typed.get(i, ("", ""))[1] != "reviewed")
    if unused:
        report.notes.append(f"{len(unused)} ids of types_reviewed.yaml ({report.source}) not "
                            f"typed by their review (gone from the source, or curated): "
                            f"{', '.join(unused)}")
    for merged in sink.merged_ids():
        report.merged[merged] = (resolution.survivor(merged), resolution.reasons[merged])
    problems = [Problem(sink.origin_of(i), message) for i, message in sink.type_conflicts()]
    return Extract(records, report, problems)
