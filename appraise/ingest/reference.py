"""Identifiers a user may give instead of a file: PMID, PMCID, DOI, URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

Kind = Literal["pmid", "pmcid", "doi", "url"]

_PMID = re.compile(r"^(?:pmid\s*:?\s*)?(\d{1,9})$", re.IGNORECASE)
_PMCID = re.compile(r"^(?:pmcid\s*:?\s*)?(pmc\d{1,9})$", re.IGNORECASE)
_DOI = re.compile(r"^(?:doi\s*:?\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)
_DOI_HOSTS = {"doi.org", "dx.doi.org", "www.doi.org"}
_PUBMED_PATH = re.compile(r"^/(\d{1,9})/?$")
_NCBI_PUBMED_PATH = re.compile(r"^/pubmed/(\d{1,9})/?$")
_PMC_PATH = re.compile(r"/(PMC\d{1,9})/?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reference:
    kind: Kind
    value: str  # digits for a PMID, "PMC123" for a PMCID, "10.x/y" for a DOI, the URL itself
    text: str  # as the user wrote it

    def __str__(self) -> str:
        return self.text


def parse_reference(text: str) -> Reference | None:
    """The identifier `text` spells, or None if it spells none (then it is a file name)."""
    stripped = text.strip()
    if match := _PMID.match(stripped):
        return Reference("pmid", str(int(match.group(1))), text)
    if match := _PMCID.match(stripped):
        return Reference("pmcid", match.group(1).upper(), text)
    if match := _DOI.match(stripped):
        return Reference("doi", match.group(1), text)
    if stripped.lower().startswith("www."):
        stripped = "https://" + stripped
    if _URL.match(stripped):
        parts = urlsplit(stripped)
        host = (parts.hostname or "").lower()
        if host in _DOI_HOSTS and parts.path.startswith("/10."):
            return Reference("doi", unquote(parts.path[1:]), text)
        pubmed = (
            _PUBMED_PATH.match(parts.path)
            if host == "pubmed.ncbi.nlm.nih.gov"
            else _NCBI_PUBMED_PATH.match(parts.path)
            if host.endswith("ncbi.nlm.nih.gov")
            else None
        )
        if pubmed:
            return Reference("pmid", str(int(pubmed.group(1))), text)
        if host.endswith("ncbi.nlm.nih.gov") and (pmc := _PMC_PATH.search(parts.path)):
            return Reference("pmcid", pmc.group(1).upper(), text)
        return Reference("url", stripped, text)
    return None
