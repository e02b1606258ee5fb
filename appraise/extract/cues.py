"""Cue patterns: lists of phrases that signal a fact, compiled once into one pattern each.

Each pattern also keeps the literal words its phrases start with, so that an article in which
none of them occurs skips the pattern without scanning: most articles hold the cues of only a
few designs, harms or controls, and a substring test costs far less than a regex scan.
"""

from __future__ import annotations

import re

from appraise.extract.regex_source import closing, top_level_split

_TRIGGERS: dict[int, tuple[str, ...]] = {}
_SCANNERS: dict[int, tuple[re.Pattern[str], bool]] = {}
_PHRASES: dict[int, tuple[str, ...]] = {}
_STARTS: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}
# "Not after a letter or digit": a word boundary written so the alternation after it stays plain.
_BOUNDARY = r"(?<![^\W_])"
_LETTER_OR_ESCAPE = re.compile(r"\(\?P[<=>]|\\.|[A-Z]")
_LETTERS = re.compile(r"[a-z' -]*")
_QUANTIFIERS = ("?", "*", "{")


def cues(*alternatives: str, requires: str | None = None) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the phrases, each starting at a word boundary.

    Phrases may use regex syntax; keeping them one per line makes the lists easy to review.
    `requires`: a lower-case string every match contains, when the phrases' first words are too
    common to tell (e.g. "random" for the ways of saying "not randomised").
    """
    pattern = re.compile(_source(alternatives), re.IGNORECASE)
    _PHRASES[id(pattern)] = alternatives
    triggers = (requires,) if requires else _triggers(alternatives)
    if triggers is not None:
        _TRIGGERS[id(pattern)] = triggers
    return pattern


def _source(alternatives: tuple[str, ...]) -> str:
    """The alternation, factored by first letter where every phrase starts with one.

    `re` then dispatches on the first character instead of trying every phrase at every word,
    which makes the scan two to three times faster; the word boundary before the phrase is a
    look-behind so that the factored form stays a plain alternation of literals.
    """
    expanded: list[str] = []
    for phrase in (part for given in alternatives for part in top_level_split(given)):
        branches = _plain_leading_group(phrase)
        expanded.extend(branches if branches is not None else [phrase])
    if not all(phrase[:1].isalnum() for phrase in expanded):
        return r"\b(?:" + "|".join(alternatives) + r")"
    buckets: dict[str, list[str]] = {}
    for phrase in expanded:
        buckets.setdefault(phrase[0].lower(), []).append(phrase[1:])
    factored = "|".join(
        re.escape(letter) + "(?:" + "|".join(rests) + ")" for letter, rests in buckets.items()
    )
    return _BOUNDARY + "(?:" + factored + ")"


def _plain_leading_group(phrase: str) -> list[str] | None:
    """Expand a leading group so each phrase starts with a letter: "(?:usual|standard) care" ->
    ["usual care", "standard care"], "(?:diagnostic )?accuracy" -> ["diagnostic accuracy",
    "accuracy"]. None when the phrase does not start with a group."""
    if not phrase.startswith("(?:"):
        return None
    close = closing(phrase, 3)
    if close is None:
        return None
    quantifier = phrase[close + 1 : close + 2]
    if quantifier in ("*", "{", "+"):
        return None
    branches = top_level_split(phrase[3:close])
    rest = phrase[close + 2 :] if quantifier == "?" else phrase[close + 1 :]
    expanded = []
    for branch in branches:
        inner = _plain_leading_group(branch + rest)
        expanded.extend(inner if inner is not None else [branch + rest])
    if quantifier == "?":
        inner = _plain_leading_group(rest)
        expanded.extend(inner if inner is not None else [rest])
    return expanded


def scanner(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], bool]:
    """The fastest form of `pattern` for scanning lower-cased text, and whether the caller must
    check the word boundary before each match itself.

    A case-insensitive pattern becomes case-sensitive over lower-cased text, and a factored cue
    pattern loses its leading look-behind: `re` then skips ahead in C to the few letters a cue
    can start with, two to three times faster, and the boundary costs one character test.
    """
    found = _SCANNERS.get(id(pattern))
    if found is None:
        source = lowered_source(pattern)
        check = source.startswith(_BOUNDARY)
        if check:
            source = source[len(_BOUNDARY) :]
        found = (re.compile(source, pattern.flags & ~re.IGNORECASE), check)
        _SCANNERS[id(pattern)] = found
    return found


def lowered_source(pattern: re.Pattern[str]) -> str:
    """The source of `pattern` for case-sensitive matching of lower-cased text: with
    IGNORECASE, its letters lower-cased (escapes and group syntax kept)."""
    source = pattern.pattern
    if pattern.flags & re.IGNORECASE:
        source = _LETTER_OR_ESCAPE.sub(_lower_letter, source)
    return source


def _lower_letter(match: re.Match[str]) -> str:
    token = match.group()
    return token.lower() if len(token) == 1 else token


def any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One cue pattern matching what any of the cue patterns matches."""
    return cues(*(phrase for pattern in patterns for phrase in _PHRASES[id(pattern)]))


def starts(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of the cue pattern `pattern` starts
    with (in lower-cased text), or None when some phrase has no such literal start or
    `pattern` was not made by `cues`."""
    key = id(pattern)
    if key in _STARTS:
        return _STARTS[key][1]
    phrases = _PHRASES.get(key)
    found: tuple[str, ...] | None = None
    if phrases is not None:
        literals: set[str] | None = set()
        for phrase in (part for given in phrases for part in top_level_split(given)):
            leading = _leading_literals(phrase.lower())
            if leading is None or literals is None:
                literals = None
                break
            literals |= leading
        if literals and all(literal.isascii() for literal in literals):
            found = tuple(sorted(literals))
    _STARTS[key] = (pattern, found)  # keeps the pattern alive, so its id stays its own
    return found


def triggers(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which must occur in a text for `pattern` to match, or None."""
    return _TRIGGERS.get(id(pattern))


def _triggers(alternatives: tuple[str, ...]) -> tuple[str, ...] | None:
    """Strings one of which every match contains: for each phrase the rarest thing it must
    contain (a long literal, or one word of a group of long words), else its first letters."""
    found: set[str] = set()
    for phrase in (part for given in alternatives for part in top_level_split(given)):
        lowered = phrase.lower()
        required = _requirement(lowered)
        if required is None:
            required = _leading_literals(lowered)
        if required is None:
            return None
        found |= required
    return tuple(sorted(found))


def _requirement(phrase: str) -> set[str] | None:
    """A set of strings one of which every match of `phrase` contains, each at least four
    letters long; the set whose shortest member is longest wins. None if there is none."""
    candidates: list[set[str]] = []
    run = ""
    index = 0
    while index < len(phrase):
        char = phrase[index]
        following = phrase[index + 1 : index + 2]
        if char == "(":
            _close_run(run, candidates)
            run = ""
            close = closing(phrase, index + 1)
            end = close if close is not None else len(phrase)
            body = phrase[index + 1 : end]
            index = end + 1
            quantifier = phrase[index : index + 1]
            if quantifier in ("?", "*", "+", "{"):
                index += 1
            if quantifier in ("?", "*", "{") or body.startswith(("?=", "?!", "?<")):
                continue  # optional, or an assertion: no requirement
            if body.startswith("?:"):
                body = body[2:]
            elif body.startswith("?P<"):
                body = body[body.index(">") + 1 :]
            branches = [_requirement(branch) for branch in top_level_split(body)]
            if all(branch is not None for branch in branches):
                candidates.append(set().union(*(b for b in branches if b is not None)))
            continue
        if char.isalpha() or char in " '-":
            if following in ("?", "*", "{"):
                _close_run(run, candidates)
                run = ""
                index += 2
                continue
            run += char
            index += 1
            continue
        _close_run(run, candidates)
        run = ""
        index += 2 if char == "\\" else 1
        if char == "[":
            end_class = phrase.find("]", index)
            index = len(phrase) if end_class < 0 else end_class + 1
    _close_run(run, candidates)
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(x) for x in c), -len(c)))


def _close_run(run: str, candidates: list[set[str]]) -> None:
    literal = run.strip(" '-")
    if len(literal) >= 4:
        candidates.append({literal})


def _leading_literals(phrase: str) -> set[str] | None:
    """The literal text every match of `phrase` starts with, one per branch; None if unknown."""
    if phrase.startswith("(?:"):
        close = closing(phrase, 3)
        if close is None or phrase[close + 1 : close + 2] in ("*", "{"):
            return None
        found: set[str] = set()
        for branch in top_level_split(phrase[3:close]):
            prefixes = _leading_literals(branch)
            if prefixes is None:
                return None
            found |= prefixes
        if phrase[close + 1 : close + 2] == "?":  # an optional group: the rest may come first
            rest = _leading_literals(phrase[close + 2 :])
            if rest is None:
                return None
            found |= rest
        return found
    literal = _LETTERS.match(phrase)
    text = literal.group() if literal else ""
    if phrase[len(text) : len(text) + 1] in _QUANTIFIERS:
        text = text[:-1]  # the last letter is optional: "studies?" starts "studie"
    text = text.rstrip(" -'")
    return {text} if len(text) >= 2 else None
