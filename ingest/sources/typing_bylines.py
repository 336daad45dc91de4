"""A byline's type, from its words and the web address of the report it signs.

An outlet's own name, its desk or its team is its Publisher ("WRAL" on wral.com, "WION Web
Team" on wionews.com, "Phys Org" on phys.org), as is a byline that names any site AIID cites
("Yonhap" on other outlets' pages), a web site's name or an acronym ("PTI", "AAP"); an agency's
an Agency (and so is any organisation's byline on a government site), a company's or its
research team's a Company, an organisation's an Organization; anyone else is a Person. The
word lists are data (`typing_words.yaml`).
"""

from __future__ import annotations

import re

from ingest.sources.common import slugify, web_host
from ingest.sources.typing_words import TypingWords, default_words

_PAREN = re.compile(r"\s*\([^)]*\)$")  # a trailing parenthesis: "(Malaysia)"
_SUBDOMAINS = ("news", "edition", "amp", "m", "blog", "blogs", "en", "www")  # blog.x.com: x
_SITE = re.compile(r"^[\w.-]+$")  # one word, no "@": "Descripto.org", not "x@gmail.com"
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")  # "PTI", "IANS", "AAP": a news agency or an outlet
# an outlet's acronym before its desk or show ("CNN Business", "ABC's 7.30", "WCBS/CNN"); two
# capitals alone are a person's initials ("AJ Vicens")
_OUTLET_ACRONYM = re.compile(r"^[A-Z]{3,}(?:['\u2019]s)?$|^[A-Z]{2,}/")
GOVERNMENT_LABELS = frozenset({"gov", "gouv", "gob", "govt", "gc"})  # cpd.gov.ua, canada.gc.ca


def byline_type(name: str, url: str, lists: TypingWords | None = None,
                sites: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(type, rule) of a byline signing the report at `url`; `sites` are the site names of
    all AIID's reports ("yonhap", "bernama")."""
    w = lists or default_words()
    named = slugify(name).split("-")
    words = set(named)
    squashed = slugify(_PAREN.sub("", name)).replace("-", "")  # "The Star (Malaysia)"
    host = (web_host(url) or "").split(".")
    label = host[0] if host and host[0] not in _SUBDOMAINS else (
        host[1] if len(host) > 1 else "")
    bare = squashed[3:] if squashed.startswith("the") else squashed  # "The Economist"
    if any(len(x) >= 3 and label.startswith(x) for x in (squashed, bare)):  # "WRAL" on wral.com
        return "Publisher", "byline_is_outlet"
    if _outlet_byline(named, host, label, w):
        return "Publisher", "byline_outlet_desk"
    found = _byline_words(words, w)
    shown = name.strip()
    site = bool(_SITE.match(shown)) and shown.lower().endswith(w.website_endings)
    if found[0] == "Person" and GOVERNMENT_LABELS & set(host) and _ACRONYM.match(
            shown.split()[0] if shown else ""):
        return "Agency", "byline_government_site"  # "FBI San Francisco" on fbi.gov
    if found[0] == "Person" and (site or _ACRONYM.match(shown)):
        found = ("Publisher", "byline_site_or_acronym")  # "Descripto.org", "IANS", "AAP"
    if found[0] not in ("Person", "Agency") and GOVERNMENT_LABELS & set(host):
        return "Agency", "byline_government_site"
    if found[0] == "Person" and len(named) == 1 and len(squashed) >= 4 and squashed in sites:
        return "Publisher", "byline_names_a_site"
    if found[0] == "Person" and len(named) > 1 and shown.startswith("The "):
        return "Publisher", "byline_the_outlet"  # "The Conversation", "The Insider": no person
    first = shown.split()[0] if shown else ""
    if found[0] == "Person" and len(named) > 1 and (_OUTLET_ACRONYM.match(first) or (
            _ACRONYM.match(first) and all(x in w.byline_desk_words for x in named[1:]))):
        return "Publisher", "byline_acronym_outlet"  # "CNN Business", "ET Online", "AP/Reuters"
    return found


def _byline_words(words: set[str], w: TypingWords) -> tuple[str, str]:
    if words & w.byline_agency_words and not (words & w.outlet_words and words & {
            "agency", "board"}):  # but "IPN Press Agency", a news agency; "Editorial Board"
        return "Agency", "byline_agency"  # "National Transportation Safety Board"
    if words & w.byline_group_words:
        return "Group", "byline_group"
    if words & w.outlet_words:
        return "Publisher", "byline_outlet_word"
    if words & w.byline_company_words:
        return "Company", "byline_company"  # "NEC Corporation", "Sysdig Threat Research Team"
    if words & w.byline_organisation_words:
        return "Organization", "byline_organisation"
    return "Person", "byline_person"


def _outlet_byline(named: list[str], host: list[str], label: str, w: TypingWords) -> bool:
    """The report's own site as its byline: every word a part of its host ("Phys Org" on
    phys.org, "Robinhood Snacks" on snacks.robinhood.com), or the site's name and a desk
    ("WION Web Team" on wionews.com, "Team Latestly" on latestly.com)."""
    if named and set(named) - {"www", "com"} <= set(host) - {"www"}:
        return True  # "Rappler.com" on rappler.com
    squashed = "".join(named)
    if len(label) >= 3 and squashed.startswith(label) and squashed != label and all(
            x in w.byline_desk_words or label.startswith(x) or label.endswith(x)
            for x in named):
        return True  # "The Hindu Bureau" on thehindu.com, "India Today Tech" on indiatoday.in
    return len(named) > 1 and any(
        len(x) >= 3 and label.startswith(x) and all(y in w.byline_desk_words for y in named
                                                    if y != x) for x in named)
