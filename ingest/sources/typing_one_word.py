"""The type of a one-word party name that no reviewed list, no rule on its words and nothing
AIID writes around it decided (the last of `typing_context`'s rules, issue 10 round 8
preparation): a capitalised plural AIID also writes as a common noun is a population, a
handle the person who runs it, and any other word without digits a brand.
"""

from __future__ import annotations

import re


def one_word_type(name: str, corpus: tuple[str, ...],
                  not_plural: tuple[str, ...]) -> tuple[str, str] | None:
    """What a one-word name no other rule decided is, by its shape: a capitalised plural AIID
    also writes as a common noun is a population; a handle ("the_real_cool_dad", "C3PMeme") the
    Person who runs it; any other one word a brand, a Company ("Airbus", "Toyota", "USAA": the
    commonest type of such names in the labelled samples of rounds 1 to 7, 10 of 22)."""
    if " " in name.strip():
        return None
    if _capitalised_plural(name, corpus, not_plural):
        return "Group", "common_noun_plural"  # "Hospitals", "Pensioners", "Fact-checkers"
    if "_" in name or (any(c.isdigit() for c in name) and any(c.islower() for c in name)
                       and not {"-", "."} & set(name)):
        return "Person", "handle"  # "El_Farado", "0xhungusman", "C3PMeme"
    if any(c.isdigit() for c in name):
        return None  # "Storm-1679", "UNC5267": threat-actor designations, left undecided
    return "Company", "one_word_name"


def _capitalised_plural(name: str, corpus: tuple[str, ...], not_plural: tuple[str, ...]) -> bool:
    """One capitalised plural word that AIID's texts also write in lower case, in the plural
    or the singular ("hospital", "pensioners"): a common noun, so a population; not
    "Bunnings", "HarperCollins" or "Goldman-Sachs", which AIID never writes so."""
    rest = name[1:].replace("-", "")
    if not (len(name) > 4 and name[0].isupper() and rest.isalpha() and rest.islower()
            and name.endswith("s") and not name.lower().endswith(not_plural)):
        return False
    word = re.compile(r"\b(?:" + re.escape(name.lower()) + "|" + re.escape(name[:-1].lower())
                      + r")\b")
    return any(word.search(text) for text in corpus)
