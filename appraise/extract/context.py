"""The article as the extractors see it: sentences with their section and their role.

Built once per article, so that each extractor scans sentences already marked as background
(what earlier studies found), future work, or references, and skips them where it should.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from appraise.extract.cues import cues as _cues
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
    r"(?:have|has) (?:been )?(?:shown|suggested|demonstrated|reported|found|linked)",
    r"other (?:studies|researchers|research|trials)",
    r"past (?:studies|research)",
    r"it is (?:known|well)",
    r"et al\b",
    r"studies (?:have|show|suggest)",
    r"research (?:has|shows|suggests)",
    r"according to (?:the )?(?:cdc|centers|world|national|american)",
    r"in (?:19|20)\d\d,? (?:a|an|the) (?:study|trial)",
    r"(?:a|an) (?:19|20)\d\d (?:study|trial|report|analysis|review|survey)",
    r"(?:a|an) (?:\w+ ){0,2}(?:study|trial) (?:published|conducted|reported|presented) "
    r"(?:\w+ ){0,3}in (?:19|20)\d\d",
    r"(?:pointed to|cited|referred to|citing) (?:a|an|the|one|two|several) ",
    r"(?:another|a separate|an earlier|a smaller|an older|a previous|a similar|other) "
    r"(?:\w+ )?(?:study|trial|analysis|survey)",
)
# A bracketed citation such as [18] or [3, 4].
_CITATION = re.compile(r"\[\d+(?:[,–-]\s*\d+)*\]")
_OWN_STUDY = re.compile(
    r"\b(?:(?:this|the present|the current|our|the new|the ongoing|the latest|the recent) "
    r"(?:study|trial|analysis|survey|review)|^the (?:study|trial|researchers)\b"
    r"|we (?:aimed|sought|set out|hypothesi[sz]ed|investigated|evaluated|assessed|conducted|report)"
    r"|the (?:aim|purpose|objective|goal) of (?:this|the present|our))",
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
    r"will be (?:assessed|evaluated|tested|examined|studied|investigated|compared)",
    r"support(?:s|ing)? (?:a|further|larger|the) [^.;]{0,60}?(?:trials?|stud(?:y|ies)|evaluation)",
)


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    lower: str
    section: str
    """background, objective, methods, results, conclusions, discussion, references, or body."""
    background: bool
    """About earlier studies or general knowledge, not this study."""
    future: bool
    """About studies still to be done."""


@dataclass(slots=True)
class Doc:
    article: Article
    text: str
    sentences: list[Sentence]

    @property
    def own(self) -> list[Sentence]:
        """Sentences about this study: not background, not future work, not references."""
        return [
            s
            for s in self.sentences
            if not (s.background or s.future) and s.section not in ("references", "funding")
        ]


def _is_background(sentence: str, section: str) -> bool:
    """About earlier work: a background cue that comes before any mention of this study."""
    own = _OWN_STUDY.search(sentence)
    cue = _BACKGROUND.search(sentence) or _CITATION.search(sentence)
    if cue is not None:
        return own is None or cue.start() < own.start()
    return section == "background" and own is None


def build_doc(article: Article) -> Doc:
    text = article.text
    sentences: list[Sentence] = []
    section = "body"
    line_start = -1
    for index, span in enumerate(article.sentences):
        sentence_text = text[span.start : span.end]
        starts_line = (
            span.start == 0
            or text[span.start - 1] == "\n"
            or (text.rfind("\n", 0, span.start) > line_start)
        )
        if starts_line:
            line_start = text.rfind("\n", 0, span.start)
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
        lower = sentence_text.lower()
        background = _is_background(sentence_text, section)
        sentences.append(
            Sentence(
                index,
                span.start,
                span.end,
                sentence_text,
                lower,
                section,
                background,
                bool(_FUTURE.search(sentence_text)),
            )
        )
    return Doc(article, text, sentences)
