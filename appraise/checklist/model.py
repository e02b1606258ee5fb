"""The checklist format: pydantic models whose docstrings document the TOML keys.

Checklists are data. Items name an inferrer by key; nothing in a checklist is ever executed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Design = Literal[
    "rct",
    "non-randomised-controlled",
    "single-arm",
    "cohort",
    "case-control",
    "cross-sectional",
    "case-series",
    "case-report",
    "systematic-review",
    "other",
]
ItemKind = Literal["choice", "number", "duration", "text"]
Identifier = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
ParamValue = bool | int | float | str


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class Option(Strict):
    id: str = Identifier
    """Short identifier stored in reports, e.g. `yes`."""
    label: str = Field(min_length=1, max_length=80)
    """What the reader sees, e.g. `Yes`."""
    points: float | None = Field(default=None, ge=0)
    """Points before weighting; leave out for an answer such as "not applicable" that removes the
    item from the total."""
    description: str = Field(default="", max_length=2000)
    """When to choose this option."""
    fails: bool | None = None
    """Whether this answer fails a critical item (default: the option with the fewest points)."""


class Scale(Strict):
    options: list[Option] = Field(min_length=2, max_length=9)
    """The answers, best first; the reader picks one with the keys 1-9."""
    description: str = Field(default="", max_length=2000)
    """What the scale measures."""


class Band(Strict):
    at_least: float | None = None
    """Lower bound (inclusive); leave out on the first band."""
    below: float | None = None
    """Upper bound (exclusive); leave out on the last band."""
    points: float = Field(ge=0)
    """Points for a value in this band."""
    label: str = Field(default="", max_length=80)
    """A word for the band, e.g. `small`."""
    fails: bool | None = None
    """Whether a value in this band fails a critical item (default: the band with fewest points)."""


class Section(Strict):
    id: str = Identifier
    """Short identifier that items refer to."""
    title: str = Field(min_length=1, max_length=200)
    """The section's heading."""
    description: str = Field(default="", max_length=4000)
    """What the section asks, for the reader."""


class Item(Strict):
    id: str = Identifier
    """Short identifier, unique in the checklist; reports key answers by it."""
    section: str
    """The `id` of the section the item belongs to."""
    prompt: str = Field(min_length=1, max_length=500)
    """The question, as the reader sees it."""
    guidance: str = Field(default="", max_length=8000)
    """How to answer it and why it matters: written for a trainee."""
    kind: ItemKind = "choice"
    """`choice` (one option of a scale), `number`, `duration` (days), or `text` (not scored)."""
    scale: str | None = None
    """For `choice` items: the id of a scale under `[scales]`."""
    weight: float = Field(default=1.0, ge=0, le=100)
    """Multiplies the item's points."""
    critical: bool = False
    """A failing answer caps the overall grade (see `grading.critical_fail_caps_at`)."""
    infer: str | None = None
    """The key of the inferrer that suggests an answer from the article."""
    params: dict[str, ParamValue] = Field(default_factory=dict)
    """Parameters passed to the inferrer, e.g. thresholds."""
    answer_map: dict[str, str] = Field(default_factory=dict)
    """Maps the inferrer's verdicts (`yes`, `no`, `unclear`) to this item's option ids when they
    differ, e.g. `{ yes = "satisfactory", no = "not-satisfactory" }`."""
    bands: list[Band] = Field(default_factory=list, max_length=20)
    """For `number` and `duration` items: the points a value earns, lowest band first."""
    unit: Literal["days", "weeks", "months", "years"] = "days"
    """For `duration` items: the unit the bands are written in."""


class GradeBand(Strict):
    at_least: float | None = Field(default=None, ge=0, le=100)
    """Lowest percentage for this grade; leave out on the last band."""
    grade: str = Field(min_length=1, max_length=40)
    """The grade's name, e.g. `strong`."""
    description: str = Field(default="", max_length=2000)
    """What the grade means for the reader."""


class Grading(Strict):
    bands: list[GradeBand] = Field(min_length=1, max_length=20)
    """Grades by percentage, best first."""
    critical_fail_caps_at: str | None = None
    """The grade that a failing critical item caps the result at (a worst-domain rule)."""


class Checklist(Strict):
    id: str = Identifier
    """Short identifier, used with `--checklist ID`."""
    title: str = Field(min_length=1, max_length=200)
    """The checklist's name."""
    version: str = Field(min_length=1, max_length=40)
    """Bump it when items change, so reports can tell."""
    description: str = Field(default="", max_length=8000)
    """What the checklist is for, and where its items come from."""
    applies_to: list[Design] = Field(default_factory=list)
    """Study designs the checklist suits."""
    scales: dict[str, Scale] = Field(default_factory=dict, max_length=50)
    """Answer scales, defined once, referred to by items."""
    sections: list[Section] = Field(min_length=1, max_length=50)
    """The checklist's sections, in order."""
    items: list[Item] = Field(min_length=1, max_length=200)
    """The questions, in order."""
    grading: Grading
    """How the percentage becomes a grade."""

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)
