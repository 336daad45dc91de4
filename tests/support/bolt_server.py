"""A real Bolt server for tests: ArcadeDB embedded (PyPI ``arcadedb-embedded``).

No Neo4j server can run on the development and CI machines, so the Neo4j store's
driver conversation is verified against ArcadeDB's Bolt plugin (see
``docs/neo4j-verification.md``, layer 2). A pass proves the round trip through
the official ``neo4j`` driver, not Neo4j-exact results.

Usage, from a pytest session fixture::

    @pytest.fixture(scope="session")
    def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
        with run_bolt_server(tmp_path_factory.mktemp("arcadedb")) as server:
            yield server

The server runs in a child Python process (``_arcadedb_bolt_main.py``), which
keeps ArcadeDB's JVM out of the test process. Every listener it opens (Bolt,
HTTP, HTTPS) is bound to 127.0.0.1 on a free port. Its console output goes to
``<tmp_dir>/arcadedb-server.log``.
"""

from __future__ import annotations

import contextlib
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from ._arcadedb_bolt_main import READY_LINE

__all__ = ["BoltServer", "BoltServerError", "free_loopback_port", "run_bolt_server"]

LOOPBACK = "127.0.0.1"
_CHILD_SCRIPT = Path(__file__).with_name("_arcadedb_bolt_main.py")
_LOG_NAME = "arcadedb-server.log"
_LOG_TAIL_LINES = 40


@dataclass(frozen=True)
class BoltServer:
    """Where and how to reach a running server with the ``neo4j`` driver."""

    uri: str
    user: str
    password: str
    database: str
    http_port: int
    log_path: Path

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)


class BoltServerError(RuntimeError):
    """The server did not start (or stop) as expected; the message carries its log tail."""


def free_loopback_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def _log_tail(log_path: Path, lines: int = _LOG_TAIL_LINES) -> str:
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(no server log at {log_path}: {exc})"
    tail = text.splitlines()[-lines:]
    return "\n".join(tail) if tail else "(server log is empty)"


def _failure(message: str, log_path: Path) -> BoltServerError:
    return BoltServerError(
        f"{message}\n--- last {_LOG_TAIL_LINES} lines of {log_path} ---\n{_log_tail(log_path)}"
    )


def _stop(process: subprocess.Popen[bytes], timeout: float) -> bool:
    """Ask the child to stop (stdin EOF), then SIGTERM, then SIGKILL.

    Returns True when it stopped by itself with exit code 0.
    """
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()
    if process.poll() is not None:
        return process.returncode == 0
    try:
        return process.wait(timeout=timeout) == 0
    except subprocess.TimeoutExpired:
        pass
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)
    return False


def _wait_until_ready(
    process: subprocess.Popen[bytes], server: BoltServer, deadline: float
) -> None:
    """Block until the child says the database exists and the driver can connect."""
    last_error: Exception | None = None
    while True:
        now = time.monotonic()
        returncode = process.poll()
        if returncode is not None:
            raise _failure(
                f"ArcadeDB exited with code {returncode} before it was ready", server.log_path
            )
        if now > deadline:
            raise _failure(
                f"ArcadeDB Bolt server at {server.uri} was not ready in time"
                f" (last driver error: {last_error!r})",
                server.log_path,
            )
        if READY_LINE in server.log_path.read_text(encoding="utf-8", errors="replace"):
            try:
                with GraphDatabase.driver(
                    server.uri, auth=server.auth, connection_timeout=2.0
                ) as driver:
                    driver.verify_connectivity()
                    # verify_connectivity(database=...) is a driver preview feature
                    # (it warns); a query proves the database itself is served.
                    driver.execute_query("RETURN 1", database_=server.database)
                return
            except AuthError as exc:
                raise _failure(
                    f"ArcadeDB rejected the root credentials: {exc}", server.log_path
                ) from exc
            except (DriverError, Neo4jError, OSError) as exc:
                last_error = exc
        time.sleep(0.1)


@contextlib.contextmanager
def run_bolt_server(
    tmp_dir: Path,
    *,
    database: str = "aikg",
    startup_timeout: float = 60.0,
    shutdown_timeout: float = 30.0,
    heap: str = "1g",
    python: str | None = None,
) -> Iterator[BoltServer]:
    """Run ArcadeDB with its Bolt plugin on 127.0.0.1 for the duration of the block.

    ``tmp_dir`` holds the server's files and log; it should be fresh (a fresh
    database is created in it). ``python`` is the interpreter that has
    ``arcadedb-embedded`` installed; it defaults to the running one.

    Raises :class:`BoltServerError`, with the tail of the server log, if the
    server does not accept a driver connection within ``startup_timeout`` seconds.
    """
    tmp_dir = tmp_dir.resolve()
    tmp_dir.mkdir(parents=True, exist_ok=True)
    bolt_port = free_loopback_port()
    http_port = free_loopback_port()
    https_port = free_loopback_port()
    log_path = tmp_dir / _LOG_NAME
    server = BoltServer(
        uri=f"bolt://{LOOPBACK}:{bolt_port}",
        user="root",
        password=secrets.token_urlsafe(18),
        database=database,
        http_port=http_port,
        log_path=log_path,
    )
    command = [
        python or sys.executable,
        str(_CHILD_SCRIPT),
        "--root",
        str(tmp_dir / "arcadedb"),
        "--host",
        LOOPBACK,
        "--bolt-port",
        str(bolt_port),
        "--http-port",
        str(http_port),
        "--https-port",
        str(https_port),
        "--password",
        server.password,
        "--database",
        database,
        "--heap",
        heap,
    ]
    with log_path.open("wb") as log_file:
        # cwd=tmp_dir: the engine writes ./log/arcadedb.log.* relative to its cwd.
        process = subprocess.Popen(
            command,
            cwd=tmp_dir,
            stdin=subprocess.PIPE,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_ready(process, server, time.monotonic() + startup_timeout)
        yield server
    except BaseException:
        _stop(process, shutdown_timeout)
        raise
    if not _stop(process, shutdown_timeout):
        raise _failure(f"ArcadeDB did not stop cleanly (exit code {process.returncode})", log_path)
