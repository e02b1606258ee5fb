"""Cue patterns: lists of phrases that signal a fact, compiled once into one pattern each."""

from __future__ import annotations

import re


def cues(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the phrases, each starting at a word boundary.

    Phrases may use regex syntax; keeping them one per line makes the lists easy to review.
    """
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)
