"""PDF with a text layer to an Article, through pypdfium2 (imported only when a PDF is read).

pdfium gives the text in the order the PDF draws it, which for papers set by LaTeX, Word or
InDesign is the reading order, column after column. From each line's position, font and size we
then:

- drop running headers, footers and page numbers: lines in the top or bottom margin that recur
  on other pages (digits aside), or that are a bare page number;
- read a page whose two columns are drawn line across line (a rare writer does this) column by
  column instead;
- join the lines of a paragraph with spaces (a line break ends a sentence downstream), and join a
  word hyphenated across two lines, keeping the hyphen of a compound ("follow-up");
- keep the table rows apart, cells joined by ` | `;
- move the reference list, from a "References" heading on, out of the text into
  `metadata["references"]`.

pdfium is not thread-safe, and the TUI reads articles in worker threads: every call into it holds
one process-wide lock.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import re
import statistics
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from appraise.errors import InputError, Problem
from appraise.ingest.article import Article
from appraise.ingest.build import find_doi, make_article
from appraise.ingest.build import split_references as find_references

_LOCK = threading.Lock()

# pdfium marks a hyphen it takes for a line-end hyphenation with U+FFFE; U+00AD is a soft hyphen.
_SOFT_HYPHENS = "\ufffe\u00ad"
_NOT_LETTER = re.compile(r"[\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\u00ad]")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BAD_TITLES = re.compile(
    r"^(?:untitled|title|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|tex|dvi))$", re.IGNORECASE
)
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
# Prefixes that keep their hyphen when a line break falls on it ("non-|inferiority").
_HYPHEN_PREFIXES = frozenset(
    """
    non self anti double single triple follow open cross well long short placebo intention all
    half quasi dose sham wait chi alpha beta gamma
    """.split()  # noqa: SIM905
)
_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())  # noqa: SIM905
# Word endings that a line-end hyphen splits off a word without making a compound.
_SUFFIXES = frozenset(
    """
    ment ments ised ized ise ize ises izes ising izing isation ization isations izations ation
    ations ion ions tion tions sion sions ness nesses ity ities ing ings ed er ers est ly ally
    ily ive ives ively tive tives able ably ible ibly ance ances ence ences ant ants ent ents
    ently ous ously ical ically ic ics al als ial ially ary ory ism isms ist ists ful fully less
    lessly ship ships ure ures ture tures age ages ened ening ingly edly ee ees ward wards wise
    ency encies ancy ancies ular ularly ative atively ator ators
    """.split()  # noqa: SIM905
)
# How far the top and bottom margins reach, as a share of the page height.
_MARGIN = 0.1
# A page without this many letters is taken to have no text layer.
_MIN_LETTERS_PER_PAGE = 20


@dataclass(slots=True)
class Segment:
    """A run of text on one line in one font, with its box (PDF units, y upwards)."""

    text: str
    x0: float
    x1: float
    base: float
    size: float
    font_first: str
    font_last: str
    page: int


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    base: float
    size: float
    font_first: str
    font_last: str
    page: int
    table: bool = False
    right: float = 0.0  # the right edge of this line's column
    left: float = 0.0  # the left edge of this line's column


@dataclass(slots=True)
class Page:
    width: float
    height: float
    segments: list[Segment] = field(default_factory=list)
    images: int = 0


def load_pdf(data: bytes, path: str | None) -> Article:
    pages, info = read_pdf(data, path)
    where = path or "<stdin>"
    letters = [
        len(_NOT_LETTER.sub("", "".join(seg.text for seg in page.segments))) for page in pages
    ]
    if sum(letters) < _MIN_LETTERS_PER_PAGE:
        if any(page.images for page in pages):
            raise InputError(
                Problem(
                    "the PDF has no text layer: its pages are images (a scan?). Run it through "
                    "OCR first (for example `ocrmypdf in.pdf out.pdf`) and open the result",
                    where,
                )
            )
        raise InputError(Problem("the PDF has no text", where))
    warnings = []
    blank = [
        str(i + 1)
        for i, n in enumerate(letters)
        if n < _MIN_LETTERS_PER_PAGE and pages[i].images  # a picture of text, not a blank page
    ]
    if blank and len(blank) < len(pages):
        warnings.append(
            f"page{'s' if len(blank) > 1 else ''} {', '.join(blank[:10])}"
            f"{' …' if len(blank) > 10 else ''} of {len(pages)} ha"
            f"{'ve' if len(blank) > 1 else 's'} no text layer (scanned?); that text is missing"
        )
    first_page_text = " ".join(seg.text for seg in pages[0].segments)
    drop_margins(pages)
    lines: list[Line] = []
    for number, page in enumerate(pages):
        lines.extend(page_lines(page, reading_order(page), number))
    vocabulary = Vocabulary(seg.text for page in pages for seg in page.segments)
    blocks = paragraphs(lines, vocabulary)
    body, references = split_references(blocks)
    text = "\n".join(_join_blocks(body))
    title = _title(info.get("Title", ""), lines)
    metadata = {
        "authors": _authors(info.get("Author", "")),
        "doi": find_doi(first_page_text) or find_doi(info.get("Subject", "")),
        "pmid": _first_group(_PMID, first_page_text),
        "references": "\n".join(references),
    }
    return make_article(
        text + "\n",
        data,
        path,
        fmt="pdf",
        title=title,
        metadata=metadata,
        warnings=warnings,
    )


# -- reading the PDF (under the lock) ---------------------------------------------------------


def _pdfium(where: str) -> Any:
    try:
        import pypdfium2
    except ImportError:
        raise InputError(
            Problem(
                "reading PDFs needs pypdfium2, which is not installed: "
                "pip install 'appraise[pdf]' (or `make install` in a checkout)",
                where,
            )
        ) from None
    return pypdfium2


def read_pdf(data: bytes, path: str | None) -> tuple[list[Page], dict[str, str]]:
    where = path or "<stdin>"
    pdfium = _pdfium(where)
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise InputError(Problem(_open_error(exc), where)) from None
        try:
            info = {
                str(key): str(value)
                for key, value in document.get_metadata_dict(skip_empty=True).items()
            }
            pages = [_read_page(pdfium, document, index) for index in range(len(document))]
        except pdfium.PdfiumError as exc:
            raise InputError(Problem(f"cannot read the PDF: {exc}", where)) from None
        finally:
            document.close()
    return pages, info


def _open_error(exc: Any) -> str:
    code = getattr(exc, "err_code", None)
    if code == 4:  # FPDF_ERR_PASSWORD
        return "the PDF is protected by a password: save an unprotected copy and open that"
    if code == 6:  # FPDF_ERR_SECURITY
        return "the PDF uses a security handler pdfium does not support"
    if code == 0:  # loaded, but no pages
        return "the PDF has no pages"
    return "not a readable PDF (damaged or truncated?)"


def _read_page(pdfium: Any, document: Any, index: int) -> Page:
    raw = pdfium.raw
    page = document[index]
    try:
        width, height = page.get_size()
        result = Page(width=float(width), height=float(height))
        textpage = page.get_textpage()
        try:
            result.segments = list(_segments(raw, textpage, index))
        finally:
            textpage.close()
        if sum(len(seg.text.strip()) for seg in result.segments) < _MIN_LETTERS_PER_PAGE:
            result.images = sum(
                1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)
            )
        return result
    finally:
        page.close()


def _segments(raw: Any, textpage: Any, page_index: int) -> Iterator[Segment]:
    """The page's text runs in drawing order: pdfium's lines, split where its boxes split."""
    text = _char_text(raw, textpage)
    font_buffer = ctypes.create_string_buffer(128)
    x, y = ctypes.c_double(), ctypes.c_double()

    def font(index: int) -> str:
        length = raw.FPDFText_GetFontInfo(textpage, index, font_buffer, 128, None)
        return font_buffer.value.decode("latin-1") if 0 < length <= 128 else ""

    def make(start: int, end: int, box: tuple[float, float, float, float]) -> Segment | None:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            return None
        first = start + (len(chunk) - len(chunk.lstrip()))
        last = start + len(chunk.rstrip()) - 1
        raw.FPDFText_GetCharOrigin(textpage, first, x, y)
        size = float(raw.FPDFText_GetFontSize(textpage, first)) or (box[3] - box[1])
        return Segment(
            text=chunk,
            x0=box[0],
            x1=box[2],
            base=y.value,
            size=size,
            font_first=font(first),
            font_last=font(last),
            page=page_index,
        )

    position = 0
    for piece in text.split("\r\n"):
        start, end = position, position + len(piece)
        position = end + 2
        if not piece.strip():
            continue
        count = textpage.count_rects(start, end - start)
        boxes = [textpage.get_rect(i) for i in range(count)]
        if not boxes:
            continue
        bounds = [start]
        for rect_number in range(1, len(boxes)):
            bounds.append(_rect_start(textpage, start, end, rect_number, bounds[-1]))
        bounds.append(end)
        for number, box in enumerate(boxes):
            segment = make(bounds[number], bounds[number + 1], box)
            if segment is not None:
                yield segment


def _char_text(raw: Any, textpage: Any) -> str:
    """The page's text, one character for each of pdfium's, so that text indices are char indices.

    pdfium's own text (FPDFText_GetText) drops characters without a Unicode value and may insert
    others; then the text is rebuilt a character at a time. A line-end hyphen (pdfium's 0x2)
    becomes U+FFFE, a character without Unicode becomes NUL, dropped later.
    """
    count = textpage.count_chars()
    text: str = textpage.get_text_range()
    if len(text) == count and all(
        text[i] == chr(raw.FPDFText_GetUnicode(textpage, i)) or text[i] == "\ufffe"
        for i in range(0, count, max(1, count // 16))
    ):
        return text
    chars = []
    for index in range(count):
        code = raw.FPDFText_GetUnicode(textpage, index)
        chars.append("\ufffe" if code == 2 else chr(code) if 0 < code < 0x110000 else "\x00")
    return "".join(chars)


def _rect_start(textpage: Any, start: int, end: int, rect_number: int, low: int) -> int:
    """The first character of box `rect_number` (counting from 0) among `start:end`, by bisection:
    the fewest characters from `start` that already need `rect_number + 1` boxes."""
    lo, hi = max(low + 1, start + 1), end
    while lo < hi:
        mid = (lo + hi) // 2
        if textpage.count_rects(start, mid - start + 1) > rect_number:
            hi = mid
        else:
            lo = mid + 1
    return lo


# -- layout -----------------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def drop_margins(pages: list[Page]) -> None:
    """Remove running headers and footers and page numbers: whole rows at the top or bottom of a
    page, in the margin, each piece of which recurs on other pages (numbers aside), is a page
    number, or is in a smaller print than the body and set apart from it. Rows are peeled from
    the edges inwards, so a table row of numbers in the body stays."""

    def in_margin(page: Page, seg: Segment) -> bool:
        return seg.base > page.height * (1 - _MARGIN) or seg.base < page.height * _MARGIN

    seen: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    for page in pages:
        seen.update({_normalised(seg.text) for seg in page.segments if in_margin(page, seg)})
        for seg in page.segments:
            sizes[round(seg.size, 1)] += len(seg.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    needed = max(2, round(0.25 * len(pages)))

    def qualifies(page: Page, seg: Segment) -> bool:
        return in_margin(page, seg) and (
            seen[_normalised(seg.text)] >= needed or bool(_PAGE_NUMBER.match(seg.text.strip()))
        )

    def set_apart(page: Page, row: list[int], inner: list[int] | None) -> bool:
        """Small print in the margin, a clear gap away from the next row in."""
        segments = [page.segments[i] for i in row]
        if not all(in_margin(page, seg) and seg.size < 0.92 * body_size for seg in segments):
            return False
        if inner is None:
            return True
        size = max(seg.size for seg in segments)
        gap = abs(segments[0].base - page.segments[inner[0]].base)
        return gap > 2.2 * size

    for page in pages:
        rows = _rows(page.segments)
        dropped: set[int] = set()
        for ordered in (rows, rows[::-1]):
            for position, row in enumerate(ordered):
                inner = ordered[position + 1] if position + 1 < len(ordered) else None
                if not (
                    all(qualifies(page, page.segments[i]) for i in row)
                    or set_apart(page, row, inner)
                ):
                    break
                dropped.update(row)
        if dropped:
            page.segments = [seg for i, seg in enumerate(page.segments) if i not in dropped]


def _rows(segments: list[Segment]) -> list[list[int]]:
    """Indices of the segments grouped by baseline, top row first."""
    rows: list[list[int]] = []
    bases: list[float] = []
    for index in sorted(range(len(segments)), key=lambda i: -segments[i].base):
        seg = segments[index]
        if rows and abs(bases[-1] - seg.base) < 0.5 * max(seg.size, 1.0):
            rows[-1].append(index)
        else:
            rows.append([index])
            bases.append(seg.base)
    return rows


def reading_order(page: Page) -> list[Segment]:
    """pdfium's drawing order, unless the page's two columns are drawn line across line."""
    segments = page.segments
    middle = page.width / 2
    slack = page.width * 0.02
    wide = page.width * 0.25

    def side(seg: Segment) -> str:
        if seg.x1 <= middle + slack:
            return "L"
        if seg.x0 >= middle - slack:
            return "R"
        return "S"

    sides = [side(seg) for seg in segments]
    left_wide = sum(
        1 for seg, s in zip(segments, sides, strict=True) if s == "L" and seg.x1 - seg.x0 > wide
    )
    across = 0
    for (a, sa), (b, sb) in zip(
        zip(segments, sides, strict=True), zip(segments[1:], sides[1:], strict=True), strict=False
    ):
        if (
            sa == "L"
            and sb == "R"
            and a.x1 - a.x0 > wide
            and b.x1 - b.x0 > wide
            and abs(a.base - b.base) < 0.5 * max(a.size, b.size)
        ):
            across += 1
    if across < 3 or across < 0.3 * left_wide:
        return segments
    # Column by column within each band between full-width lines, top to bottom.
    ordered: list[Segment] = []
    band: list[tuple[Segment, str]] = []

    def flush() -> None:
        for wanted in ("L", "R"):
            ordered.extend(seg for seg, s in band if s == wanted)
        band.clear()

    for seg, s in sorted(
        zip(segments, sides, strict=True), key=lambda pair: (-pair[0].base, pair[0].x0)
    ):
        if s == "S":
            flush()
            ordered.append(seg)
        else:
            band.append((seg, s))
    flush()
    return ordered


def page_lines(page: Page, segments: list[Segment], number: int) -> list[Line]:
    """Segments on one baseline, one after the other, make a line; wide gaps make table cells."""
    lines: list[Line] = []
    for seg in segments:
        previous = lines[-1] if lines else None
        if (
            previous is not None
            and seg.size < 0.85 * previous.size
            and -0.4 * previous.size <= seg.base - previous.base <= 0.6 * previous.size
            and -0.1 * previous.size <= seg.x0 - previous.x1 < 0.5 * previous.size
        ):
            # A superscript or subscript: part of the line it sits on.
            previous.text += seg.text
            previous.x1 = max(previous.x1, seg.x1)
            continue
        if (
            previous is not None
            and abs(seg.base - previous.base) < 0.35 * max(seg.size, previous.size, 1.0)
            and seg.x0 >= previous.x1 - 0.5 * seg.size
        ):
            gap = seg.x0 - previous.x1
            size = max(seg.size, previous.size)
            # A wide gap between runs in one font parts table cells; a font change ("Methods:"
            # in bold) may come with a space stretched by justification.
            if gap > 2 * size or (gap > 0.75 * size and seg.font_first == previous.font_last):
                previous.text = previous.text.rstrip() + " | " + seg.text.lstrip()
                previous.table = True
            elif previous.text.endswith(" ") or seg.text.startswith(" ") or gap < 0.1 * seg.size:
                previous.text += seg.text
            else:
                previous.text += " " + seg.text
            previous.x1 = max(previous.x1, seg.x1)
            previous.font_last = seg.font_last
            continue
        cell_of = _row_to_the_left(lines, seg, page.width)
        if cell_of is not None:
            # A table drawn cell by cell, each cell's lines before the next cell's.
            cell_of.text = cell_of.text.rstrip() + " | " + seg.text.lstrip()
            cell_of.table = True
            cell_of.x1 = max(cell_of.x1, seg.x1)
            cell_of.font_last = seg.font_last
            continue
        lines.append(
            Line(
                text=seg.text,
                x0=seg.x0,
                x1=seg.x1,
                base=seg.base,
                size=seg.size,
                font_first=seg.font_first,
                font_last=seg.font_last,
                page=number,
            )
        )
    for line in lines:
        line.text = re.sub(r"[ \t]+", " ", line.text).strip()
    # Each line's column: the lines of the page that start near it.
    reach = page.width * 0.15
    plain = [line for line in lines if not line.table]
    edges: dict[tuple[int, float], tuple[float, float]] = {}
    for line in lines:
        key = (round(line.x0), round(line.size, 1))
        if key not in edges:
            peers = [
                other
                for other in plain
                if abs(other.x0 - line.x0) <= reach
                and abs(other.size - line.size) <= 0.12 * line.size
            ] or [line]
            edges[key] = (min(o.x0 for o in peers), max(o.x1 for o in peers))
        line.left, line.right = edges[key]
        line.left, line.right = min(line.left, line.x0), max(line.right, line.x1)
    return lines


def _row_to_the_left(lines: list[Line], seg: Segment, width: float) -> Line | None:
    """A recent narrow line on `seg`'s baseline that ends left of it: the row of a table cell."""
    if seg.x1 - seg.x0 > 0.3 * width:
        return None
    for line in reversed(lines[-8:]):
        if (
            abs(line.base - seg.base) < 0.35 * max(seg.size, line.size, 1.0)
            and seg.x0 >= line.x1 + 0.5 * seg.size
            and line.x1 - line.x0 < 0.5 * width
        ):
            return line
    return None


class Vocabulary:
    """The words of the document, to decide whether a word broken at a line end had a hyphen."""

    def __init__(self, texts: Iterator[str]) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        broken = False  # the text before ended in a hyphen: this one opens with a word's end
        for text in texts:
            text = text.strip()
            ends_broken = text[-1:] in ("-", *_SOFT_HYPHENS)
            tokens = [match.group().lower() for match in _WORD.finditer(text)]
            if broken and tokens:
                tokens.pop(0)
            if ends_broken and tokens:
                tokens.pop()
            broken = ends_broken
            for token in tokens:
                if "-" in token:
                    self.compounds.add(token)
                    self.words.update(token.split("-"))
                else:
                    self.words.add(token)

    def join(self, left: str, right: str) -> str:
        """`left` and `right` are the parts of a word hyphenated at a line end: the word, with
        its hyphen if it is a compound ("follow-up", "nitrate-rich", "twenty-four")."""
        head = re.search(r"[^\W\d_]+$", left)
        tail = re.match(r"[^\W\d_]+", right)
        if head is None or tail is None:
            return left + "-" + right
        a, b = head.group().lower(), tail.group().lower()
        if f"{a}-{b}" in self.compounds:
            return left + "-" + right
        if a + b in self.words:
            return left + right
        if right[:1].isupper():
            return left + "-" + right
        if b in _SUFFIXES:
            return left + right
        if a in _HYPHEN_PREFIXES or a in _TENS:
            return left + "-" + right
        if len(a) >= 4 and len(b) >= 3 and a in self.words:
            return left + "-" + right
        return left + right


@dataclass(slots=True)
class Block:
    text: str
    table: bool = False


def paragraphs(lines: list[Line], vocabulary: Vocabulary) -> list[Block]:
    """Lines joined into paragraphs with spaces; table rows stay one a line."""
    ratios = [
        (a.base - b.base) / a.size
        for a, b in itertools.pairwise(lines)
        if a.page == b.page
        and 0 < a.base - b.base < 3 * a.size
        and abs(a.x0 - b.x0) < a.size * 4
        and abs(a.size - b.size) < 0.12 * a.size
    ]
    pitch = statistics.median(ratios) if ratios else 0.0
    blocks: list[Block] = []
    previous: Line | None = None
    for line in lines:
        if previous is None or line.table or previous.table or _breaks(previous, line, pitch):
            blocks.append(Block(line.text, table=line.table))
        else:
            blocks[-1].text = _join_lines(blocks[-1].text, line.text, vocabulary)
        previous = line
    for block in blocks:
        block.text = _CONTROL.sub("", block.text.replace("\ufffe", "-")).strip()
    return [block for block in blocks if block.text]


def _breaks(previous: Line, line: Line, pitch: float) -> bool:
    """Whether `line` starts a new paragraph rather than continuing `previous`."""
    column_width = max(previous.right - previous.left, 1.0)
    full = previous.x1 >= previous.right - max(0.12 * column_width, 2 * previous.size)
    ends_sentence = previous.text.rstrip().endswith((".", "!", "?", ":", '"', "”", ")"))
    if abs(line.size - previous.size) > 0.12 * max(line.size, previous.size):
        return True
    if line.page != previous.page or line.base > previous.base + 0.5 * previous.size:
        # A new page or column: the paragraph goes on if the last line ran to the margin.
        return not full
    if pitch and previous.base - line.base > 1.3 * pitch * previous.size:
        return True
    font_change = bool(previous.font_last and line.font_first) and (
        _weight(previous.font_last) != _weight(line.font_first)
    )
    if ends_sentence and font_change:
        return True  # a bold "Label:" opening a line after a sentence
    # A heading: a short line all in bold (a title's lines in bold run on, wider).
    heading = (
        _weight(previous.font_first)
        and _weight(previous.font_last)
        and previous.x1 - previous.x0 < 0.6 * column_width
    )
    return not full and (ends_sentence or font_change or heading)


@functools.lru_cache(maxsize=256)
def _weight(font: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|demi", font, re.IGNORECASE))


def _join_lines(text: str, line: str, vocabulary: Vocabulary) -> str:
    hyphen = text[-1:] in ("-", *_SOFT_HYPHENS) and text[-2:-1].isalpha()
    if hyphen and line[:1].isalpha() and line[:1].islower():
        head = text[:-1]
        word_start = len(head) - len(re.search(r"\S*$", head).group())  # type: ignore[union-attr]
        right_word = re.match(r"\S*", line).group()  # type: ignore[union-attr]
        joined = vocabulary.join(head[word_start:], right_word)
        return head[:word_start] + joined + line[len(right_word) :]
    if text[-1:] in _SOFT_HYPHENS and line[:1].isalnum():
        return text[:-1] + "-" + line  # "Kellgren-|Lawrence", "COVID-|19"
    if text.endswith("-") and len(text) > 1 and text[-2].isalnum() and line[:1].isalnum():
        return text + line
    return text + " " + line


def split_references(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The body, and the reference list (from its heading to tables or appendices after it)."""
    indices, references = find_references([block.text for block in blocks])
    if not references:
        return blocks, []
    drop = set(indices)
    return [block for i, block in enumerate(blocks) if i not in drop], references


def _join_blocks(blocks: list[Block]) -> Iterator[str]:
    """Paragraphs apart by a blank line; the rows of a table together."""
    for index, block in enumerate(blocks):
        if index and not (block.table and blocks[index - 1].table):
            yield ""
        yield block.text


def _title(declared: str, lines: list[Line]) -> str:
    declared = " ".join(declared.split())
    if declared and not _BAD_TITLES.match(declared) and len(declared) > 8:
        return declared
    first_page = [line for line in lines if line.page == 0][:40]
    if not first_page:
        return ""
    biggest = max(line.size for line in first_page)
    body = statistics.median(line.size for line in first_page)
    if biggest <= body * 1.1:
        return ""
    title: list[str] = []
    for line in first_page:
        if line.size >= biggest * 0.95:
            title.append(line.text)
        elif title:
            break
    return " ".join(title)


def _authors(declared: str) -> str:
    declared = " ".join(declared.split())
    if not declared or declared.lower() in {"anonymous", "unknown", "unspecified", "user"}:
        return ""
    parts = re.split(r";" if ";" in declared else r",|\band\b|&", declared)
    names = [part.strip() for part in parts if part.strip()]
    if len(names) == 2 and all(" " not in name for name in names):
        return declared  # "Marsh, Helena": one name, written last name first
    return "; ".join(names)


def _first_group(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(1) if match else ""
