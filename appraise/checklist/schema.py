"""The JSON Schema of checklist files, generated from the pydantic models, for editors.

A checklist file is either a whole checklist (`Checklist`) or one that extends another
(`Extension`, recognised by its `extends` key). Editors that read JSON Schema for TOML (taplo and
the Even Better TOML extension of VS Code, tombi) then complete keys, show the docstrings of the
models as help, and flag mistakes as you type. Point a file at the schema with a first line

    #:schema ./checklist.schema.json

(a path relative to the checklist file, or a URL); `appraise checklists new` writes the schema
beside the files it makes and puts that line at their top. The cross-reference rules (an item's
section must exist, bands must not overlap...) are beyond JSON Schema: `appraise checklists
validate` checks those.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from appraise.checklist.model import Checklist, Extension

SCHEMA_FILE = "checklist.schema.json"
"""The name `appraise checklists new` gives the schema it writes beside a checklist."""

_DEFS = "definitions"


def checklist_schema() -> dict[str, Any]:
    """The schema of a checklist file: a whole checklist, or one that extends another.

    Written as draft-07 with `definitions`, which taplo, VS Code and tombi all read.
    """
    refs, top = models_json_schema(
        [(Checklist, "validation"), (Extension, "validation")],
        ref_template=f"#/{_DEFS}/{{model}}",
    )
    definitions: dict[str, Any] = _for_toml(top.get("$defs", {}))
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "appraise checklist",
        "description": (
            "A critical-appraisal checklist for appraise: a whole checklist, or one that "
            "`extends` another and says only what differs. Run `appraise checklists validate "
            "FILE` for the checks a schema cannot express."
        ),
        "oneOf": [
            refs[(Checklist, "validation")],
            refs[(Extension, "validation")],
        ],
        _DEFS: definitions,
    }


def _for_toml(node: Any) -> Any:
    """The schema without what TOML cannot hold: TOML has no null, so an optional key is simply
    left out, and `X or null` becomes `X` (which lets editors show the type)."""
    if isinstance(node, list):
        return [_for_toml(value) for value in node]
    if not isinstance(node, dict):
        return node
    out = {key: _for_toml(value) for key, value in node.items()}
    choices = out.get("anyOf")
    if isinstance(choices, list):
        kept = [c for c in choices if c != {"type": "null"}]
        if len(kept) == 1 and len(kept) < len(choices):
            del out["anyOf"]
            out = {**kept[0], **out}
    if "default" in out and out["default"] is None:
        del out["default"]
    return out
