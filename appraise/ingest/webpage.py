"""A saved web page (a news story, a journal's landing page) to an Article.

trafilatura (imported only when a web page is read) finds the story's main text and leaves out
navigation, adverts, cookie banners, related links and footers. The headline opens the text, as
in a plain-text article. The citation tags journals put in their pages (`citation_title`,
`citation_author`, `citation_doi`, ...) and the Open Graph tags of news sites give the metadata;
a reference list at the end goes to `metadata["references"]`, as for PDFs.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from typing import Any

from appraise.errors import InputError, Problem
from appraise.ingest.article import Article
from appraise.ingest.build import clean_inline, make_article, split_references, tidy_text
from appraise.ingest.decode import decode_text, normalise_newlines

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^[-*•]\s+")
_TABLE_ROW = re.compile(r"^\|\s*(.*?)\s*\|?\s*$")


def load_html(data: bytes, path: str | None) -> Article:
    where = path or "<stdin>"
    markup, encoding, warnings = decode_html(data, where)
    trafilatura = _trafilatura(where)
    tags = MetaTags.read(markup)
    try:
        document = trafilatura.bare_extraction(
            markup,
            url=tags.first("og:url", "citation_public_url") or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise InputError(Problem(f"cannot read the web page: {exc}", where)) from None
    body = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not body:
        raise InputError(
            Problem(
                "no article text found in the web page (a page built by JavaScript, or a "
                "consent wall?); open it in a browser, then save it or copy its text",
                where,
            )
        )
    found = _attributes(document)
    title = clean_inline(
        tags.first("citation_title", "dc.title", "og:title") or found.get("title") or ""
    )
    lines = [_line(line) for line in normalise_newlines(body).split("\n")]
    if title and (not lines or clean_inline(lines[0]).casefold() != title.casefold()):
        lines.insert(0, title)
    reference_lines, references = split_references(lines)
    if references:
        drop = set(reference_lines)
        lines = [line for i, line in enumerate(lines) if i not in drop]
        references = [_LIST_ITEM.sub("", ref) for ref in references]
    text = tidy_text("\n".join(_paragraphs(lines)))
    date = found.get("date") or tags.first("citation_publication_date", "citation_date")
    metadata = {
        "authors": "; ".join(tags.all("citation_author"))
        or (found.get("author") or "").replace(";", "; ").replace("  ", " "),
        "journal": tags.first("citation_journal_title"),
        "year": _year(tags.first("citation_publication_date", "citation_date", "citation_year"))
        or _year(date or ""),
        "date": date or "",
        "doi": _doi(tags.first("citation_doi", "dc.identifier", "prism.doi")),
        "pmid": tags.first("citation_pmid"),
        "site": found.get("sitename") or tags.first("og:site_name"),
        "url": found.get("url") or tags.first("og:url") or tags.canonical,
        "references": "\n".join(references),
    }
    return make_article(
        text,
        data,
        path,
        fmt="html",
        title=title or _first_line(text),
        encoding=encoding,
        metadata=metadata,
        warnings=warnings,
    )


def _trafilatura(where: str) -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        missing = exc.name or "trafilatura"
        raise InputError(
            Problem(
                f"reading web pages needs trafilatura ({missing} is missing): "
                "pip install 'appraise[web]' (or `make install` in a checkout)",
                where,
            )
        ) from None
    return trafilatura


def decode_html(data: bytes, where: str) -> tuple[str, str, list[str]]:
    """The page as text: its BOM, else its declared charset, else UTF-8 or a detected encoding."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, where)
    declared = _CHARSET.search(data, 0, 4096)
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup("cp1252" if name in ("iso-8859-1", "latin-1", "latin1") else name)
            return normalise_newlines(data.decode(codec.name)), codec.name, []
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, where)


def _attributes(document: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for key in ("title", "author", "date", "sitename", "url"):
        value = getattr(document, key, None)
        if isinstance(value, str) and value.strip():
            found[key] = value.strip()
    return found


def _line(line: str) -> str:
    row = _TABLE_ROW.match(line.strip())
    if row and " | " in row.group(1):
        return row.group(1).strip()
    return line.strip()


def _paragraphs(lines: list[str]) -> list[str]:
    """One paragraph a line, a blank line between them; list items and table rows kept together."""
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        grouped = " | " in line or _LIST_ITEM.match(line)
        previous = lines[index - 1] if index else ""
        if out and not (grouped and (" | " in previous or _LIST_ITEM.match(previous))):
            out.append("")
        out.append(line)
    return out


def _year(value: str) -> str:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", value or "")
    return match.group(1) if match else ""


def _doi(value: str) -> str:
    match = re.search(r"10\.\d{4,9}/\S+", value or "")
    return match.group() if match else ""


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


class MetaTags(HTMLParser):
    """The page's `<meta name|property=... content=...>` tags and canonical link, read once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self.canonical = ""

    @classmethod
    def read(cls, markup: str) -> MetaTags:
        parser = cls()
        head_end = markup.lower().find("</head>")
        try:
            parser.feed(markup if head_end < 0 else markup[: head_end + 7])
            parser.close()
        except Exception:  # a broken head: keep what was read
            pass
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key.lower(): value or "" for key, value in attrs}
        if tag == "meta":
            key = (attributes.get("name") or attributes.get("property") or "").lower().strip()
            content = clean_inline(attributes.get("content", ""))
            if key and content:
                self.values.setdefault(key, []).append(content)
        elif tag == "link" and attributes.get("rel", "").lower() == "canonical":
            self.canonical = self.canonical or attributes.get("href", "")

    def first(self, *keys: str) -> str:
        for key in keys:
            if self.values.get(key):
                return self.values[key][0]
        return ""

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])
