"""The project's stand-off annotations of real 2024 articles -> paragraph Docs with flat entities.

Annotations: training/annotations/c_NNN.json = {"id", "text_sha1", "entities": [[start, end, label]]}
with labels PERSON, OFFICE, PLACE, ORG (nested across labels). The article text is read from
../shared/corpus/raw/c_NNN.json at training time and never committed.

The flat NER target keeps PERSON / PLACE / ORG only, and of those only the outermost spans
(`Polres Kukar` ORG, not its nested PLACE `Kukar`); OFFICE spans are ignored, the PERSON / ORG /
PLACE spans inside them are kept. Articles are split into paragraphs at line breaks.

Split: articles whose number is divisible by 5 (c_005, c_010, ... ) are the fixed in-domain test
split, never trained on. Whatever annotation files exist are used.

Sealed split (issue 9): of the articles c_101 onward, which come in groups of three consecutive
numbers (c_101–c_103, c_105–c_107, …), one per group, chosen by a hash of the group number
(`is_sealed`), is annotated into training/sealed/ and never read by training or rule work: it is
scored a few times only (training/README.md logs when), to estimate accuracy on unseen news.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.spans import OFFICE_MODEL_KEY

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "training" / "annotations"
SEALED = ROOT / "training" / "sealed"
CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
FLAT_LABELS = ("PERSON", "PLACE", "ORG")


def is_sealed(article_id: str) -> bool:
    m = re.fullmatch(r"c_(\d+)", article_id)
    if not m or int(m.group(1)) <= 100:
        return False
    n = int(m.group(1))
    group = (n - 1) // 4  # c_101–c_103 are group 25, c_105–c_107 group 26, …
    members = [x for x in range(4 * group + 1, 4 * group + 4)]
    pick = int(hashlib.sha1(f"sealed-{group}".encode()).hexdigest(), 16) % len(members)
    return n == members[pick]


def is_test(article_id: str) -> bool:
    m = re.search(r"(\d+)$", article_id)
    return bool(m) and int(m.group(1)) % 5 == 0


@dataclass
class Article:
    id: str
    text: str
    spans: list[tuple[int, int, str]]  # flat gold spans, raw offsets
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # non-blank lines [start, end)
    offices: list[tuple[int, int]] = field(default_factory=list)  # OFFICE spans, raw offsets


def flat_spans(entities: list, warn=None) -> list[tuple[int, int, str]]:
    """Outermost PERSON / PLACE / ORG spans; a span inside a longer one of these labels is dropped."""
    cands = sorted(
        {(s, e, l) for s, e, l, *_ in entities if l in FLAT_LABELS}, key=lambda x: (x[0], -(x[1] - x[0]))
    )
    out: list[tuple[int, int, str]] = []
    for s, e, l in cands:
        if any(a <= s and e <= b for a, b, _ in out):
            continue  # nested in an outer span
        crossing = [x for x in out if x[0] < e and s < x[1]]
        if crossing:
            if warn:
                warn(f"crossing spans {crossing[0]} / {(s, e, l)}: kept the first")
            continue
        out.append((s, e, l))
    return out


def load_articles(ids: set[str] | None = None, warn=None) -> list[Article]:
    warn = warn or (lambda msg: print(f"indomain: {msg}", file=sys.stderr))
    arts = []
    for path in sorted(ANNOTATIONS.glob("c_*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        if is_sealed(ann["id"]):
            raise SystemExit(f"{path}: {ann['id']} belongs to the sealed split (training/sealed/), never to training")
        if ids is not None and ann["id"] not in ids:
            continue
        src = CORPUS / f"{ann['id']}.json"
        if not src.is_file():
            warn(f"{ann['id']}: no corpus text at {src}; skipped")
            continue
        text = json.loads(src.read_text(encoding="utf-8"))["text"]
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != ann.get("text_sha1"):
            warn(f"{ann['id']}: text_sha1 does not match the corpus text; skipped")
            continue
        spans = flat_spans(ann["entities"], warn=lambda m, i=ann["id"]: warn(f"{i}: {m}"))
        paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
        offices = [(s, e) for s, e, label, *_ in ann["entities"] if label == "OFFICE"]
        arts.append(Article(ann["id"], text, spans, paras, offices))
    return arts


def in_fold(article_id: str, fold: int, folds: int) -> bool:
    """Whether a training article belongs to cross-validation fold `fold` of `folds` (by its number):
    a model trained without a fold makes unseen-text errors on articles that may be read for errors."""
    m = re.search(r"(\d+)$", article_id)
    return bool(m) and not is_test(article_id) and int(m.group(1)) % folds == fold


def split(articles: list[Article]) -> tuple[list[Article], list[Article]]:
    train = [a for a in articles if not is_test(a.id)]
    test = [a for a in articles if is_test(a.id)]
    return train, test


def paragraph_docs(nlp: Language, articles: list[Article], stats: dict | None = None) -> list[Doc]:
    """One Doc per paragraph, entities set from the flat gold spans, OFFICE spans in
    `doc.spans[OFFICE_MODEL_KEY]` (the key is set on every paragraph: annotated, even when empty).

    A span that does not align to the tokens (doc.char_span strict) is not trained as an entity;
    its tokens are marked missing (neither entity nor O) so the model is not taught it is O.
    """
    stats = stats if stats is not None else {}
    stats.setdefault("spans", 0)
    stats.setdefault("misaligned", [])
    docs = []
    for art in articles:
        for p0, p1 in art.paragraphs:
            para = art.text[p0:p1]
            doc = nlp.make_doc(para)
            ents, missing = [], []
            for s, e, label in art.spans:
                if s >= p1 or e <= p0:
                    continue
                stats["spans"] += 1
                if s < p0 or e > p1:
                    stats["misaligned"].append((art.id, art.text[s:e], label, "crosses a line break"))
                    continue
                span = doc.char_span(s - p0, e - p0, label=label, alignment_mode="strict")
                if span is None:
                    stats["misaligned"].append((art.id, art.text[s:e], label, "not on token boundaries"))
                    wide = doc.char_span(s - p0, e - p0, alignment_mode="expand")
                    if wide is not None:
                        missing.append(wide)
                    continue
                ents.append(span)
            kept_missing = []
            for m in sorted(missing, key=lambda x: (x.start, -len(x))):
                if not any(m.start < x.end and x.start < m.end for x in ents + kept_missing):
                    kept_missing.append(m)
            missing = kept_missing
            doc.set_ents(ents, missing=missing, default="outside")
            offices = [doc.char_span(s - p0, e - p0, label="OFFICE") for s, e in art.offices if p0 <= s and e <= p1]
            stats["office_misaligned"] = stats.get("office_misaligned", 0) + sum(o is None for o in offices)
            doc.spans[OFFICE_MODEL_KEY] = [o for o in offices if o is not None]
            docs.append(doc)
    return docs


if __name__ == "__main__":
    from collections import Counter

    from pipeline.extract.tokenizer import blank

    nlp = blank()
    arts = load_articles()
    tr, te = split(arts)
    for name, part in (("train", tr), ("test", te)):
        st: dict = {}
        docs = paragraph_docs(nlp, part, st)
        c = Counter(e.label_ for d in docs for e in d.ents)
        print(name, len(part), "articles", len(docs), "paragraphs", sum(len(d) for d in docs), "tokens", dict(c))
        print(f"  {len(st['misaligned'])} of {st['spans']} spans misaligned")
        for m in st["misaligned"]:
            print("   ", m)
