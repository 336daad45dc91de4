"""Types, not just names: populations are Groups, police are Agencies, platforms Platforms."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ingest.sources.aiid import Extract
from ingest.sources.curated_index import load_curated
from ingest.sources.typing_context import TypingContext, byline_first_names
from ingest.sources.typing_reviewed import Reviewed
from ingest.sources.typing_rules import (
    UNDECIDED,
    Overrides,
    TypeDecision,
    author_type,
    decide_type,
    load_overrides,
)
from tests.conftest import CURATED
from tests.ingest.conftest import RESOLUTION, entity_records

# types.yaml and the rules, without types_reviewed.yaml (tested in test_typing_reviewed.py)
OVERRIDES = replace(load_overrides(RESOLUTION / "types.yaml"), reviewed=Reviewed())
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


def test_bylines_are_people_unless_they_name_an_outlet_agency_or_organisation() -> None:
    url = "https://www.example.com/story"
    assert author_type("Kashmir Hill", url, OVERRIDES).type == "Person"
    assert author_type("BBC News", url, OVERRIDES).type == "Publisher"
    assert author_type("afp", url, OVERRIDES) == TypeDecision("Publisher", "override")
    assert author_type("WRAL", "https://www.wral.com/x", OVERRIDES).rule == "byline_is_outlet"
    assert author_type("Edmonton Police Service", url, OVERRIDES).type == "Agency"
    assert author_type("American Sunlight Project", url, OVERRIDES).type == "Organization"


def test_context_types_people_products_and_developers() -> None:
    context = TypingContext(
        names={"noelle-martin": "Noelle Martin", "beacon-x": "Beacon X",
               "kairos": "kairos", "fashion-retailers": "fashion retailers"},
        roles={"noelle-martin": {"harmed"}, "kairos": {"developers"},
               "beacon-x": {"deployers"}, "fashion-retailers": {"deployers"},
               "judicial-integrity": {"harmed"}},
        titles={"beacon-x": ["Acme's Beacon X Crashed"]},
        first_names=byline_first_names(["Kashmir Hill", "BBC News"]))
    found = {i: decide_type(i, {}, Overrides(), context) for i in
             ["noelle-martin", "beacon-x", "kairos", "fashion-retailers", "judicial-integrity"]}
    assert {i: (d.type, d.rule) for i, d in found.items()} == {
        "noelle-martin": ("Person", "person_name"),
        "beacon-x": ("Product", "owned_product"),
        "kairos": ("Company", "developer"),
        "fashion-retailers": ("Group", "lowercase_plural"),
        "judicial-integrity": ("Group", "abstract_harm")}
    assert byline_first_names(["Kashmir Hill", "BBC News"]) == {"kashmir"}


def test_unknown_override_type_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "types.yaml"
    bad.write_text("types: {Corporation: [acme]}\n")
    with pytest.raises(Exception, match="unknown type 'Corporation'"):
        load_overrides(bad)


def test_the_import_counts_undecided_ids(aiid_extract: Extract) -> None:
    report = aiid_extract.report  # none left since every undecided id was reviewed
    entities = entity_records(aiid_extract)  # (test_typing_reviewed: without the review)
    assert all(entities[i]["type"] == UNDECIDED for i in report.undecided)
    assert f"undecided type (written as Organization): {len(report.undecided)}" in report.lines()
    assert entities["children"]["type"] == "Group"
    assert entities["new-york-city-police-department"]["type"] == "Agency"
    assert entities["chatgpt"]["type"] == "Product"
    assert all(i in report.typed for i in report.undecided)


def test_platforms_are_operated_by_their_companies(aiid_extract: Extract) -> None:
    operates = {(r.data["source"], r.data["target"]) for r in aiid_extract.records
                if r.data["kind"] == "relation" and r.data["type"] == "OPERATES"}
    assert ("google", "youtube") in operates
    assert ("meta", "facebook") in operates
