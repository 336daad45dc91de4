"""The words headline facts are read with: hedges, action verbs, places, amounts.

A title with a hedge anywhere states no fact. Verbs are listed per relation type with the
forms a headline uses (present, past, the plural present after a list of actors).
"""

from __future__ import annotations

import re

HEDGE = re.compile(
    r"\?|\b(alleg(?:ed|edly|es|ing)|may|might|could|would|should|will|won['\u2019]?t|can|cannot|"
    r"plans?|planning|proposed?|proposes|proposal|seeks?|seeking|threat(?:ens?|ened|ening)|"
    r"calls?\s+(?:for|on)|urges?|urging|questions?|questioned|reportedly|report\s+says|"
    r"considers?|considering|considered|mulls?|weighs|wants?|faces|facing|face(?!\s+(?:recognition|id|scan|photos?|images?|data|swaps?))|prepar(?:es?|ing)|"
    r"ready\s+to|readies|vows?|asks?|asking|possible|possibly|potential|expected|likely|"
    r"set\s+to|poised|about\s+to|to\s+be|if|whether|rumou?rs?|denies|denied|not|no|never|"
    r"isn['\u2019]?t|wasn['\u2019]?t|doesn['\u2019]?t|didn['\u2019]?t|aren['\u2019]?t|tosses|dismiss(?:es|ed)?|"
    r"overturn(?:s|ed)?|push(?:es)?\s+to|moves?\s+to|aims?\s+to|hopes?|demands?)\b",
    re.IGNORECASE)

# folded verb form -> relation type; "settle" forms are read by their own patterns
VERBS: dict[str, str] = {
    **dict.fromkeys(("fines", "fined", "fine"), "FINED"),
    **dict.fromkeys(("sues", "sued", "suing", "sue"), "SUED"),
    **dict.fromkeys(("bans", "banned", "ban", "bars", "barred", "bar", "orders", "ordered",
                     "order", "enjoins", "enjoined"), "ORDERED"),
    **dict.fromkeys(("probes", "probed", "probe", "probing", "investigates", "investigated",
                     "investigate", "investigating"), "INVESTIGATED"),
    **dict.fromkeys(("charges", "charged", "charge", "indicts", "indicted", "indict"),
                    "CHARGED"),
    **dict.fromkeys(("sanctions", "sanctioned", "sanction"), "SANCTIONED"),
}
PASSIVE = {"fined", "sued", "banned", "barred", "ordered", "probed", "investigated", "charged",
           "indicted", "sanctioned", "enjoined"}
SETTLE = {"settles", "settled", "settle"}
SETTLEMENT_OBJECTS = {"allegations", "charges", "claims", "lawsuit", "suit", "case", "complaint"}
SETTLEMENT_VERBS = {"secures", "secured", "reaches", "reached", "announces", "announced"}
OPENS = {"opens", "opened", "launches", "launched", "files", "filed", "file", "brings"}
# noun -> (the words that introduce the target, relation type): "files lawsuit against/accusing T"
OPENED_NOUNS = {"investigation": (("into",), "INVESTIGATED"),
                "probe": (("into",), "INVESTIGATED"),
                "lawsuit": (("against", "accusing", "claiming"), "SUED"),
                "suit": (("against", "accusing", "claiming"), "SUED")}
AMOUNT_WORDS = {"k", "m", "mn", "mil", "million", "bn", "b", "bil", "billion", "thousand", "w"}
# a word in capitals that may be an agency's acronym ("OSHA", "IHC"), and capitals that are not
ACRONYM = re.compile(r"[A-Z]{3,6}")
NOT_AGENCIES = {"CEO", "USA", "NEW", "THE", "BREAKING", "WATCH", "CHARGES", "UPDATE", "VIDEO"}
MODAL = {"to", "can", "will", "would", "may", "might", "could", "should", "must"}
# words that end a party's phrase: what follows says why, where or when, not who
BOUNDARY = {"for", "over", "after", "in", "on", "to", "with", "from", "by", "of", "at", "as",
            "amid", "against", "that", "who", "which", "while", "because", "and", "or", "but",
            "under", "into", "about", "says", "said"}
LIST_JOIN = re.compile(r"^\s*(?:,|and|&|,\s*and)\s*$", re.IGNORECASE)
BREAK = re.compile(r"[,:;|()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s")

BODY_NOUNS = {"regulator", "regulators", "watchdog", "watchdogs", "agency", "authority",
              "commission", "bureau", "prosecutors", "prosecutor", "ministry", "board",
              "general"}  # "general" only in "attorney general"
# a place and one of these names a body ("French regulator"); other body nouns need a
# word saying what the body does ("Indonesia's competition watchdog", not "US agency")
SPECIFIC_BODIES = {"regulator", "watchdog", "prosecutors", "prosecutor"}
PLACES = {
    "us", "u.s", "american", "uk", "british", "eu", "european", "federal", "french", "france",
    "italian", "italy", "german", "germany", "dutch", "netherlands", "spanish", "spain",
    "irish", "ireland", "belgian", "polish", "swedish", "norwegian", "danish", "finnish",
    "austrian", "swiss", "greek", "portuguese", "hungarian", "czech", "romanian", "turkish",
    "russian", "ukrainian", "chinese", "china", "japanese", "japan", "korean", "korea",
    "south", "indian", "india", "indonesian", "indonesia", "australian", "australia",
    "canadian", "canada", "brazilian", "brazil", "mexican", "argentine", "chilean",
    "singapore", "malaysian", "philippine", "thai", "vietnamese", "taiwanese", "israeli",
    "new", "york", "california", "texas", "illinois", "state", "city",
    # US states (one word; "new york" is read as two places)
    "alabama", "alaska", "arizona", "arkansas", "colorado", "connecticut", "delaware",
    "florida", "georgia", "hawaii", "idaho", "indiana", "iowa", "kansas", "kentucky",
    "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
    "missouri", "montana", "nebraska", "nevada", "ohio", "oklahoma", "oregon", "pennsylvania",
    "tennessee", "utah", "vermont", "virginia", "washington", "wisconsin", "wyoming",
}

_AMOUNT = re.compile(
    r"(?P<cur>US\$|A\$|C\$|\$|€|£|₩|\bW|\bRs\.?\s?)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<mult>k\b|m\b|mn\b|mil\b\.?|million|bn\b|b\b|bil\b\.?|billion|thousand)?"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?P<mult2>million|billion|thousand|m|bn)?\s*"
    r"(?P<cur2>euros?|dollars|pounds|won)\b", re.IGNORECASE)
_CURRENCY = {"us$": "USD", "$": "USD", "a$": "AUD", "c$": "CAD", "€": "EUR", "£": "GBP",
             "₩": "KRW", "w": "KRW", "rs": "INR", "rs.": "INR", "euro": "EUR", "euros": "EUR",
             "dollars": "USD", "pounds": "GBP", "won": "KRW"}
_MULTIPLIER = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "mil.": 1e6,
               "million": 1e6, "b": 1e9, "bn": 1e9, "bil": 1e9, "bil.": 1e9, "billion": 1e9}


def hedged(title: str) -> bool:
    """Whether the title hedges (alleged, may, plans to, a question...): then it states no fact."""
    return HEDGE.search(title) is not None


def amount(title: str) -> tuple[float, str] | None:
    """The one money amount a title states, with its currency; None when none or several."""
    found = list(_AMOUNT.finditer(title))
    if len(found) != 1:
        return None
    m = found[0]
    cur = (m.group("cur") or m.group("cur2") or "").strip().lower()
    num = float((m.group("num") or m.group("num2")).replace(",", ""))
    mult = (m.group("mult") or m.group("mult2") or "").lower()
    value = num * _MULTIPLIER.get(mult, 1.0)
    return (int(value) if value == int(value) else value, _CURRENCY[cur])
