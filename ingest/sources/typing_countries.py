"""The names of the world's states, from ISO 3166-1 as the `pycountry` package ships it
(LGPL-2.1-only; its data is Debian's iso-codes): a party AIID names by a country's name
("Estonia", "North Korea", "Moldova") is that state, typed Agency as the labelled samples type
states (data/samples/README.md, rounds 6 and 7). Only the names the standard gives are read:
its short name ("Estonia"), its common name ("North Korea" for "Korea, Democratic People's
Republic of"), its official name, and a short name's part before the comma ("Moldova, Republic
of" -> Moldova); no name is added by hand.
"""

from __future__ import annotations

import functools

import pycountry

from ingest.sources.common import slugify


@functools.cache
def country_ids() -> frozenset[str]:
    """The slugs of every ISO 3166-1 country name ("north-korea", "estonia")."""
    found: set[str] = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if isinstance(name, str):
                found.add(slugify(name))
                if ", " in name:
                    found.add(slugify(name.split(", ")[0]))
    found.discard("")
    return frozenset(found)
