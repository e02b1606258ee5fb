"""Helpers for the checklist tooling tests: a small parent checklist, and the problems of a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from appraise.checklist.load import load_checklist
from appraise.errors import ChecklistError

# A small, valid parent. Line numbers matter to the tests: items[0] is at line 21, items[1] at
# line 29, items[2] at line 37.
BASE = """\
id = "base"
title = "Base checklist"
version = "1"
applies_to = ["rct"]

[scales.yes-no]
options = [
  { id = "yes", label = "Yes", points = 2 },
  { id = "unclear", label = "Can't tell", points = 1 },
  { id = "no", label = "No", points = 0 },
]

[[sections]]
id = "design"
title = "Design"

[[sections]]
id = "results"
title = "Results"

[[items]]
id = "sample_size"
section = "design"
kind = "number"
prompt = "How many?"
infer = "sample_size"
bands = [{ below = 30, points = 0 }, { at_least = 30, points = 2 }]

[[items]]
id = "control_group"
section = "design"
scale = "yes-no"
critical = true
prompt = "Control?"
infer = "control_group"

[[items]]
id = "efficacy_endpoint"
section = "results"
scale = "yes-no"
prompt = "Efficacy?"
infer = "efficacy_endpoint"

[grading]
critical_fail_caps_at = "weak"
bands = [{ at_least = 50, grade = "fair" }, { grade = "weak" }]
"""

Write = Callable[[str, str], Path]
"""The `write` fixture: write a file into the test's folder, return its path."""

HEAD = 'extends = "base.toml"\nid = "child"\nversion = "2"\n'
"""The first lines of a child of BASE: `extends` is at line 1."""


def problems(path: Path, extra_dirs: list[str] | None = None) -> list[str]:
    """The problem lines of a checklist that must fail, with the folder left out of paths."""
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path, extra_dirs=extra_dirs)
    return [str(p).replace(f"{path.parent}/", "") for p in caught.value.problems]
