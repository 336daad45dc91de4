"""Issue 10, round 8 preparation: states by their ISO 3166-1 names are Agencies; of one-word
names no other rule decides, a capitalised plural that AIID also writes as a common noun is a
Group, a handle a Person, any other a Company; a board's byline is an Agency, a "The <name>"
byline a Publisher, an "... International" byline an Organization."""

from __future__ import annotations

import pytest

from ingest.sources.typing_bylines import byline_type
from ingest.sources.typing_context import TypingContext
from ingest.sources.typing_countries import country_ids
from ingest.sources.typing_rules import Overrides, author_type, decide_type


@pytest.mark.parametrize("entity_id,name,roles,expected", [
    ("estonia", "Estonia", {"harmed"}, "Agency"),
    ("north-korea", "North Korea", {"deployers"}, "Agency"),  # ISO's common name
    ("moldova", "Moldova", {"harmed"}, "Agency"),  # "Moldova, Republic of"
    ("new-zealand", "New Zealand", {"developers"}, "Agency"),  # not "any developer a Company"
    ("estonian-voters", "Estonian voters", {"harmed"}, "Group"),
])
def test_a_state_named_by_its_iso_name_is_an_agency(entity_id: str, name: str,
                                                    roles: set[str], expected: str) -> None:
    context = TypingContext(names={entity_id: name}, roles={entity_id: roles})
    assert decide_type(entity_id, {}, Overrides(), context).type == expected


def test_country_names_come_from_the_standard_only() -> None:
    ids = country_ids()
    assert {"estonia", "north-korea", "moldova", "philippines"} <= ids
    assert "russia" not in ids  # ISO 3166-1 says "Russian Federation" only: nothing added by hand


@pytest.mark.parametrize("entity_id,name,expected", [
    ("hospitals", "Hospitals", "Group"),
    ("muslims", "Muslims", "Group"),
    ("harpercollins", "HarperCollins", "Company"),  # a capital inside: a name
    ("goldman-sachs", "Goldman-Sachs", "Company"),
    ("lazarus", "Lazarus", "Company"),  # "-us" is no plural
    ("child", "Child", "Person"),
    ("bicyclist", "Bicyclist", "Person"),
    ("sara-smith", "Sara Smith", "Person"),  # harmed, two name words
    ("sara", "Sara", "Person"),  # a byline first name
    ("isis", "ISIS", "Company"),  # capitals: an acronym, not the first name Isis
])
def test_a_one_word_name_no_rule_decided_is_typed_by_its_shape(
        entity_id: str, name: str, expected: str) -> None:
    context = TypingContext(names={entity_id: name}, roles={entity_id: {"harmed"}},
                            first_names=frozenset({"sara", "isis"}))
    assert decide_type(entity_id, {}, Overrides(), context).type == expected


@pytest.mark.parametrize("byline,expected", [
    ("National Transportation Safety Board", "Agency"),
    ("USA Today Editorial Board", "Publisher"),  # an outlet's board is its desk
    ("The Conversation", "Publisher"),
    ("Amnesty International", "Organization"),
    ("Thea Jones", "Person"),
])
def test_board_the_and_international_bylines(byline: str, expected: str) -> None:
    assert byline_type(byline, "https://example.org/x")[0] == expected


@pytest.mark.parametrize("entity_id,name,expected", [
    ("the-real-cool-dad", "the_real_cool_dad", "Person"),
    ("0xhungusman", "0xhungusman", "Person"),
    ("c3pmeme", "C3PMeme", "Person"),
    ("airbus", "Airbus", "Company"),
    ("storm-1679", "Storm-1679", "Organization"),  # not a handle, several words
    ("smart-columbus", "Smart Columbus", "Organization"),  # two words: left undecided
])
def test_a_one_word_name_is_a_handle_or_a_brand(entity_id: str, name: str,
                                                expected: str) -> None:
    context = TypingContext(names={entity_id: name}, roles={entity_id: {"deployers"}})
    assert decide_type(entity_id, {}, Overrides(), context).type == expected


@pytest.mark.parametrize("entity_id,expected", [
    ("chinese-government", "Agency"),  # "Chinese" is no population here
    ("chinese-communist-party", "Organization"),
    ("department-of-veterans-affairs-va", "Agency"),
    ("critics-of-the-chinese-government", "Group"),
    ("residents-and-staff-of-mount-pleasant-district-hospital", "Group"),
    ("chinese-startups", "Group"),
])
def test_a_body_named_with_a_demonym_or_a_plural_is_not_a_population(entity_id: str,
                                                                      expected: str) -> None:
    assert decide_type(entity_id, {}, Overrides()).type == expected


@pytest.mark.parametrize("byline,expected", [
    ("CNN Business", "Publisher"),
    ("ABC's 7.30", "Publisher"),
    ("WCBS/CNN/CNN Newsource", "Publisher"),
    ("ET Online", "Publisher"),  # two capitals and a desk word
    ("BR Data", "Publisher"),
    ("AJ Vicens", "Person"),  # two capitals and a name: initials
    ("PJ O'Keefe", "Person"),
])
def test_an_outlets_acronym_before_its_desk_or_show_is_the_publisher(byline: str,
                                                                     expected: str) -> None:
    assert byline_type(byline, "https://example.org/x")[0] == expected


@pytest.mark.parametrize("byline,expected", [
    ("Thomson Reuters", "Publisher"),
    ("Reuters Fact Check", "Publisher"),
    ("Thomson Reuters Foundation", "Organization"),  # its words say a foundation
    ("Thomas Reuter", "Person"),
])
def test_a_byline_naming_a_reviewed_outlet_is_a_publisher(byline: str, expected: str) -> None:
    overrides = Overrides(organisation_authors=frozenset({"Reuters", "Associated Press"}))
    assert author_type(byline, "https://example.org/x", overrides).type == expected


@pytest.mark.parametrize("entity_id,name,expected", [
    ("auschwitz-memorial-museum", "Auschwitz Memorial Museum", "Organization"),
    ("northgate-house", "Northgate House", "Organization"),
    ("bernice-king", "Bernice King", "Person"),
])
def test_a_harmed_name_with_an_institutions_word_is_no_person(entity_id: str, name: str,
                                                              expected: str) -> None:
    context = TypingContext(names={entity_id: name}, roles={entity_id: {"harmed"}})
    assert decide_type(entity_id, {}, Overrides(), context).type == expected
