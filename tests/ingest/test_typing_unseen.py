"""Issue 10, after round 9: a two-to-four-word capitalised name that no other rule decided is
a person's when AIID's texts write none of its words in lower case; a body's name reuses
common words ("Golden Currencies") or a state's name."""

from __future__ import annotations

import pytest

from ingest.sources.typing_context import TypingContext
from ingest.sources.typing_rules import Overrides, decide_type
from ingest.sources.typing_unseen import lower_case_words

TEXTS = ("A scam call centre traded golden currencies; a deployer living in Toronto.",
         "A patient of the hospital",
         "Deepfake of a politician spread by a network")


@pytest.mark.parametrize("entity_id,name,expected", [
    ("nikolay-tupikin", "Nikolay Tupikin", "Person"),
    ("minh-phuong-ngoc-vong", "Minh Phuong Ngoc Vong", "Person"),
    ("golden-currencies", "Golden Currencies", "Organization"),  # "golden" is written lower-case
    ("riocan-living", "RioCan Living", "Organization"),  # "living" too
    ("mount-sinai-hospitals", "Mount Sinai Hospitals", "Organization"),  # the plural of one
    ("verite-cachee-france", "Verite Cachee France", "Organization"),  # a state's name in it
    ("tan-sri-acryl-sani-abdullah-sani", "Tan Sri Acryl Sani Abdullah Sani", "Organization"),
])
def test_a_name_whose_words_aiid_never_writes_lower_case_is_a_person(
        entity_id: str, name: str, expected: str) -> None:
    context = TypingContext(names={entity_id: name}, roles={entity_id: {"deployers"}},
                            corpus=TEXTS, lower_words=lower_case_words(TEXTS))
    decision = decide_type(entity_id, {}, Overrides(), context)
    assert decision.type == expected
    assert (decision.rule == "unseen_name") == (expected == "Person")


def test_without_the_texts_words_the_rule_decides_nothing() -> None:
    context = TypingContext(names={"ilan-shor": "Ilan Shor"}, roles={"ilan-shor": {"deployers"}})
    assert decide_type("ilan-shor", {}, Overrides(), context).rule != "unseen_name"


def test_lower_case_words_are_folded_and_skip_capitalised_ones() -> None:
    assert lower_case_words(["Société générale said élan", "O'Neil"]) == {"generale", "said",
                                                                          "elan"}
