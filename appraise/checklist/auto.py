"""`--checklist auto`: pick the checklist that suits the article, and say why.

The choice is a pure function of the findings and the article's text:

1. A news story about a study gets `health-news`, whatever the study's design: what a club
   appraises then is the story. An article reads as a news story when it has none of the section
   labels of an abstract or a paper (`Background:`, `Methods:`, `Results`...) and at least two
   kinds of journalistic marker: reported speech (`said`, `says`, `told`, `according to`, twice or
   more), a quotation of some length, a journal named as where the study was published
   (`published in`, `in the journal`), a dateline (`LONDON (Reuters) -`, `WASHINGTON —`), the
   study's people in the third person (`the researchers`, `the scientists`, `lead author`, twice
   or more), news framing (`a new study`, `study finds`, `click here`), or a columnist's own
   voice (`a reader writes`, `I was glad`, a `Q.`/`A.` column).
2. Otherwise the design found decides: rct → `rct`, cohort → `cohort`, case-control →
   `case-control`, case-series, single-arm and case-report → `case-series`.
3. Anything else (another design, or none found) gets the default checklist.

The caller loads the id chosen, and falls back to the default when no checklist has that id.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING

from appraise.vocabulary import DESIGN_WORDS

if TYPE_CHECKING:
    from appraise.extract.findings import Findings
    from appraise.ingest import Article

AUTO = "auto"
"""The value of `--checklist` (or of `default_checklist` in the config) that asks for this."""

DEFAULT = "clinical-study"

NEWS_CHECKLIST = "health-news"

BY_DESIGN: dict[str, str] = {
    "rct": "rct",
    "cohort": "cohort",
    "case-control": "case-control",
    "case-series": "case-series",
    "single-arm": "case-series",
    "case-report": "case-series",
}


_LABELS = (
    r"abstract|background|introduction|objectives?|aims?|purpose|context|importance|methods?|"
    r"design|setting|participants|patients|interventions?|exposures?|main outcomes?(?: and "
    r"measures?)?|outcome measures?|measurements|results|findings|conclusions?|interpretation|"
    r"discussion|limitations|funding|trial registration"
)
_SECTION_LABEL = re.compile(
    rf"^[ \t]*(?:#+[ \t]*)?(?:\d+\.?[ \t]+)?(?:{_LABELS})[ \t]*(?::|\.?[ \t]*$)",
    re.IGNORECASE | re.MULTILINE,
)

# name -> (pattern, how many times it must occur, words for the reason)
_MARKERS: dict[str, tuple[re.Pattern[str], int, str]] = {
    "speech": (
        re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE),
        2,
        "reported speech",
    ),
    "quote": (re.compile(r"[\"“][^\"”\n]{20,}[\"”]"), 1, "quotations"),
    "journal": (
        re.compile(
            r"\bpublished\b[^.\n]{0,40}?\bin\b\s+(?:the\s+)?(?:journal\b|[A-Z])"
            r"|\bin the journal\b|\bjournal [A-Z]",
        ),
        1,
        "the journal it was published in",
    ),
    "dateline": (
        re.compile(
            r"^[ \t]*[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .]+\))?[ \t]*(?:—|–|--?)[ \t]"
            r"|\((?:Reuters|AP|AFP|HealthDay News|UPI)\)",
            re.MULTILINE,
        ),
        1,
        "a dateline",
    ),
    "third_person": (
        re.compile(
            r"\b(?:the (?:researchers|scientists)|(?:lead|senior|first|study) author|"
            r"co-?author)\b",
            re.IGNORECASE,
        ),
        2,
        "the researchers in the third person",
    ),
    "framing": (
        re.compile(
            r"\ban? (?:new|recent|latest) (?:study|trial|analysis|report)\b|\bclick here\b|"
            r"\bread more\b|\b(?:study|research|survey) (?:finds|says|suggests|shows)\b|"
            r"\baccording to (?:new )?research\b|\b(?:study|trial|review|report) published (?:this|"
            r"last) (?:week|month|year|spring|summer|autumn|fall|winter)\b",
            re.IGNORECASE,
        ),
        1,
        "news framing ('a new study')",
    ),
    "voice": (
        re.compile(
            r"\b(?:a reader|readers|I (?:was|am|have|asked|spoke|think|wrote))\b"
            r"|(?m:^Q[.:] )|\b[Mm]y \d+-year-old\b"
        ),
        1,
        "a columnist's own voice",
    ),
}

_NEWS_MIN_MARKERS = 2
_PROBE = 20_000
"""Only the beginning of a long text is looked at: enough for a story, and bounded."""


def news_markers(text: str) -> list[str]:
    """The journalistic markers found in `text` (in words), or none when it has the section
    labels of an abstract or a paper."""
    head = text[:_PROBE]
    if _SECTION_LABEL.search(head):
        return []
    found: list[str] = []
    for pattern, needed, words in _MARKERS.values():
        if sum(1 for _ in islice(pattern.finditer(head), needed)) >= needed:
            found.append(words)
    return found


def is_news_story(text: str) -> bool:
    return len(news_markers(text)) >= _NEWS_MIN_MARKERS


def choose_checklist(
    findings: Findings, article: Article, default: str = DEFAULT
) -> tuple[str, str]:
    """The id of the checklist that suits the article, and why, in words that finish the
    sentence "the article ..." or stand in brackets after the id."""
    markers = news_markers(article.text)
    if len(markers) >= _NEWS_MIN_MARKERS:
        return NEWS_CHECKLIST, f"the article reads as a news story: {', '.join(markers)}"
    design = findings.design.value
    if design is None:
        return default, "the design is not clear from the article: the default checklist"
    words = DESIGN_WORDS.get(design, f"a {design} study")
    chosen = BY_DESIGN.get(design)
    if chosen is None:
        return default, f"the article reads as {words}, which no specific checklist covers"
    return chosen, f"the article reads as {words}"
