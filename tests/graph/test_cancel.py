"""The deadline seam every store and long loop consults."""

from __future__ import annotations

import time

import pytest

from graph import cancel


def test_no_deadline_never_expires() -> None:
    assert cancel.remaining() is None
    assert not cancel.expired()
    cancel.check()


def test_deadline_expires_and_check_raises() -> None:
    with cancel.deadline(0.01):
        assert cancel.remaining() is not None
        time.sleep(0.02)
        assert cancel.expired()
        with pytest.raises(cancel.Cancelled, match="ran out of time"):
            cancel.check()
    assert cancel.remaining() is None


def test_nested_deadline_keeps_the_earliest() -> None:
    with cancel.deadline(0.05), cancel.deadline(100):
        left = cancel.remaining()
        assert left is not None and left <= 0.05
