"""Evaluation of the NER model alone, and of the whole pipeline on the dev set when it runs.

usage: python -m training.evaluate [MODEL_DIR] [--errors FILE] [--no-pipeline]

- idner-news-2k test: strict per-label P/R/F1 (PERSON / PLACE / ORG) of the NER alone.
- in-domain test split (training/annotations, articles whose number is divisible by 5):
  strict per-label P/R/F1 against the flat gold spans (outermost PERSON / PLACE / ORG), matched by
  raw character offsets, paragraph by paragraph (a gold span the tokenizer cannot produce counts
  as missed).
- speed: `nlp.pipe` words/s over the corpus paragraphs (repeated to a few thousand), 1 process.
- pipeline on ../shared/dev and on the in-domain test split (training/score_heldout.py runs and scores it):
  `python -m pipeline extract` + ../shared/tools/score.py, when the pipeline command runs;
  otherwise the section says why it was skipped.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.language import Language

import pipeline.extract.nlp  # noqa: F401  (registers pilkada.Tokenizer.v1 and office_spancat)
from training import corpora, indomain, score_heldout

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ("PERSON", "PLACE", "ORG")


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def score_sets(gold: set, pred: set) -> dict:
    """gold/pred: sets of (doc key, start, end, label). Per label and micro-averaged ALL."""
    out = {}
    for label in LABELS + ("ALL",):
        g = {x for x in gold if label == "ALL" or x[-1] == label}
        p = {x for x in pred if label == "ALL" or x[-1] == label}
        out[label] = prf(len(g & p), len(p - g), len(g - p))
    return out


def eval_conll(nlp: Language, name: str = "idner-news-2k", split: str = "test") -> dict:
    gold_docs = corpora.load(spacy.blank("id") if nlp is None else nlp, name, split)
    gold, pred = set(), set()
    for i, (g, p) in enumerate(zip(gold_docs, nlp.pipe([d.text for d in gold_docs], batch_size=256))):
        gold |= {(i, e.start_char, e.end_char, e.label_) for e in g.ents}
        pred |= {(i, e.start_char, e.end_char, e.label_) for e in p.ents if e.label_ in LABELS}
    return score_sets(gold, pred)


def eval_indomain(nlp: Language, articles: list[indomain.Article], errors: list | None = None) -> dict:
    gold, pred = set(), set()
    for art in articles:
        gold |= {(art.id, s, e, l) for s, e, l in art.spans}
        texts = [art.text[a:b] for a, b in art.paragraphs]
        for (p0, _), doc in zip(art.paragraphs, nlp.pipe(texts, batch_size=64)):
            pred |= {(art.id, p0 + e.start_char, p0 + e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS}
    if errors is not None:
        texts = {a.id: a.text for a in articles}
        for kind, items in (("FN", gold - pred), ("FP", pred - gold)):
            for aid, s, e, l in sorted(items):
                t = texts[aid]
                ctx = (t[max(0, s - 40):s] + "[[" + t[s:e] + "]]" + t[e:e + 40]).replace("\n", " | ")
                errors.append(f"{kind}\t{l}\t{aid}\t{t[s:e]!r}\t{ctx}")
    return score_sets(gold, pred)


def corpus_paragraphs(min_count: int = 3000) -> list[str]:
    paras = []
    for path in sorted(indomain.CORPUS.glob("c_*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        paras += [line for line in text.split("\n") if line.strip()]
    out = list(paras)
    while paras and len(out) < min_count:
        out += paras
    return out


def words_per_second(nlp: Language, texts: list[str], repeats: int = 3) -> dict:
    """Best of `repeats` timed passes of nlp.pipe over `texts` (after a warm-up pass).

    `wps` is wall-clock words/s; `cpu_wps` divides by the CPU time of this process (all its
    threads), which other jobs on a shared machine do not inflate."""
    list(nlp.pipe(texts[:200]))
    words = sum(1 for d in nlp.tokenizer.pipe(texts) for t in d if not t.is_space)
    best, best_cpu = None, None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=256):
            pass
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        best = dt if best is None else min(best, dt)
        best_cpu = dc if best_cpu is None else min(best_cpu, dc)
    return {"paragraphs": len(texts), "words": words, "seconds": best, "wps": words / best,
            "cpu_seconds": best_cpu, "cpu_wps": words / best_cpu}


def table(scores: dict) -> str:
    rows = ["| label | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for label in LABELS + ("ALL",):
        s = scores[label]
        rows.append(f"| {label if label != 'ALL' else 'micro'} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} "
                    f"| {s['tp']} | {s['fp']} | {s['fn']} |")
    return "\n".join(rows)


def evaluate(model_dir: Path, errors_path: Path | None = None, with_pipeline: bool = True,
             speed: bool = True) -> dict:
    nlp = spacy.load(model_dir)
    res: dict = {"model": str(model_dir)}
    res["idner_test"] = eval_conll(nlp, "idner-news-2k", "test")
    _, test = indomain.split(indomain.load_articles())
    errs: list[str] = []
    res["indomain_test"] = eval_indomain(nlp, test, errs)
    res["indomain_test_articles"] = [a.id for a in test]
    if errors_path:
        errors_path.parent.mkdir(parents=True, exist_ok=True)
        errors_path.write_text("\n".join(errs) + "\n", encoding="utf-8")
    if speed:
        res["speed"] = words_per_second(nlp, corpus_paragraphs())
    if with_pipeline:
        res["pipeline_status"], res["pipeline_output"] = score_heldout.pipeline_score(
            model_dir, SHARED / "dev" / "raw", SHARED / "dev" / "gold")
        raw_dir, gold_dir = score_heldout.write_split()
        status, output = score_heldout.pipeline_score(model_dir, raw_dir, gold_dir)
        res["pipeline_heldout_status"] = status
        res["pipeline_heldout_output"] = score_heldout.entity_lines(output) if status == "ok" else output
        raw_dir, gold_dir = score_heldout.write_split("new-test")
        res["pipeline_newtest_status"], res["pipeline_newtest_output"] = score_heldout.pipeline_score(
            model_dir, raw_dir, gold_dir)
    return res


def error_summary(errors_path: Path, top: int = 12) -> str:
    if not errors_path.is_file():
        return ""
    c: Counter = Counter()
    for line in errors_path.read_text(encoding="utf-8").splitlines():
        kind, label, _, text, _ = line.split("\t", 4)
        c[(kind, label, text)] += 1
    return ", ".join(f"{k} {l} {t} ×{n}" for (k, l, t), n in c.most_common(top))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", nargs="?", default=str(ROOT / "models" / "id_pilkada_ner"))
    ap.add_argument("--errors", default=str(ROOT / "training" / "output" / "errors_indomain_test.tsv"))
    ap.add_argument("--no-pipeline", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    res = evaluate(Path(args.model), Path(args.errors), with_pipeline=not args.no_pipeline,
                   speed=not args.no_speed)
    print("idner-news-2k test\n" + table(res["idner_test"]))
    print("in-domain test\n" + table(res["indomain_test"]))
    if "speed" in res:
        print(f"speed: {res['speed']['wps']:.0f} words/s wall, {res['speed']['cpu_wps']:.0f} words/s CPU time")
    if "pipeline_status" in res:
        print(f"pipeline on dev: {res['pipeline_status']}\n{res['pipeline_output']}")
        print(f"pipeline on the test split: {res['pipeline_heldout_status']}\n{res['pipeline_heldout_output']}")


if __name__ == "__main__":
    main()
