"""A traffic-light plot across articles, drawn as SVG by hand: no display, no plotting library.

Rows are articles, columns the checklist's domains (sections) or items, as robvis draws
risk-of-bias tables: a coloured circle per judgement with a symbol inside (so it reads in grey
and for colour-blind readers), an `Overall` column for the grade, the grade and percentage in
words, the domains spelled out under the plot, and a legend. Every text is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from appraise.checklist.model import Checklist
from appraise.report.export_csv import Level, domains, study_names
from appraise.report.view import (
    LIGHT_COLOURS,
    LIGHT_SYMBOLS,
    LIGHT_WORDS,
    Light,
    ReportView,
    format_number,
    grade_rank,
    safe_text,
)

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
ROW = 34
COLUMN = 40
RADIUS = 13
PAD = 16
CHAR = 7.0
"""An average character's width at 13px, to size the label column without measuring text."""
STUDY_LIMIT = 60
DARK_SYMBOL: set[Light] = {"partial", "unanswered", "unscored"}
LEGEND_INDENT = 112.0
LEGEND: tuple[Light, ...] = ("full", "partial", "none", "na", "unanswered")


def summary_svg(
    views: Sequence[ReportView],
    by: Level = "section",
    labels: Sequence[str] | None = None,
    heading: bool = True,
) -> str:
    """The plot; `labels` name the rows (default: the articles' titles); `heading` draws the
    title and the checklist's name above it (a page that has its own heading leaves it out)."""
    if not views:
        raise ValueError("a summary needs at least one report")
    columns = domains(views[0], by)
    names = list(labels or study_names(views, STUDY_LIMIT))
    checklist = views[0].checklist
    label_width = max(len("Study"), *(len(n) for n in names)) * CHAR + PAD
    grade_texts = [_grade_text(v) for v in views]
    grade_width = max(len("Grade"), *(len(g) for g in grade_texts)) * CHAR + PAD
    left = PAD + label_width
    overall_x = left + len(columns) * COLUMN
    grade_x = overall_x + COLUMN + 4 + PAD / 2
    top = PAD + (64 if heading else 24)
    table_height = ROW * len(views)
    caption = [f"D{n}: {name}" for n, (_, name, _) in enumerate(columns, start=1)]
    legend_top = top + table_height + 24
    caption_top = legend_top + 2 * 24 + 12
    width = max(
        grade_x + grade_width + PAD,
        PAD * 2 + max((len(c) for c in caption), default=0) * CHAR,
        PAD * 2 + 6 * 150,
    )
    height = caption_top + len(caption) * 18 + PAD
    title = f"Appraisals of {len(views)} article{'s' if len(views) != 1 else ''}"
    subtitle = f"{checklist.title} ({checklist.id} {checklist.version})"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="summary-title" '
        f'font-family="{FONT}" font-size="13">',
        f'<title id="summary-title">{_e(title)}: {_e(subtitle)}</title>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    if heading:
        out.append(
            f'<text x="{PAD}" y="{PAD + 12}" font-size="15" font-weight="700">{_e(title)}</text>'
        )
        out.append(f'<text x="{PAD}" y="{PAD + 32}" fill="#5f6368">{_e(subtitle)}</text>')
    # The Overall column's grey band, as robvis shades it.
    out.append(
        f'<rect x="{overall_x:.0f}" y="{top - ROW / 2 - 4:.0f}" width="{COLUMN}" '
        f'height="{table_height + ROW / 2 + 4:.0f}" fill="#e3e3e3"/>'
    )
    header_y = top - 6
    out.append(f'<text x="{PAD}" y="{header_y}" font-weight="700">Study</text>')
    for n, (_, name, _) in enumerate(columns, start=1):
        x = left + (n - 0.5) * COLUMN
        out.append(
            f'<g><title>{_e(name)}</title><text x="{x:.0f}" y="{header_y}" '
            f'text-anchor="middle" font-weight="700">D{n}</text></g>'
        )
    out.append(
        f'<text x="{overall_x + COLUMN / 2:.0f}" y="{header_y}" text-anchor="middle" '
        'font-weight="700">All</text>'
    )
    out.append(f'<text x="{grade_x:.0f}" y="{header_y}" font-weight="700">Grade</text>')
    for row, (view, name) in enumerate(zip(views, names, strict=True)):
        cy = top + ROW * row + ROW / 2 + 2
        if row % 2:
            out.append(
                f'<rect x="{PAD / 2}" y="{cy - ROW / 2:.0f}" width="{overall_x - PAD / 2:.0f}" '
                f'height="{ROW}" fill="#f6f6f6"/>'
            )
        out.append(f'<text x="{PAD}" y="{cy + 4:.0f}">{_e(name)}</text>')
        lights = {domain_id: light for domain_id, _, light in domains(view, by)}
        for n, (domain_id, domain_name, _) in enumerate(columns, start=1):
            light = lights.get(domain_id, "unanswered")
            tip = f"{name}: D{n} {domain_name}: {LIGHT_WORDS[light]}"
            out.append(_dot(left + (n - 0.5) * COLUMN, cy, light, tip))
        rank = grade_rank(checklist, view.report.score.grade)
        tip = f"{name}: grade {view.report.score.grade or 'none yet'}"
        out.append(_dot(overall_x + COLUMN / 2, cy, rank, tip))
        out.append(f'<text x="{grade_x:.0f}" y="{cy + 4:.0f}">{_e(grade_texts[row])}</text>')
    out += _legend(legend_top, checklist)
    out.append(
        f'<text x="{PAD}" y="{caption_top}" font-weight="700">'
        f"{'Domains' if by == 'section' else 'Items'}</text>"
    )
    for n, line in enumerate(caption, start=1):
        out.append(f'<text x="{PAD}" y="{caption_top + n * 18}">{_e(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend(top: float, checklist: Checklist) -> list[str]:
    grades = [band.grade for band in checklist.grading.bands]
    out = [f'<text x="{PAD}" y="{top + 4}" font-weight="700">Judgement</text>']
    x: float = PAD + LEGEND_INDENT
    for light in LEGEND:
        out.append(_dot(x, top, light, LIGHT_WORDS[light], radius=9))
        out.append(f'<text x="{x + 14}" y="{top + 4}">{_e(LIGHT_WORDS[light])}</text>')
        x += 40 + len(LIGHT_WORDS[light]) * CHAR
    second = top + 24
    out.append(f'<text x="{PAD}" y="{second + 4}" font-weight="700">All (grade)</text>')
    x = PAD + LEGEND_INDENT
    for grade in grades:
        light = grade_rank(checklist, grade)
        out.append(_dot(x, second, light, grade, radius=9))
        out.append(f'<text x="{x + 14}" y="{second + 4}">{_e(grade)}</text>')
        x += 40 + len(grade) * CHAR
    return out


def _dot(cx: float, cy: float, light: Light, tip: str, radius: int = RADIUS) -> str:
    symbol = LIGHT_SYMBOLS[light]
    ink = "#1d1d1f" if light in DARK_SYMBOL else "#ffffff"
    text = (
        f'<text x="{cx:.0f}" y="{cy + radius * 0.4:.1f}" text-anchor="middle" '
        f'font-size="{radius * 1.25:.0f}" font-weight="700" fill="{ink}">{_e(symbol)}</text>'
        if symbol
        else ""
    )
    return (
        f"<g><title>{_e(tip)}</title>"
        f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="{radius}" fill="{LIGHT_COLOURS[light]}" '
        f'stroke="#333333" stroke-width="1"/>{text}</g>'
    )


def _grade_text(view: ReportView) -> str:
    score = view.report.score
    if score.percent is None:
        return "none yet"
    text = f"{score.grade or 'none'} {format_number(round(score.percent))}%"
    return text + (" (provisional)" if score.unanswered else "")


def _e(text: str) -> str:
    return escape(safe_text(text), quote=True)
