"""The fast scans find exactly what `re` finds: same matches, same spans, same groups."""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraise.extract import (
    consistency,
    context,
    control,
    design,
    endpoints,
    follow_up,
    reporting,
    sample_size,
    statistics,
)
from appraise.extract.context import Doc, build_doc
from appraise.extract.cues import cues, lowered_source, starts
from appraise.extract.scanning import finditer, finditer_at, positions_of, scan_form
from appraise.ingest import article_from_text

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"
MODULES = [
    consistency,
    context,
    control,
    design,
    endpoints,
    follow_up,
    reporting,
    sample_size,
    statistics,
]


def module_patterns() -> list[re.Pattern[str]]:
    found: dict[int, re.Pattern[str]] = {}
    for module in MODULES:
        for value in vars(module).values():
            values = value if isinstance(value, (list, tuple)) else [value]
            for item in values:
                items = item if isinstance(item, tuple) else (item,)
                for pattern in items:
                    if isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str):
                        found[id(pattern)] = pattern
    return list(found.values())


PATTERNS = module_patterns()
EXTRA = [
    re.compile(r"\bRCTs?\b"),
    re.compile(r"\b(?:\d+ ?%|per cent|(?:a|an) study)", re.IGNORECASE),
    re.compile(r"[$£€]\s?\d|\b(?:costs?|cheap(?:er)?)\b", re.IGNORECASE),
    re.compile(r"\b(?:-?\d+|x)"),
    re.compile(r"\b(?:_a|b)"),
    re.compile(r"\b(?:a|b)?"),
    cues("a (?:\\w+ )?study", "side effects?", "effects?", "in-word", "one trial published"),
    cues(r"(?:usual|standard) care", r"(?:diagnostic )?accuracy", "is new", "are ?new"),
]
# Words of the cues and what sits around them: word-internal starts ("unsafe", "data study"),
# underscores and digits glued to words, non-ASCII letters, case, sentence ends.
PIECES = [
    "safety",
    "unsafe",
    "side effects",
    "inside effects",
    "effects",
    "a",
    "data",
    "study",
    "one trial published",
    "uganda",
    "is",
    "this",
    "new",
    "usual care",
    "standard",
    "accuracy",
    "RCT",
    "RCTs",
    "costs",
    "$5",
    "£",
    "12",
    "12 %",
    "per cent",
    "randomised",
    "placebo",
    "compared with",
    "versus",
    "vs.",
    "previously",
    "future studies",
    "_",
    "é",
    "É",
    "İ",
    "-",
    " ",
    " ",
    "  ",
    ". ",
    ", ",
    "\n",
    "(",
    ")",
    "in-word",
    "x",
    "Safety",
    "SIDE EFFECTS",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:60]]


# Each pattern as given (over the text) and lower-cased (over the lower-cased text), compiled
# once: the patterns outnumber `re`'s own cache.
FORMS = [
    (re.compile(source, flags), scan_form(source, flags), lowered)
    for pattern in PATTERNS + EXTRA
    for source, flags, lowered in (
        (pattern.pattern, pattern.flags, False),
        (lowered_source(pattern), pattern.flags & ~re.IGNORECASE, True),
    )
]
STARTS = [
    (re.compile(lowered_source(pattern), pattern.flags & ~re.IGNORECASE), literals)
    for pattern in PATTERNS + EXTRA
    if (literals := starts(pattern)) is not None
]


@settings(max_examples=100, deadline=None)
@given(texts, st.integers(0, 60), st.one_of(st.none(), st.integers(0, 400)))
def test_finditer_is_re_finditer(text: str, pos: int, endpos: int | None) -> None:
    lower = text.lower()
    for full, scan, lowered in FORMS:
        subject = lower if lowered else text
        expected = list(full.finditer(subject, pos, len(subject) if endpos is None else endpos))
        got = list(finditer(scan, subject, pos, endpos))
        assert spans(got) == spans(expected), (full.pattern, subject)


@settings(max_examples=100, deadline=None)
@given(texts, st.integers(0, 60), st.one_of(st.none(), st.integers(0, 400)))
def test_matches_start_at_the_literal_starts(text: str, pos: int, endpos: int | None) -> None:
    lower = text.lower()
    for full, literals in STARTS:
        places = positions_of(lower, literals, len(lower) + 1)
        assert places is not None
        expected = list(full.finditer(lower, pos, len(lower) if endpos is None else endpos))
        got = list(finditer_at(full, lower, places, pos, endpos))
        assert spans(got) == spans(expected), (full.pattern, lower)


def test_positions_of_gives_up_past_the_budget() -> None:
    assert positions_of("a a a a", ("a",), 3) is None
    assert positions_of("ab ab", ("ab", "a"), 9) == [0, 3]


def reference_hits(doc: Doc, pattern: re.Pattern[str]) -> dict[int, tuple[int, int]]:
    """The first match of `pattern` in each sentence, by plain `re` over the original text."""
    found: dict[int, tuple[int, int]] = {}
    starts_ = [s.start for s in doc.sentences]
    for match in pattern.finditer(doc.text):
        index = bisect_right(starts_, match.start()) - 1
        if index < 0 or index in found:
            continue
        sentence = doc.sentences[index]
        if match.end() <= sentence.end:
            found[index] = match.span()
            continue
        for inner in pattern.finditer(doc.text, match.start() + 1, sentence.end):
            found[index] = inner.span()
            break
    return found


def check_doc(text: str) -> None:
    doc = build_doc(article_from_text(text))
    for pattern in PATTERNS + EXTRA:
        got = {index: m.span() for index, m in doc.hits(pattern).items()}
        assert got == reference_hits(doc, pattern), pattern.pattern
        each = [(s.index, m.span()) for s, m in doc.each_match(pattern)]
        expected = []
        for match in pattern.finditer(doc.text):
            for sentence in doc.sentences:
                if sentence.start <= match.start() and match.end() <= sentence.end:
                    expected.append((sentence.index, match.span()))
                    break
        assert each == expected, pattern.pattern


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "Methods: ", "We randomised 40. "]), max_size=60))
def test_doc_hits_are_plain_re_hits(pieces: list[str]) -> None:
    text = "".join(pieces)
    if text.strip():
        check_doc(text)


@pytest.mark.parametrize("text", corpus_texts()[:12])
def test_doc_hits_are_plain_re_hits_on_the_corpus(text: str) -> None:
    check_doc(text)


def test_a_cue_inside_a_word_does_not_hide_one_at_the_next_word() -> None:
    # "uganda one trial published": "a one trial published" matches from inside "uganda"; the
    # cue proper starts at "one" and must still be found.
    pattern = cues("(?:a|one) (?:\\w+ )?trial published")
    doc = build_doc(article_from_text("In Uganda one trial published results."))
    (match,) = doc.hits(pattern).values()
    assert doc.text[match.start() : match.end()] == "one trial published"
