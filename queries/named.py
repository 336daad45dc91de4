"""Named queries for researchers: each a Cypher file of queries/named/ and the same in Python.

A named query has a name, a description (the file's header), typed parameters, the columns it
returns, its Cypher (run on the Neo4j store) and an equivalent function over the store
interface (run on every other store). Both give the same rows, in the same order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput, NotFound
from graph.model import Relation
from graph.store.base import GraphStore
from graph.store.periods import DateRange, checked_date, first_day
from queries.registry import Statement, load_queries

NAMED_DIR = Path(__file__).with_name("named")
Row = dict[str, Any]
Params = Mapping[str, Any]
REQUIRED = object()


@dataclass(frozen=True)
class Param:
    """One typed parameter: `kind` is ID, Date, Int or String."""

    name: str
    kind: str
    description: str
    default: Any = REQUIRED

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class NamedQuery:
    name: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    embedded: Callable[[GraphStore, Params], list[Row]]

    @property
    def statement(self) -> Statement:
        return load_queries(NAMED_DIR)[self.name]

    @property
    def description(self) -> str:
        return self.statement.purpose


def _clean(value: Any) -> Any:
    """Absent pieces of evidence are "" in Neo4j lists; rows show them as null / leave them out."""
    if value == "":
        return None
    if isinstance(value, list):
        return [v for v in value if v != ""]
    return value


def _ends(store: GraphStore, rels: list[Relation]) -> dict[str, Any]:
    return store.get_entities(sorted({e for r in rels for e in (r.source, r.target)}))


def _since(params: Params) -> DateRange | None:
    return DateRange(start=params["since"]) if params.get("since") else None


def cease_and_desist_letters(store: GraphStore, params: Params) -> list[Row]:
    since = _since(params)
    rels = [r for r in store.scan_relations(["SENT_CEASE_AND_DESIST"])
            if since is None or (r.date is not None and since.matches(r.date))]
    ends = _ends(store, rels)
    rows = [
        {"recipient": r.target, "recipient_name": ends[r.target].name, "sender": r.source,
         "sender_name": ends[r.source].name, "date": r.date,
         "articles": [e.article for e in r.evidence if e.article], "_id": r.id}
        for r in rels
    ]
    rows.sort(key=lambda row: (row["recipient"], row["sender"], row["_id"]))
    return [{k: v for k, v in row.items() if k != "_id"} for row in rows]


def incidents_per_deployer(store: GraphStore, params: Params) -> list[Row]:
    since = _since(params)
    rels = list(store.scan_relations(["DEPLOYED"]))
    ends = _ends(store, rels)
    counts = Counter(
        r.source for r in rels
        if ends[r.target].type == "Incident" and (since is None or since.matches(
            ends[r.target].properties.get("date")))
    )
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: int(params["limit"])]
    return [{"deployer": i, "name": ends[i].name, "incidents": n} for i, n in ranked]


def fines_by_regulator(store: GraphStore, params: Params) -> list[Row]:
    sums: dict[tuple[str, Any], list[Any]] = defaultdict(list)
    rels = [r for r in store.scan_relations(["FINED"]) if r.properties.get("amount") is not None]
    for rel in rels:
        sums[rel.source, rel.properties.get("currency")].append(rel.properties["amount"])
    ends = _ends(store, rels)
    rows = [
        {"regulator": reg, "name": ends[reg].name, "currency": cur, "total": sum(amounts),
         "fines": len(amounts)}
        for (reg, cur), amounts in sums.items()
    ]
    return sorted(rows, key=lambda r: (-r["total"], r["regulator"], r["currency"] or ""))


def evidence_for_entity(store: GraphStore, params: Params) -> list[Row]:
    entity_id = params["id"]
    rels = store.relations_of([entity_id]).get(entity_id, [])
    ends = _ends(store, rels)
    rows = []
    for rel in rels:
        other = rel.target if rel.source == entity_id else rel.source
        for piece in rel.evidence:
            rows.append({
                "relation": rel.id, "type": rel.type,
                "direction": "OUT" if rel.source == entity_id else "IN",
                "other": other, "other_name": ends[other].name, "date": rel.date,
                "article": piece.article, "quote": piece.quote,
            })
    return rows


SINCE = Param("since", "Date", "Only what is dated on or after this (partial ISO date).", None)
NAMED_QUERIES = {
    q.name: q
    for q in (
        NamedQuery(
            "cease_and_desist_letters", (SINCE,),
            ("recipient", "recipient_name", "sender", "sender_name", "date", "articles"),
            cease_and_desist_letters,
        ),
        NamedQuery(
            "incidents_per_deployer",
            (SINCE, Param("limit", "Int", "Most rows returned.", 20)),
            ("deployer", "name", "incidents"),
            incidents_per_deployer,
        ),
        NamedQuery(
            "fines_by_regulator", (), ("regulator", "name", "currency", "total", "fines"),
            fines_by_regulator,
        ),
        NamedQuery(
            "evidence_for_entity", (Param("id", "ID", "The entity (id or any look-up key)."),),
            ("relation", "type", "direction", "other", "other_name", "date", "article", "quote"),
            evidence_for_entity,
        ),
    )
}


def bind(store: GraphStore, query: NamedQuery, given: Params) -> dict[str, Any]:
    """The parameters checked against their types (ids resolved, dates normalised)."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        raise InvalidInput(f"{query.name} takes no parameter {', '.join(unknown)}")
    bound: dict[str, Any] = {}
    for param in query.params:
        value = given.get(param.name, None if param.required else param.default)
        if value is None and param.required:
            raise InvalidInput(f"{query.name} needs the parameter {param.name} ({param.kind})")
        bound[param.name] = None if value is None else _typed(store, query, param, value)
    return bound


def _typed(store: GraphStore, query: NamedQuery, param: Param, value: Any) -> Any:
    where = f"{query.name}: parameter {param.name}"
    if param.kind == "Int":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
            raise InvalidInput(f"{where} must be a whole number from 0 to 1000, got {value!r}")
        return value
    if not isinstance(value, str):
        raise InvalidInput(f"{where} must be a {param.kind} given as a string, got {value!r}")
    if param.kind == "Date":
        return first_day(checked_date(value, where))
    if param.kind == "ID":
        found = store.lookup([value]).get(value, [])
        if len(found) != 1:
            raise NotFound(f"{where}: {value!r} names {len(found) or 'no'} entities")
        return found[0]
    return value


def run_named(store: GraphStore, name: str, given: Params) -> list[Row]:
    """Run one named query: its Cypher on the Neo4j store, its Python elsewhere."""
    query = NAMED_QUERIES.get(name)
    if query is None:
        raise NotFound(f"no named query {name!r}; known: {', '.join(sorted(NAMED_QUERIES))}")
    params = bind(store, query, given)
    runner = getattr(store, "run_statement", None)
    if runner is None:
        return query.embedded(store, params)
    rows: list[Row] = runner(query.statement, params)
    return [{c: _clean(row[c]) for c in query.columns} for row in rows]
