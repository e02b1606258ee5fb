"""Every cue list compiles to the fast, first-letter-factored form.

A phrase that starts with regex syntax ("\\w+ times", "(?:\\d+)") silently turns a whole list
back into a plain alternation tried at every character, several times slower; this test names
the list when that happens.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import appraise.extract as extract_package
from appraise.extract.cues import _BOUNDARY, _PHRASES

# Lists whose phrases must start with a number ("25% lower", "from 12% to 8%").
STARTS_WITH_NUMBERS = {("reporting", "_ABSOLUTE"), ("reporting", "_RELATIVE")}


def cue_patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    found = []
    for info in pkgutil.iter_modules(extract_package.__path__):
        module = importlib.import_module(f"appraise.extract.{info.name}")
        for name, value in vars(module).items():
            patterns = [value] if isinstance(value, re.Pattern) else []
            if isinstance(value, list):
                patterns = [
                    item[-1]
                    for item in value
                    if isinstance(item, tuple) and isinstance(item[-1], re.Pattern)
                ]
            found += [(info.name, name, p) for p in patterns if id(p) in _PHRASES]
    return found


def test_cue_lists_are_found() -> None:
    assert len(cue_patterns()) > 50


def test_every_cue_list_is_factored() -> None:
    slow = [
        f"{module}.{name}"
        for module, name, pattern in cue_patterns()
        if not pattern.pattern.startswith(_BOUNDARY) and (module, name) not in STARTS_WITH_NUMBERS
    ]
    assert slow == []
