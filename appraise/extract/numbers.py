"""Find numbers, ranges and counts in article text, with exact character offsets.

All ``find_*`` functions take the whole ``text`` plus an optional ``start``/``end`` window
(Python slice semantics, so negative values count from the end). Only mentions lying wholly
inside ``text[start:end]`` are returned, but every offset is into the whole ``text``, so
``text[m.start:m.end]`` is always the mention. Characters just outside the window may be
consulted as context (so "COVID19" is still not a number when a window starts at "19").

Recognised number forms (``NumberMention.form``):

* ``"digits"``: ``1204``, ``1,204`` (comma groups need exactly three digits), ``1 204`` with
  a non-breaking or thin space (U+00A0, U+2009, U+202F), ``2.5``, ``.05``, and scaled numbers
  ``2.5 million`` / ``3 thousand`` / ``1.2 billion`` (the mention includes the scale word).
  The Lancet's decimal middle dot is read as a decimal point (``4·2`` is 4.2).
  Not numbers: digits glued to a letter on their left (``COVID19``, ``H1N1``) or after
  letter + hyphen (``IL-6``, ``COVID-19``, ``SF-36``), and ordinals (``3rd``, ``21st``).
  ``18-month`` gives 18, the mention covering only the digits.
* ``"word"``: English number words converted with ``text2num`` (``twenty-four``,
  ``one hundred and twelve``), plus ``a dozen`` (12), ``half a dozen`` (6), ``two dozen``
  (24). ``dozens``/``hundreds`` are vague and skipped. A lone ``one`` is a number only when
  the next word is a content word (``one year``, ``one patient``, ``one in five``,
  ``one to three``, ``one-year``) and the previous word is not a determiner: ``one of``,
  ``no one``, ``the one``, ``one-off``, ``at one point``, ``one another``, ``one day``,
  ``one side``, ``one third`` and ``one`` before punctuation are skipped (see
  ``_ONE_PREV_STOP`` and ``_ONE_NEXT_STOP``); ``find_counts`` still reads ``one of the 12``.
* ``"percent"``: ``25%``, ``25 %``, ``25.0 percent``, ``25 per cent``, ``twenty percent``;
  the value is the percentage number (25.0).
* ``"n_equals"``: ``n = 9``, ``N=1,204``, ``n: 30``; the mention runs from the ``n`` to the
  end of the number.

Ranges (``find_ranges``): two adjacent numbers joined by ``to``, ``-``, ``–`` or ``—``
(``6 to 18``, ``6-18``, ``1.2-3.4``, ``10%-20%``, ``two to three``), with a leading ``from``
included in the mention (``from six to eighteen``), or ``between X and Y`` (mention includes
``between``). Requires low <= high; a chain of dashes or slashes such as ``2019-05-12`` is not
a range. Units after the second number are not part of the mention.

Counts (``find_counts``): ``12/48``, ``12 of 48``, ``12 of the 48``, ``12 out of 48``, with an
optional following ``(25%)`` captured as the percent, or ``25% (12/48)``. Both numbers must be
whole, ``0 <= count <= total`` and ``total > 0``. Dates (``12/05/2019``) and slashes chained to
other slashes are not counts.

No function raises on any ``str`` input; numbers too large for a float are skipped.

Speed: patterns are compiled at import, run on a lower-cased copy of the window (so no
IGNORECASE alternation), and ``text2num`` only sees candidate phrases. The last scan is
remembered (keyed on the identity of the string and the window), so calling find_numbers,
find_ranges and find_counts on the same sentence scans it once.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from text_to_num import text2num

__all__ = [
    "CountMention",
    "NumberMention",
    "RangeMention",
    "find_counts",
    "find_numbers",
    "find_ranges",
    "parse_number",
    "word_to_number",
]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number in the text; ``form`` is "digits", "word", "percent" or "n_equals"."""

    value: float
    start: int
    end: int
    form: str


@dataclass(frozen=True, slots=True)
class RangeMention:
    """A numeric range such as "6 to 18" or "between 6 and 18"."""

    low: float
    high: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count out of a total such as "12/48 (25%)"; ``percent`` is None when not stated."""

    count: float
    total: float
    percent: float | None
    start: int
    end: int


# --------------------------------------------------------------------------- patterns

_SPACE_SEP = "\u00a0\u2009\u202f"  # thousands separators allowed between digit groups
# Body of a digit number, atomic so that "21st" or "1,204th" cannot backtrack to a prefix.
_NUM_BODY = (
    r"(?>(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])"
    rf"|[0-9]{{1,3}}(?:[{_SPACE_SEP}][0-9]{{3}})+(?![0-9])"
    r"|[0-9]+)(?:[.\u00b7][0-9]+)?|\.[0-9]+)"
)
# Digits must not follow a letter/digit/underscore or ".", nor "letter-" (IL-6, COVID-19).
_NUM_GUARD = r"(?<![\w.])(?<![^\W\d_]-)"
_PCT = r"(?:[ \u00a0\u2009\u202f]?%|\s*(?:percent|per[ \u00a0]?cent)\b)"


def _wordlist(words: str) -> list[str]:
    return words.split()


_UNITS = _wordlist(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _wordlist("twenty thirty forty fifty sixty seventy eighty ninety")
_SCALES = _wordlist("hundred thousand million billion")


_Trie = dict[str, "_Trie"]


def _trie(words: list[str], suffixes: dict[str, str]) -> str:
    """A regex matching exactly ``words`` (lower case) as a character trie, which ``re`` walks
    much faster than a flat alternation; ``suffixes[word]`` is an optional tail for that word.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie, prefix: str) -> str:
        alts = [re.escape(ch) + emit(node[ch], prefix + ch) for ch in sorted(node) if ch]
        tail = suffixes.get(prefix, "")
        end = f"(?:{tail})?" if "" in node and tail else ""
        if not alts:
            return end
        group = "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{group}|{end})" if end else group + "?"
        return group

    return emit(root, "")


_UNITS_1_9 = _trie(_UNITS[1:10], {})
_WORD = _trie(_UNITS + _TENS + _SCALES, dict.fromkeys(_TENS, rf"-{_UNITS_1_9}")) + r"\b"
_WORD_PHRASE = rf"{_WORD}(?:\s+(?:and\s+)?{_WORD})*"

# Patterns below run on lower-cased text (same length, see ``_lowered``). Each starts by
# consuming one character from a small set so that ``re`` can skip ahead in C; the guard on
# the character before a number ("COVID19", "IL-6") is checked in Python, in ``_scan``.
_NUM_REST = (
    r"(?>[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])(?:[.\u00b7][0-9]+)?"
    rf"|[0-9]{{0,2}}(?:[{_SPACE_SEP}][0-9]{{3}})+(?![0-9])(?:[.\u00b7][0-9]+)?"
    r"|[0-9]*(?:[.\u00b7][0-9]+)?)"
)
_NUM_TAIL = (
    r"(?P<be>)(?!(?:st|nd|rd|th)\b)"
    rf"(?:(?P<pct>{_PCT})|[ \u00a0]+(?P<scale>thousand|million|billion)\b)?"
)
_NUM_RE = re.compile(
    r"[0-9.n](?:"
    rf"(?<=n)[ \t\u00a0\u2009\u202f]*[=:][ \t\u00a0\u2009\u202f]*(?P<neqv>{_NUM_BODY})"
    rf"|(?:(?<=[0-9]){_NUM_REST}|(?<=\.)(?>[0-9]+)){_NUM_TAIL})"
)
_NUM_ONLY_RE = re.compile(rf"{_NUM_BODY}{_NUM_TAIL}")
_WORDS_RE = re.compile(
    rf"\b(?:half\s+a\s+dozen|a\s+dozen|{_WORD_PHRASE}(?:\s+dozen)?)\b(?P<wpct>{_PCT})?"
)
_WORD_TOKEN_RE = re.compile(_WORD, re.IGNORECASE)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD_PHRASE_FULL_RE = re.compile(_WORD_PHRASE, re.IGNORECASE)
_DOZEN_RE = re.compile(r"(?:(half\s+a)|a|(.+?))\s+dozen|(dozen)", re.IGNORECASE)
_PARSE_RE = re.compile(rf"({_NUM_BODY})(?:[ \u00a0]+(thousand|million|billion))?", re.IGNORECASE)
_SCALE_VALUE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_MAX_PHRASE_TOKENS = 12  # longer word runs are split greedily without full conversion

# "one" context rules.
_ONE_PREV_STOP = frozenset(
    _wordlist("no the any each every this that which what whichever someone anyone")
)
_ONE_NEXT_STOP = frozenset(
    _wordlist(
        "of another side sided day off on point way hand time times thing things else "
        "half third thirds quarter quarters fifth fifths tenth tenths "
        "the a an is was are were be been being has had have who whom whose which that would "
        "could should will can may might must does did do at by with for as if but than here "
        "there such its his her their our my your we he she they it i you after over up out "
        "so too more less most least upon"
    )
)
_NEXT_WORD_RE = re.compile(r"[^\S\n]*(?:-[^\S\n]*)?([^\W\d_]+)")

# Ranges and counts.
_RANGE_GAP_RE = re.compile(r"\s*[-\u2010\u2011\u2013\u2014]\s*|\s+to\s+", re.IGNORECASE)
_AND_GAP_RE = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM_RE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_CHAIN_CHARS = "-\u2010\u2011\u2013\u2014/"
_DIGITS = "0123456789"
_OF_GAP_RE = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+)?", re.IGNORECASE)
_ONE_OF_RE = re.compile(r"one\s+(?:out\s+)?of\s+(?:the\s+)?", re.IGNORECASE)
_INT = r"(?>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)"
_SLASH_RE = re.compile(
    rf"(?<![\w./])(?<![^\W\d_]-)(?P<a>{_INT})[ ]?/[ ]?(?P<b>{_INT})(?![\w/]|[.,][0-9])"
)
_PCT_AFTER_RE = re.compile(
    rf"\s*[(\[]\s*(?P<p>{_NUM_BODY})[ \u00a0\u2009\u202f]?%(?P<close>\s*[)\]])?"
)
# "14 of 126 children (16.1%)": the people counted may stand between the total and its share.
_PCT_AFTER_NOUN_RE = re.compile(
    rf"\s+(?:[A-Za-z'’-]+\s+){{0,2}}?[A-Za-z'’-]+\s*[(\[]\s*(?P<p>{_NUM_BODY})"
    r"[ \u00a0\u2009\u202f]?%(?P<close>\s*[)\]])"
)
# "67 of the 320 babies in the moisturiser group, or 27 percent"
_PCT_OR_RE = re.compile(
    rf"\s+(?:[A-Za-z'’-]+\s+){{0,5}}?[A-Za-z'’-]+,\s+or\s+(?:about\s+)?(?P<p>{_NUM_BODY})"
    r"\s?(?:%|percent|per cent)"
)
_PCT_BEFORE_RE = re.compile(rf"{_NUM_GUARD}(?P<p>{_NUM_BODY})[ \u00a0\u2009\u202f]?%\s*[(\[]\s*$")
_CLOSE_RE = re.compile(r"\s*[)\]]")
_PCT_BEFORE_LOOKBACK = 40

_NUMBER_FORMS = frozenset({"digits", "word"})


# --------------------------------------------------------------------------- helpers


def _window(text: str, start: int, end: int | None) -> tuple[int, int]:
    lo, hi, _ = slice(start, end).indices(len(text))
    return lo, max(lo, hi)


def _digits_value(s: str) -> float:
    """Value of a string matched by ``_NUM_BODY`` (ASCII digits, "," or thin-space groups,
    "." or the Lancet's middle dot as decimal point)."""
    if "," in s:
        s = s.replace(",", "")
    if not s.isascii():
        s = s.replace("\u00a0", "").replace("\u2009", "").replace("\u202f", "")
        s = s.replace("\u00b7", ".")
    return float(s)


def _text2num(phrase: str) -> float | None:
    """Convert an already-validated phrase of number words; None when text2num refuses."""
    try:
        value = text2num(" ".join(phrase.split()), "en")
    except Exception:
        return None
    try:
        result = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return result if math.isfinite(result) else None


def _words_value(phrase: str) -> float | None:
    """Value of a phrase matched by ``_WORDS_RE`` (number words, possibly with "dozen")."""
    m = _DOZEN_RE.fullmatch(phrase)
    if m is None:
        if len(phrase) > 400:
            return None
        return _text2num(phrase)
    if m.group(1) is not None:
        return 6.0
    inner = m.group(2)
    if inner is None:
        return 12.0
    base = _text2num(inner) if _WORD_PHRASE_FULL_RE.fullmatch(inner) else None
    return None if base is None else base * 12.0


def _one_is_number(text: str, start: int, end: int) -> bool:
    """Whether the lone word "one" at text[start:end] reads as a quantity."""
    before = text[max(0, start - 16) : start]
    if before[-1:].isspace():
        words = before.split()
        if words and words[-1].lower() in _ONE_PREV_STOP:
            return False
    nxt = _NEXT_WORD_RE.match(text, end)
    return nxt is not None and nxt.group(1).lower() not in _ONE_NEXT_STOP


def _emit_words(text: str, s: int, e: int, out: list[NumberMention]) -> None:
    """Convert the word phrase text[s:e]; if it does not convert as a whole, split it."""
    phrase = text[s:e]
    low = phrase.lower()
    if low == "one":
        if _one_is_number(text, s, e):
            out.append(NumberMention(1.0, s, e, "word"))
        return
    value: float | None = None
    if "dozen" in low:
        value = _words_value(phrase)
    elif phrase.isalpha() or (phrase.count("-") == 1 and phrase.replace("-", "").isalpha()):
        value = _text2num(phrase)  # one listed word, or tens-units such as "twenty-four"
        if value is not None:
            out.append(NumberMention(value, s, e, "word"))
            return
    tokens = [(t.start(), t.end()) for t in _WORD_TOKEN_RE.finditer(text, s, e)]
    if value is None and len(tokens) <= _MAX_PHRASE_TOKENS and "dozen" not in low:
        value = _text2num(phrase)
    if value is not None:
        out.append(NumberMention(value, s, e, "word"))
        return
    # Greedy split: longest convertible run of tokens from the left, then continue.
    i, n = 0, len(tokens)
    while i < n:
        for j in range(min(n, i + _MAX_PHRASE_TOKENS), i, -1):
            ts, te = tokens[i][0], tokens[j - 1][1]
            if ts == s and te == e:
                continue  # the whole phrase already failed
            v = _text2num(text[ts:te])
            if v is None:
                continue
            single_one = j - i == 1 and text[ts:te].lower() == "one"
            if not single_one or _one_is_number(text, ts, te):
                out.append(NumberMention(v, ts, te, "word"))
            i = j
            break
        else:
            i += 1


def _lowered(text: str, lo: int, hi: int) -> str:
    """text[lo:hi] lower-cased with its length (hence offsets) unchanged."""
    seg = text[lo:hi].lower()
    if len(seg) != hi - lo:  # e.g. "İ" lower-cases to two characters
        seg = text[lo:hi].translate(_ASCII_LOWER)
    return seg


def _scan(text: str, lo: int, hi: int) -> list[NumberMention]:
    """Number mentions in text[lo:hi], sorted by start and non-overlapping."""
    base = lo - 1 if lo > 0 else 0  # one character of left context for ``\b``
    seg = _lowered(text, base, hi)
    pos = lo - base
    nums: list[NumberMention] = []
    last = -1
    isfinite = math.isfinite
    for m in _NUM_RE.finditer(seg, pos):
        ms = m.start()
        s = ms + base
        if s < last:
            continue
        # Guard: not glued to a word or a dot on the left ("COVID19", "IL-6", "x.5").
        c = text[s - 1] if s else " "
        glued = c == "." or c == "_" or c.isalnum()
        neqv, pct, scale = m.group("neqv", "pct", "scale")
        if neqv is not None:
            if not glued:
                value = _digits_value(neqv)
                if isfinite(value):
                    nums.append(NumberMention(value, s, m.end() + base, "n_equals"))
                    last = m.end() + base
                continue
            # e.g. "mean = 25%": the "n" belongs to a word; keep the number itself.
            only = _NUM_ONLY_RE.match(seg, m.start("neqv"))
            if only is None:
                continue
            m, ms = only, only.start()
            pct, scale = m.group("pct", "scale")
        elif glued or (c == "-" and s >= 2 and text[s - 2].isalpha()):
            continue
        value = _digits_value(seg[ms : m.start("be")])
        if pct is not None:
            form = "percent"
        else:
            form = "digits"
            if scale is not None:
                value *= _SCALE_VALUE[scale]
        if isfinite(value):
            last = m.end() + base
            nums.append(NumberMention(value, ms + base, last, form))
    words: list[NumberMention] = []
    for m in _WORDS_RE.finditer(seg, pos):
        ws = m.start() + base
        if m.group("wpct") is None:
            _emit_words(text, ws, m.end() + base, words)
        else:
            wv = _words_value(text[ws : m.start("wpct") + base])
            if wv is not None:
                words.append(NumberMention(wv, ws, m.end() + base, "percent"))
    if not words:
        return nums
    if not nums:
        return words
    # Merge; a digit mention wins over an overlapping word ("2.5 million" vs "million").
    out: list[NumberMention] = []
    i = 0
    for w in words:
        while i < len(nums) and nums[i].end <= w.start:
            out.append(nums[i])
            i += 1
        if i < len(nums) and nums[i].start < w.end:
            continue
        out.append(w)
    out.extend(nums[i:])
    return out


# --------------------------------------------------------------------------- public API


def word_to_number(phrase: str) -> float | None:
    """Value of an English number phrase ("twenty-four", "half a dozen"), else None."""
    try:
        norm = " ".join(phrase.split())
        if not norm or len(norm) > 400:
            return None
        m = _DOZEN_RE.fullmatch(norm)
        if m is not None:
            return _words_value(norm)
        if _WORD_PHRASE_FULL_RE.fullmatch(norm) is None:
            return None
        return _text2num(norm)
    except Exception:
        return None


def parse_number(token: str) -> float | None:
    """Value of one number token: "1,204", "2.5", ".05", "1\u00a0204", "2.5 million", "nine"."""
    try:
        norm = token.strip(" \t\r\n")
        m = _PARSE_RE.fullmatch(norm)
        if m is None:
            return word_to_number(norm)
        value = _digits_value(m.group(1))
        if m.group(2) is not None:
            value *= _SCALE_VALUE[m.group(2).lower()]
        return value if math.isfinite(value) else None
    except Exception:
        return None


# The extractor usually calls find_numbers, find_ranges and find_counts on the same window of
# the same string; remember the last scan so the text is scanned once. Keyed on the identity of
# the (immutable) string, which the entry keeps alive, so a hit is always the same text.
_last_scan: list[tuple[str, int, int, tuple[NumberMention, ...]]] = []


def _numbers(text: str, lo: int, hi: int) -> tuple[NumberMention, ...]:
    entry = _last_scan[0] if _last_scan else None
    if entry is not None and entry[0] is text and entry[1] == lo and entry[2] == hi:
        return entry[3]
    found = tuple(_scan(text, lo, hi))
    _last_scan[:] = [(text, lo, hi, found)]
    return found


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """All number mentions inside text[start:end], in order, non-overlapping."""
    lo, hi = _window(text, start, end)
    if lo >= hi:
        return []
    return list(_numbers(text, lo, hi))


def find_ranges(text: str, start: int = 0, end: int | None = None) -> list[RangeMention]:
    """Numeric ranges inside text[start:end] ("6 to 18", "6-18", "between 6 and 18")."""
    lo, hi = _window(text, start, end)
    if lo >= hi:
        return []
    out: list[RangeMention] = []
    last_end = -1
    for a, b in itertools.pairwise(_numbers(text, lo, hi)):
        if a.start < last_end or a.value > b.value or "n_equals" in (a.form, b.form):
            continue
        begin = a.start
        if _RANGE_GAP_RE.fullmatch(text, a.end, b.start):
            frm = _FROM_RE.search(text, max(lo, a.start - 12), a.start)
            if frm is not None:
                begin = frm.start()
        elif _AND_GAP_RE.fullmatch(text, a.end, b.start):
            btw = _BETWEEN_RE.search(text, max(lo, a.start - 16), a.start)
            if btw is None:
                continue
            begin = btw.start()
        else:
            continue
        # Reject chains such as dates "2019-05-12" or "1/2-3".
        if a.start >= 2 and text[a.start - 1] in _CHAIN_CHARS and text[a.start - 2] in _DIGITS:
            continue
        if b.end + 1 < len(text) and text[b.end] in _CHAIN_CHARS and text[b.end + 1] in _DIGITS:
            continue
        out.append(RangeMention(a.value, b.value, begin, b.end))
        last_end = b.end
    return out


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[CountMention]:
    """Counts out of totals inside text[start:end] ("12/48 (25%)", "12 of 48", "25% (12/48)")."""
    lo, hi = _window(text, start, end)
    if lo >= hi:
        return []
    raw: list[tuple[int, int, float, float]] = []
    if text.find("/", lo, hi) != -1:
        for m in _SLASH_RE.finditer(text, lo, hi):
            raw.append((m.start(), m.end(), _digits_value(m["a"]), _digits_value(m["b"])))
    nums = _numbers(text, lo, hi)
    for a, b in itertools.pairwise(nums):
        if (
            a.form in _NUMBER_FORMS
            and b.form in _NUMBER_FORMS
            and _OF_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            raw.append((a.start, b.end, a.value, b.value))
    # "one of the 12": find_numbers skips "one of", but here it is a count.
    low = _lowered(text, lo, hi)
    i = low.find("one")
    by_start = {n.start: n for n in nums if n.form in _NUMBER_FORMS} if i != -1 else {}
    while i != -1:
        s = lo + i
        one_of = _ONE_OF_RE.match(text, s, hi)
        if one_of is not None and not (s and (text[s - 1].isalnum() or text[s - 1] == "_")):
            whole = by_start.get(one_of.end())
            if whole is not None:
                raw.append((s, whole.end, 1.0, whole.value))
        i = low.find("one", i + 3)
    if not raw:
        return []
    raw.sort()
    out: list[CountMention] = []
    last_end = -1
    for s, e, count, total in raw:
        if s < last_end:
            continue
        if not (count.is_integer() and total.is_integer() and 0 <= count <= total and total > 0):
            continue
        percent: float | None = None
        after = (
            _PCT_AFTER_RE.match(text, e, hi)
            or _PCT_AFTER_NOUN_RE.match(text, e, hi)
            or _PCT_OR_RE.match(text, e, hi)
        )
        if after is not None:
            percent = _digits_value(after["p"])
            e = after.end()
        else:
            back = max(lo, s - _PCT_BEFORE_LOOKBACK)
            close = _CLOSE_RE.match(text, e, hi)
            before = None
            if close is not None and text.find("%", back, s) != -1:
                before = _PCT_BEFORE_RE.search(text, back, s)
            if before is not None and close is not None and before.start() >= last_end:
                percent = _digits_value(before["p"])
                s, e = before.start(), close.end()
        out.append(CountMention(count, total, percent, s, e))
        last_end = e
    return out
