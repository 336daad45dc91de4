"""Types, not just names: populations are Groups, police are Agencies, platforms Platforms."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.sources.aiid import Extract
from ingest.sources.curated_index import load_curated
from ingest.sources.typing_rules import (
    UNDECIDED,
    Overrides,
    author_type,
    decide_type,
    load_overrides,
)
from tests.conftest import CURATED
from tests.ingest.conftest import RESOLUTION, entity_records

OVERRIDES = load_overrides(RESOLUTION / "types.yaml")
CURATED_TYPES = {i: f.type for i, f in load_curated(CURATED).entities.items()}


@pytest.mark.parametrize(("entity_id", "expected"), [
    ("children", "Group"),
    ("pedestrians", "Group"),
    ("facebook-users", "Group"),
    ("students-of-corinth-school-district-in-mississippi", "Group"),
    ("detroit-police-department", "Agency"),
    ("jefferson-parish-sheriffs-office", "Agency"),
    ("dutch-tax-authority", "Agency"),
    ("youtube", "Platform"),
    ("facebook", "Platform"),
    ("clearview-ai", "Company"),
    ("delphia-usa-inc.", "Company"),
    ("stanford-university", "Organization"),
    ("unnamed-pedestrian", "Person"),
])
def test_types_by_rule_override_or_curated(entity_id: str, expected: str) -> None:
    assert decide_type(entity_id, CURATED_TYPES, OVERRIDES).type == expected


def test_youtube_is_a_platform_even_without_the_curated_files() -> None:
    assert decide_type("youtube", {}, OVERRIDES).type == "Platform"


def test_curated_type_wins_over_rules_and_overrides() -> None:
    overrides = Overrides(types={"woodbridge-police-department": "Company"})
    decision = decide_type("woodbridge-police-department", CURATED_TYPES, overrides)
    assert (decision.type, decision.rule) == ("Agency", "curated")


def test_an_undecided_id_is_an_organization_and_says_so() -> None:
    decision = decide_type("democracy", {}, Overrides())
    assert (decision.type, decision.rule) == (UNDECIDED, "undecided")


def test_bylines_are_people_unless_they_name_an_organisation() -> None:
    assert author_type("Kashmir Hill", OVERRIDES) == "Person"
    assert author_type("BBC News", OVERRIDES) == "Organization"
    assert author_type("afp", OVERRIDES) == "Organization"


def test_unknown_override_type_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "types.yaml"
    bad.write_text("types: {Corporation: [acme]}\n")
    with pytest.raises(Exception, match="unknown type 'Corporation'"):
        load_overrides(bad)


def test_the_import_counts_undecided_ids(aiid_extract: Extract) -> None:
    report = aiid_extract.report
    entities = entity_records(aiid_extract)
    assert report.undecided and all(entities[i]["type"] == UNDECIDED for i in report.undecided)
    assert f"undecided type (written as Organization): {len(report.undecided)}" in report.lines()
    assert entities["children"]["type"] == "Group"
    assert entities["new-york-city-police-department"]["type"] == "Agency"


def test_platforms_are_operated_by_their_companies(aiid_extract: Extract) -> None:
    operates = {(r.data["source"], r.data["target"]) for r in aiid_extract.records
                if r.data["kind"] == "relation" and r.data["type"] == "OPERATES"}
    assert ("google", "youtube") in operates
    assert ("meta", "facebook") in operates
