"""Sentence splitting with character offsets.

Written by hand (see DEPENDENCIES.md): the libraries either lose offsets, hang on long texts, or
download models at run time. A boundary is a run of `.`, `!` or `?` followed by space and an
upper-case letter, digit or quote, unless the word before it is a known abbreviation; a line break
always ends a sentence, because headings, list items and `LABEL: text` lines stand alone.
"""

from __future__ import annotations

import re

from appraise.ingest.article import Span

# Words that end in a full stop without ending the sentence (compared lower-cased, no dot).
# Units ("mg.", "min.") are left out: in reports they end sentences far more often than not.
ABBREVIATIONS = frozenset(
    [
        "al",
        "vs",
        "v",
        "e.g",
        "i.e",
        "etc",
        "cf",
        "approx",
        "ca",
        "fig",
        "figs",
        "tab",
        "eq",
        "vol",
        "pp",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "resp",
        "incl",
        "esp",
        "ref",
        "refs",
        "ed",
        "eds",
        "suppl",
        "u.s",
        "u.k",
        "e.u",
        "a.m",
        "p.m",
        "ph.d",
        "m.d",
        "b.i.d",
        "t.i.d",
        "q.d",
        "n.b",
    ]
)

# A candidate boundary: terminal punctuation (with closing quotes/brackets) then whitespace.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the `.` at `dot` closes an abbreviation or an initial rather than a sentence."""
    if line[dot] != ".":
        return False
    match = _WORD_BEFORE.search(line, max(0, dot - 12), dot)
    if match is None:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # A single capital letter is an initial ("J. Smith"), except "I." and "A." starting sentences.
    return len(word) == 1 and match.group(1).isupper() and word not in {"i", "a"}


def split_sentences(text: str) -> list[Span]:
    """Split `text` into sentence spans with surrounding whitespace trimmed."""
    spans: list[Span] = []
    for line_match in _LINE.finditer(text):
        line_start = line_match.start()
        line = line_match.group()
        start = 0
        for boundary in _BOUNDARY.finditer(line):
            if _is_abbreviation(line, boundary.start()):
                continue
            _append(spans, line, line_start, start, boundary.end())
            start = boundary.end()
        _append(spans, line, line_start, start, len(line))
    return spans


def _append(spans: list[Span], line: str, offset: int, start: int, end: int) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(offset + start, offset + end))
