"""Whole-text scans that try a pattern only where it can start.

A pattern that opens on a word boundary (`\\b`, or the cue boundary "not after a letter or
digit") makes `re` try it at every character: the boundary is an assertion, so `re` cannot skip
ahead in C to the characters a match can start with. `finditer` here yields exactly the matches
of `pattern.finditer` (same spans, same groups) but finds them with a "jump" pattern:

- when every match starts with a word character (a cue, or `\\b` before words), the jump
  pattern is the character before the boundary followed by the pattern's body, `[\\W_]body` or
  `\\Wbody`: `re` skips in C to the spaces and punctuation, one in five or six characters, and
  tries the body only at word starts;
- otherwise the jump pattern is the pattern without its leading boundaries, and each place it
  matches is checked with the whole pattern.

Either way a jump match only proposes a position; the match returned is the whole pattern's
own match there, and positions the jump skips are ones where the pattern cannot match.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from appraise.extract.regex_source import closing, top_level_split

# The leading boundaries understood, with the character class that stands for "the character
# before is not part of the word" when the body starts with a word character.
_CUE_BOUNDARY = r"(?<![^\W_])"
_WORD_BOUNDARY = r"\b"
_QUANTIFIER_START = ("?", "*", "{", "+")
# Forms left to plain `finditer`: inline flags (they must open the pattern) and back-references.
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")
_BACKREFERENCE = re.compile(r"\\[1-9g]|\(\?P=|\(\?\(")


@dataclass(frozen=True, slots=True)
class Scan:
    """How to scan for one pattern: `full` is the pattern itself (in its scanning form);
    `jump` proposes candidate positions, each `jump` match start plus `shift`."""

    full: re.Pattern[str]
    jump: re.Pattern[str] | None
    shift: int


_FORMS: dict[tuple[str, int], Scan] = {}


def scan_form(source: str, flags: int) -> Scan:
    """The scan for the pattern `source` compiled with `flags` (cached)."""
    key = (source, flags)
    found = _FORMS.get(key)
    if found is None:
        found = _build(source, flags)
        _FORMS[key] = found
    return found


def _build(source: str, flags: int) -> Scan:
    full = re.compile(source, flags)
    if _INLINE_FLAGS.search(source) or _BACKREFERENCE.search(source):
        return Scan(full, None, 0)
    try:
        return _jumping(full, source, flags)
    except re.error:
        return Scan(full, None, 0)


def _jumping(full: re.Pattern[str], source: str, flags: int) -> Scan:
    branches = top_level_split(source)
    if len(branches) == 1:
        body, boundary = _strip_boundary(source)
        # The character before: an ASCII class holding every character that passes (and a few
        # letters more, the non-ASCII ones) is checked from a bitmap, far faster than \W; the
        # whole pattern then checks each position proposed. `re` cannot use a bitmap for a
        # case-insensitive class, which keeps \W.
        ascii_class = not flags & re.IGNORECASE
        if boundary == _CUE_BOUNDARY and body and _single_group(body):
            # "not after a letter or digit": the character before is [\W_], or there is none.
            before = r"[^a-zA-Z0-9]" if ascii_class else r"[\W_]"
            return Scan(full, re.compile(before + body, flags), 1)
        if boundary == _WORD_BOUNDARY and _single_group(body) and _starts_with_word(body):
            # \b before a word character: the character before is \W, or there is none.
            before = r"[^a-zA-Z0-9_]" if ascii_class else r"\W"
            return Scan(full, re.compile(before + body, flags), 1)
    stripped = [_strip_boundary(branch) for branch in branches]
    if not any(boundary for _, boundary in stripped) or not all(body for body, _ in stripped):
        return Scan(full, None, 0)
    jump = "|".join(body for body, _ in stripped)
    return Scan(full, re.compile(jump, flags), 0)


def finditer(
    scan: Scan, text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches of `scan.full.finditer(text, pos, endpos)`, found faster."""
    full, jump, shift = scan.full, scan.jump, scan.shift
    end = len(text) if endpos is None else max(0, min(endpos, len(text)))
    pos = max(0, pos)
    if jump is None or pos >= end:
        yield from full.finditer(text, pos, end)
        return
    if shift and pos == 0:
        # A match at the very start has no character before it for the jump to consume.
        first = full.match(text, 0, end)
        if first is not None:
            if first.end() == 0:
                yield from full.finditer(text, 0, end)
                return
            yield first
            pos = first.end()
    search, match = jump.search, full.match
    at = pos - shift if pos else 0
    while at <= end:
        candidate = search(text, at, end)
        if candidate is None:
            return
        start = candidate.start() + shift
        found = match(text, start, end)
        if found is None:
            at = candidate.start() + 1
            continue
        if found.end() == start:
            # An empty match: leave the stepping past it to `re` itself.
            yield from full.finditer(text, start, end)
            return
        yield found
        at = found.end() - shift


def _strip_boundary(branch: str) -> tuple[str, str]:
    """The branch without its leading boundary, and the boundary ("" if none)."""
    for boundary in (_CUE_BOUNDARY, _WORD_BOUNDARY):
        if branch.startswith(boundary):
            return branch[len(boundary) :], boundary
    return branch, ""


def _single_group(body: str) -> bool:
    """Whether `body` can follow a character class unchanged: no top-level alternation, and
    its first item is not quantified (the class would take the quantifier)."""
    return len(top_level_split(body)) == 1 and not body.startswith(_QUANTIFIER_START)


def _starts_with_word(body: str) -> bool:
    """Whether every match of `body` starts with a word character (conservative)."""
    return all(_phrase_starts_with_word(phrase) for phrase in _expand(body, 0))


def _expand(phrase: str, depth: int) -> list[str]:
    """The phrase as alternatives that do not start with a group, where that is easy;
    an alternative still starting with "(" marks a form not understood."""
    if depth > 20 or not phrase.startswith("("):
        return [phrase]
    if not phrase.startswith("(?:"):
        return ["("]
    close = closing(phrase, 3)
    if close is None:
        return ["("]
    quantifier = phrase[close + 1 : close + 2]
    if quantifier in ("*", "{", "+"):
        return ["("]
    lazy = quantifier == "?" and phrase[close + 2 : close + 3] in ("?", "+")
    if lazy:
        return ["("]
    rest = phrase[close + 2 :] if quantifier == "?" else phrase[close + 1 :]
    expanded: list[str] = []
    for branch in top_level_split(phrase[3:close]):
        expanded.extend(_expand(branch + rest, depth + 1))
    if quantifier == "?":
        expanded.extend(_expand(rest, depth + 1))
    return expanded


def _phrase_starts_with_word(phrase: str) -> bool:
    if not phrase:
        return False
    if phrase[0].isalnum() and phrase[0].isascii():
        after = phrase[1:2]
    elif phrase.startswith(("\\d", "\\w")):
        after = phrase[2:3]
    else:
        return False
    return after not in ("?", "*", "{")


def positions_of(text: str, literals: tuple[str, ...], budget: int) -> list[int] | None:
    """Where in `text` any of `literals` occurs, sorted, or None past `budget` places."""
    found: list[int] = []
    find = text.find
    for literal in literals:
        at = find(literal)
        while at >= 0:
            found.append(at)
            if len(found) > budget:
                return None
            at = find(literal, at + 1)
    if len(literals) > 1:
        found = sorted(set(found))
    return found


def finditer_at(
    full: re.Pattern[str], text: str, places: list[int], pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches of `full.finditer(text, pos, endpos)` when every match starts at one of the
    sorted `places`: only those are tried."""
    end = len(text) if endpos is None else max(0, min(endpos, len(text)))
    at = max(0, pos)
    match = full.match
    for index in range(bisect_left(places, at), len(places)):
        place = places[index]
        if place >= end:
            return
        if place < at:
            continue
        found = match(text, place, end)
        if found is None:
            continue
        if found.end() == place:
            yield from full.finditer(text, place, end)
            return
        yield found
        at = found.end()
