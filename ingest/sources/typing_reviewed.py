"""Reviewed type decisions: `data/resolution/types_reviewed.yaml`, one per entity a weak rule
typed, each with the reason its context gave (data/samples/README.md tells how they were made).

The file has one mapping per source (`aiid`, `ai-incident-law`): `id: {type: T, reason: "..."}`
with the ids in sorted order, each once in the whole file, T one of the schema's party types
and a reason that is not empty. A bad file is refused with FILE:LINE and what to change,
before anything is typed. The importers apply a reviewed type after the curated types and
`types.yaml` (an id may be in only one of the two files) and before the rules, as rule
`reviewed`; each source reports the reviewed ids it no longer has.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.schema import load_schema
from ingest.loading import InputRefused
from ingest.word_files import line, mapping, read_word_file

REVIEWED_FILE = "types_reviewed.yaml"
SOURCES = ("aiid", "ai-incident-law")
NOT_PARTIES = ("Article", "Incident", "LegalAction")


@dataclass(frozen=True)
class Reviewed:
    """id -> reviewed type, and the ids each source's section lists."""

    types: dict[str, str] = field(default_factory=dict)
    by_source: dict[str, frozenset[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # id -> its line in the file


@functools.cache
def party_types() -> tuple[str, ...]:
    """The schema's entity types an imported party may have."""
    return tuple(sorted(t for t in load_schema().entity_types if t not in NOT_PARTIES))


def load_reviewed(path: Path) -> Reviewed:
    """Read and check a reviewed-types file; InvalidInput names FILE:LINE and the fix. A file
    read before, unchanged since (same size and modification time), is not read again."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputRefused(f"cannot read file: {exc.strerror}").at(path) from None
    return _load(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _load(path: str, size: int, mtime_ns: int) -> Reviewed:
    return read_word_file(Path(path), SOURCES, _reviewed)


def _reviewed(found: dict[str, yaml.Node]) -> Reviewed:
    reviewed = Reviewed()
    for source in SOURCES:
        node = found[source]
        entries = {} if _empty(node) else mapping(node, None)
        previous = ""
        for entity_id, entry in entries.items():
            where = line(entry)
            if entity_id <= previous:
                raise InputRefused(f"{entity_id!r} comes after {previous!r}: keep each "
                                   "source's ids in sorted order", where)
            previous = entity_id
            if entity_id in reviewed.types:
                raise InputRefused(f"{entity_id!r} is reviewed already (line "
                                   f"{reviewed.lines[entity_id]}): keep one decision", where)
            reviewed.types[entity_id] = _type(entity_id, entry)
            reviewed.lines[entity_id] = where
        reviewed.by_source[source] = frozenset(entries)
    return reviewed


def _empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")


def _type(entity_id: str, entry: yaml.Node) -> str:
    fields_ = mapping(entry, ("type", "reason"))
    etype, reason = fields_["type"], fields_["reason"]
    if not isinstance(etype, yaml.ScalarNode) or etype.value not in party_types():
        raise InputRefused(f"{entity_id!r}: type {getattr(etype, 'value', etype)!r} is not one "
                           f"of the schema's party types ({', '.join(party_types())})",
                           line(etype))
    if not isinstance(reason, yaml.ScalarNode) or not str(reason.value).strip():
        raise InputRefused(f"{entity_id!r}: give the reason the context shows (a role, an "
                           "incident title, a domain)", line(reason))
    authored = load_schema().relation_type("AUTHORED")
    if entity_id.startswith("author-") and authored and etype.value not in authored.sources:
        raise InputRefused(f"{entity_id!r} is a byline: its type is one of those the schema lets "
                           f"author an article ({', '.join(authored.sources)})", line(etype))
    return str(etype.value)
