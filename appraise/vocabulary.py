"""The words for the design and control vocabularies, so every part says them the same way."""

from __future__ import annotations

DESIGN_WORDS: dict[str, str] = {
    "rct": "a randomised controlled trial",
    "non-randomised-controlled": "a non-randomised controlled study",
    "single-arm": "a single-arm study",
    "cohort": "a cohort study",
    "case-control": "a case-control study",
    "cross-sectional": "a cross-sectional study",
    "case-series": "a case series",
    "case-report": "a case report",
    "systematic-review": "a systematic review",
    "other": "a study of another design",
}

CONTROL_WORDS: dict[str, str] = {
    "placebo": "a placebo or sham control",
    "active": "an active comparator",
    "usual-care": "usual or standard care",
    "no-treatment": "no treatment or a wait-list",
    "historical": "historical controls",
    "observational": "a comparison group defined by exposure or outcome",
}
