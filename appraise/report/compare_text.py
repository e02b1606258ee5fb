"""A comparison as text for the terminal: the answers side by side, disagreements first, then the
agreement figures. Article text and notes are made safe to print (no control characters)."""

from __future__ import annotations

from appraise.report.compare import STATUS_WORDS, Comparison
from appraise.report.view import safe_text

ITEM_WIDTH = 22
ANSWER_WIDTH = 18
REASON_WIDTH = 88


def comparison_text(comparison: Comparison) -> str:
    first = comparison.reports[0].report
    checklist = first.checklist
    raters = comparison.raters
    width = max(8, min(ANSWER_WIDTH, max(len(r) for r in raters)))
    width = max(
        width,
        min(ANSWER_WIDTH, max(len(x.text) for c in comparison.items for x in c.ratings)),
    )
    lines = [
        f"Compared {len(raters)} reports of \u201c{_clip(first.article.title, 70)}\u201d "
        f"({checklist.id} {checklist.version})",
        "  "
        + "; ".join(
            f"{name}: {saved.path}" for name, saved in zip(raters, comparison.reports, strict=True)
        ),
        "",
        f"  {'item':<{ITEM_WIDTH}} "
        + " ".join(f"{_clip(r, width):<{width}}" for r in raters)
        + "  status",
    ]
    for compared in comparison.items:
        answers = " ".join(f"{_clip(r.text, width):<{width}}" for r in compared.ratings)
        status = STATUS_WORDS[compared.status]
        if compared.kind == "text":
            status += " (free text, not counted)"
        lines.append(f"  {_clip(compared.item_id, ITEM_WIDTH):<{ITEM_WIDTH}} {answers}  {status}")
        if compared.status in ("disagree", "incomplete"):
            for rating in compared.ratings:
                if rating.reason.strip():
                    lines.append(
                        f"  {'':<{ITEM_WIDTH}} {rating.rater}'s reason: "
                        f"{_clip(rating.reason, REASON_WIDTH - len(rating.rater))}"
                    )
    lines.append("")
    lines += agreement_lines(comparison)
    return "\n".join(lines) + "\n"


def agreement_lines(comparison: Comparison) -> list[str]:
    agreement = comparison.agreement
    lines = []
    if agreement.items == 0:
        lines.append("No item was answered by every member: nothing to measure agreement on.")
    else:
        everyone = "both" if agreement.raters == 2 else f"all {agreement.raters}"
        line = (
            f"Agreement over the {agreement.items} items {everyone} answered: "
            f"{'both' if agreement.raters == 2 else 'all'} agree on {agreement.agreed} "
            f"({_percent(agreement.percent)})"
        )
        if agreement.raters > 2:
            line += f"; pairs of members agree {_percent(agreement.mean_pairwise)} of the time"
        lines.append(line + ".")
        kappa = "undefined" if agreement.kappa is None else f"{agreement.kappa:.2f}"
        words = (
            "every answer in one category, so chance agreement is certain"
            if agreement.kappa is None
            else agreement.words
        )
        lines.append(f"{agreement.method} = {kappa} ({words}), over {agreement.items} items.")
    if agreement.pairs:
        pairs = ", ".join(
            f"{p.first}\u2013{p.second} "
            f"{'undefined' if p.kappa is None else f'{p.kappa:.2f}'} ({p.items} items)"
            for p in agreement.pairs
        )
        lines.append(f"Cohen's kappa by pair: {pairs}.")
    left_out = []
    if agreement.incomplete:
        count = agreement.incomplete
        left_out.append(f"{count} {_items(count)} not every member answered")
    if agreement.blank:
        left_out.append(f"{agreement.blank} {_items(agreement.blank)} nobody answered")
    if agreement.free_text:
        left_out.append(f"{agreement.free_text} free-text {_items(agreement.free_text)}")
    if left_out:
        lines.append(f"Not counted: {'; '.join(left_out)}.")
    to_discuss = [c.item_id for c in comparison.disagreements]
    lines.append(f"To discuss: {', '.join(to_discuss) if to_discuss else 'nothing'}.")
    return lines


def _items(count: int) -> str:
    return "item" if count == 1 else "items"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _clip(text: str, width: int) -> str:
    text = " ".join(safe_text(text).split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"
