"""Public CoNLL-style Indonesian NER corpora -> spaCy Docs with flat PERSON / PLACE / ORG entities.

The corpora live in ../shared/datasets/ner/ (read only, never committed):
- idner-news-2k (MIT): `token UPOS tag`, IOB tags PER / ORG / LOC; cased news.
- nergrit (Apache-2.0): `token<TAB>tag`, IOB tags PERSON / PLACE / ORGANISATION; cased.
- nerp (Apache-2.0): `token<TAB>tag`, IOB tags PPL / PLC / IND / EVT / FNB; lower-cased news.

Each sentence becomes one Doc. The sentence text is the tokens joined by single spaces and is
re-tokenized with the project's tokenizer (`pilkada.Tokenizer.v1`), so training sees the same
token boundaries as the pipeline; entity spans are mapped by character offsets.
"""
from __future__ import annotations

import sys
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets" / "ner"

LABEL_MAPS = {
    "idner-news-2k": {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"},
    "nergrit": {"PERSON": "PERSON", "PLACE": "PLACE", "ORGANISATION": "ORG"},
    "nerp": {"PPL": "PERSON", "PLC": "PLACE", "IND": "ORG"},
}
SPLIT_FILES = {
    "idner-news-2k": {"train": "train.txt", "dev": "dev.txt", "test": "test.txt"},
    "nergrit": {"train": "train.txt", "dev": "valid.txt", "test": "test.txt"},
    "nerp": {"train": "train.txt", "dev": "valid.txt", "test": "test.txt"},
}


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences as lists of (token, IOB tag); the tag is the last column."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        cols = line.split()
        if len(cols) < 2:
            continue
        cur.append((cols[0], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


def iob_spans(tags: list[str], label_map: dict[str, str]) -> list[tuple[int, int, str]]:
    """Token spans [start, end) from IOB tags; an I- without a matching B- opens a new span.
    Labels not in `label_map` (nerp's EVT, FNB) are dropped, i.e. become O."""
    spans = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, lab = tag.partition("-")
        if tag == "O" or prefix == "B" or (prefix == "I" and lab != label):
            if start is not None and label in label_map:
                spans.append((start, i, label_map[label]))
            start, label = (i, lab) if tag != "O" else (None, None)
    return spans


def sentence_doc(nlp: Language, tokens: list[str], spans: list[tuple[int, int, str]], stats: dict) -> Doc:
    offsets = []
    pos = 0
    for tok in tokens:
        offsets.append(pos)
        pos += len(tok) + 1
    text = " ".join(tokens)
    doc = nlp.make_doc(text)
    ents = []
    for s, e, label in spans:
        a, b = offsets[s], offsets[e - 1] + len(tokens[e - 1])
        span = doc.char_span(a, b, label=label, alignment_mode="strict")
        if span is None:
            span = doc.char_span(a, b, label=label, alignment_mode="expand")
            stats["expanded"] = stats.get("expanded", 0) + 1
        if span is not None and not any(span.start < x.end and x.start < span.end for x in ents):
            ents.append(span)
        stats["spans"] = stats.get("spans", 0) + 1
    doc.ents = sorted(ents, key=lambda x: x.start)
    return doc


def load(nlp: Language, name: str, split: str, limit: int = 0) -> list[Doc]:
    path = DATASETS / name / SPLIT_FILES[name][split]
    sents = read_conll(path)
    if limit:
        sents = sents[:limit]
    stats: dict = {}
    docs = []
    for sent in sents:
        tokens = [t for t, _ in sent]
        spans = iob_spans([tag for _, tag in sent], LABEL_MAPS[name])
        docs.append(sentence_doc(nlp, tokens, spans, stats))
    if stats.get("expanded"):
        print(f"corpora: {name}/{split}: {stats['expanded']} of {stats['spans']} spans did not align "
              "strictly to the project's tokens (expanded)", file=sys.stderr)
    return docs


if __name__ == "__main__":
    from collections import Counter

    from pipeline.extract.tokenizer import blank

    nlp = blank()
    for name in LABEL_MAPS:
        for split in ("train", "dev", "test"):
            docs = load(nlp, name, split)
            c = Counter(e.label_ for d in docs for e in d.ents)
            print(name, split, len(docs), sum(len(d) for d in docs), dict(c))
