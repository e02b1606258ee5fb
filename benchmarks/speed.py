"""Extraction speed, printed as figures and as ratios to a plain regex word scan.

Usage: python benchmarks/speed.py [--abstracts N]

Prints, in one run:
- a batch of N abstracts (default 1,000, cycled from our corpus's abstracts) through ingest and
  analyse in this process, as abstracts per second, next to `re.findall(r"\\w+")` over the same
  texts (the ratio says how many word scans one extraction costs);
- one ~300 KB full text (our full-text articles repeated), the same two ways;
- the cold start of `appraise extract` on the seed, as a subprocess (best of 5), next to the cold
  start of `python -c pass`.
Targets: 1,000 abstracts a second on one core; 300 KB under 100 ms; cold start under 300 ms.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from appraise.extract import analyse  # noqa: E402
from appraise.ingest import article_from_text  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
SEED = ROOT / "seeds" / "lupus-stem-cell-safety-news.txt"
WORDS = re.compile(r"\w+")


def abstracts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*abs_*.txt"))]
    return [t for t in texts if len(t) < 4000]


def full_text(size: int = 300_000) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("full_*.txt"))]
    text = "\n\n".join(parts)
    return (text * (size // len(text) + 1))[:size]


def best_of(runs: int, work: object) -> float:
    assert callable(work)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def batch(count: int) -> None:
    pool = abstracts()
    texts = [pool[i % len(pool)] for i in range(count)]

    def extract_all() -> None:
        for text in texts:
            analyse(article_from_text(text))

    def scan_all() -> None:
        for text in texts:
            WORDS.findall(text)

    extract = best_of(3, extract_all)
    scan = best_of(3, scan_all)
    size = sum(map(len, texts)) / len(texts)
    print(
        f"batch: {count} abstracts (mean {size:,.0f} chars) in {extract:.3f} s = "
        f"{count / extract:,.0f} abstracts/s (target 1,000/s)"
    )
    print(
        f"       word scan of the same texts {scan * 1000:.1f} ms; extraction = "
        f"{extract / scan:,.0f}x a word scan"
    )


def large() -> None:
    text = full_text()

    def extract() -> None:
        analyse(article_from_text(text))

    took = best_of(3, extract)
    scan = best_of(5, lambda: WORDS.findall(text))
    print(
        f"full text: {len(text):,} chars in {took * 1000:.0f} ms (target < 100 ms); "
        f"word scan {scan * 1000:.1f} ms; ratio {took / scan:,.0f}x"
    )


def cold_start() -> None:
    def run(args: list[str]) -> float:
        return best_of(5, lambda: subprocess.run(args, check=True, capture_output=True))

    appraise = run([sys.executable, "-m", "appraise", "extract", str(SEED), "--json"])
    python = run([sys.executable, "-c", "pass"])
    print(
        f"cold start: appraise extract on the seed {appraise * 1000:.0f} ms (target < 300 ms); "
        f"bare python {python * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--abstracts", type=int, default=1000)
    args = parser.parse_args()
    batch(args.abstracts)
    large()
    cold_start()


if __name__ == "__main__":
    main()
