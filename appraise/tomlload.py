"""Load a TOML file into a pydantic model, with every problem as `FILE:LINE:COL: message`."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from appraise.errors import AppraiseError, Problem
from appraise.tomlpos import Position, key_positions, locate

ModelT = TypeVar("ModelT", bound=BaseModel)

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")


def read_toml(path: Path, error: type[AppraiseError], max_bytes: int) -> tuple[str, bytes]:
    """The file's text and bytes; a missing, huge, binary or non-UTF-8 file is an `error`."""
    name = str(path)
    try:
        # At most one byte over the limit: a pipe or a device (/dev/zero) has no size to check.
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        raise error(Problem("no such file", name)) from None
    except IsADirectoryError:
        raise error(Problem("is a folder, not a TOML file", name)) from None
    except OSError as exc:
        raise error(Problem(f"cannot read: {exc.strerror}", name)) from None
    if len(data) > max_bytes:
        size = max(size, len(data))
        raise error(Problem(f"file is {size:,} bytes, over the limit of {max_bytes:,}", name))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(Problem(f"not UTF-8 text (byte {exc.start})", name, line, column)) from None
    return text, data


MAX_NESTING = 64
"""How deep arrays, tables and dotted keys may nest in a checklist, report or config file. The
formats need 5 levels; tomllib parses nesting by recursion, and dotted keys in time that grows with
the square of their length, so a hostile file could exhaust the stack or the CPU."""

# A key part: bare, "basic" (with escapes) or 'literal'. Atomic groups keep the search linear.
_SEGMENT = r"""(?>[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
_LONG_KEY = re.compile(
    rf"""(?<![A-Za-z0-9_\-"'.]){_SEGMENT}(?:[ \t]*+\.[ \t]*+{_SEGMENT}){{{MAX_NESTING},}}"""
)


def parse_toml(text: str, name: str, error: type[AppraiseError]) -> dict[str, Any]:
    long_key = _LONG_KEY.search(text)
    if long_key is not None:
        line, column = _position(text, long_key.start())
        raise error(
            Problem(f"a dotted key of more than {MAX_NESTING} parts; refused", name, line, column)
        )
    try:
        data = tomllib.loads(text)
    except RecursionError:
        data = None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()]
        else:
            line, column = text.count("\n") + 1, 1
            message = _TOML_END.sub("", message)
        raise error(Problem(f"TOML syntax: {message}", name, line, column)) from None
    if data is None or _depth(data) > MAX_NESTING:
        line, column = _deep_position(text)
        raise error(
            Problem(
                f"arrays and tables nested more than {MAX_NESTING} deep; refused",
                name,
                line,
                column,
            )
        )
    return data


def _depth(data: dict[str, Any]) -> int:
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


_NESTING_TOKEN = re.compile(r"""[\[\]{}#\n]|'''|\"\"\"|["']""")


def _deep_position(text: str) -> tuple[int, int]:
    """Where brackets first open deeper than MAX_NESTING, strings and comments skipped; the top
    of the file when the nesting comes from elsewhere (table headers and dotted keys)."""
    depth = 0
    index = 0
    while True:
        match = _NESTING_TOKEN.search(text, index)
        if match is None:
            return 1, 1
        token = match.group()
        index = match.end()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return _position(text, match.start())
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
        elif token == "#":
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
        elif token != "\n":
            index = _string_end(text, index, token)


def _string_end(text: str, index: int, quote: str) -> int:
    """The index just after the string that `quote`, ending just before `index`, opened."""
    while True:
        end = text.find(quote, index)
        if len(quote) == 1:
            line_end = text.find("\n", index)
            if line_end >= 0 and (end < 0 or line_end < end):
                return line_end  # unclosed on its line
        if end < 0:
            return len(text)
        if quote[0] == '"' and _escaped(text, end):
            index = end + 1
            continue
        return end + len(quote)


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - 1 - backslashes >= 0 and text[index - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def validate(
    data: dict[str, Any],
    text: str,
    name: str,
    model: type[ModelT],
    error: type[AppraiseError],
) -> ModelT:
    """Validate `data` against `model`; every pydantic error becomes a located Problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        positions = key_positions(text)
        problems = [problem_at(positions, name, tuple(e["loc"]), describe(e)) for e in exc.errors()]
        raise error(sorted_problems(problems)) from None


def problem_at(
    positions: dict[tuple[str | int, ...], Position],
    name: str,
    loc: Sequence[str | int],
    message: str,
) -> Problem:
    position = locate(positions, loc)
    where = _dotted(loc)
    text = f"{where}: {message}" if where else message
    if position is None:
        return Problem(text, name, 1, 1)
    return Problem(text, name, position[0], position[1])


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def describe(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind == "literal_error":
        return f"{error['msg'].replace('Input should be', 'must be')}, not {error['input']!r}"
    message: str = error["msg"]
    return message.replace("Input should", "must").replace("Value error, ", "")


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
