"""Real Neo4j for tests: the Community server of tools/neo4j-server, or NEO4J_URI's.

`make neo4j-deps` (part of `make test`) resolves Neo4j from Maven Central and compiles the
launcher; `run_neo4j_server` then starts it on 127.0.0.1 with a random password and waits for
its ready line, which names the Bolt URI and the version `dbms.components()` reports::

    with run_neo4j_server(tmp_path) as server:
        GraphDatabase.driver(server.uri, auth=server.auth)

It stops the server on leaving the block (stdin EOF, then SIGTERM, then SIGKILL) and raises
if it did not stop cleanly. Community has one user database (`neo4j`): suites that share the
server take turns through `SharedDatabase.claim`, which tells them when to reload.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase

from graph.settings import PROJECT_ROOT
from tests.support.ports import free_loopback_port

__all__ = [
    "LAUNCHER", "Neo4jServer", "Neo4jServerError", "SharedDatabase", "free_loopback_port",
    "from_environment", "run_neo4j_server",
]

LAUNCHER = PROJECT_ROOT / "tools" / "neo4j-server" / "neo4j-server"
READY = re.compile(r"^aikg-neo4j ready: (?P<version>.+) at (?P<uri>bolt://\S+)$", re.MULTILINE)
_LOG_NAME = "neo4j-server.log"
_LOG_TAIL_LINES = 40


@dataclass(frozen=True)
class Neo4jServer:
    """Where and how to reach a running Neo4j with the `neo4j` driver."""

    uri: str
    user: str
    password: str
    database: str
    version: str  # "Neo4j 5.26.19 community", from dbms.components()
    log_path: Path | None = None  # None when the server is not ours (NEO4J_URI)
    started_in: float | None = None  # seconds from launch to the ready line

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    def describe(self) -> str:
        started = f" (started in {self.started_in:.1f} s)" if self.started_in else " (NEO4J_URI)"
        return f"{self.version} at {self.uri}{started}"


class Neo4jServerError(RuntimeError):
    """The server did not start (or stop) as expected; the message carries its log tail."""


@dataclass
class SharedDatabase:
    """The one user database of the session's server, taken in turn by the suites using it."""

    server: Neo4jServer
    owner: str | None = None
    claims: list[str] = field(default_factory=list)
    closers: list[Callable[[], None]] = field(default_factory=list)

    def on_close(self, closer: Callable[[], None]) -> None:
        """Run `closer` at the end of the session, before the server stops."""
        self.closers.append(closer)

    def close(self) -> None:
        while self.closers:
            self.closers.pop()()

    def claim(self, owner: str) -> bool:
        """Take the database for `owner`; True when someone else wrote it since (reload)."""
        changed = self.owner != owner
        self.owner = owner
        self.claims.append(owner)
        return changed

    def clear(self, owner: str) -> None:
        """Delete every node and relationship (indexes and constraints stay)."""
        self.owner = owner
        with (
            GraphDatabase.driver(self.server.uri, auth=self.server.auth) as driver,
            driver.session(database=self.server.database) as session,
        ):  # CALL { } IN TRANSACTIONS runs only in an auto-commit transaction
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()



def server_version(uri: str, auth: tuple[str, str], database: str) -> str:
    """`Neo4j 5.26.19 community`, as `dbms.components()` says."""
    with GraphDatabase.driver(uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition "
            "RETURN 'Neo4j ' + versions[0] + ' ' + edition AS version",
            database_=database,
        )
    return str(records[0]["version"])


def from_environment(env: Mapping[str, str]) -> Neo4jServer | None:
    """The server NEO4J_URI names (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), if set."""
    uri = env.get("NEO4J_URI")
    if not uri:
        return None
    user, password = env.get("NEO4J_USER", "neo4j"), env.get("NEO4J_PASSWORD", "")
    database = env.get("NEO4J_DATABASE", "neo4j")
    version = server_version(uri, (user, password), database)
    return Neo4jServer(uri, user, password, database, version)


def _log_tail(log_path: Path, lines: int = _LOG_TAIL_LINES) -> str:
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(no server log at {log_path}: {exc})"
    tail = text.splitlines()[-lines:]
    return "\n".join(tail) if tail else "(server log is empty)"


def _failure(message: str, log_path: Path) -> Neo4jServerError:
    return Neo4jServerError(
        f"{message}\n--- last {_LOG_TAIL_LINES} lines of {log_path} ---\n{_log_tail(log_path)}"
    )


def _stop(process: subprocess.Popen[bytes], timeout: float) -> bool:
    """Stdin EOF (the launcher's stop signal), then SIGTERM, then SIGKILL; True if clean."""
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        return process.wait(timeout=timeout) == 0
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)
    return False


def _wait_for_ready(process: subprocess.Popen[bytes], log_path: Path, timeout: float) -> str:
    """The ready line, once the launcher printed it; raises with the log tail otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        found = READY.search(log_path.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found.group(0)
        if process.poll() is not None:
            raise _failure(f"Neo4j exited with code {process.returncode} before it was ready",
                           log_path)
        if time.monotonic() > deadline:
            raise _failure(f"Neo4j printed no ready line within {timeout:.0f} s", log_path)
        time.sleep(0.2)


@contextlib.contextmanager
def run_neo4j_server(
    tmp_dir: Path,
    *,
    launcher: Path = LAUNCHER,
    home: Path | None = None,
    heap: str = "1g",
    page_cache: str = "128m",
    startup_timeout: float = 300.0,
    shutdown_timeout: float = 60.0,
) -> Iterator[Neo4jServer]:
    """Run Neo4j Community on 127.0.0.1 for the block: its log in `tmp_dir`, its home `home`
    (a database imported there is served) or a fresh one in `tmp_dir`."""
    if not launcher.is_file():
        raise Neo4jServerError(f"no Neo4j launcher at {launcher}")
    tmp_dir = tmp_dir.resolve()
    tmp_dir.mkdir(parents=True, exist_ok=True)
    log_path = tmp_dir / _LOG_NAME
    password = secrets.token_urlsafe(18)
    command = [str(launcher), "--password", password, "--home", str(home or tmp_dir / "home"),
               "--page-cache", page_cache]
    started = time.monotonic()
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=log_file, stderr=subprocess.STDOUT,
            env={**_environ(), "NEO4J_HEAP": heap},
        )
    try:
        ready = READY.search(_wait_for_ready(process, log_path, startup_timeout))
        assert ready is not None
        server = Neo4jServer(ready["uri"], "neo4j", password, "neo4j", ready["version"],
                             log_path, time.monotonic() - started)
        yield server
    except BaseException:
        _stop(process, shutdown_timeout)
        raise
    if not _stop(process, shutdown_timeout):
        raise _failure(f"Neo4j did not stop cleanly (exit code {process.returncode})", log_path)


def _environ() -> dict[str, str]:
    """The launcher must not take a user's NEO4J_PASSWORD or NEO4J_HEAP from ours."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
