"""Extraction never fails and never points outside the text, whatever the text."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from appraise.extract import analyse
from appraise.ingest import article_from_text

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"
PIECES = [
    "randomised",
    "placebo",
    "12 weeks",
    "n = 40",
    "6 years earlier",
    "follow-up",
    "(35%)",
    "12/48",
    "of whom",
    "enrolled",
    "2016",
    "published in 2018",
    "[1]",
    "vs.",
    "et al.",
    "\x1b[31m",
    "[bold]",
    "\u202e",
    "e\u0301",
    "\n\n",
    ". ",
    "A total of",
    "median",
]


def _check(text: str) -> None:
    if not text.strip():
        return
    article = article_from_text(text)
    findings = analyse(article).to_json()
    for evidence in _evidence(findings):
        assert 0 <= evidence["start"] <= evidence["end"] <= len(text)
        assert text[evidence["start"] : evidence["end"]] == evidence["quote"]


def _evidence(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        here = node.get("evidence") if isinstance(node.get("evidence"), list) else []
        return list(here) + [e for v in node.values() for e in _evidence(v)]
    if isinstance(node, list):
        return [e for v in node for e in _evidence(v)]
    return []


@settings(max_examples=150)
@given(st.text(max_size=600))
def test_arbitrary_text(text: str) -> None:
    _check(text)


@settings(max_examples=150)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=40))
def test_text_made_of_trigger_words(pieces: list[str]) -> None:
    _check(" ".join(pieces))


@settings(max_examples=60)
@given(st.integers(min_value=0, max_value=10_000))
def test_mutated_corpus_articles(seed: int) -> None:
    rng = random.Random(seed)
    texts = sorted(CORPUS.glob("*.txt"))
    text = texts[rng.randrange(len(texts))].read_text(encoding="utf-8")
    chars = list(text)
    for _ in range(rng.randint(1, 30)):
        position = rng.randrange(len(chars))
        choice = rng.random()
        if choice < 0.4:
            del chars[position]
        elif choice < 0.7:
            chars.insert(position, rng.choice(PIECES))
        else:
            chars[position] = rng.choice(".,;()[]0123456789 \n%")
    _check("".join(chars))
