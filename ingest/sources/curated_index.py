"""What the curated files already say, so imported records agree with them.

Imported records reuse curated ids (a Publisher by its domain, an Article by its AIID report
number) and never contradict a curated entity's type, name or properties.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.curated import SUFFIXES, parse_curated
from ingest.sources.common import Fixed


@dataclass
class CuratedIndex:
    """Curated entities by id, and the keys other sources use to find them."""

    entities: dict[str, Fixed] = field(default_factory=dict)
    publisher_domains: dict[str, str] = field(default_factory=dict)  # domain -> Publisher id
    aiid_reports: dict[int, str] = field(default_factory=dict)  # report number -> Article id
    article_urls: dict[str, str] = field(default_factory=dict)  # url -> Article id

    def publisher_for(self, host: str) -> str | None:
        """The curated Publisher of this host or of a parent domain ("edition.cnn.com")."""
        parts = host.split(".")
        for start in range(len(parts) - 1):
            found = self.publisher_domains.get(".".join(parts[start:]))
            if found is not None:
                return found
        return None


def load_curated(folder: Path | None) -> CuratedIndex:
    """Index every curated file below `folder` (an absent folder gives an empty index)."""
    index = CuratedIndex()
    if folder is None or not folder.is_dir():
        return index
    files = sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    for path in files:
        for raw in parse_curated(path).records:
            if raw.data.get("kind") == "entity" and isinstance(raw.data.get("id"), str):
                _add(index, raw.data)
    return index


def _add(index: CuratedIndex, data: dict[str, Any]) -> None:
    entity_id = str(data["id"])
    raw_props = data.get("properties")
    props: dict[str, Any] = (
        {k: _json_value(v) for k, v in raw_props.items()} if isinstance(raw_props, dict) else {})
    raw_external = data.get("external_ids")
    external: dict[str, str] = raw_external if isinstance(raw_external, dict) else {}
    seen = index.entities.get(entity_id)
    etype = seen.type if seen else str(data.get("type"))
    name = seen.name if seen else str(data.get("name") or data.get("id"))
    merged_props = {**(seen.properties if seen else {}), **props}  # later files win, as in a load
    merged_ext = {**(seen.external_ids if seen else {}), **external}
    index.entities[entity_id] = Fixed(etype, name, merged_props, merged_ext)
    domain, report, url = props.get("domain"), props.get("aiid_report"), props.get("url")
    if etype == "Publisher" and isinstance(domain, str):
        index.publisher_domains.setdefault(domain.lower(), entity_id)
    if etype == "Article" and isinstance(report, int):
        index.aiid_reports.setdefault(report, entity_id)
    if etype == "Article" and isinstance(url, str):
        index.article_urls.setdefault(url, entity_id)


def _json_value(value: object) -> object:
    """YAML reads 2024-09-03 as a date; records carry it as the ISO text it was written as."""
    return value.isoformat() if isinstance(value, dt.date) else value
