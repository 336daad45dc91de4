"""The committed extract against the labelled samples: types, known duplicates, wrong merges.

Figures and samples: bench/graph_quality.py and data/samples/. The rules were tuned on
entity_types_sample.csv (and, in later rounds, holdout and fresh); entity_types_final.csv was
labelled blind after an earlier rule change (90% then). entity_types_round3.csv (320, with a
reason per label) was drawn and labelled after the issue-10 round-3 rule change and measured
once: the honest estimate (94.4% when committed); never tune on it.
"""

from __future__ import annotations

import pytest

from bench.graph_quality import SAMPLES, Nodes, duplicates, read_nodes, typing_accuracy
from tests.ingest.conftest import EXTRACT


@pytest.fixture(scope="module")
def nodes() -> Nodes:
    return read_nodes([EXTRACT])


@pytest.mark.parametrize(("sample", "floor"), [
    ("entity_types_sample.csv", 0.95),  # tuned on: the goal holds here
    ("entity_types_final.csv", 0.88),  # never tuned on: guards against regressions only
    ("entity_types_round3.csv", 0.93),  # never tuned on: guards against regressions only
])
def test_entity_types_against_labelled_samples(nodes: Nodes, sample: str, floor: float) -> None:
    right, total, errors = typing_accuracy(SAMPLES / sample, nodes)
    assert total >= 100 and right / total >= floor, errors
    if sample in ("entity_types_sample.csv", "entity_types_round3.csv"):
        assert total >= 300


def test_known_duplicates_resolve_without_wrong_merges(nodes: Nodes) -> None:
    found = duplicates(SAMPLES / "known_duplicates.csv", nodes)
    assert found["missing_ids"] == []
    assert found["wrong_merges"] == []
    assert int(found["resolved"]) / int(found["groups"]) >= 0.8  # type: ignore[call-overload]
