"""The learned OFFICE finder: a spaCy span categorizer (`office_spancat`) trained with the NER.

OFFICE spans nest ORG and PLACE mentions (`Ketua Bawaslu Kendal`), so they cannot be NER labels beside
them; a span categorizer scores candidate spans independently of `doc.ents`. Candidates come from
`pilkada.office_suggester.v1`: every span of up to `max_length` tokens that opens with a word that can open an
office title (the first words of the office head and marker lexicons: `Ketua`, `Pj`, `Kapolres`, …), so the
closed class of titles is the lexicon's job and where the span ends, and whether it is an office at all
(`calon Bupati`, `para camat`), is the model's. The component writes its spans, with their scores, to
`doc.spans[OFFICE_MODEL_KEY]`; `office_ruler` decides the final OFFICE spans.

Training data: only paragraphs whose reference Doc carries the span key were annotated for OFFICE (the
project's own annotations); the public corpora, written articles and synthetic text were not, so
`OfficeSpanCategorizer` gives their candidates no gradient instead of teaching that they are no office.
"""
from __future__ import annotations

import functools
from typing import Callable, Iterable, Optional

import numpy
from spacy.attrs import SPACY
from spacy.language import Language
from spacy.pipeline.spancat import DEFAULT_SPANCAT_MODEL, SpanCategorizer, Suggester
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

from pipeline.extract.spans import OFFICE_MODEL_KEY, token_texts
from pipeline.lexicon import read_lines

# A candidate never runs across these: an OFFICE mention contains no quotation or sentence punctuation.
_STOP_TOKENS = {'"', "“", "”", ":", ";", "!", "?", "|"}


@functools.cache
def title_openers() -> frozenset[str]:
    """Lower-case first words of every office head and marker (`office_heads.txt`, `office_markers.txt`)."""
    words = set()
    for name in ("office_heads.txt", "office_markers.txt"):
        for line in read_lines(name):
            phrase = line.partition("\t")[0]
            words.add(phrase.split()[0].lower().rstrip("."))
    return frozenset(words)


def _sentence_end(texts: list[str], spaces: list[int], i: int) -> bool:
    """A full stop that ends a sentence, not the one of an abbreviation written `Plh.` (tokenised apart)."""
    return texts[i] == "." and (i == 0 or spaces[i - 1] or len(texts[i - 1]) > 4)


def office_candidates(doc: Doc, max_length: int) -> list[tuple[int, int]]:
    openers = title_openers()
    texts = token_texts(doc)
    spaces = doc.to_array(SPACY).tolist()
    spans = []
    for i, text in enumerate(texts):
        if text.lower().rstrip(".") not in openers:
            continue
        for j in range(i, min(len(texts), i + max_length)):
            if texts[j] in _STOP_TOKENS or _sentence_end(texts, spaces, j):
                break
            spans.append((i, j + 1))
    return spans


@registry.misc("pilkada.office_suggester.v1")
def build_office_suggester(max_length: int) -> Suggester:
    def suggest(docs: Iterable[Doc], *, ops: Optional[Ops] = None) -> Ragged:
        ops = ops or get_current_ops()
        per_doc = [office_candidates(doc, max_length) for doc in docs]
        lengths = ops.asarray1i([len(spans) for spans in per_doc])
        flat = [span for spans in per_doc for span in spans]
        data = ops.asarray2i(flat) if flat else ops.xp.zeros((0, 2), dtype="i")
        return Ragged(data, lengths)

    return suggest


class OfficeSpanCategorizer(SpanCategorizer):
    """A span categorizer that learns only from Docs annotated for its span key."""

    def get_loss(self, examples, spans_scores):
        _, d_scores = super().get_loss(examples, spans_scores)
        spans, _ = spans_scores
        d_scores = self.model.ops.to_numpy(d_scores)
        offset = 0
        for eg, n in zip(examples, self.model.ops.to_numpy(spans.lengths)):
            if self.key not in eg.reference.spans:
                d_scores[offset:offset + int(n)] = 0.0
            offset += int(n)
        return float(numpy.square(d_scores).sum()), self.model.ops.asarray(d_scores)


@Language.factory(
    "office_spancat",
    assigns=["doc.spans"],
    default_config={
        "threshold": 0.5,
        "spans_key": OFFICE_MODEL_KEY,
        "model": DEFAULT_SPANCAT_MODEL,
        "suggester": {"@misc": "pilkada.office_suggester.v1", "max_length": 16},
        "scorer": {"@scorers": "spacy.spancat_scorer.v1"},
    },
    default_score_weights={f"spans_{OFFICE_MODEL_KEY}_f": 1.0, f"spans_{OFFICE_MODEL_KEY}_p": 0.0,
                           f"spans_{OFFICE_MODEL_KEY}_r": 0.0},
)
def make_office_spancat(nlp: Language, name: str, suggester: Suggester, model, spans_key: str,
                        scorer: Optional[Callable], threshold: float) -> OfficeSpanCategorizer:
    return OfficeSpanCategorizer(nlp.vocab, model=model, suggester=suggester, name=name, spans_key=spans_key,
                                 negative_weight=None, allow_overlap=True, max_positive=None,
                                 threshold=threshold, scorer=scorer, add_negative_label=False)
