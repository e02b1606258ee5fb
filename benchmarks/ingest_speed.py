"""Load time of the non-text readers: a 30-page two-column PDF and a large saved web page.

Usage: python benchmarks/ingest_speed.py [--pages 30] [--html-kb 1000]

Both documents are generated from our corpus's full texts with the test renderers
(tests/ingest/ingest_documents.py; needs the `dev` extra for reportlab). Prints, for each, the
first load in a fresh interpreter (imports included) and the best of three loads in this process,
then the same for the JATS rendering of the same text and for the plain text, to compare.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

from ingest_documents import CORPUS, Block, Doc, parse_text, to_html, to_jats, to_pdf  # noqa: E402

from appraise.ingest import load_article  # noqa: E402


def corpus_doc() -> Doc:
    """All our full texts as one long article: one title, every body after the other."""
    docs = [parse_text(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("full_*.txt"))]
    blocks: list[Block] = []
    references: list[str] = []
    for doc in docs:
        blocks.append(Block("heading", doc.title))
        blocks.extend(doc.blocks)
        references.extend(doc.references)
    return Doc(docs[0].title, blocks, references)


def pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def make_pdf(folder: Path, pages: int) -> Path:
    doc = corpus_doc()
    path = folder / "long.pdf"
    repeat = 1
    while True:
        to_pdf(doc, path, repeat=repeat)
        count = pdf_pages(path)
        if count >= pages:
            return path
        repeat = max(repeat + 1, int(repeat * pages / count + 0.999))


def make_html(folder: Path, kilobytes: int) -> Path:
    doc = corpus_doc()
    one = to_html(doc)
    repeat = max(1, kilobytes * 1024 // len(one.encode("utf-8")))
    big = Doc(doc.title, doc.blocks * repeat, doc.references)
    path = folder / "long.html"
    path.write_text(to_html(big), encoding="utf-8")
    return path


def best_of(runs: int, path: Path) -> tuple[float, int]:
    best = float("inf")
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        article = load_article(path)
        best = min(best, time.perf_counter() - start)
        size = len(article.text)
    return best, size


def cold(path: Path) -> float:
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "start = time.perf_counter()\n"
        "from appraise.ingest import load_article\n"
        f"load_article({str(path)!r})\n"
        "print(time.perf_counter() - start)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    return float(result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30, help="PDF pages (default 30)")
    parser.add_argument("--html-kb", type=int, default=1000, help="web page size (default 1000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = make_pdf(folder, args.pages)
        html = make_html(folder, args.html_kb)
        jats = folder / "long.xml"
        jats.write_text(to_jats(corpus_doc()), encoding="utf-8")
        text = folder / "long.txt"
        text.write_text(load_article(pdf).text, encoding="utf-8")
        rows = [
            (f"PDF, {pdf_pages(pdf)} pages, two columns", pdf),
            (f"web page, {html.stat().st_size // 1024:,} KB", html),
            (f"JATS XML, {jats.stat().st_size // 1024:,} KB", jats),
            (f"plain text of the PDF, {text.stat().st_size // 1024:,} KB", text),
        ]
        print(f"{'document':<36} {'file':>9} {'text':>10} {'cold':>8} {'warm':>8}")
        for label, path in rows:
            warm, chars = best_of(3, path)
            print(
                f"{label:<36} {path.stat().st_size / 1024:>7,.0f}KB {chars:>10,} "
                f"{cold(path):>7.2f}s {warm:>7.2f}s"
            )
        print("cold: first load in a fresh interpreter, imports included; warm: best of 3.")


if __name__ == "__main__":
    main()
