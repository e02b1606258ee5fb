"""Ingest: bytes and files to an Article, with the problems a user can meet named in one line."""

from __future__ import annotations

import codecs
import hashlib
import io
import sys
from pathlib import Path

import pytest

from appraise.errors import InputError
from appraise.ingest import (
    DEFAULT_MAX_BYTES,
    article_from_bytes,
    article_from_text,
    find_title,
    load_article,
    max_article_bytes,
)
from appraise.ingest.article import Article, Span
from appraise.ingest.decode import decode_text, looks_binary

TEXT = "Stem cells for lupus\n\nWe studied 9 patients. None had adverse events.\n"


def one_problem(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    (problem,) = excinfo.value.problems
    return str(problem)


# -- decoding -----------------------------------------------------------------------------------


def test_utf8_without_bom() -> None:
    assert decode_text("Ménière’s — 9 patients".encode()) == ("Ménière’s — 9 patients", "utf-8", [])


def test_utf8_with_bom_drops_the_bom() -> None:
    text, encoding, warnings = decode_text(codecs.BOM_UTF8 + "Título".encode())
    assert (text, encoding, warnings) == ("Título", "utf-8", [])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    data = bom + "Sjögren\r\nsyndrome: 12 patients".encode(codec)
    assert decode_text(data) == ("Sjögren\nsyndrome: 12 patients", "utf-16", [])


def test_utf16_without_bom_is_binary() -> None:
    # Without a BOM there is no telling UTF-16 from binary data: the NUL bytes decide.
    with pytest.raises(InputError) as caught:
        decode_text("patients".encode("utf-16-le"), "a.txt")
    assert one_problem(caught) == "a.txt: binary file, not a text article (NUL bytes found)"


def test_broken_utf16_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        decode_text(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "u.txt")
    assert one_problem(caught).startswith("u.txt: not valid UTF-16 text: ")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "We enrolled 40 patients with Sjögren syndrome and 12 with Ménière disease. "
            "Follow-up lasted 2 years; one patient developed Guillain-Barré syndrome.",
            "latin-1",
        ),
        ("Café au lait spots were seen in 3 of 20 children. Naïve T cells fell.", "latin-1"),
        ("Ménière disease in 12 patients.", "latin-1"),
        ("Größe", "latin-1"),
        ("The patients’ “results” were fine — no adverse events in 9 patients.", "cp1252"),
        (
            "В исследование включили 120 пациентов с системной красной волчанкой. "
            "Наблюдение длилось шесть лет. Побочных эффектов не было.",
            "cp1251",
        ),
    ],
    ids=["latin1-names", "latin1-short", "latin1-shorter", "latin1-one-word", "cp1252", "cp1251"],
)
def test_legacy_encodings_decode_with_a_warning(text: str, codec: str) -> None:
    decoded, encoding, warnings = decode_text(text.encode(codec))
    assert decoded == text
    assert warnings == [f"not UTF-8; decoded as {encoding} (detected)"]
    assert encoding != "utf-8"


def test_undecodable_bytes_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        decode_text(bytes(range(0x80, 0x100)), "x.txt")
    assert one_problem(caught) == (
        "x.txt: cannot decode the text: not UTF-8 (byte 0) and no other encoding fits"
    )


def test_newlines_are_normalised() -> None:
    assert decode_text(b"one\r\ntwo\rthree\n")[0] == "one\ntwo\nthree\n"


def test_binary_detection_looks_at_the_start_only() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not looks_binary(b"a" * 9000 + b"\x00")


# -- articles from bytes and text -----------------------------------------------------------------


def test_article_from_bytes_keeps_hash_encoding_and_warnings() -> None:
    data = "Ménière disease in 12 patients. Follow-up: 2 years.".encode("latin-1")
    article = article_from_bytes(data, "m.txt")
    assert article.sha256 == hashlib.sha256(data).hexdigest()
    assert article.path == "m.txt"
    assert article.encoding == "cp1252"
    assert article.warnings == ["not UTF-8; decoded as cp1252 (detected)"]
    assert article.text.startswith("Ménière")


def test_article_from_text() -> None:
    article = article_from_text(TEXT)
    assert article.title == "Stem cells for lupus"
    assert article.sha256 == hashlib.sha256(TEXT.encode()).hexdigest()
    assert article.path is None
    assert [article.sentence_text(s) for s in article.sentences] == [
        "Stem cells for lupus",
        "We studied 9 patients.",
        "None had adverse events.",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "e.txt: the article is empty"),
        (b" \n\t\r\n ", "e.txt: the article is empty"),
        (codecs.BOM_UTF8 + b"  \n", "e.txt: the article has no text"),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "e.txt: the article has no text"),
    ],
    ids=["empty", "whitespace", "utf8-bom-only", "utf16-whitespace"],
)
def test_empty_articles_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        article_from_bytes(data, "e.txt")
    assert one_problem(caught) == message


def test_binary_article_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        article_from_bytes(b"%PDF-1.7\n\x00\x01binary", "paper.pdf")
    assert one_problem(caught) == "paper.pdf: binary file, not a text article (NUL bytes found)"


def test_sentence_at_finds_the_containing_sentence() -> None:
    article = article_from_text("First one. Second one here.\nThird.")
    first, second, third = article.sentences
    assert article.sentence_at(0) == first
    assert article.sentence_at(first.end - 1) == first
    assert article.sentence_at(first.end) is None  # the space between sentences
    assert article.sentence_at(second.start) == second
    assert article.sentence_at(len(article.text) - 1) == third
    assert article.sentence_at(len(article.text)) is None
    assert article.sentence_text(second) == "Second one here."


def test_span_is_a_value() -> None:
    assert Span(1, 2) == Span(1, 2)
    assert {Span(1, 2), Span(1, 2)} == {Span(1, 2)}


# -- titles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Stem cells for lupus\n\nText.", "Stem cells for lupus"),
        ("Intro line\n\n## Results ##\nText.", "Results"),
        ("   ### Indented three  \nText.", "Indented three"),
        ("#hashtag is not a heading\nText.", "#hashtag is not a heading"),
        ("\n\n  First real line  \nSecond.", "First real line"),
        ("# Outcomes in C#\nText.", "Outcomes in C#"),
        ("x" * 130, "x" * 119 + "…"),
    ],
    ids=[
        "h1",
        "later-heading-wins-over-first-line",
        "indented",
        "hashtag",
        "first-line",
        "closing-hash-needs-space",
        "clipped",
    ],
)
def test_title(text: str, title: str) -> None:
    assert find_title(text) == title


def test_heading_far_down_is_not_the_title() -> None:
    text = "Opening line\n" + "filler words here\n" * 400 + "# Late heading\n"
    assert find_title(text) == "Opening line"


# -- files and standard input ---------------------------------------------------------------------


def test_load_article_from_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(TEXT.encode())
    article = load_article(path)
    assert isinstance(article, Article)
    assert article.path == str(path)
    assert article.text == TEXT
    assert article.sha256 == hashlib.sha256(TEXT.encode()).hexdigest()


def test_load_seed(seed_path: Path) -> None:
    article = load_article(seed_path)
    assert article.encoding == "utf-8" and article.warnings == []
    assert article.title.startswith("A recent study published in Clinical and Experimental")
    assert any(
        article.sentence_text(s).startswith("They studied 9 patients") for s in article.sentences
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as caught:
        load_article(path)
    assert one_problem(caught) == f"{path}: no such file"


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_article(tmp_path)
    assert one_problem(caught) == f"{tmp_path}: is a folder, not an article file"


def test_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert max_article_bytes() == DEFAULT_MAX_BYTES
    monkeypatch.setenv("APPRAISE_MAX_BYTES", "not a number")
    assert max_article_bytes() == DEFAULT_MAX_BYTES
    monkeypatch.setenv("APPRAISE_MAX_BYTES", "20")
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 21)
    with pytest.raises(InputError) as caught:
        load_article(path)
    assert one_problem(caught) == f"{path}: file is 21 bytes, over the limit of 20"
    path.write_bytes(b"x" * 20)
    assert load_article(path).text == "x" * 20


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_load_article_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, TEXT.encode())
    article = load_article("-")
    assert article.text == TEXT
    assert article.path is None


def test_stdin_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRAISE_MAX_BYTES", "10")
    fake_stdin(monkeypatch, b"y" * 11)
    with pytest.raises(InputError) as caught:
        load_article("-")
    assert one_problem(caught) == "<stdin>: input is over the limit of 10 bytes"


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"")
    with pytest.raises(InputError) as caught:
        load_article("-")
    assert one_problem(caught) == "<stdin>: the article is empty"
