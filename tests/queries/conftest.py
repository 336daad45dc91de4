"""Show the lint gate's count in the test run's summary, where `make test` prints it."""

from __future__ import annotations

import pytest

LINT_SUMMARY = pytest.StashKey[str]()


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    summary = config.stash.get(LINT_SUMMARY, None)
    if summary is not None:
        terminalreporter.write_line(summary)
