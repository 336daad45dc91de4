"""Reviewed headline aliases: a name variant reads as the graph's entity, within its scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InvalidInput
from graph.schema import load_schema
from graph.settings import PROJECT_ROOT
from ingest.sources.aiid import SourceConfig
from ingest.sources.curated_index import CuratedIndex
from ingest.sources.headline_aliases import apply_aliases, load_aliases
from ingest.sources.headline_names import NameIndex, Party
from ingest.sources.headline_review import load_reviews
from ingest.sources.headline_rules import HeadlineReader
from ingest.sources.headlines import ALIASES as COMMITTED
from ingest.sources.headlines import headline_names, headline_records
from ingest.sources.resolution import Resolution, load_decisions, resolve
from ingest.sources.typing_rules import Overrides

NYT = "https://www.nytimes.com/2023/12/27/the-times-sues.html"
ALIASES = f"""
aliases:
  - name: Justice Department
    entity: doj
    scope: everywhere
    headlines: [https://www.justice.gov/a]
    reason: the department's own release names itself so
  - name: The Times
    entity: nyt
    scope: these headlines
    headlines: ["{NYT}"]
    reason: published on nytimes.com
generic:
  - name: Landlords
    headlines: [https://www.justice.gov/a]
    reason: a class, not a party
"""


def _reader(tmp_path: Path, text: str = ALIASES) -> HeadlineReader:
    names = NameIndex()
    for party in (Party("doj", "Agency", "US Department of Justice"),
                  Party("nyt", "Publisher", "The New York Times"),
                  Party("openai", "Company", "OpenAI"),
                  Party("meta", "Company", "Meta Platforms"),
                  Party("landlords", "Organization", "Landlords"),
                  Party("who", "Organization", "WHO")):
        names.add(party, [party.name])
    path = tmp_path / "headline_aliases.yaml"
    path.write_text(text, encoding="utf-8")
    apply_aliases(names, load_aliases(path), {})
    return HeadlineReader(names, load_schema())


def _keys(reader: HeadlineReader, title: str, url: str | None = None) -> list[str]:
    return [p.key() for p in reader.read(title, url)]


def test_an_alias_everywhere_reads_as_its_entity(tmp_path: Path) -> None:
    reader = _reader(tmp_path)
    assert _keys(reader, "Justice Department Secures Settlement Agreement with Meta Platforms") \
        == ["doj SETTLED_WITH meta"]


def test_a_scoped_alias_holds_only_in_its_headlines(tmp_path: Path) -> None:
    reader = _reader(tmp_path)
    title = "The Times Sues OpenAI Over Its Use of Copyrighted Work"
    assert _keys(reader, title, NYT) == ["nyt SUED openai"]
    assert _keys(reader, title, "https://www.thetimes.co.uk/x") == []
    assert _keys(reader, title) == []


def test_a_generic_name_and_a_lowercase_acronym_name_no_party(tmp_path: Path) -> None:
    reader = _reader(tmp_path)
    assert _keys(reader, "Justice Department Sues Six Large Landlords") == []
    assert _keys(reader, "Girl who sues OpenAI") == []
    assert _keys(reader, "WHO sues OpenAI") == ["who SUED openai"]


def test_an_alias_for_an_entity_the_graph_lacks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"alias #1 \('Justice Department'\): entity 'doj-x'"):
        _reader(tmp_path, ALIASES.replace("entity: doj\n", "entity: doj-x\n"))


def test_a_malformed_alias_names_the_file_and_entry(tmp_path: Path) -> None:
    broken = ALIASES.replace("scope: everywhere", "scope: sometimes")
    with pytest.raises(InvalidInput, match=r"headline_aliases.yaml: alias #1: `scope` must be"):
        _reader(tmp_path, broken)


def test_the_committed_aliases_name_entities_of_the_graph() -> None:
    folder = PROJECT_ROOT / "data"
    redirects = resolve(load_decisions(folder / "resolution" / "decisions.yaml")).redirects
    names = headline_names(folder / "curated", folder / "resolution" / COMMITTED, redirects)
    doj = redirects.get("us-department-of-justice", "us-department-of-justice")
    assert names.names["justice department"].id == doj
    assert "landlords" not in names.names


def test_a_review_survives_a_merge_of_the_ids_it_names(tmp_path: Path) -> None:
    names = NameIndex()
    names.add(Party("ftc", "Agency", "Federal Trade Commission"), ["Federal Trade Commission"])
    names.add(Party("rite-aid", "Company", "Rite Aid"), ["Rite Aid"])
    headlines = tmp_path / "mine.csv"
    headlines.write_text("title,url\nFederal Trade Commission bans Rite Aid,https://e.org/a\n",
                         encoding="utf-8")
    reviews = tmp_path / "facts.yaml"
    reviews.write_text("decisions:\n  - url: https://e.org/a\n"
                       "    proposed: [ftc-old ORDERED rite-aid]\n    decision: accept\n"
                       "    reason: the title states the ban\n", encoding="utf-8")
    config = SourceConfig(CuratedIndex(), Overrides(), Resolution(redirects={"ftc-old": "ftc"}))
    found = headline_records(headlines, config, load_reviews(reviews), names)
    assert [(r.data["source"], r.data["type"], r.data["target"]) for r in found.records] == [
        ("ftc", "ORDERED", "rite-aid")]
