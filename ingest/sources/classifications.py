"""AIID taxonomy classifications (CSET v1, GMF, MIT) as Incident properties.

Only short categorical answers are kept, never the annotators' snippets or notes; CSET and GMF
rows not marked `Published` are skipped, since AIID has not released them as final.
"""

from __future__ import annotations

from typing import Any

# column in the CSV -> Incident property, per taxonomy namespace
FIELDS: dict[str, dict[str, str]] = {
    "MIT": {
        "Risk Domain": "mit_risk_domain",
        "Risk Subdomain": "mit_risk_subdomain",
        "Entity": "mit_entity",
        "Timing": "mit_timing",
        "Intent": "mit_intent",
    },
    "GMF": {
        "Known AI Goal": "gmf_known_goal",
        "Known AI Technology": "gmf_known_technology",
        "Known AI Technical Failure": "gmf_known_failure",
    },
    "CSETv1": {
        "AI Harm Level": "cset_harm_level",
        "Tangible Harm": "cset_tangible_harm",
        "Sector of Deployment": "cset_sector",
        "Autonomy Level": "cset_autonomy_level",
        "Lives Lost": "cset_lives_lost",
        "Injuries": "cset_injuries",
    },
}
INTEGERS = frozenset({"cset_lives_lost", "cset_injuries"})
_EMPTY = frozenset({"", "--"})


def classification_properties(row: dict[str, str]) -> dict[str, Any]:
    """The Incident properties one published classification row gives (empty if unpublished)."""
    fields = FIELDS.get(row.get("Namespace", ""))
    if fields is None:
        raise ValueError(f"unknown taxonomy namespace {row.get('Namespace')!r}")
    if not row.get("Incident ID", "").strip().isdigit():
        raise ValueError(f"incident id {row.get('Incident ID')!r} is not a number")
    if row.get("Published", "").strip() != "True":
        return {}
    props: dict[str, Any] = {}
    for column, prop in fields.items():
        value = " ".join((row.get(column) or "").split())
        if value in _EMPTY:
            continue
        props[prop] = int(value) if prop in INTEGERS else value
    return props
