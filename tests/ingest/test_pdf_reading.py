"""PDFs: reading order, running heads and page numbers, hyphenation, tables, references, scans."""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from ingest_documents import Doc, parse_text, to_pdf, to_pdf_across
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as pdfcanvas

from appraise.errors import InputError
from appraise.ingest import article_from_data, load_article

WIDTH, HEIGHT = A4


def one_problem(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    (problem,) = excinfo.value.problems
    return str(problem)


def paragraphs(doc: Doc) -> list[str]:
    return [
        block.text if block.kind != "label" else f"{block.label}: {block.text}"
        for block in doc.blocks
        if block.kind in ("para", "label")
    ]


@pytest.fixture(scope="module")
def full_pdf(tmp_path_factory: pytest.TempPathFactory, full_text_doc: Doc) -> Path:
    # Three copies of the body: five pages, so the running heads recur.
    return to_pdf(full_text_doc, tmp_path_factory.mktemp("pdf") / "full.pdf", repeat=3)


def test_two_columns_read_in_order_with_heads_and_page_numbers_dropped(
    full_pdf: Path, full_text_doc: Doc
) -> None:
    article = load_article(full_pdf)
    text = article.text
    assert "J Clin Test Med 2024;12:101-109" not in text
    assert "Original research" not in text
    assert "https://doi.org/10.5555/jctm.2024.0101" not in text
    assert not [line for line in text.splitlines() if re.fullmatch(r"\s*\d{1,3}\s*", line)]
    # Every paragraph comes through whole (hyphenations undone) and in the order written.
    position = 0
    for paragraph in paragraphs(full_text_doc):
        found = text.find(paragraph, position)
        assert found >= 0, paragraph[:80]
        position = found + len(paragraph)


def test_title_authors_and_doi(full_pdf: Path, full_text_doc: Doc) -> None:
    article = load_article(full_pdf)
    assert article.title == full_text_doc.title
    assert article.text.startswith(full_text_doc.title + "\n")
    assert article.metadata["authors"] == "A. Author"
    assert article.metadata["doi"] == "10.5555/jctm.2024.0101"
    assert article.metadata["format"] == "pdf"


def test_references_kept_apart(full_pdf: Path, full_text_doc: Doc) -> None:
    article = load_article(full_pdf)
    assert "References" not in article.text.splitlines()
    assert "Whitaker D, Lowe M" not in article.text
    assert article.metadata["references"].splitlines() == full_text_doc.references


def test_table_rows_stay_together(full_pdf: Path) -> None:
    lines = load_article(full_pdf).text.splitlines()
    assert any(line.endswith("| 4.6 | 5.1 | −0.5 (−1.2 to 0.2) | 0.16") for line in lines)
    assert any("| 6 (9.4) | 8 (12.5) |" in line for line in lines)


def hyphenated_pdf() -> bytes:
    """One column with words broken at line ends: syllables, compounds and a number."""
    lines = [
        "Participants were randomi-",
        "sed to the study drug or a placebo-",
        "controlled comparison; follow-",
        "up lasted twenty-",
        "four weeks, and the treat-",
        "ment was effec-",
        "tive in most of the nitrate-",
        "rich juice group. Nitrate was well liked.",
    ]
    buffer = io.BytesIO()
    canvas = pdfcanvas.Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for number, line in enumerate(lines):
        canvas.drawString(72, HEIGHT - 100 - 12 * number, line)
    canvas.save()
    return buffer.getvalue()


def test_words_hyphenated_across_lines_are_joined() -> None:
    text = article_from_data(hyphenated_pdf(), "h.pdf").text
    assert text.strip() == (
        "Participants were randomised to the study drug or a placebo-controlled comparison; "
        "follow-up lasted twenty-four weeks, and the treatment was effective in most of the "
        "nitrate-rich juice group. Nitrate was well liked."
    )


def test_columns_drawn_line_across_line_are_put_back_in_order(
    tmp_path: Path, full_text_doc: Doc
) -> None:
    # Left line, right line, next row...: the PDF's order is not the reading order.
    text = load_article(to_pdf_across(full_text_doc, tmp_path / "across.pdf")).text
    blocks = [full_text_doc.title] + [
        f"{block.label}: {block.text}" if block.kind == "label" else block.text
        for block in full_text_doc.blocks
    ]
    assert text.split() == " ".join(blocks).split()


def test_single_page_heads_in_small_print_are_dropped(tmp_path: Path) -> None:
    doc = parse_text((Path(__file__).parent.parent / "corpus" / "abs_cohort_01.txt").read_text())
    text = load_article(to_pdf(doc, tmp_path / "one.pdf")).text
    assert text.startswith(doc.title)
    assert "J Clin Test Med" not in text and "doi.org" not in text


def test_pdf_read_from_several_threads_at_once(full_pdf: Path) -> None:
    data = full_pdf.read_bytes()
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(lambda _: article_from_data(data, "t.pdf").text, range(8)))
    assert len(set(texts)) == 1


# -- PDFs that cannot be read -------------------------------------------------------------------


def scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    picture = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(picture).text((40, 40), "We studied 9 patients.", fill=0)
    buffer = io.BytesIO()
    canvas = pdfcanvas.Canvas(buffer, pagesize=A4)
    canvas.drawImage(ImageReader(picture), 0, 0, WIDTH, HEIGHT)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_scan_without_text_layer_is_named() -> None:
    with pytest.raises(InputError) as caught:
        article_from_data(scanned_pdf(), "scan.pdf")
    assert one_problem(caught) == (
        "scan.pdf: the PDF has no text layer: its pages are images (a scan?). Run it through "
        "OCR first (for example `ocrmypdf in.pdf out.pdf`) and open the result"
    )


def test_a_pdf_of_blank_pages() -> None:
    buffer = io.BytesIO()
    canvas = pdfcanvas.Canvas(buffer, pagesize=A4)
    canvas.showPage()
    canvas.save()
    with pytest.raises(InputError) as caught:
        article_from_data(buffer.getvalue(), "blank.pdf")
    assert one_problem(caught) == "blank.pdf: the PDF has no text"


def test_a_password_protected_pdf() -> None:
    buffer = io.BytesIO()
    canvas = pdfcanvas.Canvas(buffer, pagesize=A4, encrypt="secret")
    canvas.drawString(72, 700, "We studied 9 patients.")
    canvas.save()
    with pytest.raises(InputError) as caught:
        article_from_data(buffer.getvalue(), "locked.pdf")
    assert one_problem(caught) == (
        "locked.pdf: the PDF is protected by a password: save an unprotected copy and open that"
    )


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + bytes(range(256)) * 8, b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"],
    ids=["garbage", "truncated"],
)
def test_a_damaged_pdf(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        article_from_data(data, "broken.pdf")
    assert one_problem(caught) == "broken.pdf: not a readable PDF (damaged or truncated?)"


def test_a_scanned_page_among_text_pages_is_a_warning(full_pdf: Path) -> None:
    from pypdfium2 import PdfDocument

    merged = PdfDocument(full_pdf.read_bytes())
    merged.import_pages(PdfDocument(scanned_pdf()))
    buffer = io.BytesIO()
    merged.save(buffer)
    article = article_from_data(buffer.getvalue(), "mixed.pdf")
    assert article.warnings == [
        f"page {len(merged)} of {len(merged)} has no text layer (scanned?); that text is missing"
    ]
