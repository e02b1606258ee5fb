"""Checks that span several parts of a checklist: references, duplicates, bands, inferrers."""

from __future__ import annotations

from collections.abc import Iterator

from appraise.checklist.model import Band, Checklist, Item
from appraise.infer.registry import VERDICTS, Inferrer, inferrers

Loc = tuple[str | int, ...]


def reference_problems(checklist: Checklist) -> Iterator[tuple[Loc, str]]:
    """Each problem as the key path it is at and a message."""
    yield from _duplicates(checklist)
    section_ids = [s.id for s in checklist.sections]
    known = inferrers()
    for index, item in enumerate(checklist.items):
        loc: Loc = ("items", index)
        if item.section not in section_ids:
            yield (
                (*loc, "section"),
                (f"section {item.section!r} does not exist (sections: {', '.join(section_ids)})"),
            )
        yield from _scale_problems(checklist, item, loc)
        yield from _band_problems(item.bands, (*loc, "bands"), item)
        if item.infer is not None:
            yield from _inferrer_problems(checklist, item, loc, known)
    for scale_id, scale in checklist.scales.items():
        ids = [o.id for o in scale.options]
        for o_index, option in enumerate(scale.options):
            if ids.index(option.id) != o_index:
                yield (
                    ("scales", scale_id, "options", o_index, "id"),
                    (f"option id {option.id!r} is used twice in this scale"),
                )
        if all(o.points is None for o in scale.options):
            yield ("scales", scale_id, "options"), "no option has points"
    yield from _grading_problems(checklist)


def _duplicates(checklist: Checklist) -> Iterator[tuple[Loc, str]]:
    groups: list[tuple[str, list[str]]] = [
        ("sections", [s.id for s in checklist.sections]),
        ("items", [i.id for i in checklist.items]),
    ]
    for key, ids in groups:
        seen: dict[str, int] = {}
        for index, thing_id in enumerate(ids):
            if thing_id in seen:
                yield (
                    (key, index, "id"),
                    f"duplicate id {thing_id!r} (first used at {key}[{seen[thing_id]}])",
                )
            else:
                seen[thing_id] = index


def _scale_problems(checklist: Checklist, item: Item, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if item.kind == "choice":
        if item.scale is None:
            yield (*loc, "scale"), "a choice item needs a scale"
        elif item.scale not in checklist.scales:
            names = ", ".join(checklist.scales) or "none defined"
            yield (*loc, "scale"), f"scale {item.scale!r} does not exist (scales: {names})"
        if item.bands:
            yield (*loc, "bands"), "bands are for number and duration items, not choice items"
    elif item.scale is not None:
        yield (*loc, "scale"), f"a {item.kind} item takes no scale"
    if item.kind == "text" and item.bands:
        yield (*loc, "bands"), "a text item is not scored, so it takes no bands"


def _band_problems(bands: list[Band], loc: Loc, item: Item) -> Iterator[tuple[Loc, str]]:
    if not bands:
        return
    for index, band in enumerate(bands):
        here = (*loc, index)
        last = index == len(bands) - 1
        if index == 0 and band.at_least is not None:
            yield (
                (*here, "at_least"),
                (
                    f"the first band starts at {band.at_least:g}: lower values would earn no points"
                    " (leave out at_least)"
                ),
            )
        if not last and band.below is None:
            yield here, "only the last band may leave out `below`"
        if last and band.below is not None:
            yield (
                (*here, "below"),
                (
                    f"the last band stops below {band.below:g}: higher values would earn no points"
                    " (leave out below)"
                ),
            )
        if band.at_least is not None and band.below is not None and band.below <= band.at_least:
            yield (*here, "below"), "below must be greater than at_least"
        if index > 0:
            previous = bands[index - 1]
            if previous.below is None:
                continue
            if band.at_least is not None and band.at_least < previous.below:
                yield (
                    (*here, "at_least"),
                    (f"overlaps the band before (which runs below {previous.below:g})"),
                )
            elif band.at_least is not None and band.at_least > previous.below:
                yield (
                    (*here, "at_least"),
                    (f"leaves a gap from {previous.below:g} to {band.at_least:g}"),
                )
            if band.below is not None and band.below <= previous.below:
                yield (
                    (*here, "below"),
                    (f"bands must rise: {band.below:g} is not above {previous.below:g}"),
                )


def _inferrer_problems(
    checklist: Checklist, item: Item, loc: Loc, known: dict[str, Inferrer]
) -> Iterator[tuple[Loc, str]]:
    inferrer = known.get(item.infer or "")
    if inferrer is None:
        yield (
            (*loc, "infer"),
            (f"unknown inferrer {item.infer!r} (known: {', '.join(sorted(known))})"),
        )
        return
    if item.kind not in inferrer.kinds:
        yield (
            (*loc, "infer"),
            (
                f"inferrer {inferrer.name!r} answers {' or '.join(inferrer.kinds)} items, "
                f"not {item.kind} items"
            ),
        )
    for name, value in item.params.items():
        param = inferrer.params.get(name)
        if param is None:
            accepted = ", ".join(inferrer.params) or "none"
            yield (
                (*loc, "params", name),
                (f"inferrer {inferrer.name!r} takes no parameter {name!r} (it takes: {accepted})"),
            )
        elif not _fits(value, param.type):
            yield (*loc, "params", name), f"must be a {param.type.__name__}"
    if inferrer.verdicts and item.scale in checklist.scales:
        option_ids = {o.id for o in checklist.scales[item.scale].options}
        for verdict in inferrer.verdicts:
            target = item.answer_map.get(verdict, verdict)
            if target not in option_ids:
                yield (
                    (*loc, "answer_map"),
                    (
                        f"the inferrer's answer {verdict!r} maps to {target!r}, which is not an "
                        f'option of scale {item.scale!r}; add answer_map = {{ {verdict} = "..." }}'
                    ),
                )
    for verdict in item.answer_map:
        if verdict not in VERDICTS:
            yield (*loc, "answer_map", verdict), f"answer_map keys are {', '.join(VERDICTS)}"


def _fits(value: object, kind: type) -> bool:
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _grading_problems(checklist: Checklist) -> Iterator[tuple[Loc, str]]:
    bands = checklist.grading.bands
    grades = [b.grade for b in bands]
    for index, band in enumerate(bands):
        last = index == len(bands) - 1
        if last and band.at_least not in (None, 0):
            yield (
                ("grading", "bands", index, "at_least"),
                ("the last grade must have no at_least, so that every percentage gets a grade"),
            )
        if not last and band.at_least is None:
            yield ("grading", "bands", index), "only the last grade may leave out at_least"
        if index > 0 and band.at_least is not None:
            previous = bands[index - 1].at_least
            if previous is not None and band.at_least >= previous:
                yield (
                    ("grading", "bands", index, "at_least"),
                    (f"grades go best first: {band.at_least:g} must be below {previous:g}"),
                )
    cap = checklist.grading.critical_fail_caps_at
    if cap is not None and cap not in grades:
        yield (
            ("grading", "critical_fail_caps_at"),
            (f"grade {cap!r} does not exist (grades: {', '.join(grades)})"),
        )


def warning_problems(checklist: Checklist) -> Iterator[tuple[Loc, str]]:
    """What is allowed but probably not meant: each as the key path it is at and a message."""
    used_sections = {item.section for item in checklist.items}
    for index, section in enumerate(checklist.sections):
        if section.id not in used_sections:
            yield (
                ("sections", index, "id"),
                f"section {section.id!r} has no items: it will show as an empty heading",
            )
    for index, item in enumerate(checklist.items):
        if item.infer is None:
            yield (
                ("items", index, "id"),
                f"item {item.id!r} has no inferrer: it will always be answered by hand",
            )
    used_scales = {item.scale for item in checklist.items}
    for scale_id in checklist.scales:
        if scale_id not in used_scales:
            yield ("scales", scale_id), f"scale {scale_id!r} is not used by any item"
