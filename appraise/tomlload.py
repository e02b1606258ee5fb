"""Load a TOML file into a pydantic model, with every problem as `FILE:LINE:COL: message`."""

from __future__ import annotations

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
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(Problem("no such file", name)) from None
    except IsADirectoryError:
        raise error(Problem("is a folder, not a TOML file", name)) from None
    except OSError as exc:
        raise error(Problem(f"cannot read: {exc.strerror}", name)) from None
    if len(data) > max_bytes:
        raise error(Problem(f"file is {len(data):,} bytes, over the limit of {max_bytes:,}", name))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(Problem(f"not UTF-8 text (byte {exc.start})", name)) from None
    return text, data


def parse_toml(text: str, name: str, error: type[AppraiseError]) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
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
