"""The one way every loader turns its text into an Article, so all formats look alike downstream."""

from __future__ import annotations

import hashlib
import re

from appraise.errors import InputError, Problem
from appraise.ingest.article import Article
from appraise.ingest.sentences import split_sentences

# Metadata keys a loader may fill, where its format has them (all values are strings).
METADATA_KEYS = (
    "format",  # text, markdown, pdf, html, jats, pubmed
    "authors",  # "; "-separated
    "journal",
    "year",
    "doi",
    "pmid",
    "pmcid",
    "url",  # where a fetched article came from
    "site",  # a news site's name
    "date",  # a web page's publication date, ISO 8601
    "publication_types",  # PubMed's, "; "-separated
    "references",  # the reference list, one reference a line: kept out of the text
)

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_REFERENCES = re.compile(
    r"^(?:\d{1,2}\.?\s*)?(?:references?|bibliography|literature cited|works cited|"
    r"references and notes|reference list|cited literature)\s*:?$",
    re.IGNORECASE,
)
_AFTER_REFERENCES = re.compile(
    r"^(?:(?:table|figure|fig\.)\s+\d+|appendix\b|supplementary\b|supporting information\b|"
    r"figure legends?\b|tables?$|figures?$)",
    re.IGNORECASE,
)


def make_article(
    text: str,
    data: bytes,
    path: str | None,
    *,
    fmt: str,
    title: str = "",
    encoding: str = "utf-8",
    metadata: dict[str, str] | None = None,
    warnings: list[str] | None = None,
) -> Article:
    """An Article over `text`, hashed on the bytes it came from (`data`) as for text files."""
    from appraise.ingest import find_title

    if not text.strip():
        raise InputError(Problem("the article has no text", path or "<stdin>"))
    meta = {"format": fmt}
    for key, value in (metadata or {}).items():
        value = value.strip()
        if value:
            meta[key] = value
    return Article(
        text=text,
        sentences=split_sentences(text),
        title=clean_inline(title) or find_title(text),
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        warnings=list(warnings or []),
        metadata=meta,
    )


def clean_inline(text: str) -> str:
    """One line: runs of whitespace (line breaks included) become one space."""
    return " ".join(text.split())


def tidy_text(text: str) -> str:
    """Trailing spaces off each line, runs of spaces to one, at most one blank line in a row."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip() + "\n"


def find_doi(text: str) -> str:
    match = _DOI.search(text)
    return match.group().rstrip(".,;)]") if match else ""


def references_start(blocks: list[str]) -> int | None:
    """Where the reference list's heading is: the last "References" line, past the first
    third of the text (an earlier one is a table of contents or a sentence)."""
    for index in range(len(blocks) - 1, -1, -1):
        if _REFERENCES.match(blocks[index].strip()):
            return index if index >= len(blocks) * 0.3 else None
    return None


def split_references(blocks: list[str]) -> tuple[list[int], list[str]]:
    """The indices of `blocks` that are the reference list with its heading, and the references.

    The list runs from its heading to the end, or to a table, figure legend or appendix after it.
    """
    heading = references_start(blocks)
    if heading is None:
        return [], []
    end = heading + 1
    while end < len(blocks) and not _AFTER_REFERENCES.match(blocks[end].strip()):
        end += 1
    references = [blocks[i].strip() for i in range(heading + 1, end) if blocks[i].strip()]
    if not references:
        return [], []
    return list(range(heading, end)), references
