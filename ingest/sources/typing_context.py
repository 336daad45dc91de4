"""Typing from AIID's own context, for ids the reviewed lists and the id's words leave open.

What AIID says around a party: its display name, its roles (deployer, developer, harmed), the
titles of its incidents and the first names of the people who write its reports. Rules, in
order: a name like a person's (two or three capitalised words, the first a byline first name,
or any such name when AIID lists it only as harmed) is a Person; a name AIID writes as
someone's product ("Tesla's Autopilot", "OpenAI's GPT-3") is a Product; the noun AIID writes
just before a name ("engineering firm Arup") gives its type; a name shaped like a person's
("Marvin von Hagen", "Wang Mou", "Ri Kyong Sik") is a Person; a party whose customers or
employees AIID names ("kmart-customers") is a Company; a developer named as another party and
one more word ("google-maps") is that party's Product; any other developer is a Company; a
site AIID cites is a Publisher; then what any AIID text says of the name ("engineering firm
Arup" in another incident, "WiseTech Global's CEO"); last, a one-word name by its shape
(`typing_one_word`). Before all these, a party named by a state's ISO 3166-1 name is an Agency
(`typing_countries`).
Bylines are typed by `typing_bylines.byline_type`.
The word lists are data: `data/resolution/typing_words.yaml` (read by typing_words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.sources.common import fold, slugify, web_host
from ingest.sources.typing_countries import country_ids
from ingest.sources.typing_one_word import one_word_type
from ingest.sources.typing_unseen import unseen_name
from ingest.sources.typing_words import TypingWords, default_words

CURLY = "\u2019"  # the typographic apostrophe AIID titles often use
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$|^(?:Jr|Sr)\.?$|^I{1,3}$")
_GPT = re.compile(r"(^|-)[a-z]*gpt([-.0-9a-z]*)?($|-)")


@dataclass
class TypingContext:
    """What AIID says about each party id, gathered once per snapshot."""

    names: dict[str, str] = field(default_factory=dict)
    ids: frozenset[str] = frozenset()  # every party id, to see "<id>-users" populations
    roles: dict[str, set[str]] = field(default_factory=dict)
    titles: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)  # descriptions, report titles
    first_names: frozenset[str] = frozenset()
    sites: frozenset[str] = frozenset()  # web-site names of AIID's reports ("theguardian")
    corpus: tuple[str, ...] = ()  # every incident description and report title
    lower_words: frozenset[str] = frozenset()  # the corpus's lower-case words (typing_unseen)


def site_name(url: str) -> str | None:
    """A report url's site name: "theguardian" for www.theguardian.com, "bbc" for bbc.co.uk."""
    parts = (web_host(url) or "").split(".")
    if len(parts) < 2:
        return None
    return parts[-3] if len(parts) > 2 and parts[-2] in ("co", "com") else parts[0]


def byline_first_names(bylines: Iterable[str],
                       lists: TypingWords | None = None) -> frozenset[str]:
    """The first words of bylines shaped like a person's name ("Kashmir Hill" -> kashmir)."""
    w = lists or default_words()
    stop = w.not_person_words | w.outlet_words | w.byline_organisation_words
    found = set()
    for byline in bylines:
        words = byline.split()
        if 2 <= len(words) <= 3 and all(_name_word(x) for x in words) and not (
                {fold(x) for x in words} & stop):
            found.add(fold(words[0]))
    return frozenset(found)


def _name_word(word: str) -> bool:
    """A word of a person's name: "Zakaria", "İnce", "Barclay-Beuthin", "O'Neil", "G.C."."""
    if _INITIALS.match(word) or _IRISH.match(word):
        return True  # "G.C.", "O'Neill", "D'Addario"
    letters = word.replace("-", "").replace("'", "").replace(CURLY, "")
    return len(letters) > 1 and letters[0].isupper() and letters.isalpha() and not (
        letters[:2].isupper())  # "JPMorgan", "XPeng", "LVMH" are no first names


def context_type(entity_id: str, context: TypingContext,
                 lists: TypingWords | None = None) -> tuple[str, str] | None:
    """(type, rule) from AIID's context, or None when it says nothing decisive."""
    w = lists or default_words()
    roles = context.roles.get(entity_id, set())
    words = set(entity_id.split("-"))
    if roles == {"harmed"} and (words & w.abstract_harms or any(
            p in entity_id for p in w.abstract_phrases)):
        return "Group", "abstract_harm"  # AIID lists harms to democracy, trust, integrity
    if entity_id in country_ids():
        return "Agency", "country"  # "Estonia", "North Korea": a state (ISO 3166-1 names)
    shown = context.names.get(entity_id)
    account = _account(entity_id, shown, w)
    if account is not None:
        return account
    if words <= w.placeholders or (entity_id.split("-")[0] in w.placeholder_first
                                   and entity_id.split("-")[-1] not in w.product_words):
        return "Group", "placeholder"  # "unknown developer": a stand-in, not one body
    if words & w.product_words or _GPT.search(entity_id):
        return "Product", "product_word"  # "unnamed AI chatbot" too: a product, if unnamed
    if words & w.party_outlet_words:
        return "Publisher", "outlet_word"  # "City Magazine", "The Record-Argus"
    if f"{entity_id}-users" in context.ids:
        return "Product", "has_users"  # AIID names its users: an app, model or service
    if shown is not None and _collective(shown, w):
        return "Group", "collective"  # "Telegram-based financial scam network", "oncologists"
    if shown is not None and _lowercase_plural(shown, w.not_plural_endings):
        return "Group", "lowercase_plural"  # "Chinese startups", "foreign journalists in Henan"
    if shown is not None and _common_plural(shown, context.texts.get(entity_id, []),
                                            w.not_plural_endings):
        return "Group", "common_plural"  # "Landlords", "Pharmacists": AIID writes them lower-case
    name = shown or " ".join(x.capitalize() for x in entity_id.split("-"))
    described = _described(name, context.texts.get(entity_id, []), w)
    if described is not None:
        return described, "described"
    if _person_name(name, roles, context.first_names, w.not_person_words):
        return "Person", "person_name"
    if _name_shape(name, w):
        return "Person", "name_shape"
    if _owned_product(name, context.titles.get(entity_id, [])):
        return "Product", "owned_product"
    if any(f"{entity_id}-{x}" in context.ids for x in w.customer_words):
        return "Company", "has_customers"  # "kmart-customers": it serves or employs them
    if "developers" in roles and _maker_prefix(entity_id, context.ids):
        return "Product", "maker_product"  # "google-maps": a party's name and one more word
    if "developers" in roles:
        return "Company", "developer"
    squashed = slugify(_PAREN.sub("", name)).replace("-", "")  # "El País (Spain)" -> elpais
    if squashed in context.sites or f"the{squashed}" in context.sites:
        return "Publisher", "report_site"  # "the-guardian": AIID cites its reports' site
    found = _anywhere(name, context.corpus, w)
    if found is not None or shown is None:
        return found
    if all(map(_name_word, shown.split())) and unseen_name(
            shown.split(), context.lower_words, w.not_person_words):
        return "Person", "unseen_name"  # "Nikolay Tupikin": no word AIID writes lower-case
    return one_word_type(shown, w.not_plural_endings, w.person_nouns, context.first_names)


def _anywhere(name: str, corpus: tuple[str, ...], w: TypingWords) -> tuple[str, str] | None:
    """What any of AIID's texts says of the name, not only its own incidents': a describing
    noun ("engineering firm Arup"), or a company's possessions ("WiseTech Global's CEO")."""
    bare = _PAREN.sub("", name)
    texts = [text for text in corpus if bare in text]
    if not texts:
        return None
    described = _described(name, texts, w)
    if described is not None:
        return described, "described_elsewhere"
    owned = re.compile(re.escape(bare) + r"['" + CURLY + r"]s? (?:CEO|chief "
                       r"executive|shareholders|shares|stock)\b")
    return ("Company", "company_possessions") if any(map(owned.search, texts)) else None


_NICKNAME = re.compile(r"\s*[\"\u201c][^\"\u201d]*[\"\u201d]")  # a quoted nickname
_PAREN = re.compile(r"\s*\([^)]*\)$")  # a trailing parenthesis: "(Spain)"
_IRISH = re.compile(r"^[A-Z]['\u2019][A-Z][a-z]+$")
_HANDLE = re.compile(r"^[a-z]+[0-9]+$")  # "impress3", "patriciovogel1"
# "Lea (pseudonym)", "Anne (French interior decorator)", "J.F. (adolescent user of ...)";
# not "RT (Russia Today)", "Kambala (Sydney, Australia)" (a place), "Lin (林)"
_ONE_NAMED = re.compile(r"^[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]* \((?=[^,)]*\b[a-z]{3,}\b)[^,]*\)$"
                        r"|^(?:[A-Z]\.)+ \([a-z][^,]*\)$")


def _account(entity_id: str, shown: str | None,
             w: TypingWords) -> tuple[str, str] | None:
    """A web site, a social-media account or one person named by a parenthesis."""
    parts = entity_id.split("-")
    if entity_id.endswith(w.website_endings):
        return "Publisher", "website"  # "filthylucre.com": the site is its publisher
    handle = _HANDLE.search(entity_id) and not (shown or "").isupper()  # not "UNC5267"
    if (shown or "").startswith("@") or " @" in (shown or "") or handle or (
            parts[0] in w.account_platforms and len(parts) > 2 and parts[1] in w.account_words
    ) or (len(parts) > 1 and parts[-1] in w.account_words and parts[-2] in w.account_platforms):
        return "Person", "account"  # "@PatricioVogel1", "x-user-pdina": who runs the account
    if shown is not None and _ONE_NAMED.match(shown):
        return "Person", "one_named"  # "Lea (pseudonym)", "J.F. (adolescent user of ...)"
    return None


def _person_name(name: str, roles: set[str], first_names: frozenset[str],
                 not_person: frozenset[str]) -> bool:
    words = _NICKNAME.sub("", name).split()  # "Sean “Diddy” Combs" -> Sean Combs
    if not 2 <= len(words) <= 4 or not all(_name_word(w) for w in words):
        return False
    if {fold(w).strip(".") for w in words} & not_person:
        return False
    return fold(words[0]) in first_names or ("harmed" in roles and "developers" not in roles)


def _name_shape(name: str, w: TypingWords) -> bool:
    """A person's name by its shape, whatever its first name: "Marvin von Hagen" (a particle
    between capitalised words), "Wang Mou" / "Ji Moumou" (a surname and the mark Chinese
    reports give a withheld name), "Ri Kyong Sik" / "Sim Hyon-sop" (three short syllables, a
    Korean name)."""
    words = name.split()
    if not 2 <= len(words) <= 4 or {fold(x).strip(".") for x in words} & w.not_person_words:
        return False
    if len(words) > 2 and all(x in w.name_particles for x in words[1:-1]) and all(
            _name_word(x) for x in (words[0], words[-1])):
        return True
    if _name_word(words[0]) and not _INITIALS.match(words[0]) and _TRAILING_INITIALS.match(
            " ".join(words[1:])):
        return True  # "Jackelin A.M.", "Alfredo Ch. S.": a first name and initials
    if not all(_name_word(x) or _ARABIC_PARTICLE.match(x) for x in words):
        return False
    if any(_ARABIC_PARTICLE.match(x) for x in words[1:]):
        return True  # "Omar al-Bashir", "Layal al-Ekhtiar"
    second = fold(words[1])
    if len(words) == 2 and len(words[0]) <= 5 and any(
            _ANONYMISED.match(second) and second.startswith(m) for m in w.anonymised_name_marks):
        return True
    syllables = [words[0], *words[1].split("-")] if len(words) == 2 else words
    return len(syllables) == 3 and all(2 <= len(x) <= 5 for x in syllables) and len(
        words[0]) <= 4  # "Ri Kyong Sik", "Sim Hyon-sop"


_TRAILING_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\. ?)+$")
_ARABIC_PARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|ar|an)-[A-Z][a-z]+$")
_ANONYMISED = re.compile(r"^[a-z]{3}(?!nt|se|th)[a-z]{0,6}$")  # not "Mount", "Mouse", "Mouth"


def _described(name: str, texts: list[str], w: TypingWords) -> str | None:
    """The type AIID's own words give a name: the noun just before it in its incidents'
    descriptions and reports' titles ("engineering firm Arup", "news site Hoodline San Jose",
    "transcription tool Whisper"), when they agree."""
    shown = re.escape(_PAREN.sub("", name))
    before = re.compile(r"\b([A-Za-z]+) " + shown + r"(?![\w-])")
    after = re.compile(shown + r", an? ((?:[\w-]+ ?){1,4})")  # "Retool, an IT company ..."
    found = {w.describers[m.group(1).lower()] for text in texts for m in before.finditer(text)
             if m.group(1).lower() in w.describers}
    for text in texts:
        for m in after.finditer(text):
            noun = next((x for x in m.group(1).lower().split() if x in w.describers), None)
            found |= {w.describers[noun]} if noun else set()
    return found.pop() if len(found) == 1 else None


def _common_plural(name: str, texts: list[str], not_plural: tuple[str, ...]) -> bool:
    """One capitalised plural that its incidents' texts also write as a common noun:
    "Landlords", "Pensioners" (in lower case, mid-sentence)."""
    word = name.lower()
    if " " in name or len(word) <= 4 or not word.endswith("s") or word.endswith(not_plural):
        return False
    pattern = re.compile(r"\b" + re.escape(word) + r"\b")
    return any(pattern.search(text) for text in texts)


def _lowercase_plural(name: str, not_plural: tuple[str, ...]) -> bool:
    """A plural common noun in a name, as AIID writes populations: "adaptive fashion retailers"."""
    words = name.split()
    later = [w for w in words[1:] if w.replace("-", "").isalpha() and w.islower()]
    first = words[0] if len(words) > 1 and all(w.islower() for w in words[1:]) else ""
    return any(len(w) > 3 and w.lower().endswith("s") and not w.lower().endswith(not_plural)
               for w in [*later, first])


def _owned_product(name: str, titles: list[str]) -> bool:
    """Some title writes the name as a possession: "Tesla's Autopilot" (either apostrophe)."""
    pattern = re.compile(r"\w['" + CURLY + r"]s " + re.escape(name) + r"(?![\w-])",
                         re.IGNORECASE)
    return any(pattern.search(title) for title in titles)


def _maker_prefix(entity_id: str, ids: frozenset[str]) -> bool:
    """A developer id that is another party's id and one more word ("google-maps",
    "respondus-monitor"): the maker's product, not a second company."""
    head, _, tail = entity_id.rpartition("-")
    return bool(head) and head in ids and len(tail) > 2


def _collective(name: str, w: TypingWords) -> bool:
    """A lower-case collective noun ending a name ("... scam network") or one lower-case plural
    word ("oncologists"): several people, not one body."""
    words = name.split()
    if len(words) > 1 and words[-1] in w.collective_words:
        return True
    return len(words) == 1 and name.islower() and name.isalpha() and name.endswith(
        _PEOPLE_PLURALS)  # "oncologists", "motorcyclists"; not "kairos", a company


_PEOPLE_PLURALS = ("ists", "ers", "ians", "ants", "ents")
