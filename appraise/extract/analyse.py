"""analyse(article) -> Findings: runs every extractor over one article."""

from __future__ import annotations

from appraise.extract.findings import Findings
from appraise.ingest import Article


def analyse(article: Article) -> Findings:
    return Findings()
