"""A real `aikg serve` in a subprocess over a store ingested from files, for HTTP-level tests."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from tests.cli_runner import AIKG, aikg
from tests.support.ports import free_loopback_port

START_SECONDS = 90  # a loaded 2-core CI machine can take this long to import and start


@contextlib.contextmanager
def served(folder: Path, inputs: Sequence[Path], **settings: object) -> Iterator[str]:
    """The base URL of a server over a store of `inputs`; AIKG_<NAME> from `settings`."""
    store = folder / "served-store"
    aikg(store, "ingest", "-q", *map(str, inputs), check=True)
    with serving(store, folder / "served.log", **settings) as base:
        yield base


@contextlib.contextmanager
def serving(store: Path, log_path: Path, **settings: object) -> Iterator[str]:
    """The base URL of `aikg serve` over the embedded store in `store`; AIKG_<NAME> from `settings`.

    The server listens on 127.0.0.1, logs to `log_path`, and is stopped (killed if need be) on
    the way out.
    """
    port = free_loopback_port()
    env = {**os.environ, "AIKG_DATA_DIR": str(store), "AIKG_PORT": str(port)}
    env.pop("AIKG_STORE", None)
    env.update({f"AIKG_{k.upper()}": str(v) for k, v in settings.items()})
    with log_path.open("w") as log:
        process = subprocess.Popen([*AIKG, "serve"], env=env, stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, process, log_path)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"aikg serve exited with {process.returncode}:\n"
                                 f"{log_path.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise AssertionError(f"aikg serve did not answer within {START_SECONDS} s")
