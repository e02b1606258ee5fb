"""A report as Markdown, for slides and meeting notes: the verdict first, then every item.

Article text and notes are data: every character Markdown or HTML would act on is escaped, so a
quote shows exactly as the article has it, in any renderer.
"""

from __future__ import annotations

import re

from appraise.checklist.model import Checklist
from appraise.report.view import (
    LIGHT_SYMBOLS,
    LIGHT_WORDS,
    ItemView,
    Light,
    ReportView,
    format_number,
    is_to_discuss,
    safe_text,
    source_text,
)

_INLINE = re.compile(r"([\\`*_\[\]{}<>|#~!&$])")
_LINE_START = re.compile(r"^(\s*)(\d*)([-+=.)])")


def escape(text: str) -> str:
    """Text that renders as itself inside a line in CommonMark and GitHub Markdown, on one line."""
    return _INLINE.sub(r"\\\1", " ".join(safe_text(text).split()))


def escape_lines(text: str, indent: str) -> str:
    """Several lines, each escaped, joined by hard line breaks (a backslash at the line's end);
    a line that would start a list, a quote or a heading is escaped at its start too."""
    lines = [escape(line) for line in text.strip().splitlines()] or [""]
    lines = [lines[0]] + [_LINE_START.sub(_escape_marker, line) for line in lines[1:] if line]
    return f"\\\n{indent}".join(lines)


def _escape_marker(match: re.Match[str]) -> str:
    space, digits, mark = match.groups()
    if digits and mark not in ".)":
        return match.group(0)
    if not digits and mark in ".)":
        return match.group(0)
    return f"{space}{digits}\\{mark}"


def report_to_markdown(view: ReportView) -> str:
    report = view.report
    score = report.score
    out: list[str] = [f"# Appraisal: {escape(report.article.title or report.article.path)}", ""]
    out.append(_verdict(view))
    out.append("")
    if score.critical_failures:
        names = "; ".join(_item_name(view, i) for i in score.critical_failures)
        capped = (
            f" (they cap the grade: {escape(score.uncapped_grade or '')} without them)"
            if score.grade != score.uncapped_grade
            else ""
        )
        out.append(f"- **Critical failures:** {names}{capped}")
    else:
        out.append("- **Critical failures:** none")
    if score.unanswered:
        names = "; ".join(_item_name(view, i) for i in score.unanswered)
        count = len(score.unanswered)
        out.append(f"- **Unanswered:** {count}, so the grade is provisional: {names}")
    else:
        out.append("- **Unanswered:** none")
    article = report.article
    out.append(f"- **Article:** {escape(article.path)} (sha256 {article.sha256[:12]})")
    checklist = report.checklist
    out.append(
        f"- **Checklist:** {escape(checklist.title or checklist.id)} "
        f"({escape(checklist.id)} {escape(checklist.version)})"
    )
    who = escape(report.appraiser) if report.appraiser else "not named"
    out.append(f"- **Appraiser:** {who}; updated {report.updated:%Y-%m-%d %H:%M} UTC")
    out += ["", "## Sections", "", "| Section | Points | Result |", "|---|---|---|"]
    for section in view.scored_sections:
        points = (
            f"{format_number(section.points)}/{format_number(section.max_points)}"
            if section.max_points
            else "—"
        )
        out.append(f"| {escape(section.title)} | {points} | {_light(section.light)} |")
    out += ["", "## Items", ""]
    for item in view.items:
        out += _item(view.checklist, item)
    return "\n".join(out).rstrip() + "\n"


def _verdict(view: ReportView) -> str:
    score = view.report.score
    if score.percent is None:
        return "**Grade: none yet**: nothing is answered."
    grade = escape(score.grade or "none")
    return (
        f"**Grade: {grade}**, {format_number(round(score.percent))}% "
        f"({format_number(score.points)} of {format_number(score.max_points)} points)"
    )


def _item(checklist: Checklist, item: ItemView) -> list[str]:
    record = item.record
    critical = " (critical)" if item.critical else ""
    if is_to_discuss(record):
        critical += " (to discuss)"
    lines = [f"### {item.number}. {escape(item.prompt)}{critical}", ""]
    answer = escape(item.answer_text)
    if item.points_text and item.light not in ("unanswered", "unscored"):
        answer += f"; {item.points_text} points" if item.record.points is not None else ""
        answer += f", {_light(item.light)}"
    elif item.light == "unanswered":
        answer = f"{_light(item.light)}"
    lines.append(f"- **Answer:** {answer}")
    suggestion = record.suggestion
    lines.append(f"- **Source:** {escape(source_text(checklist, record))}")
    if suggestion is not None and suggestion.rationale:
        lines.append(f"- **Why:** {escape(suggestion.rationale)}")
    if suggestion is not None and suggestion.evidence:
        lines.append("- **Evidence:**")
        for evidence in suggestion.evidence:
            lines.append(f"  > \u201c{escape(evidence.quote)}\u201d")
            lines.append("")
        if lines[-1] == "":
            lines.pop()
    if record.notes.strip():
        lines.append(f"- **Notes:** {escape_lines(record.notes, '  ')}")
    if record.reason.strip():
        lines.append(f"- **Reason for the change:** {escape_lines(record.reason, '  ')}")
    lines.append("")
    return lines


def _light(light: Light) -> str:
    return f"{LIGHT_SYMBOLS[light]} {LIGHT_WORDS[light]}".strip()


def _item_name(view: ReportView, item_id: str) -> str:
    try:
        item = view.item(item_id)
    except KeyError:
        return escape(item_id)
    return f"{escape(item.prompt)} ({escape(item_id)})"
