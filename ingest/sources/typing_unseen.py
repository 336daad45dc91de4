"""A person's name by what AIID's texts never write in lower case (issue 10, after round 9).

Two to four capitalised words none of which any AIID incident description or report title
writes in lower case ("Nikolay Tupikin", "Ilan Shor") are a person's name: a body's name
reuses common words that the texts also write in lower case ("Golden Currencies", "RioCan
Living", "Outback Steakhouse", "Smart Columbus"). The last of the context rules before the
one-word shapes, for a party no other rule decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.sources.common import fold, slugify
from ingest.sources.typing_countries import country_ids

_WORD = re.compile(r"(?<![\w'\u2019-])[^\W\d_][\w'\u2019]*")


def lower_case_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word the texts write starting lower case, folded ("the", "golden", "living")."""
    return frozenset(fold(word) for text in texts for word in _WORD.findall(text)
                     if word[0].islower())


def unseen_name(words: list[str], lower_words: frozenset[str],
                not_person: frozenset[str]) -> bool:
    """`words` (each already a name word) are 2 to 4, none a word the texts write in lower
    case (nor the plural of one: "Mount Sinai Hospitals" in a snapshot that writes only
    "hospital"), no word one that never stands in a person's name, and none a state's name
    ("Verite Cachee France")."""
    if not 2 <= len(words) <= 4 or not lower_words:
        return False
    folded = {fold(x).strip(".") for x in words}
    singular = {x[:-1] for x in folded if len(x) > 3 and x.endswith("s")}  # "Hospitals"
    common = folded & lower_words or folded & not_person or singular & lower_words
    return not common and not any(slugify(x) in country_ids() for x in words)
