"""A record's `statements`: each value with its source, checked like the record's own values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.model import Evidence, Statement
from graph.schema import check_property
from graph.statements import ALIAS, DATE, NAME, hashable

ENTITY_FIELD_KINDS = {NAME: "string", ALIAS: "string"}
RELATION_FIELD_KINDS = {DATE: "date"}
_KEYS = {"property", "value", "article", "url", "quote"}


def statement_articles(data: Mapping[str, Any]) -> set[str]:
    """The Article ids a record's statements cite (to look up before validating)."""
    raw = data.get("statements")
    if not isinstance(raw, list):
        return set()
    return {s["article"] for s in raw if isinstance(s, dict) and isinstance(s.get("article"), str)}


def parse_statements(
    data: Mapping[str, Any],
    kinds: Mapping[str, str],
    known: Mapping[str, str],
    problems: list[str],
) -> tuple[Statement, ...]:
    """The record's statements; each mistake is a problem naming the statement's number."""
    raw = data.get("statements")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append("`statements` must be a list of objects")
        return ()
    found = []
    for number, item in enumerate(raw, 1):
        statement = _statement(item, kinds, known, f"statement #{number}", problems)
        if statement is not None:
            found.append(statement)
    return tuple(found)


def _statement(
    item: Any, kinds: Mapping[str, str], known: Mapping[str, str], where: str, problems: list[str]
) -> Statement | None:
    if not isinstance(item, dict) or set(item) - _KEYS or "property" not in item:
        problems.append(f"{where} must be an object with property, value, article, url, quote")
        return None
    key, before = item["property"], len(problems)
    if key not in kinds:
        problems.append(f"{where}: unknown property {key!r} (known: {', '.join(sorted(kinds))})")
        return None
    value = _value(kinds[key], item.get("value"), where, problems)
    source = _source(item, known, where, problems)
    if len(problems) > before or source is None:
        return None
    return Statement(key, hashable(value), source)


def _value(kind: str, value: Any, where: str, problems: list[str]) -> Any:
    try:
        return check_property(kind, value)
    except ValueError as exc:
        problems.append(f"{where}: {exc}")
        return None


def _source(
    item: dict[str, Any], known: Mapping[str, str], where: str, problems: list[str]
) -> Evidence | None:
    article, url, quote = item.get("article"), item.get("url"), item.get("quote")
    if article is not None and known.get(article) != "Article":
        problems.append(f"{where} cites {article!r}, which is no Article in this input or store")
    if url is not None:
        try:
            url = check_property("url", url)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
    if quote is not None and (not isinstance(quote, str) or not quote.strip()):
        problems.append(f"{where}: `quote` must be non-empty text")
        return None
    return Evidence(article, url, quote.strip() if isinstance(quote, str) else None)
