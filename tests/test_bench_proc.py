"""What the benchmarks read of processes from /proc, on real processes of this machine."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.proc import cpu_seconds, serving, status_mib, total_cpu_seconds

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc here")


def test_memory_and_cpu_of_this_process() -> None:
    rss, peak = status_mib("VmRSS"), status_mib("VmHWM")
    assert rss is not None and peak is not None and 0 < rss <= peak
    assert status_mib("NoSuchField") is None
    before = cpu_seconds(os.getpid())
    sum(i * i for i in range(2_000_000))  # some CPU work
    after = cpu_seconds(os.getpid())
    assert before is not None and after is not None and after > before


def _serving_soon(home: Path) -> list[int]:
    """`serving(home)` once the child's command line is readable: right after the fork it can
    still be empty (the exec is not done)."""
    deadline = time.monotonic() + 10
    while not (found := serving(home)) and time.monotonic() < deadline:
        time.sleep(0.02)
    return found


def test_the_processes_serving_a_home_and_their_cpu(tmp_path: Path) -> None:
    home = tmp_path / "server-home"
    code = "import sys, time; time.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", code, str(home)])
    try:
        assert _serving_soon(home) == [child.pid]
        assert serving(home, program="java") == []
        assert serving(tmp_path / "another-home") == [] and serving(None) == []
        assert total_cpu_seconds([child.pid]) >= 0
    finally:
        child.kill()
        child.wait()
    assert cpu_seconds(child.pid) is None and total_cpu_seconds([child.pid]) == 0.0
