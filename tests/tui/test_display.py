"""The TUI's plain-text helpers: safe article text, soft wrapping, answers read and typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from appraise.appraisal import Appraisal
from appraise.checklist.load import LoadedChecklist
from appraise.tui.display import (
    display_text,
    format_answer,
    format_duration,
    item_status,
    item_title,
    parse_answer,
    wrap_offsets,
)


def test_control_characters_become_visible_one_for_one() -> None:
    text = "a\x1b[31mred\x07\tb\x9b2J\u202eevil\r\nnext"
    shown = display_text(text)
    assert len(shown) == len(text)
    assert shown == "a␛[31mred␇ b\ufffd2J\ufffdevil␍\nnext"
    assert not any(ord(c) < 32 and c != "\n" for c in shown)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.integers(1, 40))
def test_wrapping_covers_every_character_once(text: str, width: int) -> None:
    text = display_text(text)
    lines = wrap_offsets(text, width)
    covered = [i for start, end in lines for i in range(start, end)]
    assert covered == [i for i, c in enumerate(text) if c != "\n"]
    for start, end in lines:
        # Spaces may hang past the edge (they are cropped); the words themselves fit.
        assert cell_len(text[start:end].rstrip()) <= max(width, 2)


def test_wrapping_breaks_at_spaces_and_cuts_long_words() -> None:
    text = "Hello world, this is wrapped.\n\nSupercalifragilistic end"
    lines = [text[s:e] for s, e in wrap_offsets(text, 12)]
    assert lines == [
        "Hello world, ",
        "this is ",
        "wrapped.",
        "",
        "Supercalifra",
        "gilistic end",
    ]


@pytest.mark.parametrize(
    ("kind_item", "typed", "value"),
    [
        ("sample_size", "120", 120),
        ("sample_size", "1,200", 1200),
        ("sample_size", " 2.5 ", 2.5),
        ("follow_up", "6 years", 2191.5),
        ("follow_up", "18 mo", 547.92),
        ("follow_up", "2 weeks", 14),
        ("follow_up", "36 hours", 1.5),
        ("follow_up", "3", 91.32),  # bare numbers are in the item's unit (months)
        ("study_design", "  a cohort  ", "a cohort"),
        ("sample_size", "", None),
    ],
)
def test_typed_answers_parse(
    checklist: LoadedChecklist, kind_item: str, typed: str, value: object
) -> None:
    assert parse_answer(checklist.checklist.item(kind_item), typed) == value


@pytest.mark.parametrize(
    ("item_id", "typed", "message"),
    [
        ("sample_size", "many", "type a number"),
        ("sample_size", "12 people", "only the number"),
        ("follow_up", "6 fortnights", "unknown unit"),
        ("follow_up", "soon", "a number and a unit"),
    ],
)
def test_typed_answers_that_do_not_fit_say_why(
    checklist: LoadedChecklist, item_id: str, typed: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        parse_answer(checklist.checklist.item(item_id), typed)


def test_answers_read_in_the_items_terms(checklist: LoadedChecklist) -> None:
    c = checklist.checklist
    assert format_answer(c, c.item("follow_up"), 2191.5) == "6 years"
    assert format_answer(c, c.item("follow_up"), 547.92) == "1.5 years"
    assert format_answer(c, c.item("control_group"), "unclear") == "Can't tell"
    assert format_answer(c, c.item("sample_size"), 9.0) == "9"
    assert format_answer(c, c.item("sample_size"), None) == "—"
    assert format_duration(30.44) == "1 month"
    assert item_title(c.item("internal_consistency")) == "Internal consistency"


def test_status_marks(seed_appraisal: Appraisal) -> None:
    item = seed_appraisal.loaded.checklist.item
    assert item_status(seed_appraisal, item("sample_size")) == "suggested"
    assert item_status(seed_appraisal, item("primary_endpoint")) == "unanswered"
    seed_appraisal.confirm("sample_size")
    assert item_status(seed_appraisal, item("sample_size")) == "confirmed"
    seed_appraisal.set_answer("control_group", "yes", "why")
    assert item_status(seed_appraisal, item("control_group")) == "edited"
    seed_appraisal.set_answer("primary_endpoint", "na")
    assert item_status(seed_appraisal, item("primary_endpoint")) == "not-applicable"
