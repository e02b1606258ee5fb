"""Words and safe text for the screen: no textual here, so all of it is tested without a terminal.

Nothing here scores: points and labels come from `Appraisal.score()`. What lives here is how an
answer reads (a duration in the unit its checklist item uses), how a typed answer parses, which
mark an item shows, and how article text is made safe to draw.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Literal

from rich.cells import cell_len

from appraise.appraisal import Appraisal
from appraise.checklist.model import Checklist, Item, Option
from appraise.durations import DAYS_PER_UNIT, describe_days
from appraise.report.model import AnswerValue
from appraise.scoring import ItemScore, is_scored

# -- article text ----------------------------------------------------------------------------------


def _control_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟, ESC shows as ␛
    table[ord("\t")] = " "
    del table[ord("\n")]
    table[0x7F] = "\u2421"  # ␡
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls, CSI among them
    # Bidirectional overrides and isolates can reorder what a terminal shows; line and paragraph
    # separators can break a line behind the layout's back.
    for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[code] = "\ufffd"
    table[0x2028] = " "
    table[0x2029] = " "
    return table


_DISPLAY_TABLE = _control_table()


def display_text(text: str) -> str:
    """`text` with every control character replaced by one visible character.

    One character in, one out: evidence offsets into the article stay valid. Newlines are kept.
    """
    return text.translate(_DISPLAY_TABLE)


def one_line(text: str) -> str:
    """`display_text` on one line: runs of whitespace, newlines included, become one space."""
    return " ".join(display_text(text).split())


_TOKEN = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Soft-wrap `text` to `width` cells: the `(start, end)` of each line shown.

    Every character but a newline lies in exactly one line, so an offset maps to a line by
    bisecting the starts. Spaces at a break stay at the end of the line they follow (the view
    crops them). Words wider than the line are cut.
    """
    width = max(1, width)
    cells: Callable[[str], int] = len if text.isascii() else cell_len
    lines: list[tuple[int, int]] = []
    start = 0
    size = len(text)
    while start <= size:
        stop = text.find("\n", start)
        if stop == -1:
            stop = size
        line_start = start
        used = 0
        for match in _TOKEN.finditer(text, start, stop):
            token = match.group()
            word = cells(token.rstrip())
            if used and used + word > width:
                lines.append((line_start, match.start()))
                line_start, used = match.start(), 0
            if word <= width:
                used += cells(token)
                continue
            for index, char in enumerate(token, match.start()):  # too long: cut where it fills
                char_cells = cells(char)
                if used and used + char_cells > width and not char.isspace():
                    lines.append((line_start, index))
                    line_start, used = index, 0
                used += char_cells
        lines.append((line_start, stop))
        start = stop + 1
    return lines


# -- items and answers -----------------------------------------------------------------------------

Status = Literal["suggested", "confirmed", "edited", "manual", "unanswered", "not-applicable"]

MARKS: dict[Status, str] = {
    "suggested": "?",
    "confirmed": "✓",
    "edited": "✎",
    "manual": "✎",
    "unanswered": "·",
    "not-applicable": "–",
}

STATUS_WORDS: dict[Status, str] = {
    "suggested": "suggested by appraise, not yet confirmed",
    "confirmed": "suggestion confirmed",
    "edited": "changed from the suggestion",
    "manual": "answered by you (no suggestion)",
    "unanswered": "unanswered",
    "not-applicable": "not applicable (left out of the total)",
}


def item_title(item: Item) -> str:
    """A short name for the list: the id in words, e.g. `sample_size` -> `Sample size`."""
    words = " ".join(part for part in re.split(r"[_\-]+", item.id) if part)
    return words[:1].upper() + words[1:]


def options(checklist: Checklist, item: Item) -> list[Option]:
    """The options of a choice item (none for other kinds)."""
    if item.kind != "choice" or item.scale is None or item.scale not in checklist.scales:
        return []
    return list(checklist.scales[item.scale].options)


def item_status(appraisal: Appraisal, item: Item) -> Status:
    state = appraisal.states[item.id]
    if state.answer is None or state.answer == "":
        return "unanswered"
    for option in options(appraisal.loaded.checklist, item):
        if option.id == state.answer and option.points is None:
            return "not-applicable"
    if state.source == "inferred":
        return "suggested"
    if state.source in ("confirmed", "edited"):
        return state.source
    return "manual"


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):d}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def points_words(points: float) -> str:
    return f"{format_number(points)} point{'' if points == 1 else 's'}"


def format_duration(days: float) -> str:
    """A duration as a reader says it (`6 years`, `18 months`): the core's words for it."""
    return describe_days(float(days))


def format_answer(checklist: Checklist, item: Item, value: AnswerValue | None) -> str:
    """An answer as the reader says it: an option's label, a number, a duration in its unit."""
    if value is None or value == "":
        return "—"
    if item.kind == "choice":
        for option in options(checklist, item):
            if option.id == value:
                return option.label
        return str(value)
    if isinstance(value, str):
        return value
    if item.kind == "duration":
        return format_duration(value)
    return format_number(value)


def format_points(checklist: Checklist, item: Item, item_score: ItemScore, status: Status) -> str:
    """`2/2` for a scored answer, `n/a`, `—` while unanswered, blank for items never scored."""
    if item_score.points is not None and item_score.max_points is not None:
        return f"{format_number(item_score.points)}/{format_number(item_score.max_points)}"
    if status == "not-applicable":
        return "n/a"
    if is_scored(checklist, item) and status == "unanswered":
        return "—"
    return ""


_UNIT_WORDS = {
    "minutes": ("min", "mins", "minute", "minutes"),
    "hours": ("h", "hr", "hrs", "hour", "hours"),
    "days": ("d", "day", "days"),
    "weeks": ("w", "wk", "wks", "week", "weeks"),
    "months": ("mo", "mos", "mon", "mth", "mths", "month", "months"),
    "years": ("y", "yr", "yrs", "year", "years"),
}
_UNITS = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_DAYS_PER = {**DAYS_PER_UNIT, "hours": 1 / 24, "minutes": 1 / 1440}
_AMOUNT = re.compile(r"^\s*(\d[\d,_\u00a0\u202f ]*(?:\.\d+)?|\.\d+)\s*([a-zA-Z]*)\.?\s*$")


def parse_answer(item: Item, raw: str) -> AnswerValue | None:
    """A typed answer for a number, duration or text item; None when empty.

    Durations are stored in days: `6 years` -> 2191.5; a bare number is in the item's unit.
    Raises ValueError with a message for the reader when the text does not fit.
    """
    text = raw.strip()
    if not text:
        return None
    if item.kind == "text":
        return text
    if item.kind == "choice":
        raise ValueError("choose an option with its number key")
    match = _AMOUNT.match(text)
    if not match:
        if item.kind == "duration":
            raise ValueError(
                f"type a number and a unit, e.g. 6 months (bare numbers are {item.unit})"
            )
        raise ValueError("type a number, e.g. 120")
    digits, unit_word = match.groups()
    amount = float(re.sub(r"[,_\u00a0\u202f ]", "", digits))
    if not math.isfinite(amount):
        raise ValueError("type a number, e.g. 120")
    if item.kind == "number":
        if unit_word:
            raise ValueError("type only the number, e.g. 120")
        return int(amount) if amount.is_integer() else amount
    unit = item.unit if not unit_word else _UNITS.get(unit_word.lower())
    if unit is None:
        raise ValueError(f"unknown unit {unit_word!r}: use days, weeks, months or years")
    days = round(amount * _DAYS_PER[unit], 4)
    return int(days) if days.is_integer() else days


def input_text(checklist: Checklist, item: Item, value: AnswerValue | None) -> str:
    """The answer as it is put back in an input box for editing."""
    if value is None or value == "":
        return ""
    return format_answer(checklist, item, value)
