"""Bytes to text: UTF-8 first, then a detected legacy encoding, with the newlines normalised."""

from __future__ import annotations

import codecs

from appraise.errors import InputError, Problem

# A file whose first few KB hold NUL bytes is not text in any encoding we accept.
_BINARY_PROBE = 8192


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:_BINARY_PROBE]


def decode_text(data: bytes, path: str | None = None) -> tuple[str, str, list[str]]:
    """Return `(text, encoding, warnings)`; raise InputError for binary or undecodable bytes."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return normalise_newlines(data.decode("utf-16")), "utf-16", []
        except UnicodeDecodeError as exc:
            raise InputError(Problem(f"not valid UTF-16 text: {exc.reason}", path)) from None
    if looks_binary(data):
        raise InputError(Problem("binary file, not a text article (NUL bytes found)", path))
    try:
        text = data.decode("utf-8-sig")
        return normalise_newlines(text), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Imported only here: detection is the rare path and costs start-up time.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # Detection on a short text often prefers an exotic code page (cp1250, Big5, even EBCDIC) that
    # reads "Ménière" as "Méničre" or "M幯i鋨e". Western text is by far the commonest legacy
    # encoding of articles: take Windows-1252 whenever it reads at least as cleanly.
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        best = western
    if best is None or best.encoding is None:
        raise InputError(
            Problem(
                f"cannot decode the text: not UTF-8 (byte {utf8_error.start}) "
                "and no other encoding fits",
                path,
            )
        )
    encoding = best.encoding
    text = str(best)
    warning = f"not UTF-8; decoded as {encoding} (detected)"
    return normalise_newlines(text), encoding, [warning]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
