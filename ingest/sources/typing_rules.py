"""Which entity type an imported id gets: curated type, then reviewed overrides, then rules.

Rules read the id's words: populations ("children", "facebook-users") are Groups, police,
courts, ministries and regulators are Agencies, names ending in a company form are Companies,
universities, schools and parties are Organizations. An id no rule decides becomes an
Organization and is counted as undecided, so the overrides file can be reviewed and grown.
The rules' order and word lists are data: `data/resolution/typing_words.yaml` (typing_words).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.schema import load_schema
from ingest.sources.common import author_id, slugify
from ingest.sources.typing_bylines import byline_type
from ingest.sources.typing_context import TypingContext, context_type
from ingest.sources.typing_reviewed import REVIEWED_FILE, Reviewed, load_reviewed
from ingest.sources.typing_words import WORDS_FILE, TypingWords, default_words, load_words
from ingest.strict_yaml import read_yaml_file

UNDECIDED = "Organization"
TYPES = ("Company", "Platform", "Agency", "Organization", "Person", "Group", "Publisher", "Product")


@dataclass
class Overrides:
    """Reviewed type decisions by id, author names that are organisations, not people, and the
    rules' word lists (`typing_words.yaml` beside `types.yaml`)."""

    types: dict[str, str] = field(default_factory=dict)
    labels: dict[str, list[str]] = field(default_factory=dict)
    organisation_authors: frozenset[str] = frozenset()
    operators: list[dict[str, Any]] = field(default_factory=list)
    words: TypingWords = field(default_factory=default_words)
    reviewed: Reviewed = field(default_factory=Reviewed)  # types_reviewed.yaml beside


@dataclass(frozen=True)
class TypeDecision:
    type: str
    rule: str  # "curated", "override", "reviewed", a rule name, or "undecided"


def load_overrides(path: Path | None) -> Overrides:
    """Read `types.yaml`: `types: {Type: [ids]}`, `labels`, `organisation_authors`, `operators`;
    `typing_words.yaml` beside it (the repository's when there is none) and
    `types_reviewed.yaml` beside it when there is one (an id in only one of the two files)."""
    if path is None or not path.exists():
        return Overrides()
    data = read_yaml_file(path) or {}
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected a mapping (types:, labels:, ...)")
    words = path.with_name(WORDS_FILE)
    found = Overrides(words=load_words(words) if words.exists() else default_words())
    for etype, ids in (data.get("types") or {}).items():
        if etype not in TYPES:
            raise InvalidInput(f"{path}: unknown type {etype!r} (use one of {', '.join(TYPES)})")
        for entity_id in ids or []:
            if found.types.setdefault(entity_id, etype) != etype:
                raise InvalidInput(f"{path}: {entity_id!r} is listed as two types")
    found.labels = {k: list(v) for k, v in (data.get("labels") or {}).items()}
    found.organisation_authors = frozenset(data.get("organisation_authors") or [])
    found.operators = list(data.get("operators") or [])
    reviewed = path.with_name(REVIEWED_FILE)
    if reviewed.exists():
        found.reviewed = load_reviewed(reviewed)
        both = sorted(set(found.reviewed.types) & set(found.types))
        if both:
            raise InvalidInput(f"{reviewed}:{found.reviewed.lines[both[0]]}: {both[0]!r} is "
                               f"decided in {path.name} already: keep it in one of the files")
    return found


def listed_type(entity_id: str, overrides: Overrides) -> TypeDecision | None:
    """The type a file lists for an id: `types.yaml` ("override"), else `types_reviewed.yaml`
    ("reviewed"); None when neither does."""
    if entity_id in overrides.types:
        return TypeDecision(overrides.types[entity_id], "override")
    if entity_id in overrides.reviewed.types:
        return TypeDecision(overrides.reviewed.types[entity_id], "reviewed")
    return None


def decide_type(entity_id: str, curated: Mapping[str, str], overrides: Overrides,
                context: TypingContext | None = None) -> TypeDecision:
    """The type of an imported entity id, and which rule decided it."""
    if entity_id in curated:
        return TypeDecision(curated[entity_id], "curated")
    listed = listed_type(entity_id, overrides)
    if listed is not None:
        return listed
    words, lists = slugify(entity_id).split("-"), overrides.words
    for rule, etype in lists.rules:
        if _RULES[rule](entity_id, words, lists):
            return TypeDecision(etype, rule)
    found = context_type(entity_id, context, lists) if context is not None else None
    if found is not None:
        return TypeDecision(*found)
    return TypeDecision(UNDECIDED, "undecided")


def _population(entity_id: str, words: list[str], w: TypingWords) -> bool:
    people = w.populations | w.strong_plurals | w.person_nouns | w.unknown_words
    body = w.agency_words | w.police_words | w.organisation_words
    if words[-1] not in people and (entity_id.startswith(w.agency_prefixes) or (
            words[-1] in body and not words[-1].endswith("s")
            and not people.intersection(words))):
        return False  # "department-of-veterans-affairs", "chinese-government": one body
    first_plural = (words[0] in w.populations and words[0].endswith("s")) or (
        len(words[0]) > 5 and words[0].endswith(w.demonym_plural_endings))  # "israelis"
    any_plural = any(x in w.populations and x.endswith("s") for x in words)
    return (words[-1] in w.populations or first_plural or any_plural
            or bool(w.strong_plurals.intersection(words))
            or any(p in entity_id for p in w.population_phrases)
            or entity_id.startswith(w.population_prefixes) or words[-1] == "family")


def _person_role(entity_id: str, words: list[str], w: TypingWords) -> bool:
    """"employee-of-...", "unnamed-male-student": one person, named by role."""
    return (words[0] in w.person_nouns and len(words) > 2 and words[1] == "of") or (
        words[0] in w.unknown_words and bool(w.person_nouns.intersection(words))
        and not w.strong_plurals.intersection(words))  # "unnamed-male-students": a Group


def _person_noun_last(entity_id: str, words: list[str], w: TypingWords) -> bool:
    """"tesla-owner", "pseudonymized-psychiatrist": one person named by a role noun."""
    return 1 < len(words) <= 4 and words[-1] in w.person_nouns


def _police(entity_id: str, words: list[str], w: TypingWords) -> bool:
    return bool(w.police_words.intersection(words))


def _agency(entity_id: str, words: list[str], w: TypingWords) -> bool:
    return bool(w.agency_words.intersection(words)) or entity_id.startswith(
        w.agency_prefixes) or any(p in entity_id for p in w.agency_phrases)


def _company_form(entity_id: str, words: list[str], w: TypingWords) -> bool:
    last = entity_id.split("-")[-1]
    return entity_id.startswith(w.company_prefixes) or last in w.company_endings or (
        len(words) > 1 and words[-1] in w.company_words) or bool(
        w.company_words_anywhere.intersection(words))


def _outlet_last_word(entity_id: str, words: list[str], w: TypingWords) -> bool:
    return len(words) > 1 and words[-1] in w.outlet_last_words


def _organisation_word(entity_id: str, words: list[str], w: TypingWords) -> bool:
    return bool(w.organisation_words.intersection(words))


# the rules typing_words.yaml may name (its `rules:` gives their order and types)
_RULES = {"person_role": _person_role, "person_noun_last": _person_noun_last,
          "population": _population, "police": _police,
          "organisation_word": _organisation_word, "agency": _agency,
          "company_form": _company_form, "outlet_last_word": _outlet_last_word}


@functools.cache
def author_types() -> tuple[str, ...]:
    """The types the schema lets author an article (AUTHORED's sources)."""
    authored = load_schema().relation_type("AUTHORED")
    return authored.sources if authored is not None else ("Person",)


def author_type(name: str, url: str, overrides: Overrides,
                sites: frozenset[str] = frozenset()) -> TypeDecision:
    """A byline's type: reviewed outlet bylines ("Reuters", "AFP") are Publishers, a byline
    that is a reviewed party has its type where the schema lets that type author (a company's
    byline is the Company, a platform's the Platform; a Product's is an Organization);
    a byline naming a one-word reviewed outlet ("Thomson Reuters") is a Publisher too;
    `byline_type` reads the byline against its report's web domain, its words and `sites`,
    the site names of all AIID's reports."""
    if slugify(name) in {slugify(n) for n in overrides.organisation_authors}:
        return TypeDecision("Publisher", "override")
    reviewed = overrides.types.get(slugify(name))
    if reviewed is not None:  # "Bloomberg": the reviewed party's type, or the nearest that the
        return TypeDecision(reviewed if reviewed in author_types() else  # schema lets author
                            "Organization", "override")
    decided = overrides.reviewed.types.get(author_id(name))
    if decided is not None:
        return TypeDecision(decided, "reviewed")
    found = TypeDecision(*byline_type(name, url, overrides.words, sites))
    outlets = {slugify(n) for n in overrides.organisation_authors if " " not in n.strip()}
    if found.type == "Person" and outlets.intersection(slugify(name).split("-")):
        return TypeDecision("Publisher", "byline_names_an_outlet")  # "Thomson Reuters"
    return found
