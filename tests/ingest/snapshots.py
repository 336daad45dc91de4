"""Small AIID snapshot folders written on the fly, for tests that need exact control."""

from __future__ import annotations

import csv
import json
from pathlib import Path

HEADER = ["_id", "incident_id", "date", "reports", "Alleged deployer of AI system",
          "Alleged developer of AI system", "Alleged harmed or nearly harmed parties",
          "description", "title"]


def write_snapshot(folder: Path, incidents: list[dict[str, object]]) -> Path:
    """incidents: number, date, title, reports [(n, url, title, authors)], deployers,
    developers, harmed (slugs), names {slug: display name}."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "incidents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in incidents:
            writer.writerow([f"ObjectId({i['number']})", i["number"], i["date"],
                             json.dumps([r[0] for r in i["reports"]]),  # type: ignore[attr-defined]
                             json.dumps(i.get("deployers", [])),
                             json.dumps(i.get("developers", [])),
                             json.dumps(i.get("harmed", [])), "A description.", i["title"]])
    export = {"data": {"incidents": [_graphql(i) for i in incidents]}}
    (folder / "aiid_graphql_export.json").write_text(json.dumps(export), encoding="utf-8")
    return folder


def _graphql(incident: dict[str, object]) -> dict[str, object]:
    names: dict[str, str] = incident.get("names", {})  # type: ignore[assignment]

    def parties(key: str) -> list[dict[str, str]]:
        return [{"entity_id": s, "name": names.get(s, s)} for s in incident.get(key, [])]  # type: ignore[attr-defined]

    return {
        "incident_id": incident["number"], "title": incident["title"], "date": incident["date"],
        "AllegedDeployerOfAISystem": parties("deployers"),
        "AllegedHarmedOrNearlyHarmedParties": parties("harmed"),
        "reports": [{"report_number": n, "url": u, "title": t, "authors": a}
                    for n, u, t, a in incident["reports"]],  # type: ignore[attr-defined]
    }


ACME = {
    "number": 1, "date": "2020-01-02", "title": "Acme face matcher misidentifies shoppers",
    "reports": [(11, "https://news.example.org/acme-1", "Acme misidentifies shoppers",
                 ["Jane Reporter"])],
    "deployers": ["acme-inc"], "developers": ["acme-inc"], "harmed": ["shoppers"],
    "names": {"acme-inc": "Acme AI Inc.", "shoppers": "Shoppers"},
}
ACME_AL = {
    "number": 2, "date": "2021-03-04", "title": "Acme Al tool flags the wrong drivers",
    "reports": [(12, "https://www.example.com/acme-2", "Acme Al flags drivers", [])],
    "deployers": ["acme-al"], "developers": ["acme-al"], "harmed": ["drivers", "driver"],
    "names": {"acme-al": "Acme Al", "drivers": "Drivers", "driver": "driver"},
}
