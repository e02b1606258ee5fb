"""The checklist format: pydantic models whose docstrings document the TOML keys.

Checklists are data. Items name an inferrer by key; nothing in a checklist is ever executed.
A file is a whole `Checklist`, or an `Extension` (it has `extends`) that says how it differs from
another checklist; every size and count is bounded here, and the resolved result of an extension
is validated as a `Checklist` like any other. `appraise checklists schema` prints these models as
JSON Schema for editors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
Name = Annotated[str, StringConstraints(max_length=64)]
"""A reference to an id (of a section, scale, item, option or inferrer): checked where it points."""
ParamValue = bool | int | float | Annotated[str, StringConstraints(max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class Option(Strict):
    id: str = Identifier
    """Short identifier stored in reports, e.g. `yes`."""
    label: str = Field(min_length=1, max_length=80)
    """What the reader sees, e.g. `Yes`."""
    points: float | None = Field(default=None, ge=0, le=1000, allow_inf_nan=False)
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
    at_least: float | None = Field(default=None, allow_inf_nan=False)
    """Lower bound (inclusive); leave out on the first band."""
    below: float | None = Field(default=None, allow_inf_nan=False)
    """Upper bound (exclusive); leave out on the last band."""
    points: float = Field(ge=0, le=1000, allow_inf_nan=False)
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
    section: Name
    """The `id` of the section the item belongs to."""
    prompt: str = Field(min_length=1, max_length=500)
    """The question, as the reader sees it."""
    guidance: str = Field(default="", max_length=8000)
    """How to answer it and why it matters: written for a trainee."""
    kind: ItemKind = "choice"
    """`choice` (one option of a scale), `number`, `duration` (days), or `text` (not scored)."""
    scale: Name | None = None
    """For `choice` items: the id of a scale under `[scales]`."""
    weight: float = Field(default=1.0, ge=0, le=100)
    """Multiplies the item's points."""
    critical: bool = False
    """A failing answer caps the overall grade (see `grading.critical_fail_caps_at`)."""
    infer: Name | None = None
    """The key of the inferrer that suggests an answer from the article."""
    params: dict[Name, ParamValue] = Field(default_factory=dict, max_length=20)
    """Parameters passed to the inferrer, e.g. thresholds."""
    answer_map: dict[Name, Name] = Field(default_factory=dict, max_length=20)
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
    critical_fail_caps_at: str | None = Field(default=None, max_length=40)
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
    applies_to: list[Design] = Field(default_factory=list, max_length=20)
    """Study designs the checklist suits."""
    scales: dict[Name, Scale] = Field(default_factory=dict, max_length=50)
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


# -- A checklist that extends another -------------------------------------------------------------
#
# A file with `extends = "ID"` is an Extension: it names its parent (an id, found as `--checklist
# ID` finds it, or a path to a .toml file, relative to this file) and says only what differs. The
# parent's scales, sections, items and grading are inherited; then, in this order:
#
# 1. `remove_sections` and `remove_items` take inherited ones out;
# 2. `[scales.ID]` adds a scale, or replaces the inherited scale of that id whole;
# 3. each `[[sections]]` and then each `[[items]]`, in file order: one whose id is inherited changes
#    it (the keys given replace the inherited keys, the others are kept); one with a new id is
#    added. A new or changed one goes after the one named by `after` or before the one named by
#    `before`; without either, a new item goes at the end of its section (a new section at the
#    end), a changed one stays where it was (unless its `section` changes: then at the end of
#    the new section).
# 4. `title`, `description`, `applies_to` and `[grading]`, when given, replace the inherited ones.
#
# To replace an item whole (drop a key it had, such as `infer`), remove it and add it again.
# The result is validated like any checklist; reports record the extending file's id, version and
# sha256.


class SectionChange(Strict):
    id: str = Identifier
    """The id of an inherited section to change, or of a new section to add."""
    title: str | None = Field(default=None, min_length=1, max_length=200)
    """The section's heading (required for a new section)."""
    description: str | None = Field(default=None, max_length=4000)
    """What the section asks, for the reader."""
    after: Name | None = None
    """Place the section after the section with this id."""
    before: Name | None = None
    """Place the section before the section with this id."""


class ItemChange(Strict):
    id: str = Identifier
    """The id of an inherited item to change, or of a new item to add."""
    section: Name | None = None
    """The `id` of the section the item belongs to (required for a new item)."""
    prompt: str | None = Field(default=None, min_length=1, max_length=500)
    """The question, as the reader sees it (required for a new item)."""
    guidance: str | None = Field(default=None, max_length=8000)
    """How to answer it and why it matters: written for a trainee."""
    kind: ItemKind | None = None
    """`choice` (one option of a scale), `number`, `duration` (days), or `text` (not scored)."""
    scale: Name | None = None
    """For `choice` items: the id of a scale under `[scales]`."""
    weight: float | None = Field(default=None, ge=0, le=100)
    """Multiplies the item's points."""
    critical: bool | None = None
    """A failing answer caps the overall grade (see `grading.critical_fail_caps_at`)."""
    infer: Name | None = None
    """The key of the inferrer that suggests an answer from the article."""
    params: dict[Name, ParamValue] | None = Field(default=None, max_length=20)
    """Parameters passed to the inferrer, e.g. thresholds (replaces the inherited table whole)."""
    answer_map: dict[Name, Name] | None = Field(default=None, max_length=20)
    """Maps the inferrer's verdicts (`yes`, `no`, `unclear`) to this item's option ids."""
    bands: list[Band] | None = Field(default=None, max_length=20)
    """For `number` and `duration` items: the points a value earns, lowest band first."""
    unit: Literal["days", "weeks", "months", "years"] | None = None
    """For `duration` items: the unit the bands are written in."""
    after: Name | None = None
    """Place the item after the item with this id (in the same section)."""
    before: Name | None = None
    """Place the item before the item with this id (in the same section)."""


class Extension(Strict):
    extends: str = Field(min_length=1, max_length=500)
    """The checklist this one builds on: an id (as for `--checklist`), or a path to a .toml file
    relative to this file. Its scales, sections, items and grading are inherited."""
    id: str = Identifier
    """Short identifier of this checklist, used with `--checklist ID`."""
    version: str = Field(min_length=1, max_length=40)
    """This checklist's version: bump it when items change, so reports can tell."""
    title: str | None = Field(default=None, min_length=1, max_length=200)
    """The checklist's name (default: the parent's)."""
    description: str | None = Field(default=None, max_length=8000)
    """What the checklist is for (default: the parent's)."""
    applies_to: list[Design] | None = Field(default=None, max_length=20)
    """Study designs the checklist suits (default: the parent's)."""
    remove_sections: list[Name] = Field(default_factory=list, max_length=50)
    """Ids of inherited sections to take out; their items must be removed or moved too."""
    remove_items: list[Name] = Field(default_factory=list, max_length=200)
    """Ids of inherited items to take out."""
    scales: dict[Name, Scale] = Field(default_factory=dict, max_length=50)
    """Scales to add, or to replace whole (by id)."""
    sections: list[SectionChange] = Field(default_factory=list, max_length=50)
    """Sections to change (by inherited id) or add (by new id)."""
    items: list[ItemChange] = Field(default_factory=list, max_length=200)
    """Items to change (by inherited id: the keys given replace the inherited ones) or add."""
    grading: Grading | None = None
    """Replaces the inherited grading whole, when given."""
