"""Read regulatory and legal facts from one headline: who did what to whom, for how much.

Three shapes are read, each only when the parties sit right by the verb (a short descriptive
gap such as "US face recognition firm" is allowed, a clause boundary is not):
- active: "FTC bans Rite Aid", "FTC and DOJ charge Amazon", "The Times sues OpenAI and Microsoft";
- passive: "Clearview AI fined by Dutch agency";
- settlements: "Rite Aid settles FTC allegations", "DOJ secures settlement with Meta".
Actors of FINED / INVESTIGATED / ORDERED / CHARGED / SANCTIONED must be agencies (courts
included), so a company's own ban on its users is no fact. A hedged title yields nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.schema import Schema
from ingest.sources.common import fold, slugify
from ingest.sources.headline_names import Mention, NameIndex, Party, words
from ingest.sources.headline_words import (
    ACRONYM,
    BREAK,
    LIST_JOIN,
    HeadlineWords,
    amount,
    default_words,
    hedged,
)

MONEY_TYPES = {"FINED", "SETTLED_WITH", "SANCTIONED"}
AGENCY_ACTIONS = {"FINED", "INVESTIGATED", "ORDERED", "CHARGED", "SANCTIONED"}
ACTOR_GAP, TARGET_GAP, PASSIVE_GAP = 1, 4, 3


def _w() -> HeadlineWords:
    """The reviewed headline words (data/resolution/headline_words.yaml, read once)."""
    return default_words()


@dataclass(frozen=True)
class Proposal:
    """One fact a headline states, before review."""

    action: str
    actor: Party
    target: Party
    actor_text: str
    target_text: str
    amount: float | None = None
    currency: str | None = None

    def key(self) -> str:
        """How the review file names this proposal: "actor ACTION target"."""
        return f"{self.actor.id} {self.action} {self.target.id}"


@dataclass
class _Title:
    text: str
    tokens: list[tuple[str, int, int]]  # folded word, start, end
    mentions: list[Mention]

    def gap(self, end_char: int, start_char: int) -> list[str] | None:
        """Words between two places, or None when a boundary (comma, 'for', 'over'...) is there."""
        between = self.text[end_char:start_char]
        if BREAK.search(between):
            return None
        found = [fold(w) for w, _ in words(between)]
        return None if any(w in _w().boundary for w in found) else found


class HeadlineReader:
    """Proposals from titles, with parties matched against the graph's names."""

    def __init__(self, names: NameIndex, schema: Schema) -> None:
        self.names, self.schema = names, schema

    def read(self, title: str, url: str | None = None) -> list[Proposal]:
        """The facts `title` states; `url` picks the aliases reviewed for that headline only."""
        if hedged(title):
            return []
        parsed = self._parse(title, url)
        found: dict[str, Proposal] = {}
        for index, (word, _, _) in enumerate(parsed.tokens):
            for proposal in self._at(parsed, index, word):
                if self._allowed(proposal):
                    found.setdefault(proposal.key(), proposal)
        return list(found.values())

    def _parse(self, title: str, url: str | None) -> _Title:
        tokens = [(w, s, s + len(raw)) for (w, raw), s in _positions(title)]
        mentions = _with_descriptors(title, tokens, self.names.mentions(title, url))
        for m in mentions:
            if m.party.id not in self.names.ids:
                self.names.described.setdefault(m.party.id, m.party.name)
        return _Title(title, tokens, mentions)

    def _at(self, t: _Title, index: int, word: str) -> list[Proposal]:
        if index > 0 and t.tokens[index - 1][0] in _w().modal:
            return []
        if word in _w().settle:
            return _settled(t, index)
        if word in _w().settlement_verbs:
            return _settlement_agreement(t, index)
        if word in _w().opens:
            return _opened(t, index)
        action = _w().verbs.get(word)
        if action is None:
            return []
        found = _active(t, index, action)
        if word in _w().passive:
            found += _passive(t, index, action)
        return found

    def _allowed(self, p: Proposal) -> bool:
        declared = self.schema.relation_type(p.action)
        return (declared is not None and p.actor.id != p.target.id
                and p.actor.type in declared.sources and p.target.type in declared.targets)


def _positions(title: str) -> list[tuple[tuple[str, str], int]]:
    out, cursor = [], 0
    for folded, raw in words(title):
        start = title.index(raw, cursor)
        cursor = start + len(raw)
        out.append(((folded, raw), start))
    return out


def _with_descriptors(title: str, tokens: list[tuple[str, int, int]],
                      mentions: list[Mention]) -> list[Mention]:
    """Add agencies a title describes ("Italian privacy regulator") where no name matched."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = list(mentions) + _acronym_actors(title, tokens, taken)
    for end, (word, _, _) in enumerate(tokens):
        if word not in _w().body_nouns or end in taken or (
                word == "general" and (end == 0 or tokens[end - 1][0] != "attorney")):
            continue
        start = None
        for s in range(end - 1, max(end - 4, -1), -1):
            if s in taken or tokens[s][0] in _w().boundary:
                break
            if tokens[s][0] in _w().places:
                start = s
        if start is None or (word not in _w().specific_bodies and end - start < 2):
            continue
        text = title[tokens[start][1]:tokens[end][2]]
        found.append(Mention(Party(slugify(text), "Agency", text), start, end + 1, text))
    return sorted(found, key=lambda m: m.start)


def _acronym_actors(title: str, tokens: list[tuple[str, int, int]],
                    taken: set[int]) -> list[Mention]:
    """An agency the graph lacks, named by its acronym right before an agency's verb ("OSHA
    investigates"): only agencies fine, investigate, order, charge or sanction."""
    found = []
    for i in range(len(tokens) - 1):
        raw = title[tokens[i][1]:tokens[i][2]]
        if i in taken or not ACRONYM.fullmatch(raw) or raw in _w().not_agencies:
            continue
        if _w().verbs.get(tokens[i + 1][0]) in AGENCY_ACTIONS:
            found.append(Mention(Party(slugify(raw), "Agency", raw), i, i + 1, raw))
    return found


def _before(t: _Title, index: int, max_gap: int) -> list[Mention]:
    """The parties ending right before token `index`, with any list joined to them."""
    start_char = t.tokens[index][1]
    near = [m for m in t.mentions if m.end <= index]
    if not near:
        return []
    last = near[-1]
    gap = t.gap(t.tokens[last.end - 1][2], start_char)
    if gap is None or len(gap) > max_gap:
        return []
    group = [last]
    for m in reversed(near[:-1]):
        between = t.text[t.tokens[m.end - 1][2]:t.tokens[group[0].start][1]]
        if not LIST_JOIN.match(between):
            break
        group.insert(0, m)
    return group


def _after(t: _Title, index: int, max_gap: int) -> list[Mention]:
    """The parties starting right after token `index`, with any list joined to them."""
    end_char = t.tokens[index][2]
    near = [m for m in t.mentions if m.start > index]
    if not near:
        return []
    first = near[0]
    gap = t.gap(end_char, t.tokens[first.start][1])
    if gap is None or len(gap) > max_gap:
        return []
    group = [first]
    for m in near[1:]:
        between = t.text[t.tokens[group[-1].end - 1][2]:t.tokens[m.start][1]]
        if not LIST_JOIN.match(between):
            break
        group.append(m)
    return group


def _facts(t: _Title, action: str, actors: list[Mention],
           targets: list[Mention]) -> list[Proposal]:
    money = amount(t.text) if action in MONEY_TYPES else None
    value, currency = money if money else (None, None)
    return [Proposal(action, a.party, b.party, a.text, b.text, value, currency)
            for a in actors for b in targets]


def _active(t: _Title, index: int, action: str) -> list[Proposal]:
    return _facts(t, action, _before(t, index, ACTOR_GAP), _after(t, index, TARGET_GAP))


def _passive(t: _Title, index: int, action: str) -> list[Proposal]:
    """"T fined by A", "T fined $2m by A" (an amount may sit between verb and "by")."""
    after = [w for w, _, _ in t.tokens[index + 1:index + 4]]
    if "by" not in after:
        return []
    by = index + 1 + after.index("by")
    if any(not (w[:1].isdigit() or w in _w().amount_words) for w in after[:by - index - 1]):
        return []
    actors = _after(t, by, PASSIVE_GAP)
    targets = _before(t, index, 3)
    return _facts(t, action, actors, targets)


def _settled(t: _Title, index: int) -> list[Proposal]:
    """"D settles with C" and "D settles C allegations": C (the claimant) settled with D."""
    defendants = _before(t, index, ACTOR_GAP)
    nxt = index + 1
    if nxt < len(t.tokens) and t.tokens[nxt][0] == "with":
        return _facts(t, "SETTLED_WITH", _after(t, nxt, 0), defendants)
    claimants = _after(t, index, 0)
    if claimants:
        following = claimants[-1].end
        if following < len(t.tokens) and t.tokens[following][0] in _w().settlement_objects:
            return _facts(t, "SETTLED_WITH", claimants, defendants)
    return []


def _settlement_agreement(t: _Title, index: int) -> list[Proposal]:
    """"C secures settlement (agreement) with D" (up to four words before "settlement")."""
    claimants = _before(t, index, ACTOR_GAP)
    following = [w for w, _, _ in t.tokens[index + 1:index + 7]]
    if "settlement" not in following[:5] or "with" not in following:
        return []
    with_at = index + 1 + following.index("with")
    return _facts(t, "SETTLED_WITH", claimants, _after(t, with_at, 0))


def _opened(t: _Title, index: int) -> list[Proposal]:
    """"A opens an investigation into T", "A files (a) lawsuit against T"."""
    following = [w for w, _, _ in t.tokens[index + 1:index + 5]]
    for noun, (prepositions, action) in _w().opened_nouns.items():
        found = [w for w in following if w in prepositions]
        if noun in following[:3] and found:
            at = index + 1 + following.index(found[0])
            return _facts(t, action, _before(t, index, ACTOR_GAP), _after(t, at, 0))
    return []
