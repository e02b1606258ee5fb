"""The article as the extractors see it: sentences with their section and their role.

Built once per article, so that each extractor scans sentences already marked as background
(what earlier studies found), future work, or references, and skips them where it should.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from appraise.extract.cues import cues as _cues
from appraise.extract.cues import lowered_source, starts, triggers
from appraise.extract.numbers import CountMention, NumberMention, find_counts, find_numbers
from appraise.extract.scanning import Scan, finditer, finditer_at, positions_of, scan_form
from appraise.ingest import Article

# "METHODS: ..." (structured abstracts) or a heading alone on its line.
_LABEL = re.compile(r"^\s*([A-Z][A-Za-z &/]{2,40}?)\s*[:.]\s", re.ASCII)
_HEADING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?([A-Z][A-Za-z &/]{2,40})\s*:?\s*$")
_SECTION_NAMES = {
    "background": "background",
    "introduction": "background",
    "context": "background",
    "rationale": "background",
    "objective": "objective",
    "objectives": "objective",
    "aim": "objective",
    "aims": "objective",
    "purpose": "objective",
    "methods": "methods",
    "method": "methods",
    "materials and methods": "methods",
    "patients and methods": "methods",
    "design": "methods",
    "study design": "methods",
    "setting": "methods",
    "participants": "methods",
    "subjects": "methods",
    "patients": "methods",
    "interventions": "methods",
    "intervention": "methods",
    "main outcome measures": "methods",
    "outcome measures": "methods",
    "measurements": "methods",
    "design, setting, and participants": "methods",
    "results": "results",
    "findings": "results",
    "main results": "results",
    "conclusions": "conclusions",
    "conclusion": "conclusions",
    "interpretation": "conclusions",
    "discussion": "discussion",
    "limitations": "discussion",
    "references": "references",
    "bibliography": "references",
    "acknowledgements": "references",
    "acknowledgments": "references",
    "funding": "funding",
    "abstract": "abstract",
    "title": "title",
    "trial registration": "registration",
}


_BACKGROUND = _cues(
    r"previously",
    r"previous (?:studies|research|trials|work|reports|findings|data|analys[ie]s|reviews"
    r"|meta-analys[ie]s|surveys|investigations)",
    r"prior (?:studies|research|trials|work|reports)",
    r"earlier (?:studies|research|trials|work)",
    r"(?:have|has) (?:been )?(?:shown|suggested|demonstrated|reported|found|linked|observed|"
    r"described|noted)",
    r"in (?:those|these|earlier|other|previous|prior) (?:studies|trials|reports)",
    r"other (?:studies|researchers|research|trials)",
    r"past (?:studies|research)",
    r"it is (?:known|well)",
    r"et al\b",
    r"studies (?:have|show|suggest)",
    r"research (?:has|shows|suggests)",
    r"according to (?:the )?(?:cdc|centers|world|national|american)",
    r"according to (?:the )?(?:[\w-]+ ){0,3}(?:foundation|association|society|institute|"
    r"organi[sz]ation|agency|department|ministry|college|federation|council|alliance|charity)",
    r"in (?:19|20)\d\d,? (?:a|an|the) (?:[\w-]+ ){0,2}(?:study|trial|team|group|researchers)",
    r"(?:a|an) (?:19|20)\d\d (?:[\w-]+ ){0,2}(?:study|trial|report|analysis|review|survey)",
    r"published (?:last (?:year|month)|(?:\w+ )?years? ago)",
    # A review describing the studies it pooled: "one of the largest trials in the review".
    r"(?:one|two|some|several|many|most|none|each) of the (?:\w+ )?(?:trials|studies)",
    r"(?:a|an) (?:\w+ ){0,2}(?:study|trial) (?:published|conducted|reported|presented) "
    r"(?:\w+ ){0,3}in (?:19|20)\d\d",
    r"(?:pointed to|cited|referred to|citing) (?:a|an|the|one|two|several) ",
    r"(?:a|an|one) (?:\w+ ){0,2}(?:study|trial|review|analysis) published "
    r"(?:last|earlier|in (?:19|20)\d\d)",
    r"(?:another|a separate|an earlier|a smaller|an older|a previous|a similar|other) "
    r"(?:\w+ )?(?:study|trial|analysis|survey)",
    # Products already on the market were tested before this study.
    r"(?:vaccines?|drugs?|treatments?|medicines?|medications?|therap(?:y|ies)|devices?) "
    r"(?:[\w-]+ ){0,5}(?:were|was|have been|has been) approved",
)
# A bracketed citation such as [18] or [3, 4].
_CITATION = re.compile(r"\[\d+(?:[,–-]\s*\d+)*\]")
_OWN_STUDY = _cues(
    r"(?:this|the present|the current|our|the new|the ongoing|the latest|the recent) "
    r"(?:study|trial|analysis|survey|review)",
    r"we (?:aimed|sought|set out|hypothesi[sz]ed|investigated|evaluated|assessed|conducted|report)",
    r"the (?:aim|purpose|objective|goal) of (?:this|the present|our)",
)
# A sentence that opens on the study itself is about this study ("The study found ...").
_OPENS_ON_STUDY = re.compile(
    r"(?:the|this) (?:study|trial|researchers|research team) (?:found|finds|showed|shows|suggests?"
    r"|suggested|reported|included|involved|enrolled|was|is|published|looked|followed|tracked)\b",
    re.IGNORECASE,
)
_FUTURE = _cues(
    r"future (?:studies|research|trials|work)",
    r"further (?:studies|research|trials|work|investigation)",
    r"(?:larger|longer|more) (?:studies|trials|research)",
    r"(?:studies|trials|research) (?:that|to|are|is|will|should) (?:be )?(?:needed|evaluate|examine"
    r"|assess|test|determine|warranted|required|confirm|help)",
    r"will (?:be )?need(?:ed)?",
    r"remains? to be",
    r"should be (?:studied|tested|evaluated|investigated)",
    r"(?:is|are) (?:now |being )?planned",
    r"plan to",
    r"(?:is|are) (?:now )?(?:under ?way|recruiting)",
    r"next step",
    r"(?:is|are|is still|are still) (?:warranted|needed|required)",
    r"need (?:(?:a|an|more|larger|bigger|further|longer|proper) )?(?:\w+ )?(?:trials?|stud(?:y|ies)"
    r"|research|evidence)",
    r"(?:is|are) (?:now )?(?:working|planning|preparing|setting up) ",
    r"support(?:s|ing)? (?:a|further|larger|the) (?:\w+ ){0,3}(?:trials?|stud(?:y|ies)|evaluation)",
    r"hopes? to (?:start|begin|launch|run|test|conduct)",
    r"plans? to (?:start|begin|launch|run|test|conduct)",
    r"will (?:start|begin|launch|test|run|receive|enrol|recruit)",
    r"(?:is|are) (?:already |now |currently )?(?:enrolling|recruiting)",
    r"(?:want|wants|hope|hopes) to (?:see|know|find out|test|learn|understand)",
    r"needs? to (?:know|find out|see|understand|learn|establish|confirm)",
    r"will be (?:assessed|evaluated|tested|examined|studied|investigated|compared)",
    r"support(?:s|ing)? (?:a|further|larger|the) [^.;]{0,60}?(?:trials?|stud(?:y|ies)|evaluation)",
)


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    section: str
    """background, objective, methods, results, conclusions, discussion, references, or body."""
    background: bool
    """About earlier studies or general knowledge, not this study."""
    future: bool
    """About studies still to be done."""


_Mention = TypeVar("_Mention", NumberMention, CountMention)
_SCANS: dict[tuple[int, bool], tuple[re.Pattern[str], Scan]] = {}
_Matcher = Callable[[int, "int | None"], Iterator[re.Match[str]]]
# A cue pattern with at most this many literal starts is tried only where they occur, unless
# they occur in more than _BUDGET + one in _BUDGET_PER characters' places: then a scan is faster.
_MAX_STARTS = 16
_BUDGET = 16
_BUDGET_PER = 64


@dataclass(slots=True)
class Doc:
    article: Article
    text: str
    sentences: list[Sentence]
    own: list[Sentence] = field(default_factory=list)
    """Sentences about this study: not background, not future work, not references."""
    _starts: list[int] = field(default_factory=list)
    _lower: str | None = None
    _numbers: dict[int, list[NumberMention]] | None = None
    _counts: dict[int, list[CountMention]] | None = None
    _cache: dict[int, dict[int, re.Match[str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]
        lower = self.text.lower()
        # Lower-casing may change a text's length (a few letters expand): then offsets would
        # drift, so such a text keeps the slower case-insensitive scan.
        self._lower = lower if len(lower) == len(self.text) else None

    def hits(self, pattern: re.Pattern[str]) -> dict[int, re.Match[str]]:
        """The first match of `pattern` in each sentence, by sentence index.

        One scan of the whole text per pattern, cached: far cheaper than searching sentence by
        sentence. A case-insensitive pattern runs case-sensitively over the lower-cased text,
        which `re` does about three times faster; match offsets are the same, match text is
        lower-cased (slice `text` with the offsets to quote it).
        """
        key = id(pattern)
        found = self._cache.get(key)
        if found is None:
            found = {}
            places = self._places(pattern)
            if places is not None:
                if places:
                    found = _first_per_sentence(self._matcher(pattern, places), self)
            elif not self._absent(pattern):
                found = _first_per_sentence(self._matcher(pattern, None), self)
            self._cache[key] = found
        return found

    def _absent(self, pattern: re.Pattern[str]) -> bool:
        """Whether none of the strings one of which every match contains occurs."""
        needed = triggers(pattern)
        return (
            needed is not None
            and self._lower is not None
            and not any(word in self._lower for word in needed)
        )

    def _places(self, pattern: re.Pattern[str]) -> list[int] | None:
        """For a cue pattern with few literal starts that occur in few places: those places in
        the lower-cased text, where alone a match can start; None to scan the whole text."""
        if self._lower is None:
            return None
        literals = starts(pattern)
        if literals is None or len(literals) > _MAX_STARTS:
            return None
        return positions_of(self._lower, literals, _BUDGET + len(self._lower) // _BUDGET_PER)

    def _matcher(self, pattern: re.Pattern[str], places: list[int] | None) -> _Matcher:
        """A function giving the matches of `pattern` between two offsets, as `finditer`."""
        if places is not None:
            assert self._lower is not None
            full, lower = self._scan(pattern)[0].full, self._lower
            return lambda pos, endpos: finditer_at(full, lower, places, pos, endpos)
        scan, text = self._scan(pattern)
        return lambda pos, endpos: finditer(scan, text, pos, endpos)

    def numbers_in(self, sentence: Sentence) -> list[NumberMention]:
        """The numbers of one sentence, from one scan of the whole text."""
        if self._numbers is None:
            self._numbers = self._by_sentence(find_numbers(self.text))
        return self._numbers.get(sentence.index, [])

    def counts_in(self, sentence: Sentence) -> list[CountMention]:
        """The "x of n" and "x/n (p%)" counts of one sentence, from one scan of the whole text."""
        if self._counts is None:
            self._counts = self._by_sentence(find_counts(self.text))
        return self._counts.get(sentence.index, [])

    def _by_sentence(self, mentions: Sequence[_Mention]) -> dict[int, list[_Mention]]:
        found: dict[int, list[_Mention]] = {}
        for mention in mentions:
            index = bisect_right(self._starts, mention.start) - 1
            if index >= 0 and mention.end <= self.sentences[index].end:
                found.setdefault(index, []).append(mention)
        return found

    def each_match(self, pattern: re.Pattern[str]) -> list[tuple[Sentence, re.Match[str]]]:
        """Every match of `pattern` with the sentence it lies in (matches across two sentences
        are dropped), scanning the lower-cased text when the pattern ignores case."""
        places = self._places(pattern)
        found: list[tuple[Sentence, re.Match[str]]] = []
        if places == []:
            return found
        sentences, starts = self.sentences, self._starts
        for match in self._matcher(pattern, places)(0, None):
            index = bisect_right(starts, match.start()) - 1
            if index >= 0 and match.end() <= sentences[index].end:
                found.append((sentences[index], match))
        return found

    def _scan(self, pattern: re.Pattern[str]) -> tuple[Scan, str]:
        """How to scan for `pattern`, and the text to scan: a case-insensitive pattern runs
        case-sensitively over the lower-cased text when lower-casing kept every offset."""
        lowered = self._lower is not None and bool(pattern.flags & re.IGNORECASE)
        key = (id(pattern), lowered)
        entry = _SCANS.get(key)
        if entry is None or entry[0] is not pattern:
            if lowered:
                scan = scan_form(lowered_source(pattern), pattern.flags & ~re.IGNORECASE)
            else:
                scan = scan_form(pattern.pattern, pattern.flags)
            # The entry keeps the pattern alive, so its id is not reused while cached.
            entry = (pattern, scan)
            _SCANS[key] = entry
        if lowered:
            assert self._lower is not None
            return entry[1], self._lower
        return entry[1], self.text

    def matching(
        self, pattern: re.Pattern[str], pool: list[Sentence] | None = None
    ) -> list[Sentence]:
        """The sentences of `pool` (default: this study's own) in which `pattern` occurs."""
        found = self.hits(pattern)
        return [s for s in (self.own if pool is None else pool) if s.index in found]


def _first_per_sentence(matches: _Matcher, doc: Doc) -> dict[int, re.Match[str]]:
    found: dict[int, re.Match[str]] = {}
    sentences, starts = doc.sentences, doc._starts
    for match in matches(0, None):
        start = match.start()
        index = bisect_right(starts, start) - 1
        if index < 0 or index in found:
            continue
        sentence = sentences[index]
        if match.end() <= sentence.end:
            found[index] = match
            continue
        # The match ran past the sentence: look again inside the sentence alone.
        for inner in matches(start + 1, sentence.end):
            found[index] = inner
            break
    return found


def _background_flags(doc: Doc) -> None:
    """Mark sentences about earlier work: a background cue before any mention of this study."""
    cue = doc.hits(_BACKGROUND)
    citation = doc.hits(_CITATION)
    own = doc.hits(_OWN_STUDY)
    future = doc.hits(_FUTURE)
    opens_on_study = doc.hits(_OPENS_ON_STUDY)
    for sentence in doc.sentences:
        index = sentence.index
        first = min(
            (m.start() for m in (cue.get(index), citation.get(index)) if m is not None),
            default=None,
        )
        own_at = own[index].start() if index in own else None
        opening = opens_on_study.get(index)
        if opening is not None and opening.start() == sentence.start:
            own_at = sentence.start
        if first is not None:
            sentence.background = own_at is None or first < own_at
        else:
            sentence.background = sentence.section == "background" and own_at is None
        sentence.future = index in future
    doc.own = [
        s
        for s in doc.sentences
        if not (s.background or s.future) and s.section not in ("references", "funding")
    ]


def build_doc(article: Article) -> Doc:
    text = article.text
    sentences: list[Sentence] = []
    section = "body"
    previous_end = 0
    for index, span in enumerate(article.sentences):
        sentence_text = text[span.start : span.end]
        # Sentences never cross a line break, so one starts a line when a break precedes it.
        starts_line = index == 0 or "\n" in text[previous_end : span.start]
        previous_end = span.end
        if starts_line:
            heading = _HEADING.match(sentence_text)
            label = heading or _LABEL.match(sentence_text)
            if label:
                name = _SECTION_NAMES.get(label.group(1).strip().lower())
                if name:
                    section = name
        if index == 0 and "\n" in text[span.end : span.end + 2]:
            section = "title"
        elif section == "title":
            section = "body"
        sentences.append(
            Sentence(index, span.start, span.end, sentence_text, section, False, False)
        )
    doc = Doc(article, text, sentences)
    _background_flags(doc)
    return doc
