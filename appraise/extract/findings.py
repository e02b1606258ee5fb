"""Findings: facts about the study, each with verbatim evidence, independent of any checklist."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim quote: always `article.text[start:end]`."""

    quote: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        return cls(text[start:end], start, end)

    def to_json(self) -> dict[str, Any]:
        return {"quote": self.quote, "start": self.start, "end": self.end}


def _evidence_json(evidence: list[Evidence]) -> list[dict[str, Any]]:
    return [e.to_json() for e in evidence]


@dataclass(slots=True)
class Fact:
    """What every finding carries besides its values."""

    confidence: float = 0.0
    rationale: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    def base_json(self) -> dict[str, Any]:
        return {
            "confidence": round(self.confidence, 2),
            "rationale": self.rationale,
            "evidence": _evidence_json(self.evidence),
        }


@dataclass(slots=True)
class DesignFinding(Fact):
    value: str | None = None
    """One of the design vocabulary, or None when the text does not say."""
    randomised: bool | None = None
    variant: str | None = None
    """`parallel`, `crossover`, `cluster`, `prospective`, `retrospective`, `meta-analysis`."""

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "randomised": self.randomised, "variant": self.variant} | (
            self.base_json()
        )


@dataclass(slots=True)
class ArmSize:
    label: str
    n: int
    evidence: Evidence

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "n": self.n, "evidence": [self.evidence.to_json()]}


@dataclass(slots=True)
class SampleSizeFinding(Fact):
    value: int | None = None
    """The enrolled or randomised total."""
    enrolled: int | None = None
    randomised: int | None = None
    analysed: int | None = None
    arms: list[ArmSize] = field(default_factory=list)
    clusters: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "enrolled": self.enrolled,
            "randomised": self.randomised,
            "analysed": self.analysed,
            "clusters": self.clusters,
            "arms": [arm.to_json() for arm in self.arms],
        } | self.base_json()


@dataclass(slots=True)
class ControlFinding(Fact):
    present: bool | None = None
    kind: str | None = None
    """placebo, active, usual-care, no-treatment, historical, observational, none."""

    def to_json(self) -> dict[str, Any]:
        return {"present": self.present, "kind": self.kind} | self.base_json()


@dataclass(slots=True)
class FollowUpFinding(Fact):
    days: float | None = None
    """The longest follow-up stated, in days (year 365.25, month 30.44, week 7)."""
    text: str | None = None
    typical_days: float | None = None
    """The median or mean follow-up, where it differs from the longest."""
    treatment_days: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "text": self.text,
            "typical_days": self.typical_days,
            "treatment_days": self.treatment_days,
        } | self.base_json()


@dataclass(slots=True)
class EfficacyFinding(Fact):
    reported: bool | None = None
    primary_endpoint: str | None = None
    safety_only: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "reported": self.reported,
            "primary_endpoint": self.primary_endpoint,
            "safety_only": self.safety_only,
        } | self.base_json()


@dataclass(slots=True)
class PowerFinding(Fact):
    reported: bool | None = None
    """Whether a sample-size or power calculation is reported."""

    def to_json(self) -> dict[str, Any]:
        return {"reported": self.reported} | self.base_json()


@dataclass(slots=True)
class Signal(Fact):
    """A yes/no fact about how the study was run or reported; None when the text does not say."""

    value: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value} | self.base_json()


@dataclass(slots=True)
class Inconsistency:
    kind: str
    """temporal, arm-sum, percentage, restated-quantity, analysed-exceeds-enrolled, statistics."""
    message: str
    evidence: list[Evidence]
    confidence: float = 0.8
    rule: str | None = None
    """For re-checked statistics: the rule that failed."""
    recomputed: str | None = None
    """For re-checked statistics: the value recomputed from the other numbers."""
    gross: bool | None = None
    """For a p-value: whether the mismatch changes significance at 0.05."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "message": self.message,
            "confidence": round(self.confidence, 2),
            "evidence": _evidence_json(self.evidence),
        }
        if self.rule is not None:
            data |= {"rule": self.rule, "recomputed": self.recomputed, "gross": self.gross}
        return data


@dataclass(slots=True)
class Findings:
    design: DesignFinding = field(default_factory=DesignFinding)
    sample_size: SampleSizeFinding = field(default_factory=SampleSizeFinding)
    control: ControlFinding = field(default_factory=ControlFinding)
    follow_up: FollowUpFinding = field(default_factory=FollowUpFinding)
    efficacy: EfficacyFinding = field(default_factory=EfficacyFinding)
    power: PowerFinding = field(default_factory=PowerFinding)
    inconsistencies: list[Inconsistency] = field(default_factory=list)
    signals: dict[str, Signal] = field(default_factory=dict)
    """Reporting signals by name: blinding, funding, harms, costs, independent sources, ..."""

    def to_json(self) -> dict[str, Any]:
        return {
            "design": self.design.to_json(),
            "sample_size": self.sample_size.to_json(),
            "control": self.control.to_json(),
            "follow_up": self.follow_up.to_json(),
            "efficacy": self.efficacy.to_json(),
            "power_calculation": self.power.to_json(),
            "inconsistencies": [i.to_json() for i in self.inconsistencies],
            "signals": {name: signal.to_json() for name, signal in self.signals.items()},
        }
