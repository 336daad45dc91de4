"""Connections to the embedded store's SQLite file: one per thread, WAL, cancellable, errors
turned into one clear sentence (never a traceback), and read snapshots that nest."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph import cancel
from graph.errors import StoreUnavailable

BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another writer (another process)
PROGRESS_STEPS = 2_000  # SQLite VM steps between two deadline checks

_HINTS = (
    ("disk is full", "free some disk space and retry; nothing was written"),
    ("readonly", "the data dir is read-only: make it writable or set AIKG_DATA_DIR elsewhere"),
    ("unable to open", "check that AIKG_DATA_DIR exists and is readable and writable"),
    ("not a database", "Move the file aside and re-ingest"),
    ("malformed", "Move the file aside and re-ingest"),
    ("locked", "another aikg process holds the write lock; retry when it is done"),
)


def explain(exc: sqlite3.Error, path: Path) -> StoreUnavailable | cancel.Cancelled:
    """The error a user sees for an SQLite failure on the store file."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "interrupt" in text and cancel.expired():
        try:
            cancel.check()
        except cancel.Cancelled as stopped:
            return stopped
    hint = next((h for key, h in _HINTS if key in text.lower()), "Move the file aside and "
                "re-ingest if this persists")
    if "unable to open" in text and path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        hint = _HINTS[1][1]  # SQLite needs to write its -wal and -shm files next to the graph
    return StoreUnavailable(f"cannot use the graph at {path}: {text}. {hint}.")


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise explain(exc, path) from None


def _stop_when_expired() -> int:
    return 1 if cancel.expired() else 0


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, deadline-aware."""
    with translated(path):
        conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, never torn
        conn.execute("PRAGMA cache_size = -16384")  # 16 MiB of pages per connection at most
        conn.set_progress_handler(_stop_when_expired, PROGRESS_STEPS)
    return conn


class _ThreadState(threading.local):
    conn: sqlite3.Connection | None = None
    depth: int = 0


class Connections:
    """Each thread's connection; `snapshot` makes every read inside it see one committed state."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = _ThreadState()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def current(self) -> sqlite3.Connection:
        conn = self._local.conn
        if conn is None:
            conn = self._local.conn = connect(self.path)
            with self._lock:
                self._opened.append(conn)
        return conn

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction (reused when one is open on this thread already)."""
        conn, state = self.current(), self._local
        if state.depth == 0:
            with translated(self.path):
                conn.execute("BEGIN")
        state.depth += 1
        try:
            yield conn
        finally:
            state.depth -= 1
            if state.depth == 0 and conn.in_transaction:
                conn.execute("COMMIT")

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed if the block ends in time, else rolled back."""
        conn, state = self.current(), self._local
        if state.depth:
            raise StoreUnavailable("a write cannot start inside a read of the same request")
        with translated(self.path):
            conn.execute("BEGIN IMMEDIATE")
        state.depth = 1
        try:
            yield conn
            cancel.check()  # a request out of time commits nothing
            with translated(self.path):
                conn.execute("COMMIT")
        finally:
            state.depth = 0
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """All rows of one statement, inside this thread's snapshot if one is open."""
        cancel.check()  # a request out of time reads no more
        with translated(self.path):
            return self.current().execute(sql, params).fetchall()

    def stream(self, sql: str, params: tuple[Any, ...] = (), chunk: int = 5_000) -> Iterator[Any]:
        """Rows of a long read on a connection of its own: one committed state from first to
        last row, whatever is written meanwhile; closed when the rows run out or are dropped."""
        conn = connect(self.path)
        try:
            with translated(self.path):
                conn.execute("BEGIN")
                cursor = conn.execute(sql, params)
                while batch := cursor.fetchmany(chunk):
                    yield from batch
        finally:
            conn.close()

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()
        self._local = _ThreadState()
