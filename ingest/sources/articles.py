"""An AIID report as an Article, with its Publisher (by web domain) and its authors."""

from __future__ import annotations

from ingest.records import Origin
from ingest.sources.common import RecordSink, author_id, slugify, web_host
from ingest.sources.curated_index import CuratedIndex
from ingest.sources.typing_rules import Overrides, TypeDecision, author_type, listed_type


def report_id(number: int) -> str:
    return f"aiid-report-{number}"


def publisher_id(host: str, curated: CuratedIndex) -> str:
    """The curated Publisher of the domain if there is one, else the domain as a slug."""
    return curated.publisher_for(host) or slugify(host)


def domain_type(found: str, url: str, overrides: Overrides) -> TypeDecision:
    """A web domain's type and rule: reviewed (`types.yaml`, then `types_reviewed.yaml`), else
    the Platform whose site it is (en.wikipedia.org is Wikipedia's), else a Publisher."""
    listed = listed_type(found, overrides)
    if listed is not None:
        return listed
    labels = (web_host(url) or "").split(".")[:-1]  # en.wikipedia.org -> en, wikipedia
    if any(overrides.types.get(label) == "Platform" for label in labels):
        return TypeDecision("Platform", "platform_domain")
    return TypeDecision("Publisher", "web_domain")


def add_article(
    sink: RecordSink, number: int, title: str, url: str, authors: tuple[str, ...],
    curated: CuratedIndex, overrides: Overrides, origin: Origin,
    types: dict[str, TypeDecision] | None = None,
) -> str:
    """The Article, its Publisher with PUBLISHED, its authors with AUTHORED; returns its id."""
    article = sink.entity({"kind": "entity", "id": report_id(number), "type": "Article",
                           "name": title, "properties": {"title": title, "url": url,
                                                         "aiid_report": number}}, origin)
    evidence = [{"article": article}]
    host = web_host(url)
    if host is not None:
        found = publisher_id(host, curated)  # a platform's own domain is the platform
        domain = domain_type(found, url, overrides)
        if types is not None and found not in curated.entities:
            types.setdefault(found, domain)  # the import report lists the rule per id
        publisher = sink.entity({"kind": "entity", "id": found, "type": domain.type,
                                 "name": host, "properties": {"domain": host}}, origin)
        sink.relation("PUBLISHED", publisher, article, evidence, origin)
    for name in authors:
        if not slugify(name):
            continue
        decision = author_type(name, url, overrides)
        if types is not None:
            decision = types.setdefault(author_id(name), decision)
        person = sink.entity({"kind": "entity", "id": author_id(name),
                              "type": decision.type, "name": name}, origin)
        sink.relation("AUTHORED", person, article, evidence, origin)
    return article
