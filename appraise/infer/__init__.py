"""Inference: turn an article's findings into a suggested answer for each checklist item."""

from __future__ import annotations

from typing import Any

from appraise.checklist.model import Checklist, Item
from appraise.extract.findings import Findings
from appraise.infer.registry import VERDICTS, Suggestion, inferrers
from appraise.ingest import Article

__all__ = ["Suggestion", "suggest", "suggest_all"]


def suggest(item: Item, findings: Findings, article: Article, checklist: Checklist) -> Suggestion:
    """The suggestion for one item, or a blank with the reason when nothing can be inferred."""
    if item.infer is None:
        return Suggestion.blank("no inferrer for this item: answer it from your reading")
    inferrer = inferrers()[item.infer]
    params: dict[str, Any] = {name: p.default for name, p in inferrer.params.items()}
    params.update(item.params)
    suggestion = inferrer.function(findings, article, item, params)
    if inferrer.verdicts and isinstance(suggestion.value, str):
        suggestion.value = _option_for_verdict(item, checklist, suggestion.value)
        if suggestion.value is None:
            return Suggestion.blank("the scale has no option for the inferred answer")
    return suggestion


def suggest_all(
    checklist: Checklist, findings: Findings, article: Article
) -> dict[str, Suggestion]:
    return {item.id: suggest(item, findings, article, checklist) for item in checklist.items}


def _option_for_verdict(item: Item, checklist: Checklist, verdict: str) -> str | None:
    assert verdict in VERDICTS
    option_id = item.answer_map.get(verdict, verdict)
    if item.scale is None or item.scale not in checklist.scales:
        return None
    ids = {option.id for option in checklist.scales[item.scale].options}
    return option_id if option_id in ids else None
