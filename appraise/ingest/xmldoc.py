"""JATS XML (PubMed Central full text) and PubMed XML (efetch records) to an Article.

Parsed with the standard library's ElementTree over expat, which is safe for files from anywhere:
it never fetches a DTD or an external entity (an undeclared entity is an error, an external
subset is skipped), and expat (2.4 and later) refuses entity expansion that amplifies the input
("billion laughs", quadratic blow-up). The named entities of HTML are known, since JATS files
written against the DTD use them.

The text is laid out as our plain-text articles are: the title, then for a structured abstract
one `LABEL: text` line a section (as PubMed shows it), then the body's section headings and
paragraphs, tables one row a line with cells joined by ` | `. The reference list goes to
`metadata["references"]`, never into the text.
"""

from __future__ import annotations

import contextlib
import html.entities
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from appraise.errors import InputError, Problem
from appraise.ingest.article import Article
from appraise.ingest.build import clean_inline, make_article, tidy_text

_ENTITIES = {name.rstrip(";"): value for name, value in html.entities.html5.items()}
# Elements whose text is not part of the article's prose.
_SKIP = {
    "ref-list",
    "fn-group",
    "permissions",
    "counts",
    "custom-meta-group",
    "object-id",
    "graphic",
    "media",
    "alternatives",
    "inline-graphic",
    "table-wrap-foot",
    "funding-group",
    "kwd-group",
    "processing-meta",
}
# Elements that start a block of their own when met inside a paragraph.
_BLOCKS = {"list", "table-wrap", "fig", "disp-quote", "boxed-text", "disp-formula", "statement"}


def load_xml(data: bytes, path: str | None) -> Article:
    where = path or "<stdin>"
    root = parse_xml(data, where)
    name = _local(root.tag)
    if name in ("PubmedArticleSet", "PubmedArticle", "PubmedBookArticle"):
        return _pubmed(root, data, path, where)
    if name == "pmc-articleset":
        article = next((el for el in root.iter() if _local(el.tag) == "article"), None)
        if article is None:
            raise InputError(Problem("the PMC XML holds no article", where))
        return _jats(article, data, path)
    if name == "article":
        return _jats(root, data, path)
    if name == "eFetchResult":
        error = " ".join(_text(el) for el in root.iter() if _local(el.tag) == "ERROR")
        raise InputError(Problem(f"E-utilities refused the request: {error or 'no reason'}", where))
    if name.lower() == "html":
        from appraise.ingest.webpage import load_html

        return load_html(data, path)
    raise InputError(
        Problem(
            f"XML, but neither JATS (<article>) nor PubMed (<PubmedArticleSet>): "
            f"the root element is <{name}>",
            where,
        )
    )


def parse_xml(data: bytes, where: str) -> ET.Element:
    parser = ET.XMLParser()
    parser.entity.update(_ENTITIES)  # used only for entities the document does not declare
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).split(": line ")[0]
        if "amplification" in message:
            message = (
                "the XML expands its entities out of all proportion (a 'billion laughs' "
                "attack?); refused"
            )
        elif message.startswith("undefined entity"):
            message = (
                f"{message}: the XML uses an entity it does not define "
                "(external entities and DTDs are never fetched)"
            )
        else:
            message = f"not well-formed XML: {message}"
        raise InputError(Problem(message, where, line, column + 1)) from None
    if _too_deep(root):
        deep_line, deep_column = _deep_element_position(data)
        raise InputError(
            Problem(
                f"the XML nests its elements more than {MAX_DEPTH} deep; refused",
                where,
                deep_line,
                deep_column,
            )
        )
    return root


MAX_DEPTH = 200
"""How deep elements may nest. Real articles stay under 50, even with MathML; the readers walk the
tree by recursion, which a document nested thousands deep would exhaust."""


def _too_deep(root: ET.Element) -> bool:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


def _deep_element_position(data: bytes) -> tuple[int | None, int | None]:
    """The line and column of the first element nested deeper than MAX_DEPTH (None, None when
    it cannot be found again)."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()
    parser.UseForeignDTD(True)  # an entity it does not declare is skipped, never fetched
    depth = 0
    found: list[tuple[int, int]] = []

    class Found(Exception):
        pass

    def start(name: str, attributes: object) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            found.append((parser.CurrentLineNumber, parser.CurrentColumnNumber + 1))
            raise Found

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    with contextlib.suppress(Found, xml.parsers.expat.ExpatError):
        parser.Parse(data, True)
    return found[0] if found else (None, None)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: ET.Element | None, *names: str) -> ET.Element | None:
    """The first descendant along the path `names` (children at each step)."""
    current = element
    for name in names:
        if current is None:
            return None
        current = next((c for c in current if _local(c.tag) == name), None)
    return current


def _first(*elements: ET.Element | None) -> ET.Element | None:
    """The first of `elements` that is there (an element without children is falsy: no `or`)."""
    return next((element for element in elements if element is not None), None)


def _or(element: ET.Element | None, default: ET.Element) -> ET.Element:
    return element if element is not None else default


def _find(element: ET.Element | None, name: str) -> ET.Element | None:
    if element is None:
        return None
    return next((el for el in element.iter() if _local(el.tag) == name), None)


def _text(element: ET.Element | None) -> str:
    """All the text under `element`, whitespace collapsed; skipped elements left out."""
    if element is None:
        return ""
    return clean_inline("".join(_inline(element)))


def _inline(element: ET.Element) -> Iterator[str]:
    if _local(element.tag) in _SKIP:
        return
    if element.text:
        yield element.text
    for child in element:
        name = _local(child.tag)
        if name in _SKIP:
            pass
        elif name in ("break",):
            yield " "
        else:
            yield from _inline(child)
        if child.tail:
            yield child.tail


# -- PubMed -------------------------------------------------------------------------------------


def _pubmed(root: ET.Element, data: bytes, path: str | None, where: str) -> Article:
    records = [el for el in root.iter() if _local(el.tag) in ("PubmedArticle", "PubmedBookArticle")]
    if _local(root.tag) in ("PubmedArticle", "PubmedBookArticle"):
        records = [root]
    if not records:
        raise InputError(Problem("the PubMed XML holds no article", where))
    record = records[0]
    warnings = []
    citation = _or(_first(_find(record, "MedlineCitation"), _find(record, "BookDocument")), record)
    pmid = _text(_child(citation, "PMID"))
    if len(records) > 1:
        warnings.append(f"the file holds {len(records)} PubMed records; read the first ({pmid})")
    article = _or(_child(citation, "Article"), citation)
    title = _text(_first(_child(article, "ArticleTitle"), _find(citation, "BookTitle")))
    vernacular = _text(_child(article, "VernacularTitle"))
    lines = [title or vernacular]
    abstract = _first(_child(article, "Abstract"), _find(citation, "Abstract"))
    if abstract is not None:
        lines.append("")
        for part in _children(abstract, "AbstractText"):
            text = _text(part)
            if not text:
                continue
            label = (part.get("Label") or "").strip()
            lines.append(f"{label}: {text}" if label else text)
    if len(lines) <= 2 and not any(lines):
        raise InputError(Problem("the PubMed record has neither title nor abstract", where))
    journal = _child(article, "Journal")
    issue = _child(journal, "JournalIssue")
    year = _text(_child(issue, "PubDate", "Year")) or _year(
        _text(_child(issue, "PubDate", "MedlineDate"))
    )
    if not year:
        year = _text(_child(article, "ArticleDate", "Year"))
    doi = next(
        (
            _text(el)
            for el in record.iter()
            if _local(el.tag) in ("ArticleId", "ELocationID")
            and (el.get("IdType") or el.get("EIdType")) == "doi"
        ),
        "",
    )
    pmcid = next(
        (
            _text(el)
            for el in record.iter()
            if _local(el.tag) == "ArticleId" and el.get("IdType") == "pmc"
        ),
        "",
    )
    metadata = {
        "authors": "; ".join(_pubmed_authors(article)),
        "journal": _text(_child(journal, "Title")) or _text(_child(journal, "ISOAbbreviation")),
        "year": year,
        "doi": doi,
        "pmid": pmid,
        "pmcid": pmcid,
        "publication_types": "; ".join(
            _text(el) for el in record.iter() if _local(el.tag) == "PublicationType"
        ),
    }
    if abstract is None:
        warnings.append("the PubMed record has no abstract: only the title was read")
    return make_article(
        tidy_text("\n".join(lines)),
        data,
        path,
        fmt="pubmed",
        title=title or vernacular,
        metadata=metadata,
        warnings=warnings,
    )


def _pubmed_authors(article: ET.Element) -> Iterator[str]:
    authors = _child(article, "AuthorList")
    for author in _children(authors, "Author") if authors is not None else []:
        collective = _text(_child(author, "CollectiveName"))
        if collective:
            yield collective
            continue
        last = _text(_child(author, "LastName"))
        initials = _text(_child(author, "Initials")) or _text(_child(author, "ForeName"))[:1]
        if last:
            yield f"{last} {initials}".strip()


def _year(text: str) -> str:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    return match.group(1) if match else ""


# -- JATS ---------------------------------------------------------------------------------------


def _jats(article: ET.Element, data: bytes, path: str | None) -> Article:
    front = _child(article, "front")
    meta = _child(front, "article-meta")
    title = _text(_child(meta, "title-group", "article-title"))
    lines = [title]
    for abstract in _children(meta, "abstract") if meta is not None else []:
        if abstract.get("abstract-type") in ("teaser", "graphical", "toc", "web-summary"):
            continue
        sections = list(_abstract_lines(abstract))
        if sections:
            lines.extend(["", _text(_child(abstract, "title")) or "Abstract", *sections])
    body = _child(article, "body")
    if body is not None:
        lines.extend(_section_lines(body))
    back = _child(article, "back")
    for part in back if back is not None else []:
        if _local(part.tag) in ("ack", "app-group", "app", "sec", "notes"):
            lines.extend(_section_lines(part, heading=True))
    floats = _child(article, "floats-group")
    if floats is not None:
        lines.extend(_section_lines(floats))
    references = [
        _text(_first(_child(ref, "mixed-citation"), _child(ref, "element-citation"), ref))
        for ref in article.iter()
        if _local(ref.tag) == "ref"
    ]
    metadata = {
        "authors": "; ".join(_jats_authors(meta)),
        "journal": _text(_find(_child(front, "journal-meta"), "journal-title")),
        "year": _jats_year(meta),
        "doi": _article_id(meta, "doi"),
        "pmid": _article_id(meta, "pmid"),
        "pmcid": _pmcid(meta),
        "references": "\n".join(
            f"{number}. {ref}" for number, ref in enumerate(references, 1) if ref
        ),
    }
    return make_article(
        tidy_text("\n".join(lines)), data, path, fmt="jats", title=title, metadata=metadata
    )


def _abstract_lines(abstract: ET.Element) -> Iterator[str]:
    for part in abstract:
        name = _local(part.tag)
        if name == "sec":
            label = _text(_child(part, "title")) or _text(_child(part, "label"))
            text = " ".join(_text(p) for p in part if _local(p.tag) != "title" and _text(p))
            if text:
                yield f"{label.rstrip(':')}: {text}" if label else text
        elif name == "p":
            text = _text(part)
            if text:
                yield text


def _section_lines(element: ET.Element, heading: bool = False) -> Iterator[str]:
    """The blocks under a body, section or back part: headings, paragraphs, tables, lists."""
    if heading and _local(element.tag) in ("ack", "notes") and _child(element, "title") is None:
        yield ""
        yield "Acknowledgements" if _local(element.tag) == "ack" else "Notes"
    for child in element:
        name = _local(child.tag)
        if name in _SKIP:
            continue
        if name in ("title",):
            yield ""
            yield _text(child)
        elif name in ("sec", "app", "ack", "notes", "boxed-text", "app-group"):
            yield from _section_lines(child)
        elif name == "p":
            yield from _paragraph(child)
        elif name in _BLOCKS:
            yield from _block(child)
        elif name in ("label",):
            continue
        else:
            text = _text(child)
            if text:
                yield text


def _paragraph(p: ET.Element) -> Iterator[str]:
    """A paragraph's prose, with any block inside it (a list, a table) split out after it."""
    pieces: list[str] = [p.text or ""]
    nested: list[ET.Element] = []
    for child in p:
        if _local(child.tag) in _BLOCKS:
            nested.append(child)
        elif _local(child.tag) not in _SKIP:
            pieces.extend(_inline(child))
        if child.tail:
            pieces.append(child.tail)
    text = clean_inline("".join(pieces))
    if text:
        yield text
    for block in nested:
        yield from _block(block)


def _block(element: ET.Element) -> Iterator[str]:
    name = _local(element.tag)
    if name == "list":
        for item in _children(element, "list-item"):
            text = _text(item)
            if text:
                yield f"- {text}"
    elif name in ("table-wrap", "fig"):
        yield ""
        label = _text(_child(element, "label"))
        caption = _text(_child(element, "caption"))
        heading = f"{label}. {caption}" if label and caption else label or caption
        if heading:
            yield heading
        for table in (el for el in element.iter() if _local(el.tag) == "table"):
            for row in (el for el in table.iter() if _local(el.tag) == "tr"):
                cells = [_text(cell) for cell in row if _local(cell.tag) in ("td", "th")]
                if any(cells):
                    yield " | ".join(cells)
        yield ""
    else:
        text = _text(element)
        if text:
            yield text


def _jats_authors(meta: ET.Element | None) -> Iterator[str]:
    if meta is None:
        return
    for contrib in (el for el in meta.iter() if _local(el.tag) == "contrib"):
        if contrib.get("contrib-type", "author") != "author":
            continue
        collab = _text(_child(contrib, "collab"))
        if collab:
            yield collab
            continue
        name = _first(_child(contrib, "name"), _child(contrib, "string-name"))
        surname = _text(_child(name, "surname"))
        given = _text(_child(name, "given-names"))
        if surname or given:
            yield " ".join(part for part in (given, surname) if part)


def _jats_year(meta: ET.Element | None) -> str:
    if meta is None:
        return ""
    dates = _children(meta, "pub-date")
    preferred = ("epub", "ppub", "pub", "collection")
    dates.sort(
        key=lambda d: (
            preferred.index(d.get("pub-type") or d.get("date-type") or "")
            if (d.get("pub-type") or d.get("date-type") or "") in preferred
            else len(preferred)
        )
    )
    for date in dates:
        year = _text(_child(date, "year"))
        if year:
            return year
    return ""


def _article_id(meta: ET.Element | None, kind: str) -> str:
    if meta is None:
        return ""
    return next(
        (_text(el) for el in _children(meta, "article-id") if el.get("pub-id-type") == kind), ""
    )


def _pmcid(meta: ET.Element | None) -> str:
    value = _article_id(meta, "pmc") or _article_id(meta, "pmcid")
    if value and not value.upper().startswith("PMC"):
        value = f"PMC{value}"
    return value
