"""Render one of our plain-text articles as a PDF, a news web page, JATS XML and PubMed XML.

The tests (and benchmarks/ingest_speed.py) read the rendered files back and compare what
extraction finds in them with what it finds in the text they came from. The renderings carry
what real files carry: two columns with running headers, footers and page numbers, words
hyphenated across lines, tables and a reference list in the PDF; navigation, a cookie banner,
adverts, related links and a footer around the story in the web page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# The study texts the tests render into each format: a full text with a table and references,
# a news story, an abstract, a structured abstract, and a news story with a contradiction.
ARTICLES = (
    "full_rct_placebo_01",
    "news_rct_placebo_01",
    "abs_caseseries_01",
    "sabs_rct_active_01",
    "news_incons_temporal_03",
)

_LABEL = re.compile(r"^([A-Z][A-Za-z ,/&-]{1,40}):\s+(\S.*)$")
_REFERENCE_HEADING = re.compile(r"^references$", re.IGNORECASE)
_TABLE_CAPTION = re.compile(r"^Table \d+\.")


@dataclass
class Block:
    kind: str  # heading, para, label, table, caption
    text: str = ""
    label: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Doc:
    title: str
    blocks: list[Block]
    references: list[str]


def parse_text(text: str) -> Doc:
    """Our corpus layout: a title line, then paragraphs one a line, short headings, `Label: text`
    lines, tables as `a | b | c` rows under a `Table N.` caption, and a References section."""
    lines = [line.strip() for line in text.strip().splitlines()]
    title, rest = lines[0], lines[1:]
    blocks: list[Block] = []
    references: list[str] = []
    in_references = False
    for line in rest:
        if not line:
            continue
        if in_references:
            references.append(line)
            continue
        if _REFERENCE_HEADING.match(line):
            in_references = True
            continue
        if " | " in line:
            cells = [cell.strip() for cell in line.split(" | ")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
            continue
        if _TABLE_CAPTION.match(line):
            blocks.append(Block("caption", line))
            continue
        label = _LABEL.match(line)
        if label and len(label.group(1).split()) <= 4:
            blocks.append(Block("label", label.group(2), label=label.group(1)))
            continue
        if len(line) < 70 and not line.endswith((".", "?", "!", ":", '"', "”")):
            blocks.append(Block("heading", line))
            continue
        blocks.append(Block("para", line))
    return Doc(title, blocks, references)


# -- PDF ------------------------------------------------------------------------------------------


def _fonts() -> None:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf"), ("VeraIt", "VeraIt.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="VeraBd", italic="VeraIt")


_LONG_WORD = re.compile(r"\b([a-z]{4,})([a-z]{5,})\b")


def _soft_hyphens(text: str) -> str:
    """Offer a break in the middle of each long lower-case word, as a typesetter's patterns do."""
    return _LONG_WORD.sub(lambda m: m.group(1) + "\u00ad" + m.group(2), text)


def to_pdf(
    doc: Doc,
    path: Path,
    *,
    journal: str = "J Clin Test Med 2024;12:101-109",
    doi: str = "10.5555/jctm.2024.0101",
    repeat: int = 1,
) -> Path:
    """A two-column journal page: title across the top, running header and footer with the
    page number, justified text hyphenated at line ends, tables across a column, references."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    _fonts()
    width, height = A4
    margin, gutter = 50.0, 18.0
    column = (width - 2 * margin - gutter) / 2
    body = ParagraphStyle(
        "body",
        fontName="Vera",
        fontSize=8.5,
        leading=11,
        alignment=TA_JUSTIFY,
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        spaceAfter=4,
    )
    heading = ParagraphStyle("heading", parent=body, fontName="VeraBd", spaceBefore=6)
    title_style = ParagraphStyle("title", fontName="VeraBd", fontSize=15, leading=19)
    small = ParagraphStyle("small", parent=body, fontSize=7, leading=8.5, alignment=0)
    reference = ParagraphStyle("reference", parent=small, spaceAfter=2)

    def decorate(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Vera", 7)
        canvas.drawString(margin, height - 30, journal)
        canvas.drawRightString(width - margin, height - 30, "Original research")
        canvas.drawString(margin, 28, f"https://doi.org/{doi}")
        canvas.drawRightString(width - margin, 28, str(document.page))
        canvas.restoreState()

    top = height - 60
    first = [
        Frame(margin, top - 90, width - 2 * margin, 90, id="title"),
        Frame(margin, 50, column, top - 90 - 50, id="left1"),
        Frame(margin + column + gutter, 50, column, top - 90 - 50, id="right1"),
    ]
    later = [
        Frame(margin, 50, column, top - 50, id="left"),
        Frame(margin + column + gutter, 50, column, top - 50, id="right"),
    ]
    template = BaseDocTemplate(str(path), pagesize=A4, title=doc.title, author="A. Author")
    template.addPageTemplates(
        [
            PageTemplate("first", frames=first, onPage=decorate),
            PageTemplate("later", frames=later, onPage=decorate),
        ]
    )
    story: list[object] = [
        Paragraph(escape(doc.title), title_style),
        NextPageTemplate("later"),
    ]
    from reportlab.platypus import FrameBreak

    story.append(FrameBreak())
    for _ in range(repeat):
        for block in doc.blocks:
            if block.kind == "heading":
                story.append(Paragraph(escape(block.text), heading))
            elif block.kind == "label":
                text = _soft_hyphens(escape(block.text))
                story.append(Paragraph(f"<b>{escape(block.label)}:</b> {text}", body))
            elif block.kind == "caption":
                story.append(Paragraph(f"<b>{escape(block.text)}</b>", small))
            elif block.kind == "table":
                # The numbers one line a cell, in a print small enough for the column; the
                # first column, the labels, wraps.
                count = max(len(row) for row in block.rows)
                size = 6.0
                while True:
                    widths = [
                        max(stringWidth(row[i], "Vera", size) for row in block.rows if i < len(row))
                        + 4
                        for i in range(1, count)
                    ]
                    if column - sum(widths) >= 55 or size <= 4:
                        break
                    size -= 0.25
                first_width = max(column - sum(widths), 40)
                label = ParagraphStyle("label", parent=small, fontSize=size, leading=size * 1.2)
                cells = [
                    [Paragraph(escape(row[0]), label), *row[1:]] + [""] * (count - len(row))
                    for row in block.rows
                ]
                table = Table(cells, colWidths=[first_width, *widths])
                table.setStyle(
                    TableStyle(
                        [
                            ("FONT", (0, 0), (-1, -1), "Vera", size),
                            ("LEFTPADDING", (0, 0), (-1, -1), 2),
                            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                            ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.black),
                            ("LINEBELOW", (0, 0), (-1, 0), 0.4, colors.black),
                            ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.black),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ]
                    )
                )
                story.extend([table, Spacer(1, 6)])
            else:
                story.append(Paragraph(_soft_hyphens(escape(block.text)), body))
    if doc.references:
        story.append(Paragraph("References", heading))
        story.extend(Paragraph(escape(ref), reference) for ref in doc.references)
    template.build(story)
    return path


def to_pdf_across(doc: Doc, path: Path) -> Path:
    """Two columns drawn line across line (left line, right line, next row), as a few writers
    do: the reader has to put the columns back in order."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas as pdfcanvas

    _fonts()
    height = A4[1]
    column = 240.0
    words = " ".join(
        [doc.title] + [b.text if b.kind != "label" else f"{b.label}: {b.text}" for b in doc.blocks]
    ).split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, "Vera", 9) > column and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    per_column = 60
    canvas = pdfcanvas.Canvas(str(path), pagesize=A4)
    for start in range(0, len(lines), 2 * per_column):
        left = lines[start : start + per_column]
        right = lines[start + per_column : start + 2 * per_column]
        canvas.setFont("Vera", 9)
        for row in range(per_column):
            y = height - 60 - row * 12
            if row < len(left):
                canvas.drawString(50, y, left[row])
            if row < len(right):
                canvas.drawString(50 + column + 25, y, right[row])
        canvas.showPage()
    canvas.save()
    return path


# -- HTML -----------------------------------------------------------------------------------------

BOILERPLATE = (
    "Subscribe for $1 a week",
    "We use cookies to improve your experience",
    "Accept all cookies",
    "ADVERTISEMENT",
    "Try our new mortgage calculator today",
    "Most read",
    "Celebrity chef opens third restaurant",
    "Sign up for our health newsletter",
    "© 2024 Daily Example Media Group",
    "Privacy policy",
    "Terms of service",
    "Share on Facebook",
)


def to_html(doc: Doc, *, date: str = "2024-03-06", author: str = "Jane Reporter") -> str:
    """A saved news page: the story in <article>, boilerplate all around it."""
    parts: list[str] = []
    for block in doc.blocks:
        if block.kind == "heading":
            parts.append(f"<h2>{html.escape(block.text)}</h2>")
        elif block.kind == "label":
            parts.append(
                f"<p><strong>{html.escape(block.label)}:</strong> {html.escape(block.text)}</p>"
            )
        elif block.kind == "caption":
            parts.append(f"<p><b>{html.escape(block.text)}</b></p>")
        elif block.kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            )
            parts.append(f"<table>{rows}</table>")
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
        if len(parts) == 3:
            parts.append(
                '<div class="ad-slot advert"><span>ADVERTISEMENT</span>'
                '<a href="/ads/1">Try our new mortgage calculator today</a></div>'
            )
    references = ""
    if doc.references:
        items = "".join(f"<li>{html.escape(ref)}</li>" for ref in doc.references)
        references = f"<h2>References</h2><ol>{items}</ol>"
    title = html.escape(doc.title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Daily Example</title>
<meta property="og:title" content={quoteattr(doc.title)}>
<meta name="author" content={quoteattr(author)}>
<meta property="article:published_time" content="{date}T09:00:00Z">
<meta property="og:site_name" content="Daily Example">
<script>window.dataLayer = [{{"page": "article"}}];</script>
<style>.cookie-banner {{ position: fixed; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-banner consent">
  <p>We use cookies to improve your experience. By browsing you agree to our use of cookies.</p>
  <button>Accept all cookies</button> <button>Manage settings</button>
</div>
<header class="site-header">
  <a href="/" class="logo">Daily Example</a>
  <nav class="main-nav"><ul>
    <li><a href="/news">News</a></li><li><a href="/health">Health</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li>
    <li><a href="/subscribe">Subscribe for $1 a week</a></li>
  </ul></nav>
</header>
<main>
<article class="story">
  <h1>{title}</h1>
  <div class="byline">By <a href="/staff/jr">{html.escape(author)}</a>,
    <time datetime="{date}">{date}</time></div>
  <div class="share"><a href="https://facebook.example/share">Share on Facebook</a></div>
  <div class="story-body">
  {"".join(parts)}
  {references}
  </div>
</article>
<aside class="sidebar">
  <div class="newsletter"><h3>Sign up for our health newsletter</h3>
    <form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
  <section class="most-read"><h3>Most read</h3><ol>
    <li><a href="/a1">Celebrity chef opens third restaurant</a></li>
    <li><a href="/a2">Council approves new bypass after ten-year row</a></li>
    <li><a href="/a3">Ten gadgets you need this summer</a></li>
  </ol></section>
  <div class="advert"><span>ADVERTISEMENT</span><img src="/ad.png" alt="ad"></div>
</aside>
</main>
<footer class="site-footer">
  <p>© 2024 Daily Example Media Group. All rights reserved.</p>
  <ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of service</a></li>
  <li><a href="/contact">Contact us</a></li></ul>
</footer>
</body>
</html>
"""


# -- JATS and PubMed XML --------------------------------------------------------------------------


def _x(text: str) -> str:
    return escape(text)


def _abstract_and_body(doc: Doc) -> tuple[list[Block], list[Block]]:
    """The corpus full texts open with an `Abstract` heading and labelled lines before the first
    other heading; an abstract has only labelled lines or paragraphs."""
    blocks = doc.blocks
    if blocks and blocks[0].kind == "heading" and blocks[0].text.lower() == "abstract":
        end = 1
        while end < len(blocks) and blocks[end].kind in ("label", "para"):
            end += 1
        return blocks[1:end], blocks[end:]
    return [], blocks


def to_jats(doc: Doc, *, doi: str = "10.5555/jctm.2024.0101", pmid: str = "38000001") -> str:
    abstract, body = _abstract_and_body(doc)
    abstract_xml = "".join(
        f"<sec><title>{_x(b.label)}</title><p>{_x(b.text)}</p></sec>"
        if b.kind == "label"
        else f"<p>{_x(b.text)}</p>"
        for b in abstract
    )
    sections: list[str] = []
    open_sec = False
    table_number = 0
    caption = ""
    for block in body:
        if block.kind == "heading":
            if open_sec:
                sections.append("</sec>")
            sections.append(f'<sec id="s{len(sections)}">\n<title>{_x(block.text)}</title>')
            open_sec = True
        elif block.kind == "label":
            sections.append(f"<p><bold>{_x(block.label)}:</bold> {_x(block.text)}</p>")
        elif block.kind == "caption":
            caption = block.text
        elif block.kind == "table":
            table_number += 1
            label, _, rest = caption.partition(". ")
            head, *rows = block.rows
            thead = "".join(f"<th>{_x(cell)}</th>" for cell in head)
            tbody = "".join(
                "<tr>" + "".join(f"<td>{_x(cell)}</td>" for cell in row) + "</tr>" for row in rows
            )
            sections.append(
                f'<table-wrap id="t{table_number}"><label>{_x(label)}</label>'
                f"<caption><p>{_x(rest)}</p></caption>"
                f"<table><thead><tr>{thead}</tr></thead><tbody>{tbody}</tbody></table>"
                "</table-wrap>"
            )
            caption = ""
        else:
            text = _x(block.text)
            # Citations as cross-references, the way JATS marks them.
            text = re.sub(r"\[(\d+)\]", r'[<xref ref-type="bibr" rid="r\1">\1</xref>]', text)
            sections.append(f"<p>{text}</p>")
    if open_sec:
        sections.append("</sec>")
    numbered = [re.sub(r"^\d+\.\s*", "", ref) for ref in doc.references]
    refs = "".join(
        f'<ref id="r{i}"><mixed-citation>{_x(ref)}</mixed-citation></ref>'
        for i, ref in enumerate(numbered, 1)
    )
    ref_list = f"<back><ref-list><title>References</title>{refs}</ref-list></back>" if refs else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC
  "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN"
  "JATS-archivearticle1-3-mathml3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:mml="http://www.w3.org/1998/Math/MathML"
  article-type="research-article" dtd-version="1.3" xml:lang="en">
<front>
<journal-meta>
<journal-id journal-id-type="nlm-ta">J Clin Test Med</journal-id>
<journal-title-group>
<journal-title>Journal of Clinical Test Medicine</journal-title>
</journal-title-group>
<issn pub-type="epub">1234-5678</issn>
</journal-meta>
<article-meta>
<article-id pub-id-type="pmid">{pmid}</article-id>
<article-id pub-id-type="pmc">PMC9000001</article-id>
<article-id pub-id-type="doi">{doi}</article-id>
<title-group><article-title>{_x(doc.title)}</article-title></title-group>
<contrib-group>
<contrib contrib-type="author">
<name><surname>Marsh</surname><given-names>Helena</given-names></name>
<xref ref-type="aff" rid="aff1">1</xref>
</contrib>
<contrib contrib-type="author">
<name><surname>Okafor</surname><given-names>Samuel</given-names></name>
</contrib>
</contrib-group>
<aff id="aff1"><label>1</label>Department of Testing, Example University, Leeds, UK</aff>
<pub-date pub-type="epub"><day>6</day><month>3</month><year>2024</year></pub-date>
<volume>12</volume><fpage>101</fpage><lpage>109</lpage>
<permissions><copyright-statement>© 2024 The Authors</copyright-statement></permissions>
{f"<abstract>{abstract_xml}</abstract>" if abstract_xml else ""}
<kwd-group><kwd>trial</kwd></kwd-group>
</article-meta>
</front>
<body>
{chr(10).join(sections)}
</body>
{ref_list}
</article>
"""


def to_pubmed(doc: Doc, *, pmid: str = "38000002", doi: str = "10.5555/jctm.2024.0202") -> str:
    """A PubMed record (efetch, retmode=xml) of an abstract: `Label: text` lines become labelled
    AbstractText sections."""
    texts = []
    for block in doc.blocks:
        if block.kind == "label":
            category = (
                block.label.upper()
                if block.label.upper()
                in {
                    "BACKGROUND",
                    "METHODS",
                    "RESULTS",
                    "CONCLUSIONS",
                    "OBJECTIVE",
                }
                else "UNASSIGNED"
            )
            texts.append(
                f'<AbstractText Label={quoteattr(block.label.upper())} NlmCategory="{category}">'
                f"{_x(block.text)}</AbstractText>"
            )
        elif block.kind in ("para", "heading"):
            texts.append(f"<AbstractText>{_x(block.text)}</AbstractText>")
    return f"""<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">
<PubmedArticleSet>
<PubmedArticle>
<MedlineCitation Status="MEDLINE" Owner="NLM">
<PMID Version="1">{pmid}</PMID>
<Article PubModel="Print-Electronic">
<Journal>
<ISSN IssnType="Electronic">1234-5678</ISSN>
<JournalIssue CitedMedium="Internet">
<Volume>12</Volume><PubDate><Year>2024</Year><Month>Mar</Month></PubDate>
</JournalIssue>
<Title>Journal of clinical test medicine</Title>
<ISOAbbreviation>J Clin Test Med</ISOAbbreviation>
</Journal>
<ArticleTitle>{_x(doc.title)}</ArticleTitle>
<Pagination><MedlinePgn>101-109</MedlinePgn></Pagination>
<ELocationID EIdType="doi" ValidYN="Y">{doi}</ELocationID>
<Abstract>
{chr(10).join(texts)}
<CopyrightInformation>© 2024 The Authors.</CopyrightInformation>
</Abstract>
<AuthorList CompleteYN="Y">
<Author ValidYN="Y">
<LastName>Marsh</LastName><ForeName>Helena</ForeName><Initials>H</Initials>
</Author>
<Author ValidYN="Y">
<LastName>Okafor</LastName><ForeName>Samuel</ForeName><Initials>S</Initials>
</Author>
<Author ValidYN="Y"><CollectiveName>Example Trial Group</CollectiveName></Author>
</AuthorList>
<Language>eng</Language>
<PublicationTypeList>
<PublicationType UI="D016449">Randomized Controlled Trial</PublicationType>
<PublicationType UI="D016428">Journal Article</PublicationType>
</PublicationTypeList>
</Article>
<MedlineJournalInfo><MedlineTA>J Clin Test Med</MedlineTA></MedlineJournalInfo>
</MedlineCitation>
<PubmedData>
<ArticleIdList>
<ArticleId IdType="pubmed">{pmid}</ArticleId>
<ArticleId IdType="doi">{doi}</ArticleId>
</ArticleIdList>
</PubmedData>
</PubmedArticle>
</PubmedArticleSet>
"""
