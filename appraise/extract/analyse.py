"""analyse(article) -> Findings: runs every extractor over one article."""

from __future__ import annotations

from appraise.extract.consistency import find_inconsistencies
from appraise.extract.context import build_doc
from appraise.extract.control import find_control, mentions_comparison, names_control
from appraise.extract.design import find_design
from appraise.extract.endpoints import find_efficacy, find_power
from appraise.extract.findings import Findings
from appraise.extract.follow_up import find_durations, find_follow_up
from appraise.extract.reporting import find_signals
from appraise.extract.sample_size import find_sample_size, one_case
from appraise.ingest import Article


def analyse(article: Article) -> Findings:
    doc = build_doc(article)
    sample, candidates = find_sample_size(doc)
    design = find_design(
        doc,
        has_comparison=len(sample.arms) >= 2 or names_control(doc),
        compares=mentions_comparison(doc),
    )
    sample = one_case(sample, design)
    control = find_control(doc, design)
    durations = find_durations(doc)
    return Findings(
        design=design,
        sample_size=sample,
        control=control,
        follow_up=find_follow_up(doc, durations),
        efficacy=find_efficacy(
            doc, survey=design.value == "cross-sectional", compared=control.present is not False
        ),
        power=find_power(doc),
        inconsistencies=find_inconsistencies(doc, sample, candidates, durations),
        signals=find_signals(doc),
    )
