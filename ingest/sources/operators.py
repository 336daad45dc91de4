"""OPERATES links from the reviewed overrides file, each backed by an AIID report title.

An entry names the company, the platform, an AIID report and a quote; it is written only if
both entities are in the import and the quote is in that report's title.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingest.records import Origin, Problem
from ingest.sources.common import RecordSink
from ingest.sources.report import SourceReport
from ingest.sources.typing_rules import Overrides

OVERRIDES_ORIGIN = Origin("data/resolution/types.yaml")


def add_operators(
    sink: RecordSink, overrides: Overrides, articles: Mapping[int, str | None],
    report: SourceReport, titles: Mapping[int, str],
) -> None:
    """Write each OPERATES entry whose evidence checks out; refuse the others with why."""
    for number, entry in enumerate(overrides.operators, 1):
        reason = _check(entry, sink, articles, titles)
        if reason is not None:
            report.refused.append(Problem(OVERRIDES_ORIGIN, f"operators #{number}: {reason}"))
            continue
        article = articles[int(entry["report"])]
        assert article is not None
        evidence = [{"article": article, "quote": str(entry["quote"])}]
        sink.relation("OPERATES", str(entry["company"]), str(entry["platform"]), evidence,
                      OVERRIDES_ORIGIN)


def _check(entry: Mapping[str, object], sink: RecordSink, articles: Mapping[int, str | None],
           titles: Mapping[int, str]) -> str | None:
    keys = ("company", "platform", "report", "quote")
    if not all(isinstance(entry.get(k), str | int) for k in keys):
        return f"needs {', '.join(keys)}"
    for key in ("company", "platform"):
        if not sink.has_entity(str(entry[key])):
            return f"{key} {entry[key]!r} is not in this import"
    number = int(str(entry["report"]))
    if articles.get(number) is None:
        return f"AIID report {number} is not in this import"
    if str(entry["quote"]) not in titles.get(number, ""):
        return f"quote {entry['quote']!r} is not in the title of AIID report {entry['report']}"
    return None
