"""Docs as tests: the worked analysis of docs/exports.md runs on the bundled data as shown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from graph.settings import PROJECT_ROOT
from tests.cli_runner import aikg

README = PROJECT_ROOT / "docs" / "exports.md"
_BLOCK = re.compile(
    r"<!-- analysis:begin.*?-->\n```python\n(?P<code>.*?)```\n```text\n(?P<output>.*?)```\n"
    r"<!-- analysis:end -->",
    re.DOTALL,
)


def readme_analysis() -> tuple[str, str]:
    found = _BLOCK.search(README.read_text(encoding="utf-8"))
    assert found, "README lost its analysis:begin/end block"
    return found["code"], found["output"]


def run_analysis(folder: Path) -> str:
    """Ingest the bundled data, export it as node-link, run the README's code on it."""
    store = folder / "store"
    aikg(store, "ingest", "-q", check=True)
    aikg(store, "export", "--format", "node-link", "-o", str(folder / "aikg.json"), "-q",
         check=True)
    code, _ = readme_analysis()
    done = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True,
                          text=True, timeout=300, check=True)
    return done.stdout


def test_the_readme_analysis_prints_what_the_readme_shows(tmp_path: Path) -> None:
    _, shown = readme_analysis()
    printed = run_analysis(tmp_path)
    assert printed == shown, f"README analysis output drifted; it now prints:\n{printed}"


if __name__ == "__main__":  # python -m tests.export.test_readme_analysis: the output to paste
    import tempfile

    print(run_analysis(Path(tempfile.mkdtemp())), end="")
