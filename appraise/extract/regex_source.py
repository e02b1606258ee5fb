"""Reading the source of a regular expression: where a group closes, where a character class
ends, and the top-level alternatives. Cue lists are factored and scanned from their source, and
no library exposes `re`'s parser for this."""

from __future__ import annotations


def closing(phrase: str, start: int) -> int | None:
    """The index of the `)` closing the group whose body starts at `start`, or None."""
    depth = 1
    index = start
    while index < len(phrase):
        char = phrase[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = class_end(phrase, index)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def class_end(phrase: str, index: int) -> int:
    """The index just after the character class opening at `index`."""
    index += 1
    if phrase[index : index + 1] == "^":
        index += 1
    if phrase[index : index + 1] == "]":
        index += 1
    while index < len(phrase):
        char = phrase[index]
        if char == "\\":
            index += 2
            continue
        if char == "]":
            return index + 1
        index += 1
    return index


def top_level_split(body: str) -> list[str]:
    """`body` split at its top-level `|`, honouring escapes, groups and character classes."""
    parts: list[str] = []
    depth, start, index = 0, 0, 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = class_end(body, index)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(body[start:index])
            start = index + 1
        index += 1
    parts.append(body[start:])
    return parts
