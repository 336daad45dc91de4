"""The named Cypher statements in `queries/*.cypher`, loaded once, each with its header.

A file holds one statement after a header of `//` lines: the first says what the statement
answers, a `// Parameters:` line names every `$parameter` it is sent with (or says none), and
an optional `// Neo4j-only:` line says why other Bolt servers cannot run it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the driver loads only when a statement is sent (cheap CLI start-up)
    from neo4j import Query

QUERY_DIR = Path(__file__).parent
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Statement:
    """One Cypher statement as it is sent: its name, text and the parameters sent with it."""

    name: str
    text: str
    parameters: tuple[str, ...] = ()
    neo4j_only: str | None = None  # why only Neo4j can run it, or None when any Bolt server can
    purpose: str = ""

    @property
    def query(self) -> Query:
        """The driver's Query, named so that server logs and `SHOW TRANSACTIONS` carry it."""
        from neo4j import Query

        return Query(self.text, metadata={"query": self.name})

    def bind(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """`params` if they are exactly the declared ones, so what is linted is what is sent."""
        if set(params) != set(self.parameters):
            raise ValueError(
                f"statement {self.name} takes {sorted(self.parameters)}, got {sorted(params)}"
            )
        return dict(params)


def parse_statement(name: str, source: str) -> Statement:
    """A Statement from a file's text; refuses a file without the header the house style asks."""
    lines = source.splitlines()
    header = []
    for line in lines:
        if not line.startswith("//"):
            break
        header.append(line[2:].strip())
    body = "\n".join(lines[len(header) :]).strip()
    if not header or not header[0] or not body:
        raise ValueError(f"queries/{name}.cypher needs a `//` header line saying what it answers")
    fields = dict(pair for pair in map(_field, header[1:]) if pair is not None)
    if "parameters" not in fields:
        raise ValueError(f"queries/{name}.cypher needs a `// Parameters:` line (or `none`)")
    declared = tuple(dict.fromkeys(_PARAMETER.findall(fields["parameters"])))
    return Statement(name, body, declared, fields.get("neo4j-only"), header[0])


def _field(line: str) -> tuple[str, str] | None:
    key, sep, value = line.partition(":")
    if not sep or " " in key.strip():
        return None
    return key.strip().lower(), value.strip()


@functools.cache
def load_queries(directory: Path = QUERY_DIR) -> dict[str, Statement]:
    """Every `*.cypher` file of `directory`, by file stem."""
    return {
        path.stem: parse_statement(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.cypher"))
    }
