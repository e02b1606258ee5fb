"""The summary as one self-contained HTML page: the traffic-light plot (inline SVG) and a table
of grades. No script, no network (a Content-Security-Policy forbids it), everything escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from appraise import __version__
from appraise.report.export_csv import Level, study_names
from appraise.report.summary_svg import STUDY_LIMIT, summary_svg
from appraise.report.view import ReportView, format_number, safe_text

CSS = """
body { margin: 0 auto; max-width: 72rem; padding: 2rem 1.5rem; color: #1d1d1f; background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #d9d9de; }
.plot { overflow-x: auto; }
.plot svg { max-width: 100%; height: auto; }
table { width: 100%; border-collapse: collapse; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .55rem;
  border-bottom: 1px solid #d9d9de; }
th { font-size: .78rem; text-transform: uppercase; letter-spacing: .03em; color: #5f6368; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td { overflow-wrap: anywhere; }
footer { margin-top: 2rem; font-size: .8rem; color: #5f6368; }
@media print {
  @page { size: landscape; margin: 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  tr, .plot { break-inside: avoid; }
}
"""


def summary_html(views: Sequence[ReportView], files: Sequence[str], by: Level = "section") -> str:
    names = study_names(views, STUDY_LIMIT)
    checklist = views[0].checklist
    title = f"Appraisals of {len(views)} article{'s' if len(views) != 1 else ''}"
    rows = []
    for view, name, file in zip(views, names, files, strict=True):
        score = view.report.score
        percent = "" if score.percent is None else f"{format_number(round(score.percent))}%"
        rows.append(
            "<tr>"
            f"<td>{_e(name)}</td>"
            f"<td>{_e(view.report.appraiser)}</td>"
            f"<td>{_e(score.grade or 'none yet')}</td>"
            f'<td class="num">{percent}</td>'
            f"<td>{_e(', '.join(score.critical_failures)) or 'none'}</td>"
            f'<td class="num">{len(score.unanswered)}</td>'
            f"<td>{_e(file)}</td>"
            "</tr>"
        )
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en">',
                "<head>",
                '<meta charset="utf-8">',
                '<meta http-equiv="Content-Security-Policy" '
                "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{_e(title)}</title>",
                f"<style>{CSS}</style>",
                "</head>",
                "<body>",
                f"<h1>{_e(title)}</h1>",
                f"<p>{_e(checklist.title)} ({_e(checklist.id)} {_e(checklist.version)})</p>",
                f'<div class="plot">{summary_svg(views, by, names, heading=False)}</div>',
                "<h2>Grades</h2>",
                "<table><thead><tr><th>Study</th><th>Appraiser</th><th>Grade</th><th>Percent</th>"
                "<th>Critical failures</th><th>Unanswered</th><th>Report</th></tr></thead><tbody>",
                *rows,
                "</tbody></table>",
                f"<footer>Written by appraise {_e(__version__)}.</footer>",
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )


def _e(text: str) -> str:
    return escape(safe_text(text), quote=True)
