"""Fixtures for the checklist tooling tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from checklist_helpers import BASE, Write


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write a file into the test's folder (with BASE as `base.toml`) and return its path."""
    (tmp_path / "base.toml").write_text(BASE)

    def put(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text)
        return path

    return put
