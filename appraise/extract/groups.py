"""Which group a count of people belongs to, when a study sets two groups side by side:
the cases and controls of a case-control study, or "compared 1,200 adults who had X with 4,800
who did not"."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_CASES_AFTER = re.compile(
    r"^\s*(?:[-\w]+\s+){0,2}?(cases|case patients|controls|control subjects)\b"
    r"|^[^,;()]{0,100}\((cases|controls)\)",
    _I,
)
_OPENS_ON_GROUP = re.compile(r"^\s*(cases|case patients|controls|control subjects)\b", _I)
_LAST_GROUP_WORD = re.compile(r"\b(cases|controls)\b(?!.*\b(?:cases|controls)\b)", _I)
_COMPARED_BEFORE = re.compile(r"\bcompared\s*$", _I)
_SECOND_GROUP_AFTER = re.compile(r"\b(?:with|to|and) (?:the )?[\d,]+ [A-Za-z]")
_SECOND_GROUP_BEFORE = re.compile(r"\b(?:with|to|and)\s*$", _I)


def case_or_control(sentence: str, before: str, after: str, form: str) -> str | None:
    """The group, "cases" or "controls", when the count is one of a case-control study's two:
    "1,648 controls", "412 patients ... (cases)", "Cases were ... (n = 1,190)"."""
    if not re.search(r"\bcontrols?\b|\bcases?\b", sentence, _I):
        return None
    found = _CASES_AFTER.match(after)
    if found is None and form == "n_equals":
        found = _OPENS_ON_GROUP.match(sentence) or _LAST_GROUP_WORD.search(before[-60:])
    if found is None:
        return None
    word = next(group for group in found.groups() if group)
    return "controls" if word.lower().startswith("control") else "cases"


def compared_group(sentence: str, offset: int, before: str, after: str) -> str | None:
    """A group's description in "compared 1,200 adults who had X with 4,800 adults who did
    not": both counts are group sizes."""
    first = _COMPARED_BEFORE.search(before) and _SECOND_GROUP_AFTER.search(sentence, offset)
    second = _SECOND_GROUP_BEFORE.search(before) and re.search(
        r"\bcompared [\d,]+ ", sentence[:offset], _I
    )
    if not (first or second):
        return None
    words = re.findall(r"[\w'’-]+", after)[:6]
    return " ".join(words).lower() if words else None
