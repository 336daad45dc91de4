"""The headline reader's words live in data/resolution/headline_words.yaml (issue 13): read and
checked when first used; a bad file is refused with FILE:LINE and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InvalidInput
from ingest.sources.headline_words import DEFAULT_PATH, default_words, hedged, load_words
from tests.ingest.word_file_edits import edited, line_of


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    return edited(DEFAULT_PATH, tmp_path, old, new)


def test_the_repository_words_are_the_readers() -> None:
    words = default_words()
    assert words.verbs["fined"] == "FINED" and words.verbs["indicts"] == "CHARGED"
    assert "CEO" in words.not_agencies and "on" in words.boundary  # "on": a word, not a bool
    assert words.opened_nouns["lawsuit"] == (("against", "accusing", "claiming"), "SUED")
    assert hedged("FTC may fine Meta") and hedged("Does the FTC fine Meta?")
    assert not hedged("FTC fines Meta") and not hedged("Police face recognition fined")


@pytest.mark.parametrize("old,new,fragment,why", [
    ("  FINED: [fines,", "  FINE: [fines,", "FINE: [fines", "unknown relation type 'FINE'"),
    ("modal: [to,", "modals: [to,", "modals:", "unknown key 'modals'"),
    ("  'alleg(?:ed|edly|es|ing)', may,", "  'alleg(?:ed|edly', may,", "alleg(?:ed|edly'",
     "is no regular expression"),
    ("places: [\n  us,", "places: [\n  US,", "  US,", "lower-case text"),
    ("  probe: {introduced_by: [into], type: INVESTIGATED}",
     "  probe: {introduced_by: [into], type: PROBED}", "type: PROBED", "unknown relation type"),
])
def test_a_bad_words_file_is_refused_with_its_line(tmp_path: Path, old: str, new: str,
                                                   fragment: str, why: str) -> None:
    path = _edited(tmp_path, old, new)
    with pytest.raises(InvalidInput) as caught:
        load_words(path)
    assert f"{path}:{line_of(path, fragment)}: " in str(caught.value)
    assert why in str(caught.value)


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    path = _edited(tmp_path, "settle: [settles, settled, settle]\n", "")
    with pytest.raises(InvalidInput, match=r"headline_words.yaml:\d+: missing keys: settle$"):
        load_words(path)
