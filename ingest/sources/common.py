"""Shared by the source importers: ids from names and slugs, and the sink that collects records."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from graph.dates import date_refines
from graph.model import ID_PATTERN, relation_id
from ingest.records import Origin, RawRecord

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_ID = re.compile(r"[^A-Za-z0-9._~+-]")
_DASHES = re.compile(r"-{2,}")


def fold(text: str) -> str:
    """Lower-case ASCII: accents dropped, so "Société" and "societe" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)


def slugify(text: str) -> str:
    """A readable id from a name: "U.S. District Court" -> "u-s-district-court"."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def author_id(name: str) -> str:
    """Authors get their own id space: a byline never silently joins an AIID party."""
    return f"author-{slugify(name)}"


def safe_id(raw: str) -> str:
    """An AIID slug as a valid aikg id: characters ids may not hold ( ' " ( ) @ ! ) are dropped."""
    cleaned = _DASHES.sub("-", _NOT_ID.sub("", fold(raw)))
    return cleaned.lstrip("._~+-").rstrip("-")


def escaped_id(raw: str) -> str:
    """The fallback when `safe_id` would collide: each disallowed character becomes `~`."""
    return _NOT_ID.sub("~", fold(raw)).lstrip("._~+-")


def web_host(url: str) -> str | None:
    """The url's host without a leading "www.", or None when the url has none."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    host = host.removeprefix("www.")
    return host or None


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))


@dataclass(frozen=True)
class Fixed:
    """An entity another source owns (curated): its type, name and property values lead."""

    type: str
    name: str
    properties: Mapping[str, Any] = field(default_factory=dict)
    external_ids: Mapping[str, str] = field(default_factory=dict)


@dataclass
class _Statement:
    record: dict[str, Any]
    origin: Origin
    stated_id: str


@dataclass
class RecordSink:
    """Collects entity and relation records; merged-away ids are rewritten to their survivor.

    Repeated statements of one entity become one record (the survivor's own statement leads,
    the others add aliases and merged ids); one relation's statements pool their evidence.
    """

    redirects: Mapping[str, str] = field(default_factory=dict)
    fixed: Mapping[str, Fixed] = field(default_factory=dict)
    types: Mapping[str, str] = field(default_factory=dict)  # reviewed type of a survivor id
    _entities: dict[str, list[_Statement]] = field(default_factory=dict)
    _relations: dict[str, dict[str, Any]] = field(default_factory=dict)
    _origins: dict[str, Origin] = field(default_factory=dict)

    def resolve(self, entity_id: str) -> str:
        return self.redirects.get(entity_id, entity_id)

    def entity(self, record: dict[str, Any], origin: Origin) -> str:
        """Add an entity statement; returns the id it was stored under."""
        stated = record["id"]
        target = self.resolve(stated)
        record = {**record, "id": target}
        if target != stated and target in self.types:  # a byline or web domain merged into
            record["type"] = self.types[target]      # an agency takes the survivor's type
        statement = _Statement(record, origin, stated)
        self._entities.setdefault(target, []).append(statement)
        return target

    def has_entity(self, entity_id: str) -> bool:
        return self.resolve(entity_id) in self._entities

    def relation(
        self, rtype: str, source: str, target: str, evidence: Iterable[dict[str, str]],
        origin: Origin, properties: Mapping[str, Any] | None = None, date: str | None = None,
    ) -> None:
        """Add a relation statement; the same fact stated again only adds evidence.

        `date` is the date the fact refers to (the incident's, the filing's); the first stated
        date stays, a more precise one refining it (2020 -> 2020-03).
        """
        source, target = self.resolve(source), self.resolve(target)
        rel_id = relation_id(rtype, source, target)
        items = [{k: (self.resolve(v) if k == "article" else v) for k, v in e.items()}
                 for e in evidence]
        found = self._relations.get(rel_id)
        if found is None:
            found = {"kind": "relation", "type": rtype, "source": source, "target": target,
                     "evidence": []}
            if properties:
                found["properties"] = dict(properties)
            self._relations[rel_id] = found
            self._origins[rel_id] = origin
        if date and (not found.get("date") or date_refines(found["date"], date)):
            found["date"] = date
        found["evidence"].extend(items)

    def entity_ids(self) -> list[str]:
        return sorted(self._entities)

    def relation_ids(self) -> list[str]:
        return sorted(self._relations)

    def merged_ids(self) -> list[str]:
        """The stated ids that were written under a survivor's id."""
        return sorted({s.stated_id for group in self._entities.values() for s in group
                       if s.stated_id != s.record["id"]})

    def origin_of(self, entity_id: str) -> Origin:
        return self._entities[entity_id][0].origin

    def type_conflicts(self) -> list[tuple[str, str]]:
        """Ids stated with two types by their own statements: two things, one id; never merged."""
        found = []
        for entity_id, group in sorted(self._entities.items()):
            fixed = self.fixed.get(entity_id)
            types = {s.record["type"] for s in group if s.stated_id == entity_id}
            types |= {fixed.type} if fixed else set()
            if len(types) > 1:
                found.append((entity_id, f"id {entity_id!r} is stated as {sorted(types)}; "
                              "give one a type override or a different id"))
        return found

    def entity_records(self) -> list[tuple[dict[str, Any], Origin]]:
        return [_combine(self._entities[i], self.fixed.get(i)) for i in sorted(self._entities)]

    def relation_records(self) -> list[tuple[dict[str, Any], Origin]]:
        out = []
        for rel_id in sorted(self._relations):
            record = dict(self._relations[rel_id])
            record["evidence"] = _unique_evidence(record["evidence"])
            out.append((record, self._origins[rel_id]))
        return out

    def raw_records(self) -> list[RawRecord]:
        """Entities then relations, each in id order: the same input always gives the same list."""
        pairs = self.entity_records() + self.relation_records()
        return [RawRecord(record, origin) for record, origin in pairs]


def _unique_evidence(items: list[dict[str, str]]) -> list[dict[str, str]]:
    keyed = {tuple(sorted(e.items())): e for e in items}
    return [dict(sorted(keyed[k].items())) for k in sorted(keyed)]


def _combine(statements: list[_Statement], fixed: Fixed | None) -> tuple[dict[str, Any], Origin]:
    """One record from every statement of an entity; the survivor's own statement leads."""
    own = [s for s in statements if s.stated_id == s.record["id"]]
    lead = (own or statements)[0]
    record = {k: v for k, v in lead.record.items() if k not in ("aliases", "merged_ids")}
    if fixed is not None:
        record.update(type=fixed.type, name=fixed.name)
    names = {s.record["name"] for s in statements} | {
        a for s in statements for a in s.record.get("aliases", [])}
    aliases = sorted(names - {record["name"]})
    merged = sorted({s.stated_id for s in statements if s.stated_id != record["id"]}
                    | {m for s in statements for m in s.record.get("merged_ids", [])})
    props: dict[str, Any] = {}
    external: dict[str, str] = {}
    for statement in [lead, *statements]:
        for key, value in statement.record.get("properties", {}).items():
            props.setdefault(key, value)
        for key, value in statement.record.get("external_ids", {}).items():
            external.setdefault(key, value)
    if fixed is not None:  # the curated values win, so loading both never flip-flops
        props.update(fixed.properties)
        external.update(fixed.external_ids)
    record.update(properties=dict(sorted(props.items())),
                  external_ids=dict(sorted(external.items())))
    if aliases:
        record["aliases"] = aliases
    if merged:
        record["merged_ids"] = merged
    return {k: v for k, v in record.items() if v not in ({}, [])}, lead.origin
