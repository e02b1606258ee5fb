"""Ingest: read an article from a file, standard input or the web into an Article.

`open_article(ref)` is what the commands call: a file path, `-` for standard input, or a PMID,
PMCID, DOI or URL to fetch (see `appraise.ingest.fetch`). The bytes' content, not the file's
name, picks the reader: PDF, HTML, JATS or PubMed XML, or text and Markdown. Each reader is
imported only when needed, so reading a text file imports none of pypdfium2, trafilatura or the
HTTP code.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

from appraise.errors import InputError, Problem
from appraise.ingest.article import Article, Span
from appraise.ingest.decode import decode_text
from appraise.ingest.sentences import split_sentences

__all__ = [
    "Article",
    "Span",
    "article_from_bytes",
    "article_from_data",
    "article_from_text",
    "load_article",
    "open_article",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)(?:\s+#+)?\s*$", re.MULTILINE)


def max_article_bytes() -> int:
    """The size limit for one article, overridable with APPRAISE_MAX_BYTES."""
    raw = os.environ.get("APPRAISE_MAX_BYTES")
    if raw and raw.isdigit():
        return int(raw)
    return DEFAULT_MAX_BYTES


def load_article(path: str | os.PathLike[str]) -> Article:
    """Read an article from `path`, or from standard input when `path` is `-`."""
    name = str(path)
    limit = max_article_bytes()
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
    else:
        file = Path(path)
        try:
            size = file.stat().st_size
            if file.is_dir():
                raise InputError(Problem("is a folder, not an article file", name))
            if size > limit:
                raise InputError(
                    Problem(f"file is {size:,} bytes, over the limit of {limit:,}", name)
                )
            # At most one byte over the limit: a pipe or a device (/dev/zero) has no size to stat.
            with file.open("rb") as handle:
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise InputError(Problem("no such file", name)) from None
        except PermissionError:
            raise InputError(Problem("permission denied", name)) from None
        except IsADirectoryError:
            raise InputError(Problem("is a folder, not an article file", name)) from None
        except OSError as exc:  # e.g. a file name too long for the file system
            raise InputError(Problem(f"cannot read: {exc.strerror or exc}", name)) from None
    if len(data) > limit:
        raise InputError(Problem(f"input is over the limit of {limit:,} bytes", name))
    return article_from_data(data, None if name == "<stdin>" else name)


def open_article(ref: str | os.PathLike[str]) -> Article:
    """The article `ref` names: a file, `-` (standard input), or a PMID, PMCID, DOI or URL.

    A file that exists wins over an identifier of the same spelling.
    """
    name = str(ref)
    if name == "-" or _is_file(name):
        return load_article(name)
    from appraise.ingest.reference import parse_reference

    reference = parse_reference(name)
    if reference is None:
        return load_article(name)  # "no such file", or why it cannot be read
    from appraise.ingest.fetch import fetch_article

    return fetch_article(reference)


def _is_file(name: str) -> bool:
    try:
        return os.path.lexists(name)
    except (OSError, ValueError):
        return False


def article_from_data(data: bytes, path: str | None = None) -> Article:
    """An article from bytes in any format we read, told apart by their content."""
    from appraise.ingest.detect import sniff

    where = path or "<stdin>"
    if not data.strip():
        raise InputError(Problem("the article is empty", where))
    kind = sniff(data, path, where)
    if kind == "pdf":
        from appraise.ingest.pdf import load_pdf

        return load_pdf(data, path)
    if kind == "html":
        from appraise.ingest.webpage import load_html

        return load_html(data, path)
    if kind == "xml":
        from appraise.ingest.xmldoc import load_xml

        return load_xml(data, path)
    article = article_from_bytes(data, path)
    markdown = (path or "").lower().endswith((".md", ".markdown")) or _HEADING.search(
        article.text, 0, 4000
    )
    article.metadata["format"] = "markdown" if markdown else "text"
    return article


def article_from_bytes(data: bytes, path: str | None = None) -> Article:
    """An article from the bytes of a text or Markdown file (no format detection)."""
    if not data.strip():
        raise InputError(Problem("the article is empty", path or "<stdin>"))
    text, encoding, warnings = decode_text(data, path)
    article = article_from_text(text, path)
    article.sha256 = hashlib.sha256(data).hexdigest()
    article.encoding = encoding
    article.warnings.extend(warnings)
    return article


def article_from_text(text: str, path: str | None = None) -> Article:
    if not text.strip():
        raise InputError(Problem("the article has no text", path or "<stdin>"))
    return Article(
        text=text,
        sentences=split_sentences(text),
        title=find_title(text),
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def find_title(text: str) -> str:
    """The first Markdown heading if there is one near the top, else the first non-blank line."""
    heading = _HEADING.search(text, 0, 4000)
    if heading:
        return _clip(heading.group(1))
    for line in text.split("\n", 50):
        if line.strip():
            return _clip(line.strip())
    return ""


def _clip(title: str, limit: int = 120) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
