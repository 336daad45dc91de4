"""Start-up benchmark: what a command costs before it does its work.

    python -m bench.startup_bench [--repeat 5] [--workdir DIR] [--checkout DIR]

Runs, each --repeat times in a fresh process, with the embedded store holding the curated data:

  aikg --help        the command list
  aikg stats         open the embedded store and count it
  aikg serve         from the process start to the first answer of GET /health (127.0.0.1)
  import api.cli     and whether it loaded neo4j, matplotlib, pandas, strawberry, fastapi

`--checkout DIR` measures another checkout of aikg (e.g. `git archive <commit> | tar -x -C DIR`)
with this interpreter: the command runs as `python -c "from api.cli import main; main()"` in
DIR, so DIR's code is imported (the same form is used for this checkout, so both compare alike).
Figures are the median wall seconds and the median CPU seconds (user + system of the child:
on a shared machine the CPU seconds move far less than the wall time).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.support.ports import LOOPBACK, free_loopback_port

REPO_ROOT = Path(__file__).resolve().parent.parent
AIKG = [sys.executable, "-c", "from api.cli import main; main()"]
HEAVY = ("neo4j", "matplotlib", "pandas", "strawberry", "fastapi", "uvicorn", "networkx")
PROBE = f"import sys, api.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(run: Callable[[], None]) -> tuple[float, float]:
    cpu, start = _children_cpu(), time.perf_counter()
    run()
    return time.perf_counter() - start, _children_cpu() - cpu


def _command(args: list[str], env: dict[str, str], cwd: Path) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(args, env=env, cwd=cwd, check=True, capture_output=True, timeout=120)
    return run


def _serve(env: dict[str, str], cwd: Path) -> Callable[[], None]:
    def run() -> None:
        port = free_loopback_port()
        server = subprocess.Popen([*AIKG, "serve", "--port", str(port)], env=env,
                                  cwd=cwd, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/health", timeout=5):
                        return
                except OSError:
                    time.sleep(0.02)
            raise TimeoutError("aikg serve did not answer in 120 s")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--checkout", type=Path, default=REPO_ROOT)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="aikg-startup-"))
    env = {**os.environ, "AIKG_DATA_DIR": str(work / "store"), "AIKG_STORE": "embedded"}
    env.pop("PYTHONPATH", None)
    code = args.checkout.resolve()
    if not (work / "store" / "graph.sqlite").exists():
        _command([*AIKG, "ingest", "-q", str(code / "data" / "curated")], env, code)()
    cases = {
        "aikg --help": _command([*AIKG, "--help"], env, code),
        "aikg stats (embedded, curated data)": _command([*AIKG, "stats"], env, code),
        "aikg serve: first answer of /health": _serve(env, code),
        "python -c 'import api.cli'": _command([sys.executable, "-c", "import api.cli"], env,
                                               code),
    }
    print(f"{code}: {args.repeat} runs each; load average {os.getloadavg()[0]:.1f} at the start\n")
    print("| command | median wall s | median CPU s |\n| --- | ---: | ---: |")
    for name, run in cases.items():
        times = [_timed(run) for _ in range(args.repeat)]
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |", flush=True)
    loaded = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=code, check=True,
                            capture_output=True, text=True, timeout=120).stdout.split()
    print(f"\n`import api.cli` loads: {', '.join(loaded) or 'none of ' + ', '.join(HEAVY)}")


if __name__ == "__main__":
    main()
