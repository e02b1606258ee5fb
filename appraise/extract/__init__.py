"""Extraction: facts about the study, with verbatim evidence, independent of any checklist."""

from __future__ import annotations

from appraise.extract.analyse import analyse
from appraise.extract.findings import Evidence, Findings

__all__ = ["Evidence", "Findings", "analyse"]
