"""Reviewed name variants for headline parties: `data/resolution/headline_aliases.yaml`.

A headline often names a party otherwise than the graph does ("Justice Department" for the
entity "US Department of Justice"). Each alias names an entity already in the graph (never a
new one), gives the headlines it was read in and why the name means that entity, and a scope:
`everywhere` (the name means the entity in any headline) or `these headlines` (only in the
headlines listed: "The Times" in a nytimes.com report is The New York Times, elsewhere it may
be another paper). Merged ids are followed to their survivor. `generic` lists names the graph
holds for a class of parties (AIID's "Landlords", "Law firms"): in a headline they name no one
party, so they are never matched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from ingest.sources.headline_names import NameIndex
from ingest.strict_yaml import read_yaml_file

SCOPES = ("everywhere", "these headlines")


@dataclass(frozen=True)
class Alias:
    name: str
    entity: str
    scope: str
    headlines: tuple[str, ...]  # urls of the headlines the name was read in
    reason: str


@dataclass
class Aliases:
    aliases: list[Alias] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)  # names of a class, never of one party


def load_aliases(path: Path | None) -> Aliases:
    """The aliases and generic names in `path` (an absent file: none)."""
    if path is None or not path.is_file():
        return Aliases()
    raw = read_yaml_file(path) or {}
    if not isinstance(raw, dict):
        raise InvalidInput(f"{path}: expected a mapping with `aliases` and `generic` lists")
    aliases = [_alias(f"{path}: alias #{n}", item)
               for n, item in enumerate(raw.get("aliases") or [], 1)]
    generic = [_generic(f"{path}: generic name #{n}", item)
               for n, item in enumerate(raw.get("generic") or [], 1)]
    return Aliases(aliases, generic)


def _generic(where: str, item: Any) -> str:
    if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item[k].strip() for k in ("name", "reason")):
        raise InvalidInput(f"{where}: give the `name` and a `reason` (and the `headlines`)")
    return str(item["name"])


def _alias(where: str, item: Any) -> Alias:
    if not isinstance(item, dict):
        raise InvalidInput(f"{where} must be a mapping with name, entity, scope, headlines, reason")
    name, entity, scope = item.get("name"), item.get("entity"), item.get("scope")
    reason, headlines = item.get("reason"), item.get("headlines")
    if not all(isinstance(v, str) and v.strip() for v in (name, entity, reason)):
        raise InvalidInput(f"{where}: give the alias `name`, the graph `entity` id and a `reason`")
    if scope not in SCOPES:
        raise InvalidInput(f"{where}: `scope` must be one of {', '.join(SCOPES)}")
    if (not isinstance(headlines, list) or not headlines
            or not all(isinstance(h, str) and h.strip() for h in headlines)):
        raise InvalidInput(f"{where}: list the `headlines` (urls) the name was read in")
    return Alias(str(name), str(entity), str(scope), tuple(str(h) for h in headlines),
                 str(reason))


def apply_aliases(index: NameIndex, reviewed: Aliases, redirects: Mapping[str, str]) -> None:
    """Add each alias to the names a headline is read with; refuse one naming no entity."""
    for name in reviewed.generic:
        index.forget(name)
    for number, alias in enumerate(reviewed.aliases, 1):
        entity = redirects.get(alias.entity, alias.entity)
        party = index.parties.get(entity)
        if party is None:
            raise InvalidInput(
                f"headline alias #{number} ({alias.name!r}): entity {alias.entity!r} is not a "
                "party in the graph; an alias only names an entity the graph already has")
        if alias.scope == "everywhere":
            index.add(party, [alias.name])
        else:
            for url in alias.headlines:
                index.add_scoped(url, party, alias.name)
