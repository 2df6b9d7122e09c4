"""Score the pipeline's `quotes` table against the quote annotations of training/quotes/ (README there).

Runs `pipeline.run` on the annotated articles (texts read from ../shared/corpus/raw/, written as a JSONL
raw folder under training/output/quotes/) and compares, per split:
- quote detection: a predicted quote matches a gold quote when their raw spans overlap by at least half
  of the shorter one (one-to-one, largest overlap first);
- speaker attribution: precision over the predicted quotes that name a speaker (right when they match a
  gold quote whose speaker has the same name), recall over the gold quotes whose speaker is a named
  person. Names are compared as lower-case words (`H. Budi` never occurs: PERSON spans carry no titles).

usage: python -m training.quotes.score [--errors] | --validate
`--errors` lists the mistakes of the tuning split only: the held-out split stays unseen.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
WORK = ROOT / "training" / "output" / "quotes"
KINDS = {"direct", "indirect"}


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    kind: str
    speaker: str | None


def is_heldout(article_id: str) -> bool:
    """Held out: c_005, c_010, … (the training/indomain.py test convention) and everything after c_030,
    annotated only after the rules were written."""
    number = int(re.search(r"(\d+)$", article_id).group(1))
    return number % 5 == 0 or number > 30


def load() -> dict[str, tuple[dict, str]]:
    """Annotation and corpus text of every c_*.json here, by article id."""
    found = {}
    for path in sorted(HERE.glob("c_*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        text = json.loads((CORPUS / f"{ann['id']}.json").read_text(encoding="utf-8"))["text"]
        found[ann["id"]] = (ann, text)
    return found


def problems(ann: dict, text: str) -> list[str]:
    found = []
    if ann.get("text_sha1") != hashlib.sha1(text.encode("utf-8")).hexdigest():
        found.append("text_sha1 does not match the corpus text")
    spans = []
    for q in ann["quotes"]:
        where = f"[{q['start']},{q['end']})"
        if q["kind"] not in KINDS:
            found.append(f"{where}: unknown kind {q['kind']!r}")
        if not 0 <= q["start"] < q["end"] <= len(text):
            found.append(f"{where}: outside the text")
            continue
        span = text[q["start"]:q["end"]]
        if span != span.strip():
            found.append(f"{where}: starts or ends with a space")
        if q["speaker"] is not None:
            s, e = q["speaker"]
            if not 0 <= s < e <= len(text) or text[s:e] != text[s:e].strip():
                found.append(f"{where}: bad speaker span [{s},{e})")
        spans.append((q["start"], q["end"]))
    spans.sort()
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        if b0 < a1:
            found.append(f"[{a0},{a1}) overlaps [{b0},{b1})")
    return found


def gold_quotes(ann: dict, text: str) -> list[Quote]:
    return [Quote(q["start"], q["end"], q["kind"], text[q["speaker"][0]:q["speaker"][1]] if q["speaker"] else None)
            for q in ann["quotes"]]


def predicted_quotes(articles: dict[str, tuple[dict, str]]) -> dict[str, list[Quote]]:
    """Run the pipeline on the annotated articles; their quotes by article id."""
    from pipeline.run import run

    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "raw").mkdir(parents=True)
    with (WORK / "raw" / "quotes.jsonl").open("w", encoding="utf-8") as raw:
        for article_id in articles:
            meta = json.loads((CORPUS / f"{article_id}.json").read_text(encoding="utf-8"))
            raw.write(json.dumps({k: meta.get(k) for k in ("id", "text", "url", "outlet", "published")}) + "\n")
    run(WORK / "raw", WORK / "out", full=True)
    ids = pd.read_parquet(WORK / "out" / "articles.parquet", columns=["article_id", "source_id"])
    quotes = pd.read_parquet(WORK / "out" / "quotes.parquet").merge(ids, on="article_id")
    found: dict[str, list[Quote]] = {article_id: [] for article_id in articles}
    for r in quotes.itertuples(index=False):
        found[r.source_id].append(Quote(int(r.raw_start), int(r.raw_end), r.kind,
                                         r.speaker if isinstance(r.speaker, str) else None))
    return found


def name_key(name: str | None) -> tuple[str, ...] | None:
    return tuple(re.findall(r"\w+", name.lower())) if name else None


def match(gold: list[Quote], predicted: list[Quote]) -> list[tuple[Quote, Quote]]:
    """One-to-one pairs of overlapping quotes (overlap ≥ half the shorter span), largest overlap first."""
    candidates = []
    for g in gold:
        for p in predicted:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0 and overlap * 2 >= min(g.end - g.start, p.end - p.start):
                candidates.append((overlap, g, p))
    pairs, used_g, used_p = [], set(), set()
    for _, g, p in sorted(candidates, key=lambda c: -c[0]):
        if id(g) not in used_g and id(p) not in used_p:
            pairs.append((g, p))
            used_g.add(id(g))
            used_p.add(id(p))
    return pairs


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    gold_named: int = 0
    predicted_named: int = 0
    right: int = 0

    def add(self, gold: list[Quote], predicted: list[Quote], pairs: list[tuple[Quote, Quote]]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += len(pairs)
        self.gold_named += sum(g.speaker is not None for g in gold)
        self.predicted_named += sum(p.speaker is not None for p in predicted)
        self.right += sum(p.speaker is not None and name_key(p.speaker) == name_key(g.speaker) for g, p in pairs)

    def line(self, label: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "  -  "
        return (f"{label:<10} quotes {self.gold:>4} gold {self.predicted:>4} found: detection P={ratio(self.matched, self.predicted)}"
                f" R={ratio(self.matched, self.gold)} | speaker P={ratio(self.right, self.predicted_named)}"
                f" R={ratio(self.right, self.gold_named)} ({self.right} right, {self.predicted_named} named,"
                f" {self.gold_named} to find)")


def errors(article_id: str, text: str, gold: list[Quote], predicted: list[Quote], pairs) -> list[str]:
    def show(q: Quote) -> str:
        return f"{q.kind[0]} [{q.start},{q.end}) {text[q.start:q.end][:70]!r}"
    paired = {id(g): p for g, p in pairs}
    matched_p = {id(p) for _, p in pairs}
    lines = []
    for g in gold:
        p = paired.get(id(g))
        if p is None:
            lines.append(f"{article_id} missed   {show(g)} speaker={g.speaker}")
        elif name_key(p.speaker) != name_key(g.speaker) and (p.speaker or g.speaker):
            lines.append(f"{article_id} speaker  {show(g)} gold={g.speaker} found={p.speaker}")
    for p in predicted:
        if id(p) not in matched_p:
            lines.append(f"{article_id} spurious {show(p)} speaker={p.speaker}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list the mistakes on the tuning split")
    ap.add_argument("--validate", action="store_true", help="only check the annotation files")
    a = ap.parse_args(argv)
    articles = load()
    bad = [f"{aid}: {msg}" for aid, (ann, text) in articles.items() for msg in problems(ann, text)]
    if bad or a.validate:
        print("\n".join(bad + [f"{len(articles)} files, {len(bad)} problems"]))
        return 1 if bad else 0
    found = predicted_quotes(articles)
    splits = {"tuning": Counts(), "held-out": Counts(), "all": Counts()}
    mistakes = []
    for article_id, (ann, text) in articles.items():
        gold, predicted = gold_quotes(ann, text), found[article_id]
        pairs = match(gold, predicted)
        for split in ("held-out" if is_heldout(article_id) else "tuning", "all"):
            splits[split].add(gold, predicted, pairs)
        if a.errors and not is_heldout(article_id):
            mistakes += errors(article_id, text, gold, predicted, pairs)
    print("\n".join(mistakes))
    for label, counts in splits.items():
        print(counts.line(label))
    return 0


if __name__ == "__main__":
    sys.exit(main())
