"""The AI Error Litigation Index (aiincidentlaw.org, CC BY 4.0) as interchange records.

Each included record becomes an Incident (the AI error: title, date, AI system), a LegalAction
(the public matter: name, type, status, filing date, citation, record link) that CONCERNS it,
the courts or agencies that HEARD it (Agency), the deployers that DEPLOYED the system, and the
index record itself as an Article published by the index. Evidence is the record with the
field it states, its public record link and its secondary links. Review-queue and global
candidates are not verified by the index and are skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.dates import parse_partial_date
from graph.errors import InvalidInput
from ingest.loading import read_json_file
from ingest.records import Origin, Problem
from ingest.sources.aiid import CITE_URL, Extract, SourceConfig, finish
from ingest.sources.common import RecordSink, slugify
from ingest.sources.litigation_matters import Matter, Party, check_matter
from ingest.sources.litigation_sanctions import Sanction, sanction_properties
from ingest.sources.report import SourceReport
from ingest.sources.typing_rules import TypeDecision, decide_type
from ingest.strict_yaml import read_yaml_file

PUBLISHER = "ai-error-litigation-index"
# Name and site as given in the data's README (../shared/data/README.md).
PUBLISHER_RECORD = {"kind": "entity", "id": PUBLISHER, "type": "Publisher",
                    "name": "AI Error Litigation Index",
                    "properties": {"website": "https://aiincidentlaw.org/",
                                   "domain": "aiincidentlaw.org"}}


def load_parties(path: Path | None) -> dict[str, list[Party]]:
    """The reviewed deployer parties per record id (`litigation_parties.yaml`)."""
    if path is None or not path.exists():
        return {}
    data = read_yaml_file(path) or {}
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected a mapping with a `parties:` block")
    found: dict[str, list[Party]] = {}
    for record_id, items in (data.get("parties") or {}).items():
        if not isinstance(items, list):
            raise InvalidInput(f"{path}: parties of {record_id} must be a list")
        found[record_id] = [Party(i["name"], i["type"], i.get("id") or slugify(i["name"]),
                                  tuple(i.get("labels") or ())) for i in items]
    return found


def litigation_records(
    path: Path, config: SourceConfig, parties: dict[str, list[Party]],
    matters: dict[str, Matter] | None = None,
) -> Extract:
    """Read the index's `data.json` and turn its included records into records."""
    data = read_json_file(path)
    datasets = data.get("datasets") if isinstance(data, dict) else None
    if not isinstance(datasets, dict):
        raise InvalidInput(
            f"{path}: not the litigation index's data.json (a JSON object with `datasets`)"
        )
    report = SourceReport("ai-incident-law")
    builder = _Builder(config, parties, report, matters or {})
    for name, dataset in sorted(datasets.items()):
        records = (dataset.get("records") if isinstance(dataset, dict) else None) or []
        if not isinstance(records, list):
            raise InvalidInput(f"{path}: `datasets.{name}.records` must be a list")
        report.read[f"{path.name} {name}"] = len(records)
        if name != "included":
            report.skip(f"record in the index's {name!r} list (not verified by the index)",
                        len(records))
            continue
        for index, record in enumerate(records, 1):
            builder.record(record, Origin(f"{path} included", index))
    return finish(builder.sink, report, builder.types, config.resolution,
                  config.overrides.reviewed.by_source.get("ai-incident-law", frozenset()))


class _Builder:
    def __init__(self, config: SourceConfig, parties: dict[str, list[Party]],
                 report: SourceReport, matters: dict[str, Matter]) -> None:
        self.config, self.parties, self.report = config, parties, report
        self.matters = matters
        self.sink = RecordSink(config.resolution.redirects, config.curated.entities,
                               config.overrides.types)
        self.curated_types = {i: f.type for i, f in config.curated.entities.items()}
        self.types: dict[str, TypeDecision] = {}

    def record(self, rec: dict[str, Any], origin: Origin) -> None:
        missing = [k for k in ("error_id", "error_title", "public_matter_name") if not rec.get(k)]
        if missing:
            self.report.refused.append(Problem(origin, f"record lacks {', '.join(missing)}"))
            return
        base = slugify(rec["error_id"])
        doc = self.document(rec, base, origin)
        link = [{"url": rec["public_record_link"]}] if rec.get("public_record_link") else []
        secondary = [{"url": u.strip()} for u in (rec.get("secondary_source_links") or "")
                     .split(";") if u.strip()]
        filed = self.date(rec.get("filing_date"), "filing_date", origin)
        happened = self.date(rec.get("error_date"), "error_date", origin)
        if self.sink.resolve(base) != base:  # the same event as another source's incident:
            happened = None                  # its own source dates it (no second date to clash)
        incident = self.sink.entity(self.incident(rec, base, happened), origin)
        matter = self.sink.entity(self.matter(rec, base, filed), origin)
        self.sink.relation("REPORTED", doc, incident,
                           [{"article": doc, "quote": rec["error_title"]}], origin)
        self.sink.relation("CONCERNS", matter, incident, [
            {"article": doc, "quote": rec["public_matter_name"]}, *link, *secondary], origin,
            date=filed)
        for court, quote in self.courts(rec):
            agency = self.sink.entity({"kind": "entity", "id": court["id"], "type": "Agency",
                                       "name": court["name"], **court["extra"]}, origin)
            self.sink.relation("HEARD", agency, matter,
                               [{"article": doc, "quote": quote}, *link], origin, date=filed)
        for party in self.deployers(rec, origin):
            node = self.sink.entity(self.party(party), origin)
            self.sink.relation("DEPLOYED", node, incident,
                               [{"article": doc, "quote": rec["deployer"]}, *link], origin,
                               date=happened)
        reviewed = self.matters.get(rec["error_id"])
        if reviewed is None:
            self.report.skip("record with no reviewed entry in litigation_matters.yaml "
                             "(parties, amount, AIID link)")
        elif self.checked(reviewed, rec, origin):
            self.roles(reviewed, rec, matter, doc, filed, origin)

    def checked(self, reviewed: Matter, rec: dict[str, Any], origin: Origin) -> bool:
        wrong = check_matter(reviewed, rec, [c["name"] for c, _ in self.courts(rec)])
        self.report.refused += [Problem(origin, f"litigation_matters.yaml: {w}") for w in wrong]
        return not wrong

    def roles(self, reviewed: Matter, rec: dict[str, Any], matter: str, doc: str,
              filed: str | None, origin: Origin) -> None:
        """Parties with PLAINTIFF_IN / DEFENDANT_IN, agencies the record names, AIID links."""
        link = [{"url": rec["public_record_link"]}] if rec.get("public_record_link") else []
        evidence = [{"article": doc, "quote": rec["public_matter_name"]}, *link]
        for rtype, listed in (("PLAINTIFF_IN", reviewed.plaintiffs),
                              ("DEFENDANT_IN", reviewed.defendants)):
            for party in listed:
                node = self.sink.entity(self.party(party), origin)
                self.sink.relation(rtype, node, matter, evidence, origin, date=filed)
        for court in reviewed.courts:
            agency = self.sink.entity({"kind": "entity", "id": slugify(court), "type": "Agency",
                                       "name": court}, origin)
            self.sink.relation("HEARD", agency, matter, [
                {"article": doc, "quote": rec["jurisdiction"]}, *link], origin, date=filed)
        for named in reviewed.mentions:
            node = self.sink.entity(self.party(Party(named.name, named.type, named.id)), origin)
            self.sink.relation("MENTIONS", doc, node,
                               [{"article": doc, "quote": rec["jurisdiction"]}], origin)
        if not reviewed.parties():
            self.report.skip(f"matter whose name names no party: {reviewed.no_parties}")
        for sanction in reviewed.sanctioned:
            self.sanction(sanction, rec, doc, filed, origin)
        for number in reviewed.aiid:
            self.sink.relation("CONCERNS", matter, f"aiid-incident-{number}", [
                *evidence, {"url": CITE_URL.format(number)}], origin, date=filed)

    def sanction(self, sanction: Sanction, rec: dict[str, Any], doc: str, filed: str | None,
                 origin: Origin) -> None:
        """SANCTIONED from the court (the one that heard the matter, or the one the quote
        names) to the lawyer or party, with the record's words and amount."""
        if sanction.court is not None:
            court = self.sink.entity({"kind": "entity", "id": slugify(sanction.court),
                                      "type": "Agency", "name": sanction.court}, origin)
        else:
            heard = [c["id"] for c, _ in self.courts(rec)] + [slugify(c) for c in
                                                              self.matters[rec["error_id"]].courts]
            court = self.sink.resolve(heard[0])
        party = Party(sanction.name, sanction.type, sanction.id, sanction.labels)
        target = self.sink.entity(self.party(party), origin)
        link = [{"url": rec["public_record_link"]}] if rec.get("public_record_link") else []
        self.sink.relation("SANCTIONED", court, target,
                           [{"article": doc, "quote": sanction.quote}, *link], origin,
                           properties=sanction_properties(sanction),
                           date=sanction.date or filed)

    def document(self, rec: dict[str, Any], base: str, origin: Origin) -> str:
        publisher = self.sink.entity(dict(PUBLISHER_RECORD), origin)
        doc = self.sink.entity({"kind": "entity", "id": f"{base}-record", "type": "Article",
                                "name": rec["error_title"],
                                "properties": {"title": rec["error_title"]},
                                "external_ids": {"aiel": rec["error_id"]}}, origin)
        self.sink.relation("PUBLISHED", publisher, doc, [{"article": doc}], origin)
        return doc

    def incident(self, rec: dict[str, Any], base: str, date: str | None) -> dict[str, Any]:
        props: dict[str, Any] = {}
        if date:
            props["date"] = date
        if rec.get("ai_system_name"):
            props["ai_system"] = rec["ai_system_name"]
        return {"kind": "entity", "id": base, "type": "Incident", "name": rec["error_title"],
                "properties": props, "external_ids": {"aiel": rec["error_id"]}}

    def matter(self, rec: dict[str, Any], base: str, date: str | None) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for key, prop in (("public_matter_type", "matter_type"), ("filing_status", "status"),
                          ("neutral_citation", "citation"), ("public_record_link", "url")):
            if rec.get(key):
                props[prop] = rec[key]
        reviewed = self.matters.get(rec["error_id"])
        heard = [c["name"] for c, _ in self.courts(rec)]
        if reviewed is not None and reviewed.amount is not None and not check_matter(
                reviewed, rec, heard):
            amount = reviewed.amount
            props.update(amount=float(amount.value), currency=amount.currency,
                         amount_kind=amount.kind, amount_quote=amount.quote)
        if date:
            props["filing_date"] = date
        return {"kind": "entity", "id": f"{base}-matter", "type": "LegalAction",
                "name": rec["public_matter_name"], "properties": props,
                "external_ids": {"aiel": rec["error_id"]}}

    def date(self, value: Any, field: str, origin: Origin) -> str | None:
        if not value:
            return None
        try:
            return parse_partial_date(value)
        except ValueError:
            self.report.skip(f"{field} that is no single date (a range such as 2012-2020)")
            return None

    def courts(self, rec: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
        """The index's own authorities when it gives them, else each `;` part of jurisdiction."""
        graph = rec.get("legal_graph") or {}
        if graph.get("authorities"):
            return [(_authority(a), a["name"]) for a in graph["authorities"]]
        parts = [p.strip() for p in (rec.get("jurisdiction") or "").split(";") if p.strip()]
        return [({"id": slugify(p), "name": p, "extra": {}}, rec["jurisdiction"]) for p in parts]

    def deployers(self, rec: dict[str, Any], origin: Origin) -> list[Party]:
        listed = self.parties.get(rec["error_id"])
        text = rec.get("deployer") or ""
        if listed is None:
            if not text.strip():
                return []
            decision = decide_type(slugify(text), self.curated_types, self.config.overrides)
            self.types.setdefault(slugify(text), decision)
            return [Party(text.strip(), decision.type, slugify(text))]
        if not listed:
            self.report.skip("record whose deployer field names nobody")
        bad = [p.name for p in listed if p.name not in text]
        for name in bad:
            self.report.refused.append(Problem(origin, f"party {name!r} is not in the "
                                                       f"record's deployer field {text!r}"))
        return [p for p in listed if p.name not in bad]

    def party(self, party: Party) -> dict[str, Any]:
        decision = decide_type(party.id, self.curated_types, self.config.overrides)
        record: dict[str, Any] = {"kind": "entity", "id": party.id, "type": decision.type,
                                  "name": party.name}
        if party.labels:
            record["labels"] = list(party.labels)
        self.types.setdefault(party.id, decision)
        return record


def _authority(authority: dict[str, Any]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    qids = [u.rstrip("/").rsplit("/", 1)[-1] for u in authority.get("same_as") or []
            if "wikidata.org/" in u]
    if qids:
        extra["properties"] = {"wikidata": qids[0]}
    return {"id": authority["id"], "name": authority["name"], "extra": extra}
