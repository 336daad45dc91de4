"""What the benchmarks read of processes from /proc (Linux): memory, CPU seconds, and which
processes serve a given home. Each returns None where /proc cannot say (another system, a
process that has ended), so a benchmark reports "unknown" rather than failing."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def status_mib(field: str, pid: int | str = "self") -> float | None:
    """A memory line of /proc/PID/status in MiB: VmRSS (now), VmHWM (peak)."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far: its own work, fair on a busy machine where
    wall time mostly measures waiting for a core."""
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return None


def serving(home: str | Path | None, program: str | None = None) -> list[int]:
    """The processes whose command line names `home` (a benchmark's server), optionally only
    those whose program is `program` (e.g. "java")."""
    if home is None:
        return []
    needle, found = str(home).encode(), []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                argv = (entry / "cmdline").read_bytes().split(b"\0")
                named = program is None or Path(argv[0].decode()).name == program
                if named and any(needle in arg for arg in argv):
                    found.append(int(entry.name))
    return found


def total_cpu_seconds(pids: list[int]) -> float:
    """CPU seconds of these processes together (one that has ended counts 0)."""
    return sum(cpu_seconds(pid) or 0.0 for pid in pids)
