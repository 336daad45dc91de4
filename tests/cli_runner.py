"""Run the real `aikg` command in a subprocess against a store folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

AIKG = [sys.executable, "-c", "from api.cli import main; main()"]


def aikg(data_dir: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AIKG_DATA_DIR": str(data_dir)}
    env.pop("AIKG_STORE", None)
    done = subprocess.run(
        [*AIKG, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"aikg {args} failed ({done.returncode}): {done.stderr}")
    return done


def stats(data_dir: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(aikg(data_dir, "stats", "--json", check=True).stdout)
    return result
