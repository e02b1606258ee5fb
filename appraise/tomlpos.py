"""Where each key of a TOML document is, so that schema errors can say FILE:LINE:COL.

tomllib parses values but keeps no positions, and no maintained library maps a key path to its
line (see DEPENDENCIES.md), so this scanner walks the document once and records the 1-based line and
column of every key, array element and table header by its path, e.g. `("items", 3, "scale")`.
It runs after tomllib has accepted the text, so it may assume the syntax is valid.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

Path = tuple[str | int, ...]
Position = tuple[int, int]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_WS = " \t"


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.positions: dict[Path, Position] = {}
        self._line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self._line_starts.append(index + 1)
        self._array_counts: dict[Path, int] = {}

    # -- positions -------------------------------------------------------------------------------
    def where(self, offset: int) -> Position:
        lo, hi = 0, len(self._line_starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self._line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return lo + 1, offset - self._line_starts[lo] + 1

    def mark(self, path: Path, offset: int) -> None:
        self.positions.setdefault(path, self.where(offset))

    # -- low-level reading -------------------------------------------------------------------------
    def peek(self, n: int = 1) -> str:
        return self.text[self.i : self.i + n]

    def skip_ws(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in _WS:
            self.i += 1

    def skip_ws_comments_newlines(self) -> None:
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in " \t\r\n":
                self.i += 1
            elif char == "#":
                self.skip_to_eol()
            else:
                return

    def skip_to_eol(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end

    def read_key(self) -> list[tuple[str, int]]:
        """A dotted key as its parts, each with its offset."""
        parts: list[tuple[str, int]] = []
        while True:
            self.skip_ws()
            start = self.i
            char = self.peek()
            if char in ('"', "'"):
                name = self.read_string()
                if char == '"' and "\\" in name:
                    name = _unescape(name)
                parts.append((name, start))
            else:
                match = _BARE_KEY.match(self.text, self.i)
                if match is None:
                    return parts
                self.i = match.end()
                parts.append((match.group(), start))
            self.skip_ws()
            if self.peek() == ".":
                self.i += 1
                continue
            return parts

    def read_string(self) -> str:
        text = self.text
        if text.startswith('"""', self.i) or text.startswith("'''", self.i):
            quote = text[self.i : self.i + 3]
            end = text.find(quote, self.i + 3)
            while end >= 0 and quote == '"""' and _escaped(text, end):
                end = text.find(quote, end + 1)
            end = len(text) if end < 0 else end
            # A multi-line string may end with up to two extra quote characters.
            while text.startswith(quote[0], end + 3):
                end += 1
            value = text[self.i + 3 : end]
            self.i = end + 3
            return value
        quote = text[self.i]
        j = self.i + 1
        while j < len(text) and text[j] != quote and text[j] != "\n":
            if quote == '"' and text[j] == "\\":
                j += 1
            j += 1
        value = text[self.i + 1 : j]
        self.i = j + 1
        return value

    # -- values ------------------------------------------------------------------------------------
    def read_value(self, path: Path) -> None:
        self.skip_ws()
        char = self.peek()
        if char == "[":
            self.read_array(path)
        elif char == "{":
            self.read_inline_table(path)
        elif char in ('"', "'"):
            self.read_string()
        else:
            while self.i < len(self.text) and self.text[self.i] not in ",]}\n#":
                self.i += 1

    def read_array(self, path: Path) -> None:
        self.i += 1
        index = 0
        while self.i < len(self.text):
            self.skip_ws_comments_newlines()
            if self.peek() == "]":
                self.i += 1
                return
            self.mark((*path, index), self.i)
            self.read_value((*path, index))
            index += 1
            self.skip_ws_comments_newlines()
            if self.peek() == ",":
                self.i += 1

    def read_inline_table(self, path: Path) -> None:
        self.i += 1
        while self.i < len(self.text):
            self.skip_ws_comments_newlines()
            if self.peek() == "}":
                self.i += 1
                return
            parts = self.read_key()
            if not parts:
                self.i += 1
                continue
            key_path = self.mark_key(path, parts)
            self.skip_ws()
            if self.peek() == "=":
                self.i += 1
            self.read_value(key_path)
            self.skip_ws_comments_newlines()
            if self.peek() == ",":
                self.i += 1

    def mark_key(self, base: Path, parts: list[tuple[str, int]]) -> Path:
        path = base
        for name, offset in parts:
            path = (*path, name)
            self.mark(path, offset)
        return path

    # -- document ----------------------------------------------------------------------------------
    def resolve_header(self, names: list[tuple[str, int]], is_array: bool) -> Path:
        """A header's path, with the index of the current element of each array of tables."""
        path: Path = ()
        for position, (name, offset) in enumerate(names):
            path = (*path, name)
            last = position == len(names) - 1
            if last and is_array:
                index = self._array_counts.get(path, 0)
                self._array_counts[path] = index + 1
                self.mark(path, offset)
                path = (*path, index)
                self.mark(path, offset)
            else:
                self.mark(path, offset)
                if path in self._array_counts:
                    path = (*path, self._array_counts[path] - 1)
        return path

    def scan(self) -> dict[Path, Position]:
        table: Path = ()
        while True:
            self.skip_ws_comments_newlines()
            if self.i >= len(self.text):
                return self.positions
            if self.peek() == "[":
                is_array = self.peek(2) == "[["
                self.i += 2 if is_array else 1
                names = self.read_key()
                table = self.resolve_header(names, is_array)
                self.skip_to_eol()
                continue
            parts = self.read_key()
            if not parts:
                self.skip_to_eol()
                continue
            key_path = self.mark_key(table, parts)
            self.skip_ws()
            if self.peek() == "=":
                self.i += 1
            self.read_value(key_path)
            self.skip_ws()
            if self.peek() == "#":
                self.skip_to_eol()


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - 1 - backslashes >= 0 and text[index - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _unescape(raw: str) -> str:
    """A basic string's escapes resolved, as TOML defines them (`"a\\"b"` is the key `a"b`)."""
    try:
        return str(tomllib.loads(f'k = "{raw}"')["k"])
    except tomllib.TOMLDecodeError:
        return raw


def key_positions(text: str) -> dict[Path, Position]:
    """Map every key path in a valid TOML document to its `(line, column)`, both 1-based."""
    return _Scanner(text).scan()


def locate(positions: dict[Path, Position], path: Sequence[str | int]) -> Position | None:
    """The position of `path`, or of its longest prefix that has one."""
    parts = tuple(path)
    while parts:
        if parts in positions:
            return positions[parts]
        parts = parts[:-1]
    return None
