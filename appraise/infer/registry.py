"""The registry of inferrers: code keyed by name, which checklists refer to but never contain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from appraise.extract.findings import Evidence, Findings

if TYPE_CHECKING:
    from appraise.checklist.model import Item
    from appraise.ingest import Article

VERDICTS = ("yes", "no", "unclear")


@dataclass(slots=True)
class Suggestion:
    """A suggested answer for one item; `value` None means blank, and `rationale` says why."""

    value: str | float | None
    confidence: float
    rationale: str
    evidence: list[Evidence] = field(default_factory=list)

    @classmethod
    def blank(cls, reason: str, evidence: list[Evidence] | None = None) -> Suggestion:
        return cls(None, 0.0, reason, evidence or [])


@dataclass(frozen=True, slots=True)
class Param:
    type: type
    default: Any
    help: str


InferFunction = Callable[["Findings", "Article", "Item", dict[str, Any]], Suggestion]


@dataclass(frozen=True, slots=True)
class Inferrer:
    name: str
    summary: str
    kinds: tuple[str, ...]
    function: InferFunction
    params: dict[str, Param] = field(default_factory=dict)
    verdicts: tuple[str, ...] = ()
    """For choice items: the verdicts it can give (of yes, no, unclear), which an item maps to
    its option ids; empty for number, duration and text inferrers."""


_REGISTRY: dict[str, Inferrer] = {}


def register(
    name: str,
    summary: str,
    kinds: tuple[str, ...],
    params: dict[str, Param] | None = None,
    verdicts: tuple[str, ...] = VERDICTS,
) -> Callable[[InferFunction], InferFunction]:
    def decorate(function: InferFunction) -> InferFunction:
        given = verdicts if kinds == ("choice",) else ()
        _REGISTRY[name] = Inferrer(name, summary, kinds, function, params or {}, given)
        return function

    return decorate


def inferrers() -> dict[str, Inferrer]:
    """Every known inferrer by name."""
    import appraise.infer.builtin  # noqa: F401  (registers the built-in inferrers)

    return _REGISTRY
