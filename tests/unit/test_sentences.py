"""Sentence splitting: offsets into the text, and no breaks inside abbreviations or numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraise.ingest.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Smith et al. (2019) reported 9 cases. Jones et al. 12. They were all women.",
            ["Smith et al. (2019) reported 9 cases.", "Jones et al. 12.", "They were all women."],
        ),
        (
            "Drug vs. Placebo was compared. It worked.",
            ["Drug vs. Placebo was compared.", "It worked."],
        ),
        (
            "Some outcomes, e.g. Fever, were rare. Others, i.e. Rash, were common.",
            ["Some outcomes, e.g. Fever, were rare.", "Others, i.e. Rash, were common."],
        ),
        (
            "Patients took 2.5 mg daily. The dose was 0.5 mg. Then it stopped.",
            ["Patients took 2.5 mg daily.", "The dose was 0.5 mg.", "Then it stopped."],
        ),
        (
            "The difference was significant (P < .05). The effect was small, P = .03. No harm.",
            [
                "The difference was significant (P < .05).",
                "The effect was small, P = .03.",
                "No harm.",
            ],
        ),
        (
            "We enrolled 30 patients. 12 were women.",
            ["We enrolled 30 patients.", "12 were women."],
        ),
        (
            'He said "it works." Then he left! Did it? Yes.',
            ['He said "it works."', "Then he left!", "Did it?", "Yes."],
        ),
        (
            "It lasted 6 years. \u201cNo harm,\u201d she said. (See Fig. 2.) Done.",
            ["It lasted 6 years.", "\u201cNo harm,\u201d she said.", "(See Fig. 2.)", "Done."],
        ),
        (
            "Dr. Smith and J. Jones led it. Approx. 30 took part.",
            ["Dr. Smith and J. Jones led it.", "Approx. 30 took part."],
        ),
        (
            "Treatment arm A. The other arm B received placebo.",
            ["Treatment arm A.", "The other arm B received placebo."],
        ),
        (
            "RESULTS: Nine patients\nwere treated\n\n  - one list item\nMETHODS: none.",
            ["RESULTS: Nine patients", "were treated", "- one list item", "METHODS: none."],
        ),
        ("no full stop at the end", ["no full stop at the end"]),
        (
            "Lower case after a stop. is not a new sentence.",
            ["Lower case after a stop. is not a new sentence."],
        ),
    ],
    ids=[
        "et-al",
        "vs",
        "eg-ie",
        "decimal-doses",
        "p-values",
        "digit-starts-sentence",
        "quotes-and-marks",
        "curly-quotes-and-brackets",
        "titles-and-initials",
        "single-letter-a",
        "line-breaks",
        "no-stop",
        "lower-case",
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_point_into_the_text_after_leading_whitespace() -> None:
    text = "  \n\n  First one.   Second one.  \n"
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [(6, 16), (19, 30)]


def test_empty_and_blank_texts_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


_WORDS = st.sampled_from(
    ["patients", "et al.", "vs.", "e.g.", "2.5 mg", "P < .05", "9", "Dr.", "The", "A.", "Fig. 2"]
)
_PUNCT = st.sampled_from([".", "!", "?", ",", "", ". ", ".\n", '." ', "\n\n", "  ", "\t"])
_TEXTS = st.lists(st.tuples(_WORDS, _PUNCT), max_size=30).map(
    lambda parts: " ".join(word + mark for word, mark in parts)
)


@settings(max_examples=200)
@given(st.one_of(_TEXTS, st.text(max_size=200)))
def test_spans_are_trimmed_ordered_and_cover_all_text(text: str) -> None:
    spans = split_sentences(text)
    covered: set[int] = set()
    previous_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
        assert "\n" not in piece
        assert span.start >= previous_end
        previous_end = span.end
        covered.update(range(span.start, span.end))
    # Every visible character is in exactly one sentence: nothing is lost between them.
    for index, char in enumerate(text):
        if not char.isspace():
            assert index in covered, (index, char, text)
