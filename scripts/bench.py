"""Benchmark: throughput and memory of the whole pipeline against bare `nlp.pipe`, in one run.

Builds a synthetic corpus of N articles by recombining the sentences of the sample articles'
paragraphs in data/raw into new paragraphs (fixed seed; recombining whole paragraphs would make
most of the corpus near-duplicates, which deduplication rightly hides), runs the pipeline on it, then runs the same spaCy pipeline (`nlp.pipe`) alone on the
same paragraph texts. Both are timed in this process, one after the other, so the ratio between
them holds even on a noisy machine. Prints articles/s, words/s, peak RSS and the ratio.

With the dask extra installed, `dask_overhead` then runs the Dask engine on the same corpus.

usage: python scripts/bench.py [--articles 5000] [--jobs 1] [--keep DIR] [--no-dask]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean import clean_article  # noqa: E402
from pipeline.extract.nlp import load  # noqa: E402
from pipeline.ingest import Record, list_sources, read_source  # noqa: E402
from pipeline.run import run  # noqa: E402


def sample_paragraphs() -> tuple[list[str], list[str]]:
    """Titles and content sentences of the sample articles (chrome excluded)."""
    raw_dir = ROOT / "data" / "raw"
    titles, body = [], []
    for path in list_sources(raw_dir):
        for rec in read_source(path, raw_dir):
            if isinstance(rec, Record):
                paras, _ = clean_article(rec.raw_text)
                kept = [p.text for p in paras if not p.is_boilerplate]
                titles.append(kept[0])
                for para in kept[1:]:
                    body.extend(s for s in re.split(r"(?<=[.!?”])\s+(?=[“A-Z])", para) if len(s.split()) > 3)
    return titles, body


def build_corpus(out: Path, n: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    titles, body = sample_paragraphs()
    out.mkdir(parents=True)
    with (out / "bench.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            paras = [" ".join(rng.sample(body, k=rng.randint(3, 5))) for _ in range(rng.randint(5, 12))]
            text = "\n\n".join([rng.choice(titles), *paras])
            fh.write(json.dumps({"id": f"bench-{i}", "text": text, "published": "2024-11-20"}) + "\n")


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def dask_overhead(raw: Path, work: Path) -> None:
    """The Dask engine on a LocalCluster of 2 workers against the local engine with --jobs 2, one after the
    other on the same corpus (goal: at most 15 % slower), then on 1 worker: the cost per 1,000 articles of
    each step and the memory of a worker, for the capacity plan in the README."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("dask extra not installed: no Dask measurement")
        return
    timed = {}
    for name, options in (("--jobs 2", {"jobs": 2}), ("dask, 2 workers", {"engine": "dask", "workers": 2}),
                          ("dask, 1 worker", {"engine": "dask", "workers": 1})):
        t0 = time.perf_counter()
        report = run(raw, work / f"out-{name.replace(' ', '').replace(',', '-')}", full=True, **options)
        timed[name] = (time.perf_counter() - t0, report)
    jobs2_s, dask2_s = timed["--jobs 2"][0], timed["dask, 2 workers"][0]
    one_s, one = timed["dask, 1 worker"][0], timed["dask, 1 worker"][1]
    per_1000 = 1000 / one.processed
    print(f"--jobs 2            {jobs2_s:8.1f} s")
    print(f"dask, 2 workers     {dask2_s:8.1f} s  overhead vs --jobs 2: {dask2_s / jobs2_s - 1:+.0%} (goal <= +15%)")
    print(f"dask, 1 worker      {one_s:8.1f} s  = {one_s * per_1000:.1f} s per 1,000 articles "
          f"({', '.join(f'{step} {s * per_1000:.1f} s' for step, s in one.engine.seconds.items())}); "
          f"worker peak RSS {one.engine.worker_peak_mb:.0f} MB; {one.engine.partitions} partitions")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="keep the corpus and tables in this folder")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask engine's measurements")
    a = ap.parse_args()
    work = a.keep or Path(tempfile.mkdtemp(prefix="pilkada-bench-"))
    raw, out = work / "raw", work / "processed"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    build_corpus(raw, a.articles)

    t0 = time.perf_counter()
    report = run(raw, out, jobs=a.jobs)
    pipeline_s = time.perf_counter() - t0
    rss_pipeline = peak_rss_mb()

    import pandas as pd
    paragraphs = pd.read_parquet(out / "paragraphs.parquet", columns=["text", "is_boilerplate", "is_duplicate"])
    texts = paragraphs[~paragraphs.is_boilerplate & ~paragraphs.is_duplicate]["text"].tolist()
    words = sum(len(t.split()) for t in texts)
    nlp = load()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    nlp_s = time.perf_counter() - t0
    ner_only = load()
    for name in ("entity_rules", "office_ruler", "place_finder"):
        ner_only.remove_pipe(name)
    t0 = time.perf_counter()
    for _ in ner_only.pipe(texts, batch_size=256):
        pass
    ner_s = time.perf_counter() - t0

    print(f"articles            {report.processed}")
    print(f"words (kept)        {words}")
    print(f"jobs                {a.jobs}")
    print(f"pipeline            {pipeline_s:8.1f} s  {report.processed / pipeline_s:8.1f} articles/s  {words / pipeline_s:9.0f} words/s")
    print(f"nlp.pipe (all comp) {nlp_s:8.1f} s  {words / nlp_s:9.0f} words/s")
    print(f"nlp.pipe (NER only) {ner_s:8.1f} s  {words / ner_s:9.0f} words/s")
    print(f"end-to-end / nlp.pipe throughput ratio  {nlp_s / pipeline_s:.2f}")
    print(f"peak RSS            {rss_pipeline:8.0f} MB (pipeline run)  {peak_rss_mb():.0f} MB (whole benchmark)")
    if not a.no_dask:
        dask_overhead(raw, work)
    if not a.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
