"""`appraise fetch PMID|PMCID|DOI|URL [-o FILE]`: download an article, as appraise will read it."""

from __future__ import annotations

import argparse
import sys

from appraise.errors import InputError, Problem

_FORMATS = {
    "pdf": "PDF",
    "html": "web page",
    "jats": "JATS XML",
    "pubmed": "PubMed XML",
    "text": "text",
    "markdown": "Markdown",
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="appraise fetch",
        description="Download an article: a PubMed record by PMID (title and abstract), a PubMed "
        "Central full text by PMCID, a DOI's landing page, or any web page such as a news "
        "story. Downloads are cached in your cache folder (APPRAISE_CACHE_DIR overrides it), so "
        "`appraise extract REF` and `appraise REF` read the same copy. Without -o, prints the "
        "article's text as appraise reads it.",
    )
    p.add_argument("reference", metavar="PMID|PMCID|DOI|URL", help="what to fetch")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="save the document as downloaded (XML, HTML or PDF) to FILE; `appraise FILE` reads it",
    )
    p.add_argument(
        "--text", action="store_true", help="with -o, save the article's plain text instead"
    )
    p.add_argument(
        "--refresh", action="store_true", help="download again even if a cached copy exists"
    )
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    from appraise.ingest.fetch import fetch, read_fetched
    from appraise.ingest.reference import parse_reference

    reference = parse_reference(args.reference)
    if reference is None:
        raise InputError(
            Problem(
                "not a PMID, PMCID, DOI or URL (for example 12345678, PMC1234567, "
                "10.1000/xyz123 or https://...)",
                args.reference,
            )
        )
    fetched = fetch(reference, refresh=args.refresh)
    article = read_fetched(reference, fetched)
    if not args.output:
        sys.stdout.write(article.text if article.text.endswith("\n") else article.text + "\n")
        return 0
    data = article.text.encode("utf-8") if args.text else fetched.data
    from appraise.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(args.output, data)
    except OSError as exc:
        raise InputError(
            Problem(f"cannot save the article: {exc.strerror or exc}", args.output)
        ) from None
    kind = "text" if args.text else _FORMATS.get(article.metadata.get("format", ""), "document")
    print(f"saved {args.output}: {kind}, {len(data):,} bytes")
    from appraise.report.view import safe_text

    print(f"  {safe_text(article.title)}")
    source = article.metadata.get("url")
    if source:
        print(f"  from {safe_text(source)}")
    return 0
