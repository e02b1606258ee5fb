"""Bindings the main and consensus screens share: choosing an option, and stepping through the
evidence in the article."""

from __future__ import annotations

from textual.binding import Binding

CHOOSE_KEYS = tuple(
    Binding(str(n), f"choose({n})", f"Choose option {n}", show=False, id=f"choose-{n}")
    for n in range(1, 10)
)

EVIDENCE_KEYS = (
    Binding(
        "right_square_bracket",
        "evidence(1)",
        "Evidence",
        show=False,
        key_display="]",
        id="next-evidence",
    ),
    Binding(
        "left_square_bracket",
        "evidence(-1)",
        "Previous evidence",
        show=False,
        key_display="[",
        id="previous-evidence",
    ),
)
