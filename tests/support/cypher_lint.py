"""Lint Cypher statements with Neo4j's own front end (``tools/cypher_lint/lint.mjs``).

Layer 1 of ``docs/neo4j-verification.md``: every statement the store really sends
is checked, with the parameter names it is really sent with, in ONE Node process
(about 1 s to start, then ~50-60 ms a statement)::

    report = lint_statements(
        [LintStatement("upsert_entities", "UNWIND $rows AS row MERGE ...", ("rows",))],
        LintSchema(labels=("Entity",), relationship_types=(), property_keys=("id",)),
    )
    assert not report.problems(), "\\n".join(report.problems())

Warnings count as problems: the schema passed in is the project's own, so an
unknown label, relationship type or property key is a mistake, not a guess.
Needs Node and ``npm ci --prefix tools/cypher_lint``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

__all__ = [
    "CypherLintError",
    "Diagnostic",
    "LintReport",
    "LintSchema",
    "LintStatement",
    "StatementResult",
    "lint_statements",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
LINT_DIR = REPO_ROOT / "tools" / "cypher_lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
_PACKAGE_DIR = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
INSTALL_HINT = "npm ci --prefix tools/cypher_lint"

Severity = Literal["error", "warning"]


class CypherLintError(RuntimeError):
    """The linter could not run (Node or its package missing, bad input, crash)."""


@dataclass(frozen=True)
class LintSchema:
    """The project's own graph schema: anything outside it is reported."""

    labels: Sequence[str]
    relationship_types: Sequence[str]
    property_keys: Sequence[str]

    def to_json(self) -> dict[str, list[str]]:
        return {
            "labels": list(self.labels),
            "relationshipTypes": list(self.relationship_types),
            "propertyKeys": list(self.property_keys),
        }


@dataclass(frozen=True)
class LintStatement:
    """One statement as it is sent: its text and the names of the parameters sent with it."""

    name: str
    text: str
    parameters: Sequence[str] = ()

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "text": self.text, "parameters": list(self.parameters)}


@dataclass(frozen=True)
class Diagnostic:
    """One message of the Cypher front end; ``line`` and ``column`` are 1-based."""

    severity: Severity
    message: str
    line: int
    column: int


@dataclass(frozen=True)
class StatementResult:
    name: str
    diagnostics: tuple[Diagnostic, ...]
    missing_parameters: tuple[str, ...]
    """Used in the text but not sent."""
    unused_parameters: tuple[str, ...]
    """Sent but not used in the text."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    @property
    def ok(self) -> bool:
        return not (self.diagnostics or self.missing_parameters or self.unused_parameters)

    def problems(self) -> list[str]:
        found = [
            f"{self.name}:{d.line}:{d.column}: {d.severity}: {d.message}" for d in self.diagnostics
        ]
        found += [
            f"{self.name}: parameter ${p} is used in the statement but not sent"
            for p in self.missing_parameters
        ]
        found += [
            f"{self.name}: parameter ${p} is sent but not used in the statement"
            for p in self.unused_parameters
        ]
        return found


@dataclass(frozen=True)
class LintReport:
    checked: int
    results: tuple[StatementResult, ...]
    builtin_functions: int = 0
    builtin_procedures: int = 0
    _by_name: Mapping[str, StatementResult] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {r.name: r for r in self.results})

    def __getitem__(self, name: str) -> StatementResult:
        return self._by_name[name]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def problems(self) -> list[str]:
        """Every error, warning and missing or unused parameter, each naming its statement."""
        return [problem for result in self.results for problem in result.problems()]


def _check_installed(node: str | None) -> str:
    if node is None:
        raise CypherLintError(
            "Node.js (`node`) is not on PATH; the Cypher linter needs it "
            f"(then run `{INSTALL_HINT}`)."
        )
    if not (_PACKAGE_DIR / "package.json").is_file():
        raise CypherLintError(
            f"The Cypher linter's npm package is not installed ({_PACKAGE_DIR} is missing): "
            f"run `{INSTALL_HINT}` from the repository root."
        )
    return node


def _as_str_list(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CypherLintError(f"unexpected linter output: {what} is not a list of strings")
    return tuple(cast(list[str], value))


def _parse_diagnostic(raw: object) -> Diagnostic:
    if not isinstance(raw, dict):
        raise CypherLintError("unexpected linter output: a diagnostic is not an object")
    severity = raw.get("severity")
    if severity not in ("error", "warning"):
        raise CypherLintError(f"unexpected linter output: severity {severity!r}")
    return Diagnostic(
        severity=cast(Severity, severity),
        message=str(raw["message"]),
        line=int(raw["line"]),
        column=int(raw["column"]),
    )


def _parse_report(stdout: str) -> LintReport:
    try:
        data = json.loads(stdout)
    except json.JSONDecodeError as exc:
        raise CypherLintError(f"the linter did not print JSON: {exc}: {stdout[:500]!r}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise CypherLintError(f"unexpected linter output: {stdout[:500]!r}")
    results: list[StatementResult] = []
    for raw in data["results"]:
        parameters = raw["parameters"]
        results.append(
            StatementResult(
                name=str(raw["name"]),
                diagnostics=tuple(_parse_diagnostic(d) for d in raw["diagnostics"]),
                missing_parameters=_as_str_list(parameters["missing"], "parameters.missing"),
                unused_parameters=_as_str_list(parameters["unused"], "parameters.unused"),
            )
        )
    catalog = data.get("catalog") or {}
    return LintReport(
        checked=int(data["checked"]),
        results=tuple(results),
        builtin_functions=int(catalog.get("functions", 0)),
        builtin_procedures=int(catalog.get("procedures", 0)),
    )


def lint_statements(
    statements: Sequence[LintStatement],
    schema: LintSchema,
    *,
    builtin_catalog: bool = True,
    timeout: float = 600.0,
) -> LintReport:
    """Lint ``statements`` against ``schema`` in one ``node tools/cypher_lint/lint.mjs`` run.

    With ``builtin_catalog`` (the default) unknown functions and procedures are
    errors too, checked against Neo4j's built-in signatures shipped in the package.
    Raises :class:`CypherLintError` if the linter cannot run or rejects the input.
    """
    node = _check_installed(shutil.which("node"))
    names = [s.name for s in statements]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise CypherLintError(f"statement names must be unique; repeated: {duplicates}")
    request = {
        "schema": schema.to_json(),
        "statements": [s.to_json() for s in statements],
        "options": {"builtinCatalog": builtin_catalog},
    }
    try:
        completed = subprocess.run(
            [node, str(LINT_SCRIPT)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=LINT_DIR,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise CypherLintError(f"the Cypher linter did not finish within {timeout} s") from exc
    if completed.returncode != 0:
        raise CypherLintError(
            f"the Cypher linter exited with code {completed.returncode}:\n"
            f"{completed.stderr.strip()[-4000:]}"
        )
    report = _parse_report(completed.stdout)
    if report.checked != len(statements) or [r.name for r in report.results] != names:
        raise CypherLintError(
            f"the linter checked {report.checked} statements, {len(statements)} were sent"
        )
    return report
