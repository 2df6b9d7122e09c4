"""Benchmark: throughput, parallel speed-up, re-run time and memory of the whole pipeline, in one run.

Builds synthetic corpora by recombining real sentences into new paragraphs (fixed seed; recombining
whole paragraphs would make most of the corpus near-duplicates, which deduplication rightly hides).
The sentences come from the unlabeled articles in ../shared/corpus/raw when that folder is beside the
checkout (real vocabulary, so the spaCy string store grows as it would on news), else from the sample
articles in data/raw. Each corpus of N articles is the first N articles of the largest one.

Every measurement runs in a fresh process, one after the other, so that peak memory is per run and
the ratios compare runs made minutes apart on the same machine (absolute numbers on a shared 2-core
machine are noisy; the ratios are what the README reports):
- bare NER: `tok2vec` + `ner` alone (`nlp.pipe`) on the kept paragraphs of the ratio corpus, then with the
  span categorizer, then with every spaCy component (the parts of the end-to-end time);
- end-to-end, one job, before and after the NER run (their mean is the one-job figure);
- end-to-end, `--jobs 2`;
- a no-op re-run and a re-run after adding one article, timed as a user sees them: the whole
  `python -m pipeline extract` command, interpreter start included;
- with the dask extra, right after `--jobs 2`: the Dask engine on 2 and on 1 local workers
  (`dask_overhead`; skipped with --no-dask);
- end-to-end at every size, for the growth table (words/s and peak memory).

usage: python scripts/bench.py [--quick] [--sizes 1000,3000,10000,30000] [--ratio-size 3000]
                               [--source DIR] [--keep DIR] [--no-dask]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean import clean_article  # noqa: E402
from pipeline.ingest import Record, list_sources, read_source  # noqa: E402

SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?”])\s+(?=[“A-Z])")


def source_sentences(source: Path) -> tuple[list[str], list[str], list[str]]:
    """Titles, content sentences and outlet names of the articles under `source` (chrome excluded).
    `.json` files hold one article object each (the shared corpus); other files are read as input."""
    titles, body, outlets = [], [], []
    articles: list[tuple[str, str | None]] = []
    for path in sorted(source.rglob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        articles.append((obj["text"], obj.get("outlet")))
    for path in list_sources(source):
        articles += [(r.raw_text, r.outlet) for r in read_source(path, source) if isinstance(r, Record)]
    for text, outlet in articles:
        paras, _ = clean_article(text)
        kept = [p.text for p in paras if not p.is_boilerplate]
        if not kept:
            continue
        titles.append(kept[0])
        if outlet:
            outlets.append(outlet)
        for para in kept[1:]:
            body.extend(s for s in _SENTENCE_BREAK.split(para) if len(s.split()) > 3)
    return titles, body, outlets


def corpus_lines(source: Path, n: int, seed: int = 13) -> list[str]:
    """`n` JSONL records; the first k of them are the same for any n >= k."""
    rng = random.Random(seed)
    titles, body, outlets = source_sentences(source)
    lines = []
    for i in range(n):
        paras = [" ".join(rng.sample(body, k=rng.randint(3, 5))) for _ in range(rng.randint(5, 12))]
        record = {"id": f"bench-{i}", "text": "\n\n".join([rng.choice(titles), *paras]),
                  "outlet": rng.choice(outlets) if outlets else None, "published": "2024-11-20"}
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return lines


def write_corpus(folder: Path, lines: list[str]) -> None:
    folder.mkdir(parents=True)
    (folder / "bench.jsonl").write_text("".join(lines), encoding="utf-8")


# --- measurements, each in a fresh process --------------------------------------------------------

def _own_peak_mb() -> float:
    """Peak resident memory of this process. Not ru_maxrss: a spawned process inherits in it the
    peak of the benchmark process it was started from."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _workers_peak_mb() -> float:
    """Peak resident memory of the largest worker process (forked, so its peak is its own)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _pipeline_run(raw: str, out: str, jobs: int, result) -> None:
    from pipeline.run import run
    t0 = time.perf_counter()
    report = run(Path(raw), Path(out), jobs=jobs, full=True)
    result.put({"seconds": time.perf_counter() - t0, "articles": report.processed,
                "rss_main": _own_peak_mb(), "rss_workers": _workers_peak_mb()})


def _dask_run(raw: str, out: str, workers: int, result) -> None:
    from pipeline.run import run
    t0 = time.perf_counter()
    report = run(Path(raw), Path(out), full=True, engine="dask", workers=workers)
    result.put({"seconds": time.perf_counter() - t0, "articles": report.processed,
                "steps": dict(report.engine.seconds), "worker_peak_mb": report.engine.worker_peak_mb,
                "partitions": report.engine.partitions})


def _model_runs(out: str, result) -> None:
    """`nlp.pipe` over the kept paragraphs with the bare NER (`tok2vec` + `ner`), then with the span categorizer
    added, then with every component (the rule components too): what the end-to-end time is made of."""
    from pipeline.extract.nlp import load
    from pipeline.extract.stage import BATCH_SIZE
    texts = kept_texts(Path(out))
    nlp = load()
    seconds = {}
    for name, components in (("ner", ["tok2vec", "ner"]), ("spancat", ["tok2vec", "ner", "office_spancat"]),
                             ("components", nlp.pipe_names)):
        with nlp.select_pipes(enable=components):
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):  # the batch size the pipeline uses
                pass
            seconds[name] = time.perf_counter() - t0
    result.put(seconds)


def in_fresh_process(target, *args) -> dict:
    ctx = multiprocessing.get_context("spawn")
    result = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, result))
    proc.start()
    value = result.get()
    proc.join()
    return value


def kept_texts(out: Path) -> list[str]:
    import pandas as pd
    paragraphs = pd.read_parquet(out / "paragraphs.parquet", columns=["text", "is_boilerplate", "is_duplicate"])
    return paragraphs[~paragraphs.is_boilerplate & ~paragraphs.is_duplicate]["text"].tolist()


def cli_seconds(raw: Path, out: Path) -> float:
    """Wall time of `python -m pipeline extract` as a user runs it (interpreter start included)."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(out)],
                          cwd=ROOT, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    print(f"  {proc.stdout.strip()} [{seconds:.2f} s wall]", flush=True)
    return seconds


def dask_overhead(work: Path, n: int, jobs2: dict) -> list[str]:
    """The Dask engine on a LocalCluster of 2 workers against the local engine's `--jobs 2` run just before
    it on the same corpus (goal: at most 15 % slower), then on 1 worker: the cost per 1,000 articles of each
    step and the memory of a worker, for the capacity plan in the README. Returns the summary lines."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return ["dask extra not installed: no Dask measurement"]
    raw = str(work / f"raw-{n}")
    runs = {}
    for workers in (2, 1):
        r = runs[workers] = in_fresh_process(_dask_run, raw, str(work / f"out-{n}-dask{workers}"), workers)
        print(f"  dask {n:>6,} articles, {workers} worker(s): {r['seconds']:7.1f} s  "
              f"{r['partitions']} partitions  worker peak RSS {r['worker_peak_mb']:4.0f} MB", flush=True)
    two, one = runs[2], runs[1]
    per_1000 = 1000 / one["articles"]
    steps = ", ".join(f"{step} {s * per_1000:.1f} s" for step, s in one["steps"].items())
    return [f"dask, 2 workers ÷ --jobs 2 time                {two['seconds'] / jobs2['seconds']:5.2f}   "
            f"({two['seconds']:.1f} s vs {jobs2['seconds']:.1f} s; goal <= 1.15)",
            f"dask, 1 worker, per 1,000 articles             {one['seconds'] * per_1000:5.1f} s ({steps}); "
            f"worker peak RSS {one['worker_peak_mb']:.0f} MB"]


# --- the benchmark ----------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpora (300 and 1,000 articles) for iteration")
    ap.add_argument("--sizes", help="comma-separated corpus sizes (default 1000,3000,10000,30000)")
    ap.add_argument("--ratio-size", type=int, help="corpus size of the ratio runs (default 3000)")
    ap.add_argument("--source", type=Path, help="articles whose sentences are recombined "
                                                "(default ../shared/corpus/raw if present, else data/raw)")
    ap.add_argument("--keep", type=Path, help="keep the corpora and tables in this folder")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask engine's measurements")
    a = ap.parse_args()
    sizes = [int(s) for s in (a.sizes or ("300,1000" if a.quick else "1000,3000,10000,30000")).split(",")]
    ratio_size = a.ratio_size or (1000 if a.quick else 3000)
    sizes = sorted(set(sizes) | {ratio_size})
    source = a.source or (SHARED_CORPUS if SHARED_CORPUS.is_dir() else ROOT / "data" / "raw")
    work = a.keep or Path(tempfile.mkdtemp(prefix="pilkada-bench-"))
    shutil.rmtree(work, ignore_errors=True)
    lines = corpus_lines(source, max(sizes) + 1)
    extra = lines.pop()  # the article added for the re-run measurement
    for n in sizes:
        write_corpus(work / f"raw-{n}", lines[:n])
    del lines
    print(f"sentences from {source}; corpora of {', '.join(f'{n:,}' for n in sizes)} articles in {work}", flush=True)

    def e2e(n: int, jobs: int) -> dict:
        r = in_fresh_process(_pipeline_run, str(work / f"raw-{n}"), str(work / f"out-{n}-j{jobs}"), jobs)
        r["words"] = sum(len(t.split()) for t in kept_texts(work / f"out-{n}-j{jobs}"))
        print(f"  end-to-end {n:>6,} articles, {jobs} job(s): {r['seconds']:7.1f} s  "
              f"{r['words'] / r['seconds']:8,.0f} words/s  peak RSS {r['rss_main']:4.0f} MB main, "
              f"{r['rss_workers']:4.0f} MB workers", flush=True)
        return r

    # Ratio runs: one job before and after the bare NER, then two jobs.
    first = e2e(ratio_size, 1)
    model = in_fresh_process(_model_runs, str(work / f"out-{ratio_size}-j1"))
    words = first["words"]
    print(f"  bare tok2vec+ner {ratio_size:>6,} articles:        {model['ner']:7.1f} s  "
          f"{words / model['ner']:8,.0f} words/s; with office_spancat {model['spancat']:.1f} s, "
          f"every spaCy component {model['components']:.1f} s", flush=True)
    second = e2e(ratio_size, 1)
    two = e2e(ratio_size, 2)
    dask = [] if a.no_dask else dask_overhead(work, ratio_size, two)
    one_job_s = (first["seconds"] + second["seconds"]) / 2
    growth = {ratio_size: first}
    for n in sizes:
        if n != ratio_size:
            growth[n] = e2e(n, 1)

    raw, out = work / f"raw-{ratio_size}", work / f"out-{ratio_size}-j1"
    noop_s = cli_seconds(raw, out)
    (raw / "added.jsonl").write_text(extra, encoding="utf-8")
    added_s = cli_seconds(raw, out)

    print()
    print(f"corpus: {ratio_size:,} articles, {words:,} words in kept paragraphs; sentences from {source}")
    print(f"end-to-end ÷ bare tok2vec+ner words/s (1 job)   {model['ner'] / one_job_s:5.2f}   "
          f"(end-to-end {words / one_job_s:,.0f} words/s, runs {first['seconds']:.1f} s and "
          f"{second['seconds']:.1f} s; bare NER {words / model['ner']:,.0f} words/s)")
    print(f"one job's time ÷ bare NER time, by part         {one_job_s / model['ner']:5.2f}   "
          f"(NER 1.00, office_spancat {(model['spancat'] - model['ner']) / model['ner']:.2f}, rule components "
          f"{(model['components'] - model['spancat']) / model['ner']:.2f}, outside nlp.pipe "
          f"{(one_job_s - model['components']) / model['ner']:.2f}; the ratio with rules and stages free: "
          f"{model['ner'] / model['spancat']:.2f})")
    print(f"--jobs 2 ÷ --jobs 1 words/s                     {one_job_s / two['seconds']:5.2f}")
    print(f"no-op re-run (whole command)                    {noop_s:5.2f} s")
    print(f"re-run after adding one article (whole command) {added_s:5.2f} s")
    print(f"peak RSS, 2 jobs: main process {two['rss_main']:.0f} MB, largest worker {two['rss_workers']:.0f} MB")
    for line in dask:
        print(line)
    print()
    print("| articles | words (kept) | seconds | words/s | peak RSS (1 job) |")
    print("|---:|---:|---:|---:|---:|")
    for n in sizes:
        g = growth[n]
        print(f"| {n:,} | {g['words']:,} | {g['seconds']:.1f} | {g['words'] / g['seconds']:,.0f} | {g['rss_main']:.0f} MB |")
    if not a.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
