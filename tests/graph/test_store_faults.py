"""Real faults under the `aikg` command: a read-only data dir and a full disk, each made for
real in a private mount namespace (a read-only bind mount, a tiny tmpfs), so the test holds
even for root, whom file modes do not stop. Each gives one `error:` line and exit status 2,
no traceback, and leaves the last committed state."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.generate import generate
from tests.cli_runner import AIKG, aikg, stats


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return done.returncode == 0


pytestmark = pytest.mark.skipif(
    not _namespaces_work(), reason="needs `unshare -m` (private mount namespaces) to make the "
    "read-only dir and the full disk for real"
)


def _in_namespace(
    mount: str, data_dir: Path, out: Path, *args: str
) -> tuple[int, str, dict[str, int] | None]:
    """Mount (`mount` is a shell snippet using $DIR), run `aikg ARGS`, then `aikg stats --json`
    in the same namespace; the exit status, stderr and the stats read after the fault."""
    script = (
        f'{mount} || exit 90\n'
        '"$@" 2>"$OUT/err"; echo $? >"$OUT/rc"\n'
    )
    stats_cmd = " ".join([*(f"'{a}'" for a in AIKG), "stats", "--json"])
    script += f'{stats_cmd} >"$OUT/stats" 2>"$OUT/stats-err"\n'
    env = {**os.environ, "AIKG_DATA_DIR": str(data_dir), "DIR": str(data_dir), "OUT": str(out)}
    env.pop("AIKG_STORE", None)
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", *AIKG, *args],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode != 90, f"the mount failed: {done.stderr}"
    text = (out / "stats").read_text(encoding="utf-8")
    return int((out / "rc").read_text()), (out / "err").read_text(), (
        json.loads(text) if text.strip() else None)


def _one_error_line(rc: int, err: str, *words: str) -> None:
    assert rc == 2, err
    lines = err.splitlines()  # the store notice (`store: embedded at ...`) may come first
    assert [line for line in lines if not line.startswith("store: ")] == lines[-1:], err
    assert lines[-1].startswith("error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


def test_a_read_only_data_dir_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    data_dir, out = tmp_path / "store", tmp_path / "out"
    out.mkdir()
    first, bigger = tmp_path / "first.ndjson", tmp_path / "more.ndjson"
    generate(first, 50, 100, 2)
    generate(bigger, 100, 300, 3)
    aikg(data_dir, "ingest", "-q", str(first), check=True)
    before = stats(data_dir)
    rc, err, after = _in_namespace(
        'mount --bind "$DIR" "$DIR" && mount -o remount,bind,ro "$DIR" "$DIR"',
        data_dir, out, "ingest", "-q", str(bigger))
    _one_error_line(rc, err, "read-only")
    assert stats(data_dir) == before
    assert after in (None, before)  # read-only: stats may be refused too, never a half write


def test_a_full_disk_is_one_error_line_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    data_dir, out = tmp_path / "store", tmp_path / "out"
    data_dir.mkdir()
    out.mkdir()
    big = tmp_path / "big.ndjson"
    generate(big, 2000, 8000, 5)
    rc, err, after = _in_namespace(
        'mount -t tmpfs -o size=1m aikg-full "$DIR"', data_dir, out, "ingest", "-q", str(big))
    _one_error_line(rc, err, "disk is full", "nothing was written")
    assert after is not None and after["relations"] == 0 and after["entities"] == 0
