"""A report as one self-contained HTML page: the verdict, a traffic-light table, the evidence.

Nothing is fetched: the CSS is inline, the fonts are the reader's own, there is no script, and a
Content-Security-Policy forbids loading anything, so the page opens offline and can be mailed.
Every piece of article text, every note and every name is HTML-escaped. Colour is never alone:
each light carries a symbol and words. The print style keeps the lights and avoids splitting an
item across pages.
"""

from __future__ import annotations

import re
from html import escape

from appraise import __version__
from appraise.checklist.model import Checklist
from appraise.report.view import (
    LIGHT_COLOURS,
    LIGHT_SYMBOLS,
    LIGHT_WORDS,
    LIGHTS,
    ItemView,
    Light,
    ReportView,
    format_number,
    grade_rank,
    is_to_discuss,
    safe_text,
    source_text,
)

TINTS: dict[Light, str] = {
    "full": "#e3f3e6",
    "partial": "#fff3d1",
    "none": "#fbe2e2",
    "na": "#f1f1f1",
    "unanswered": "#f1f1f1",
    "unscored": "#f7f7f7",
}
DARK_SYMBOL: set[Light] = {"partial", "unanswered", "unscored"}
"""Lights whose dot is pale enough to need a dark symbol."""

CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 64rem; padding: 2rem 1.5rem 3rem; color: var(--ink);
  background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .2rem 0 .8rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
.kicker { margin: 0; color: var(--muted); font-size: .9rem; text-transform: uppercase;
  letter-spacing: .04em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0;
  font-size: .9rem; color: var(--muted); }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.verdict { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; margin: 1.5rem 0;
  padding: 1rem 1.25rem; border: 1px solid var(--rule); border-left-width: 8px;
  border-radius: 6px; }
.verdict .grade { font-size: 1.6rem; font-weight: 700; }
.verdict .grade small { display: block; font-size: .8rem; font-weight: 400; color: var(--muted); }
.verdict .percent { font-size: 1.6rem; font-weight: 700; }
.verdict .percent small { display: block; font-size: .8rem; font-weight: 400;
  color: var(--muted); }
.verdict ul { flex: 1 1 20rem; margin: 0; padding-left: 1.1rem; }
.bar { height: .6rem; width: 10rem; background: #ececec; border-radius: 3px; overflow: hidden;
  margin-top: .3rem; }
.bar span { display: block; height: 100%; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem;
  border-bottom: 1px solid var(--rule); }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.result { white-space: nowrap; font-weight: 600; }
.dot { display: inline-block; width: 1.35em; height: 1.35em; line-height: 1.35em;
  border-radius: 50%; text-align: center; font-weight: 700; color: #fff; margin-right: .35em;
  border: 1px solid rgba(0,0,0,.25); }
.dot.dark { color: #1d1d1f; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin: .8rem 0 0; padding: 0;
  list-style: none; font-size: .85rem; color: var(--muted); }
a { color: inherit; }
.item { margin: 0 0 1rem; padding: .9rem 1.1rem; border: 1px solid var(--rule);
  border-left-width: 8px; border-radius: 6px; break-inside: avoid; }
.item .answer { margin: 0 0 .4rem; }
.item .answer .result { margin-left: .6rem; font-weight: 600; white-space: nowrap; }
.item .why { margin: 0 0 .4rem; color: var(--muted); }
.badge { display: inline-block; font-size: .7rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .05em; padding: .05rem .4rem; border: 1px solid currentColor;
  border-radius: 3px; vertical-align: middle; margin-left: .4rem; }
.badge.discuss { color: #8a4b00; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid #9aa0a6;
  background: #fafafa; font-family: Georgia, "Times New Roman", serif; }
.notes, .reason { margin: .5rem 0 0; }
.notes h4, .reason h4 { margin: 0; font-size: .8rem; text-transform: uppercase;
  letter-spacing: .03em; color: var(--muted); }
.notes p, .reason p { margin: .1rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; font-size: .8rem; color: var(--muted); }
@media print {
  @page { margin: 14mm 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  tr, .item, .verdict { break-inside: avoid; }
  thead { display: table-header-group; }
  a { text-decoration: none; }
  blockquote { background: none; }
}
"""


def report_to_html(view: ReportView) -> str:
    report = view.report
    title = report.article.title or report.article.path
    checklist = report.checklist
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="appraise {escape(__version__)}">',
        f"<title>Appraisal: {_e(title)}</title>",
        f"<style>{CSS}{_light_css()}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<p class="kicker">Critical appraisal · {_e(checklist.title or checklist.id)}</p>',
        f"<h1>{_e(title)}</h1>",
        '<dl class="meta">',
        f"<dt>Article</dt><dd>{_e(report.article.path)} "
        f"(sha256 {_e(report.article.sha256[:12])}…)</dd>",
        f"<dt>Checklist</dt><dd>{_e(checklist.id)} {_e(checklist.version)}</dd>",
        f"<dt>Appraiser</dt><dd>{_e(report.appraiser or 'not named')}</dd>",
        f"<dt>Updated</dt><dd>{report.updated:%Y-%m-%d %H:%M} UTC</dd>",
        "</dl>",
        "</header>",
        "<main>",
        _verdict(view),
        _sections(view),
        _light_table(view),
        '<h2 id="evidence">Evidence and notes</h2>',
        *(_item(view.checklist, item) for item in view.items),
        "</main>",
        f"<footer>Written by appraise {_e(__version__)}. Points are a reading aid, not a "
        "validated score: read the answers and the evidence before the grade.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _verdict(view: ReportView) -> str:
    score = view.report.score
    rank = grade_rank(view.checklist, score.grade)
    lines = [f'<section class="verdict light-{rank}" aria-label="Verdict">']
    if score.percent is None:
        lines.append('<div class="grade">No grade yet<small>nothing is answered</small></div>')
    else:
        capped = (
            f"capped from {_e(score.uncapped_grade or '')}"
            if score.grade != score.uncapped_grade
            else "grade"
        )
        lines.append(f'<div class="grade">{_e(score.grade or "none")}<small>{capped}</small></div>')
        width = max(0.0, min(100.0, score.percent))
        lines.append(
            f'<div class="percent">{format_number(round(score.percent))}%'
            f"<small>{format_number(score.points)} of {format_number(score.max_points)} "
            f'points</small><div class="bar" aria-hidden="true"><span style="width:{width:.1f}%;'
            f'background:{LIGHT_COLOURS[rank]}"></span></div></div>'
        )
    lines.append("<ul>")
    if score.critical_failures:
        names = ", ".join(_item_link(view, i) for i in score.critical_failures)
        lines.append(f"<li><strong>Critical failures:</strong> {names}</li>")
    else:
        lines.append("<li><strong>Critical failures:</strong> none</li>")
    if score.unanswered:
        names = ", ".join(_item_link(view, i) for i in score.unanswered)
        lines.append(
            f"<li><strong>Unanswered:</strong> {len(score.unanswered)}, so the grade is "
            f"provisional: {names}</li>"
        )
    else:
        lines.append("<li><strong>Unanswered:</strong> none</li>")
    lines.append("</ul>")
    lines.append("</section>")
    return "\n".join(lines)


def _sections(view: ReportView) -> str:
    rows = ['<h2 id="sections">Sections</h2>', "<table>", "<thead><tr>"]
    rows.append('<th>Section</th><th class="num">Points</th><th>Result</th></tr></thead><tbody>')
    for section in view.scored_sections:
        points = (
            f"{format_number(section.points)}/{format_number(section.max_points)}"
            if section.max_points
            else "—"
        )
        rows.append(
            f'<tr class="light-{section.light}"><td>{_e(section.title)}</td>'
            f'<td class="num">{points}</td><td class="result">{_badge(section.light)}</td></tr>'
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _light_table(view: ReportView) -> str:
    rows = [
        '<h2 id="items">Items</h2>',
        '<table class="lights">',
        '<thead><tr><th class="num">#</th><th>Question</th><th>Answer</th>'
        '<th class="num">Points</th><th>Result</th><th>Source</th></tr></thead>',
        "<tbody>",
    ]
    for item in view.items:
        critical = _badges(item)
        rows.append(
            f'<tr class="light-{item.light}"><td class="num">{item.number}</td>'
            f'<td><a href="#{_anchor(item.id)}">{_e(item.prompt)}</a>{critical}</td>'
            f"<td>{_e(item.answer_text)}</td>"
            f'<td class="num">{_e(item.points_text)}</td>'
            f'<td class="result">{_badge(item.light)}</td>'
            f"<td>{_e(item.record.source or 'blank')}</td></tr>"
        )
    rows.append("</tbody></table>")
    legend = "".join(f"<li>{_badge(light)}</li>" for light in LIGHTS)
    rows.append(f'<ul class="legend" aria-label="Legend">{legend}</ul>')
    return "\n".join(rows)


def _item(checklist: Checklist, item: ItemView) -> str:
    record = item.record
    critical = _badges(item)
    points = f" · {_e(item.points_text)} points" if record.points is not None else ""
    lines = [
        f'<article class="item light-{item.light}" id="{_anchor(item.id)}">',
        f"<h3>{item.number}. {_e(item.prompt)}{critical}</h3>",
        f'<p class="answer"><strong>{_e(item.answer_text)}</strong>{points} '
        f'<span class="result">{_badge(item.light)}</span></p>',
    ]
    suggestion = record.suggestion
    lines.append(f'<p class="why">Source: {_e(source_text(checklist, record))}</p>')
    if suggestion is not None and suggestion.rationale:
        lines.append(f'<p class="why">Why: {_e(suggestion.rationale)}</p>')
    if suggestion is not None:
        for evidence in suggestion.evidence:
            lines.append(
                f'<blockquote title="characters {evidence.start}\u2013{evidence.end} of the '
                f'article">'
                f"\u201c{_e(evidence.quote)}\u201d</blockquote>"
            )
    if record.notes.strip():
        lines.append(f'<div class="notes"><h4>Notes</h4><p>{_e(record.notes.strip())}</p></div>')
    if record.reason.strip():
        lines.append(
            '<div class="reason"><h4>Reason for the change</h4>'
            f"<p>{_e(record.reason.strip())}</p></div>"
        )
    lines.append("</article>")
    return "\n".join(lines)


def _badges(item: ItemView) -> str:
    badges = '<span class="badge">critical</span>' if item.critical else ""
    if is_to_discuss(item.record):
        badges += '<span class="badge discuss">to discuss</span>'
    return badges


def _badge(light: Light) -> str:
    dark = " dark" if light in DARK_SYMBOL else ""
    symbol = _e(LIGHT_SYMBOLS[light]) or "&nbsp;"
    return (
        f'<span class="dot{dark}" style="background:{LIGHT_COLOURS[light]}" '
        f'aria-hidden="true">{symbol}</span>{_e(LIGHT_WORDS[light])}'
    )


def _item_link(view: ReportView, item_id: str) -> str:
    try:
        prompt = view.item(item_id).prompt
    except KeyError:
        prompt = item_id
    return f'<a href="#{_anchor(item_id)}">{_e(prompt)}</a>'


def _light_css() -> str:
    rules = []
    for light in LIGHTS:
        rules.append(f"tr.light-{light} td.result {{ background: {TINTS[light]}; }}")
        rules.append(f".item.light-{light} {{ border-left-color: {LIGHT_COLOURS[light]}; }}")
        rules.append(f".verdict.light-{light} {{ border-left-color: {LIGHT_COLOURS[light]}; }}")
    return "\n" + "\n".join(rules) + "\n"


def _anchor(item_id: str) -> str:
    return "item-" + re.sub(r"[^A-Za-z0-9_-]", "-", item_id)


def _e(text: str) -> str:
    return escape(safe_text(text), quote=True)
