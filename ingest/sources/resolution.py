"""Entity resolution by committed decisions: nothing merges unless a person decided it.

`data/resolution/decisions.yaml` is a log of decisions, each naming two or more ids, `merge`
(with the `survivor` they become) or `keep-apart`, a `reason` and who decided. Later decisions
override earlier ones for the same ids, so a merge is undone by appending (or editing it into)
`keep-apart` and re-ingesting into a fresh store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.errors import InvalidInput
from ingest.strict_yaml import read_yaml_file

DECISIONS = ("merge", "keep-apart")
_KEYS = {"ids", "decision", "survivor", "reason", "decided_by"}


@dataclass(frozen=True)
class Decision:
    """One reviewed decision about a set of ids."""

    ids: tuple[str, ...]
    decision: str
    reason: str
    decided_by: str
    survivor: str | None = None


@dataclass
class Resolution:
    """The outcome of every decision: merged id -> survivor, and pairs kept apart."""

    redirects: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    decided_pairs: set[frozenset[str]] = field(default_factory=set)

    def survivor(self, entity_id: str) -> str:
        return self.redirects.get(entity_id, entity_id)

    def merges_into(self, survivor: str) -> list[str]:
        return sorted(m for m, s in self.redirects.items() if s == survivor)


def load_decisions(path: Path | None) -> list[Decision]:
    """The decisions in `path` (none when there is no file), refused whole if one is malformed."""
    if path is None or not path.exists():
        return []
    data = read_yaml_file(path) or {}
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InvalidInput(f"{path}: expected a mapping with a `decisions:` list")
    return [_decision(path, number, item) for number, item in enumerate(items, 1)]


def _decision(path: Path, number: int, item: Any) -> Decision:
    where = f"{path}: decision #{number}"
    if not isinstance(item, dict) or set(item) - _KEYS:
        raise InvalidInput(f"{where}: a decision is a mapping with keys {sorted(_KEYS)}")
    ids = item.get("ids")
    if not isinstance(ids, list) or len(ids) < 2 or not all(isinstance(i, str) for i in ids):
        raise InvalidInput(f"{where}: `ids` must list two or more entity ids")
    if item.get("decision") not in DECISIONS:
        raise InvalidInput(f"{where}: `decision` must be one of {', '.join(DECISIONS)}")
    for key in ("reason", "decided_by"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise InvalidInput(f"{where}: `{key}` is required")
    survivor = item.get("survivor")
    if item["decision"] == "merge" and survivor not in ids:
        raise InvalidInput(f"{where}: a merge names its `survivor`, one of {ids}")
    return Decision(tuple(ids), item["decision"], item["reason"].strip(),
                    item["decided_by"].strip(), survivor)


def resolve(decisions: Sequence[Decision]) -> Resolution:
    """Apply decisions in order; a survivor that is itself merged away is refused."""
    result = Resolution()
    for decision in decisions:
        ids = decision.ids
        result.decided_pairs.update(frozenset((a, b)) for a in ids for b in ids if a < b)
        if decision.decision == "merge" and decision.survivor is not None:
            for merged in ids:
                if merged != decision.survivor:
                    result.redirects[merged] = decision.survivor
                    result.reasons[merged] = decision.reason
        else:
            _keep_apart(result, ids)
    _check_chains(result)
    return result


def _keep_apart(result: Resolution, ids: Sequence[str]) -> None:
    """Undo any merge that would put two of these ids in one node."""
    for one in ids:
        for other in ids:
            if one != other and result.survivor(one) == result.survivor(other):
                result.redirects.pop(one, None)
                result.reasons.pop(one, None)


def _check_chains(result: Resolution) -> None:
    for merged, survivor in result.redirects.items():
        if survivor in result.redirects:
            raise InvalidInput(
                f"decisions merge {merged!r} into {survivor!r}, which is itself merged into "
                f"{result.redirects[survivor]!r}; name the final survivor in both decisions"
            )


def append_decision(path: Path, decision: Decision) -> None:
    """Append one decision to the file, keeping what (and every comment) it holds."""
    entry: dict[str, Any] = {"ids": list(decision.ids), "decision": decision.decision}
    if decision.survivor is not None:
        entry["survivor"] = decision.survivor
    entry.update(reason=decision.reason, decided_by=decision.decided_by)
    text = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100)
    existing = path.read_text(encoding="utf-8") if path.exists() else "decisions:\n"
    if existing.strip() == "decisions: []":
        existing = "decisions:\n"
    body = "".join("  " + line if line.strip() else line for line in text.splitlines(True))
    path.write_text(existing.rstrip("\n") + "\n" + body, encoding="utf-8")
