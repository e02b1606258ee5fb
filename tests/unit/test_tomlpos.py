"""Key paths to line and column: the positions that `FILE:LINE:COL` errors rest on."""

from __future__ import annotations

import tomllib
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from appraise.tomlpos import Path, key_positions, locate

# One line per entry, so that the line numbers below can be read off the list index + 1.
DOCUMENT_LINES = [
    "# a comment with key = 'value' and [brackets]",  # 1
    'title = "x"',  # 2
    "  indented = 1",  # 3
    "a.b.c = 2",  # 4
    '"quoted key" = 3',  # 5
    "'lit.key' = 4",  # 6
    "arr = [1, 2,",  # 7
    "  3]",  # 8
    'text = """',  # 9
    '[not_a_table] = "no"',  # 10
    '"""',  # 11
    "after = 1",  # 12
    'inline = { x = 1, y = { z = "}" } }',  # 13
    "bands = [",  # 14
    "  { below = 30, points = 0 },  # first",  # 15
    "  # a comment line, then a blank one",  # 16
    "",  # 17
    "  { points = 2 },",  # 18
    "]",  # 19
    'esc = "a \\" quote = [x]"',  # 20
    'multi = """x""""',  # 21
    "when = 1979-05-27T07:32:00Z",  # 22
    "lit = '''one ' two'''",  # 23
    "",  # 24
    "[table]",  # 25
    "key = 'C:\\path'",  # 26
    "[[items]]",  # 27
    'id = "a"',  # 28
    "[items.sub]",  # 29
    'k = "v # not a comment"',  # 30
    "[[items]]",  # 31
    'id = "b" # comment',  # 32
    "[[items.sub.deep]]",  # 33
    "x = 1",  # 34
    '[ spaced . "header" ]',  # 35
    "e = 5",  # 36
]
DOCUMENT = "\n".join(DOCUMENT_LINES) + "\n"

EXPECTED: dict[Path, tuple[int, int]] = {
    ("title",): (2, 1),
    ("indented",): (3, 3),
    ("a",): (4, 1),
    ("a", "b"): (4, 3),
    ("a", "b", "c"): (4, 5),
    ("quoted key",): (5, 1),
    ("lit.key",): (6, 1),
    ("arr",): (7, 1),
    ("arr", 0): (7, 8),
    ("arr", 1): (7, 11),
    ("arr", 2): (8, 3),
    ("text",): (9, 1),
    ("after",): (12, 1),
    ("inline",): (13, 1),
    ("inline", "x"): (13, 12),
    ("inline", "y"): (13, 19),
    ("inline", "y", "z"): (13, 25),
    ("bands",): (14, 1),
    ("bands", 0): (15, 3),
    ("bands", 0, "below"): (15, 5),
    ("bands", 0, "points"): (15, 17),
    ("bands", 1): (18, 3),
    ("bands", 1, "points"): (18, 5),
    ("esc",): (20, 1),
    ("multi",): (21, 1),
    ("when",): (22, 1),
    ("lit",): (23, 1),
    ("table",): (25, 2),
    ("table", "key"): (26, 1),
    ("items",): (27, 3),
    ("items", 0): (27, 3),
    ("items", 0, "id"): (28, 1),
    ("items", 0, "sub"): (29, 8),
    ("items", 0, "sub", "k"): (30, 1),
    ("items", 1): (31, 3),
    ("items", 1, "id"): (32, 1),
    ("items", 1, "sub"): (33, 9),
    ("items", 1, "sub", "deep"): (33, 13),
    ("items", 1, "sub", "deep", 0): (33, 13),
    ("items", 1, "sub", "deep", 0, "x"): (34, 1),
    ("spaced",): (35, 3),
    ("spaced", "header"): (35, 12),
    ("spaced", "header", "e"): (36, 1),
}


def test_document_is_valid_toml() -> None:
    data = tomllib.loads(DOCUMENT)
    assert data["text"] == '[not_a_table] = "no"\n'
    assert data["multi"] == 'x"'
    assert data["items"][1]["sub"]["deep"][0]["x"] == 1


def test_positions_of_every_kind_of_key() -> None:
    positions = key_positions(DOCUMENT)
    assert {path: positions.get(path) for path in EXPECTED} == EXPECTED


def test_strings_and_comments_make_no_keys() -> None:
    positions = key_positions(DOCUMENT)
    assert ("not_a_table",) not in positions
    assert not any("not" in str(part) for path in positions for part in path)
    assert not any(path[-1] in ("two", "quote", "comment") for path in positions)


def test_crlf_line_endings() -> None:
    positions = key_positions("a = 1\r\n[t]\r\n  b = 2\r\n")
    assert positions[("a",)] == (1, 1)
    assert positions[("t",)] == (2, 2)
    assert positions[("t", "b")] == (3, 3)


def test_quoted_keys_with_escapes_are_unescaped() -> None:
    text = '"a\\"b" = 1\n\'raw\\n\' = 2\n[scales."yes\\u002Dno"]\nx = 1\n'
    assert set(tomllib.loads(text)) == {'a"b', "scales", "raw\\n"}
    positions = key_positions(text)
    assert positions[('a"b',)] == (1, 1)
    assert positions[("raw\\n",)] == (2, 1)  # a literal key keeps its backslash
    assert positions[("scales", "yes-no")] == (3, 9)
    assert positions[("scales", "yes-no", "x")] == (4, 1)


def test_locate_falls_back_to_the_longest_known_prefix() -> None:
    positions = key_positions(DOCUMENT)
    assert locate(positions, ("items", 1, "sub", "deep", 0, "x")) == (34, 1)
    assert locate(positions, ("items", 1, "missing")) == (31, 3)
    assert locate(positions, ("table", "absent", "deeper")) == (25, 2)
    assert locate(positions, ("nowhere",)) is None
    assert locate(positions, ()) is None


# -- property: every key tomli-w writes is found where it was written -------------------------

_BARE = st.text(alphabet="abcxyz_-019", min_size=1, max_size=6)
_QUOTED = st.text(alphabet="ab .=\"#[]{}'\\", min_size=1, max_size=6)
_KEYS = st.one_of(_BARE, _QUOTED)
_TRICKY = st.text(alphabet="ab =#[]{}\"'\\,\n\t.", max_size=12)
_SCALARS = st.one_of(
    _TRICKY,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(_KEYS, inner, max_size=3),
    ),
    max_leaves=12,
)
_DOCUMENTS = st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=5)


def _paths(value: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    found: list[tuple[Path, Any]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            found.append(((*path, key), inner))
            found.extend(_paths(inner, (*path, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.append(((*path, index), inner))
            found.extend(_paths(inner, (*path, index)))
    return found


_FIRST_CHARS = {
    bool: "tf",
    int: "-+0123456789",
    float: "-+0123456789in",
    str: "\"'",
    list: "[",
    dict: "{",
}


@settings(max_examples=150)
@given(_DOCUMENTS, st.booleans())
def test_every_written_key_is_located(data: dict[str, Any], multiline: bool) -> None:
    text = tomli_w.dumps(data, multiline_strings=multiline)
    assert tomllib.loads(text) == data
    lines = text.split("\n")
    positions = key_positions(text)
    for path, value in _paths(data):
        assert path in positions, (path, text)
        line, column = positions[path]
        here = lines[line - 1][column - 1 :]
        last = path[-1]
        if isinstance(last, str):
            # A key is written bare or quoted; a table header's name is where its key is.
            assert here.startswith(last) or here[0] in "\"'", (path, here)
        elif not (isinstance(value, dict) and here[0] not in "{"):
            assert here[0] in _FIRST_CHARS[type(value)], (path, here)
