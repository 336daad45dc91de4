"""The graph's names and aliases, to find the parties a headline names.

Names are matched word by word (accents and case folded, a possessive 's dropped); an
acronym matches only in capitals ("FTC"), from an Agency's name ("U.S. Federal Trade
Commission") or the one it gives in brackets ("(HUD)"). When two entities share a name the
one kept is the better party: an Agency before a Company ... and never an AIID byline
(`author-*`) when another entity has the name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.sources.common import fold
from ingest.sources.curated_index import load_curated

PARTY_TYPES = ("Agency", "Company", "Platform", "Organization", "Product", "Publisher", "Person")
_TOKEN = re.compile(r"[^\W_][\w.'\u2019+-]*|&", re.UNICODE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_MINOR = {"of", "the", "and", "for", "&", "on", "in"}
_COUNTRY = {"u.s", "us", "uk", "united", "states", "kingdom"}
_BRACKETED = re.compile(r"\(([A-Z]{2,8})\)")
MAX_WORDS = 8


@dataclass(frozen=True)
class Party:
    """An entity a headline may name."""

    id: str
    type: str
    name: str


@dataclass(frozen=True)
class Mention:
    """A party named in a title: which words (token positions) and the text as written."""

    party: Party
    start: int
    end: int  # exclusive token index
    text: str


@dataclass
class NameIndex:
    names: dict[str, Party] = field(default_factory=dict)
    acronyms: dict[str, Party] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)  # entity id -> the party it names
    scoped: dict[str, dict[str, Party]] = field(default_factory=dict)  # url -> name -> party
    ids: set[str] = field(default_factory=set)  # every entity id of the graph read
    articles: set[str] = field(default_factory=set)  # Article ids evidence may cite
    described: dict[str, str] = field(default_factory=dict)  # new agency id -> name first read
    capital_only: set[str] = field(default_factory=set)  # keys of one-word names in capitals

    def add(self, party: Party, names: Iterable[str]) -> None:
        self.ids.add(party.id)
        self.parties.setdefault(party.id, party)
        for name in names:
            key = name_key(name)
            if len(key) >= 3 and _better(party, self.names.get(key)):
                self.names[key] = party
            if _acronym(name):
                self.capital_only.add(key)
        if party.type == "Agency":
            for acronym in acronyms(list(names)):
                if _better(party, self.acronyms.get(acronym)):
                    self.acronyms[acronym] = party

    def forget(self, name: str) -> None:
        """A name that never names a party in a headline (a class: "Landlords", "Law firms")."""
        self.names.pop(name_key(name), None)

    def add_scoped(self, url: str, party: Party, name: str) -> None:
        """A name that means `party` only in the headline published at `url`."""
        self.scoped.setdefault(url, {})[name_key(name)] = party

    def mentions(self, title: str, url: str | None = None) -> list[Mention]:
        """Every longest, non-overlapping mention of a party, left to right."""
        tokens = list(_spans(title))
        found: list[Mention] = []
        local = self.scoped.get(url, {}) if url is not None else {}
        start = 0
        while start < len(tokens):
            hit = self._longest(title, tokens, start, local)
            if hit is None:
                start += 1
                continue
            found.append(hit)
            start = hit.end
        return found

    def _longest(self, title: str, tokens: list[tuple[str, int, int]], start: int,
                 local: dict[str, Party]) -> Mention | None:
        for end in range(min(len(tokens), start + MAX_WORDS), start, -1):
            key = " ".join(t for t, _, _ in tokens[start:end]).removeprefix("the ")
            party = local.get(key) or self.names.get(key)
            text = title[tokens[start][1]:tokens[end - 1][2]]
            if party is not None and (key not in self.capital_only or _capitals(text)):
                return Mention(party, start, end, text)
        raw = title[tokens[start][1]:tokens[start][2]]
        stem = _POSSESSIVE.sub("", raw)
        if stem.isupper() and stem in self.acronyms:
            return Mention(self.acronyms[stem], start, start + 1, stem)
        return None


def _acronym(name: str) -> bool:
    """A one-word name in capitals ("WHO", "HUD"): it names the party only when so written."""
    return " " not in name.strip() and name.isupper()


def _capitals(text: str) -> bool:
    return _POSSESSIVE.sub("", text).isupper()


def name_key(name: str) -> str:
    """How a name is looked up: its folded words, without a leading "the"."""
    return " ".join(t for t, _ in words(name)).removeprefix("the ")


def words(text: str) -> list[tuple[str, str]]:
    """Folded words of a name or title with the text as written."""
    return [(t, text[s:e]) for t, s, e in _spans(text)]


def _spans(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _TOKEN.finditer(text):
        raw = match.group(0).rstrip(".,")
        folded = fold(_POSSESSIVE.sub("", raw)) if len(raw) > 2 else fold(raw)
        if folded:
            yield folded, match.start(), match.start() + len(raw)


def acronyms(names: list[str]) -> set[str]:
    """"FTC" from "U.S. Federal Trade Commission", "DOJ" from "US Department of Justice"."""
    found = {m.group(1) for n in names for m in _BRACKETED.finditer(n)}
    for name in names:
        parts = [w for f, w in words(re.sub(r"\(.*?\)", " ", name))]
        while parts and fold(parts[0]).rstrip(".") in _COUNTRY:
            parts = parts[1:]
        strict = "".join(w[0] for w in parts if w[:1].isupper())
        loose = "".join(w[0].upper() for w in parts if w.lower() in ("of",) or w[:1].isupper())
        found |= {a for a in (strict, loose) if len(a) >= 3}
    return found


def _rank(party: Party) -> tuple[int, int]:
    return (party.id.startswith("author-"), PARTY_TYPES.index(party.type))


def _better(party: Party, old: Party | None) -> bool:
    return old is None or _rank(party) < _rank(old) or (
        _rank(party) == _rank(old) and party.id < old.id)


def load_names(curated: Path | None, extracts: Iterable[Path]) -> NameIndex:
    """Parties from the curated files and extract NDJSON files (names and aliases)."""
    index = NameIndex()
    for entity_id, fixed in sorted(load_curated(curated).entities.items()):
        index.ids.add(entity_id)
        if fixed.type == "Article":
            index.articles.add(entity_id)
        if fixed.type in PARTY_TYPES:
            index.add(Party(entity_id, fixed.type, fixed.name), [fixed.name])
    for path in sorted(extracts):
        for data in _entities(path, index):
            party = Party(str(data["id"]), str(data["type"]), str(data["name"]))
            index.add(party, [party.name, *(str(a) for a in data.get("aliases") or [])])
    return index


def _entities(path: Path, index: NameIndex) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if '"kind":"entity"' not in line:
                continue
            data = json.loads(line)
            index.ids.add(str(data.get("id")))
            if data.get("type") == "Article":
                index.articles.add(str(data.get("id")))
            if data.get("type") in PARTY_TYPES and isinstance(data.get("name"), str):
                yield data
