"""Which loader reads these bytes: their content decides (magic bytes, markup), the name hints."""

from __future__ import annotations

import codecs
import re
from typing import Literal

from appraise.errors import InputError, Problem

Kind = Literal["pdf", "html", "xml", "text"]

READS = "appraise reads plain text, Markdown, HTML, PDF, and JATS or PubMed XML"

# Formats we do not read, named so the message can say what the file is.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF87a", "a GIF image", ""),
    (b"GIF89a", "a GIF image", ""),
    (b"II*\x00", "a TIFF image", ""),
    (b"MM\x00*", "a TIFF image", ""),
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it first"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract the article first"),
    (b"Rar!\x1a\x07", "a RAR archive", "extract the article first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc)", "save it as PDF"),
    (b"{\\rtf", "an RTF document", "save it as PDF or plain text"),
    (b"\x7fELF", "a program", ""),
)
_PDF_HEADER = re.compile(rb"%PDF-\d")
_XML_ROOTS = ("article", "pmc-articleset", "pubmedarticleset", "pubmedarticle", "efetchresult")
_HTML_HINT = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<div[\s>]|<p[\s>]",
    re.IGNORECASE,
)
_TAG_START = re.compile(rb"<[A-Za-z!?]")
_HTML_NAMES = (".html", ".htm", ".xhtml", ".shtml")
_TEXT_NAMES = (".txt", ".text", ".md", ".markdown")
_PROBE = 4096


def sniff(data: bytes, path: str | None = None, where: str | None = None) -> Kind:
    """The kind of article in `data` (`path` is a hint); raise InputError for a known format
    we do not read, naming it at `where`."""
    where = where or path
    # PDF readers accept the header anywhere in the first 1,024 bytes; so do we.
    if _PDF_HEADER.search(data, 0, 1024):
        return "pdf"
    for magic, what, advice in _MAGIC:
        if data.startswith(magic):
            raise InputError(Problem(_not_an_article(what, advice), where))
    if data.startswith(b"PK\x03\x04"):
        raise InputError(Problem(_not_an_article(*_zip_kind(data)), where))
    head = _ascii_head(data)
    lowered = head.lower()
    name = (path or "").lower()
    if not _TAG_START.match(head):
        return "text"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    if lowered.startswith((b"<?xml", b"<!doctype")):
        root = _first_element(lowered)
        if root == "html":
            return "html"
        return "xml"
    root = _first_element(lowered)
    if root in _XML_ROOTS:
        return "xml"
    if name.endswith(_TEXT_NAMES):
        # Markdown may open with an HTML block (`<div align="center">`): the name decides.
        return "text"
    if name.endswith(_HTML_NAMES) or _HTML_HINT.search(head):
        return "html"
    return "xml"


def _ascii_head(data: bytes) -> bytes:
    """The first few KB as ASCII-compatible bytes, byte-order mark and leading space removed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data[: _PROBE * 2].decode("utf-16", errors="ignore")
        return text.encode("ascii", errors="replace").lstrip()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    return data[:_PROBE].lstrip()


_ELEMENT = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def _first_element(head: bytes) -> str:
    """The first element's name after the prolog (declaration, comments, DOCTYPE)."""
    position = 0
    while True:
        match = _ELEMENT.search(head, position)
        if match is None:
            return ""
        before = head[: match.start()]
        # Skip names inside comments and processing instructions.
        if before.count(b"<!--") > before.count(b"-->"):
            position = match.end()
            continue
        name = match.group(1).decode("ascii", errors="replace")
        return name.rsplit(":", 1)[-1]


def _not_an_article(what: str, advice: str) -> str:
    return f"{what}, not an article ({READS})" + (f": {advice}" if advice else "")


def _zip_kind(data: bytes) -> tuple[str, str]:
    probe = data[:4096]
    if b"word/" in probe:
        return "a Word document (.docx)", "save it as PDF or plain text"
    if b"epub" in probe:
        return "an EPUB book", ""
    if b"xl/" in probe:
        return "an Excel workbook", ""
    if b"ppt/" in probe:
        return "a PowerPoint presentation", ""
    if b"opendocument" in probe:
        return "an OpenDocument file", "save it as PDF or plain text"
    return "a ZIP archive", "extract the article first"
