"""Child process for :mod:`tests.support.bolt_server`: runs ArcadeDB with its Bolt plugin.

Started as ``python _arcadedb_bolt_main.py --root ... --bolt-port ...`` by
``run_bolt_server``. It keeps the JVM (JPype, one per process) out of the pytest
process, so its logs can be captured to a file and it can be stopped for sure.

Protocol: once the server is up and the database exists it prints
``READY_LINE`` on stdout; it then runs until its stdin reaches end of file (the
parent closes it) or it receives SIGTERM/SIGINT, and stops the server.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

READY_LINE = "AIKG-ARCADEDB-BOLT-READY"
STOPPED_LINE = "AIKG-ARCADEDB-BOLT-STOPPED"


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--bolt-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--https-port", type=int, required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--heap", default="1g")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = _parse_args(argv)
    root: Path = args.root.resolve()
    logs = root / "log"
    logs.mkdir(parents=True, exist_ok=True)

    # Imported here so that `--help` and argument errors do not start a JVM.
    from arcadedb_embedded import ArcadeDBServer  # type: ignore[import-untyped]

    server = ArcadeDBServer(
        root_path=str(root),
        root_password=args.password,
        config={
            "host": args.host,
            "http_port": args.http_port,
            "server_httpsIncomingPort": args.https_port,
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_host": args.host,
            "bolt_port": args.bolt_port,
            "server_logsDirectory": str(logs),
            "support_autoRegister": False,
        },
        jvm_kwargs={"heap_size": args.heap},
    )
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)

    server.start()
    try:
        server.create_database(args.database)
        # On a line of its own: the engine's log lines may lack a newline.
        print("\n" + READY_LINE, flush=True)

        def _wait_for_eof() -> None:
            sys.stdin.read()
            stop.set()

        threading.Thread(target=_wait_for_eof, daemon=True).start()
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
        print("\n" + STOPPED_LINE, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
