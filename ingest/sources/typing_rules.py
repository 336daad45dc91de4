"""Which entity type an imported id gets: curated type, then reviewed overrides, then rules.

Rules read the id's words: populations ("children", "facebook-users") are Groups, police,
courts, ministries and regulators are Agencies, names ending in a company form are Companies,
universities, schools and parties are Organizations. An id no rule decides becomes an
Organization and is counted as undecided, so the overrides file can be reviewed and grown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from ingest.sources.common import slugify
from ingest.sources.typing_context import TypingContext, byline_type, context_type
from ingest.strict_yaml import read_yaml_file

UNDECIDED = "Organization"
TYPES = ("Company", "Platform", "Agency", "Organization", "Person", "Group", "Publisher", "Product")

_POPULATIONS = frozenset("""
users user customers residents people public citizens workers patients drivers employees voters
victims communities passengers researchers applicants participants fans supporters women men
owners individuals families family holders girls boys journalists parents investors children
teachers viewers minorities goers takers celebrities renters businesses professionals
influencers students consumers members minors teens teenagers kids adults elderly seniors
creators artists musicians authors writers actors actresses scammers hackers fraudsters
developers operators tenants homeowners borrowers shoppers subscribers readers listeners
audiences populations groups pedestrians motorists cyclists candidates politicians officials
officers recipients claimants defendants immigrants refugees migrants asylum-seekers
travelers travellers tourists speakers communities youth victim's relatives friends neighbors
neighbours colleagues clients beneficiaries job-seekers seekers contractors freelancers
athletes players gamers streamers followers lawyers attorneys doctors nurses
physicians clinicians farmers shareholders traders buyers sellers merchants vendors firefighters
competitors criminals cybercriminals phishers figures publishers organizations companies
investigators professors pupils voices providers critics veterans survivors staff presidents
advertisers employers responders electorate retirees academics propagandists operatives
leaders riders attendants museums neighborhoods neighbourhoods extortionists sextortionists
entities community diaspora institutions minorities patrons
""".split())
# plural words that make any id a population, wherever they stand ("students-at-x-college")
_STRONG_PLURALS = frozenset("""
students users customers residents people citizens workers patients employees voters victims
children parents teachers families members professors pupils officers staff providers
candidates attendants riders leaders museums neighborhoods neighbourhoods
""".split())
_PERSON_NOUNS = frozenset("""
employee student user customer resident patient driver victim client teacher parent child
worker passenger pedestrian journalist researcher lawyer attorney judge officer doctor nurse man
woman boy girl teenager teen mother father son daughter wife husband creator scammer hacker
individual person applicant candidate professor
""".split())
_UNKNOWN = frozenset("unknown unnamed unidentified anonymous".split())
_DEMONYM_PLURALS = ("ians", "ans", "elis", "alis", "ese")
_POPULATION_PHRASES = ("of-color", "with-disabilities", "general-public", "lgbtq")
_POPULATION_PREFIXES = ("family-of-", "families-of-", "fans-of-", "relatives-of-", "friends-of-")
_AGENCY_WORDS = frozenset("""
police pd sheriff sheriffs ministry government governments court courts tribunal commission
authority authorities agency parliament senate municipality council regulator regulators bureau
army military navy department office administration agencies
""".split())
_POLICE = frozenset("police pd sheriff sheriffs constabulary".split())
_AGENCY_PREFIXES = ("department-of-", "ministry-of-", "city-of-", "state-of-", "government-of-",
                    "us-department-", "u-s-department-")
_COMPANY_ENDINGS = frozenset("inc inc. llc ltd ltd. corp corporation co plc gmbh ag sa pte".split())
_COMPANY_WORDS = frozenset("technologies labs robotics motors airlines".split())
_ORG_WORDS = frozenset("""
university college school schools institute foundation association party campaign
hospital church club academy society charity coalition alliance nonprofit ngo
""".split())


@dataclass
class Overrides:
    """Reviewed type decisions by id, and author names that are organisations, not people."""

    types: dict[str, str] = field(default_factory=dict)
    labels: dict[str, list[str]] = field(default_factory=dict)
    organisation_authors: frozenset[str] = frozenset()
    operators: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class TypeDecision:
    type: str
    rule: str  # "curated", "override", a rule name, or "undecided"


def load_overrides(path: Path | None) -> Overrides:
    """Read `types.yaml`: `types: {Type: [ids]}`, `labels`, `organisation_authors`, `operators`."""
    if path is None or not path.exists():
        return Overrides()
    data = read_yaml_file(path) or {}
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected a mapping (types:, labels:, ...)")
    found = Overrides()
    for etype, ids in (data.get("types") or {}).items():
        if etype not in TYPES:
            raise InvalidInput(f"{path}: unknown type {etype!r} (use one of {', '.join(TYPES)})")
        for entity_id in ids or []:
            if found.types.setdefault(entity_id, etype) != etype:
                raise InvalidInput(f"{path}: {entity_id!r} is listed as two types")
    found.labels = {k: list(v) for k, v in (data.get("labels") or {}).items()}
    found.organisation_authors = frozenset(data.get("organisation_authors") or [])
    found.operators = list(data.get("operators") or [])
    return found


def decide_type(entity_id: str, curated: Mapping[str, str], overrides: Overrides,
                context: TypingContext | None = None) -> TypeDecision:
    """The type of an imported entity id, and which rule decided it."""
    if entity_id in curated:
        return TypeDecision(curated[entity_id], "curated")
    if entity_id in overrides.types:
        return TypeDecision(overrides.types[entity_id], "override")
    words = slugify(entity_id).split("-")
    for rule, etype in _RULES:
        if rule(entity_id, words):
            return TypeDecision(etype, rule.__name__.strip("_"))
    found = context_type(entity_id, context) if context is not None else None
    if found is not None:
        return TypeDecision(*found)
    return TypeDecision(UNDECIDED, "undecided")


def _population(entity_id: str, words: list[str]) -> bool:
    first_plural = (words[0] in _POPULATIONS and words[0].endswith("s")) or (
        len(words[0]) > 5 and words[0].endswith(_DEMONYM_PLURALS))  # "israelis", "albanians-in"
    any_plural = any(w in _POPULATIONS and w.endswith("s") for w in words)
    return (words[-1] in _POPULATIONS or first_plural or any_plural
            or bool(_STRONG_PLURALS.intersection(words))
            or any(p in entity_id for p in _POPULATION_PHRASES)
            or entity_id.startswith(_POPULATION_PREFIXES) or words[-1] == "family")


def _person_role(entity_id: str, words: list[str]) -> bool:
    """"employee-of-...", "unnamed-male-student": one person, named by role."""
    return (words[0] in _PERSON_NOUNS and len(words) > 2 and words[1] == "of") or (
        words[0] in _UNKNOWN and bool(_PERSON_NOUNS.intersection(words)))


def _police(entity_id: str, words: list[str]) -> bool:
    return bool(_POLICE.intersection(words))


def _agency(entity_id: str, words: list[str]) -> bool:
    return bool(_AGENCY_WORDS.intersection(words)) or entity_id.startswith(_AGENCY_PREFIXES)


def _company_form(entity_id: str, words: list[str]) -> bool:
    return entity_id.split("-")[-1] in _COMPANY_ENDINGS or (
        len(words) > 1 and words[-1] in _COMPANY_WORDS)


def _organisation_word(entity_id: str, words: list[str]) -> bool:
    return bool(_ORG_WORDS.intersection(words))


_RULES = ((_person_role, "Person"), (_population, "Group"), (_police, "Agency"),
          (_organisation_word, "Organization"), (_agency, "Agency"), (_company_form, "Company"))

def author_type(name: str, url: str, overrides: Overrides) -> TypeDecision:
    """A byline's type: reviewed outlet bylines ("Reuters", "AFP") are Publishers; otherwise
    `byline_type` reads the byline against its report's web domain and its words."""
    if slugify(name) in {slugify(n) for n in overrides.organisation_authors}:
        return TypeDecision("Publisher", "override")
    return TypeDecision(*byline_type(name, url))
