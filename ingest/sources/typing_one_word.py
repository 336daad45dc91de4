"""The type of a one-word party name that no reviewed list, no rule on its words and nothing
AIID writes around it decided (the last of `typing_context`'s rules, issue 10 round 8
preparation): a capitalised plural is a population, a person noun, a first name or a handle
a Person, and any other word without digits a brand.
"""

from __future__ import annotations

from ingest.sources.common import fold


def one_word_type(name: str, not_plural: tuple[str, ...], person_nouns: frozenset[str],
                  first_names: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """What a one-word name no other rule decided is, by its shape: a capitalised plural is a
    population ("Pensioners", "Muslims": every such name the rules leave but one, a handle); a
    person noun ("Child", "Bicyclist"), a first name of AIID's bylines ("Sara") or a handle
    ("the_real_cool_dad", "C3PMeme") is a Person; any other one word a brand, a Company
    ("Airbus", "Toyota", "USAA": the commonest type of such names in the labelled samples of
    rounds 1 to 7, 10 of 22)."""
    if " " in name.strip():
        return None
    if _capitalised_plural(name, not_plural):
        return "Group", "capitalised_plural"  # "Hospitals", "Pensioners", "Fact-checkers"
    if name.lower() in person_nouns or name.lower().endswith("ist"):
        return "Person", "person_noun"  # "Child", "Bicyclist"
    if name[:1].isupper() and not name[:2].isupper() and fold(name) in first_names:
        return "Person", "first_name"  # "Sara", "María": a byline first name; not "ISIS"
    if "_" in name or (any(c.isdigit() for c in name) and any(c.islower() for c in name)
                       and not {"-", "."} & set(name)):
        return "Person", "handle"  # "El_Farado", "0xhungusman", "C3PMeme"
    if any(c.isdigit() for c in name):
        return None  # "Storm-1679", "UNC5267": threat-actor designations, left undecided
    return "Company", "one_word_name"


def _capitalised_plural(name: str, not_plural: tuple[str, ...]) -> bool:
    """One capitalised plural word: "Landlords", "Fact-checkers"; not "HarperCollins" or
    "Goldman-Sachs", nor "Lazarus" ("-us" is no plural)."""
    rest = name[1:].replace("-", "")
    return (len(name) > 4 and name[0].isupper() and rest.isalpha() and rest.islower()
            and name.endswith("s") and not name.lower().endswith(not_plural))
