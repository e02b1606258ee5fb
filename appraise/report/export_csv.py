"""Reports as CSV in the layout robvis reads, for a review team's usual risk-of-bias plots.

One row per report: `Study`, one column per domain, `Overall`, `Weight`. Read it in R with

    data <- read.csv("appraisals.csv", header = TRUE)
    robvis::rob_traffic_light(data, tool = "Generic")
    robvis::rob_summary(data, tool = "Generic", overall = TRUE, weighted = FALSE)

- **Domains** are the checklist's sections (the default: a judgement per domain, as risk-of-bias
  tools make them), or its items with `--by item`. Sections and items that are never scored
  (free-text context) are left out.
- **Judgements** follow the share of the available points the answers earned: all of them
  `Low`, some `Some concerns`, none `High`; an item answered "not applicable" (or a section
  whose items all were) `Not applicable`; nothing answered yet `No information`. A section is
  judged on the items answered in it.
- **Overall** is the grade: the checklist's best grade `Low`, its worst `High`, any between
  `Some concerns` (the critical-item cap is already in the grade); no grade yet
  `No information`.
- **Study** is the article's title, or its path when it has none; where several reports share
  one, the appraiser's name is added (then a number).
- **Weight** is 1 for every study: robvis reads a numeric last column as weights; put your
  meta-analysis weights there if you have them.

A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) is prefixed
with `'`, as OWASP advises for CSV files that may be opened in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from appraise.report.view import Light, ReportView, grade_rank, safe_text

Level = Literal["section", "item"]

JUDGEMENTS: dict[Light, str] = {
    "full": "Low",
    "partial": "Some concerns",
    "none": "High",
    "na": "Not applicable",
    "unanswered": "No information",
    "unscored": "No information",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def domains(view: ReportView, by: Level) -> list[tuple[str, str, Light]]:
    """`(id, name, light)` for each domain column."""
    if by == "section":
        return [(s.id, s.title, s.light) for s in view.scored_sections]
    return [(i.id, i.prompt, i.light) for i in view.items if i.max_points is not None]


def overall(view: ReportView) -> str:
    return JUDGEMENTS[grade_rank(view.checklist, view.report.score.grade)]


def study_names(views: Sequence[ReportView], limit: int | None = None) -> list[str]:
    """Each report's study label: its article's title (or path), clipped to `limit`; where
    several reports share one, the appraiser's name is added, then a number if still needed."""
    names = [
        _clip(" ".join((v.report.article.title or v.report.article.path).split()), limit)
        for v in views
    ]
    totals = Counter(names)
    names = [
        f"{name} ({v.report.appraiser})" if totals[name] > 1 and v.report.appraiser else name
        for name, v in zip(names, views, strict=True)
    ]
    totals = Counter(names)
    seen: Counter[str] = Counter()
    result = []
    for name in names:
        seen[name] += 1
        result.append(f"{name} #{seen[name]}" if totals[name] > 1 else name)
    return result


def robvis_table(views: Sequence[ReportView], by: Level = "section") -> list[list[str]]:
    """The header row and one row per report. The columns are the first report's domains."""
    if not views:
        return [["Study", "Overall", "Weight"]]
    columns = domains(views[0], by)
    rows = [["Study", *(name for _, name, _ in columns), "Overall", "Weight"]]
    for view, study in zip(views, study_names(views), strict=True):
        lights = {domain_id: light for domain_id, _, light in domains(view, by)}
        judged = [JUDGEMENTS[lights.get(domain_id, "unanswered")] for domain_id, _, _ in columns]
        rows.append([study, *judged, overall(view), "1"])
    return rows


def robvis_csv(views: Sequence[ReportView], by: Level = "section") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in robvis_table(views, by):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def _clip(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will show, not run, with no control characters."""
    value = safe_text(value)
    return f"'{value}" if value.startswith(_FORMULA_START) else value
