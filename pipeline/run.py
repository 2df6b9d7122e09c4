"""Run every stage over a raw folder into an output folder, incrementally.

Only new or changed records are processed; rows of removed or changed articles are dropped;
articles whose duplicate paragraphs pointed at a removed article are processed again. When the
pipeline itself changes (code, lexicons, model: see `fingerprint`), everything is reprocessed.
Articles stream through in batches, so memory is bounded by the batch size, not the corpus.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from pipeline import __version__, corpus, schema, store
from pipeline.extract.model import ModelMissing, model_path
from pipeline.ingest import Record, Reject, article_id, list_sources, read_source

# Cleaning, deduplication and the spaCy pipeline are imported where they are used: a run that finds the
# tables current imports none of them (spaCy alone takes about a second to import).

log = logging.getLogger(__name__)

BATCH_ARTICLES = 64
INDEX_FILE = "dedup_index.parquet"
_PACKAGE = Path(__file__).resolve().parent


def fingerprint(model_dir: Path) -> str:
    """Hash of everything that decides the output: package code, lexicons and the model files."""
    h = hashlib.sha1(f"{__version__}/{schema.SCHEMA_VERSION}".encode())
    paths = sorted(p for p in _PACKAGE.rglob("*") if p.suffix in {".py", ".txt", ".tsv"})
    paths += sorted(p for p in model_dir.rglob("*") if p.is_file() and p.suffix != ".md")
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class Plan:
    """What a run has to do, decided before any text is processed."""
    process: set[tuple[str, str]] = field(default_factory=set)  # (source_path, source_id)
    drop_ids: set[str] = field(default_factory=set)  # article ids whose old rows go
    reread_files: set[str] = field(default_factory=set)
    rejects: list[dict] = field(default_factory=list)
    reject_files: set[str] = field(default_factory=set)  # files whose old rejects are replaced
    fingerprints: dict[str, list[int]] = field(default_factory=dict)
    removed: int = 0  # articles no longer in the input


@dataclass
class Report:
    processed: int = 0
    removed: int = 0
    rejected: int = 0
    seconds: float = 0.0
    changed: bool = False
    engine: object = None  # the Dask engine's statistics (pipeline.engine_dask.Stats)


def plan(raw_dir: Path, out_dir: Path, manifest: dict, reuse: bool) -> Plan:
    files = list_sources(raw_dir)
    p = Plan()
    for f in files:
        st = f.stat()
        p.fingerprints[f.relative_to(raw_dir).as_posix()] = [st.st_size, st.st_mtime_ns]
    old_files = manifest.get("files", {}) if reuse else {}
    changed = {rel for rel, fp in p.fingerprints.items() if old_files.get(rel) != fp}
    gone_files = set(old_files) - set(p.fingerprints)
    existing = store.read_columns(out_dir, "articles", ["article_id", "source_path", "source_id"]) if reuse else None
    known = {} if existing is None else {
        (r.source_path, r.source_id): r.article_id for r in existing.itertuples()}
    # Ids that stay because their files did not change; a changed file's records are re-checked.
    claimed = {aid: key for key, aid in known.items() if key[0] not in changed | gone_files}
    still_there: set[tuple[str, str]] = {key for key in known if key[0] not in changed | gone_files}
    for f in files:
        rel = f.relative_to(raw_dir).as_posix()
        if rel not in changed:
            continue
        for item in read_source(f, raw_dir):
            if isinstance(item, Reject):
                p.rejects.append(item.__dict__)
                continue
            key = (item.source_path, item.source_id)
            aid = article_id(item.raw_text)
            if aid in claimed and claimed[aid] != key:
                first = claimed[aid]
                p.rejects.append({"source_path": rel, "source_id": item.source_id,
                                  "reason": f"same text as {first[0]} ({first[1]}), article {aid}"})
                continue
            claimed[aid] = key
            still_there.add(key)
            if known.get(key) != aid:
                p.process.add(key)
                p.reread_files.add(rel)
    p.reject_files = changed | gone_files
    p.drop_ids = {aid for key, aid in known.items() if key not in still_there or key in p.process}
    p.removed = sum(key not in still_there for key in known)
    if p.drop_ids and reuse:
        # Articles whose duplicates pointed at dropped paragraphs must show that text again.
        paras = store.read_columns(out_dir, "paragraphs", ["article_id", "duplicate_of"])
        first_ids = paras["duplicate_of"].dropna().str.split(":").str[0]
        dependent = set(paras.loc[first_ids.index[first_ids.isin(p.drop_ids)], "article_id"]) - p.drop_ids
        source_of = {aid: key for key, aid in known.items()}
        for aid in sorted(dependent):
            p.process.add(source_of[aid])
            p.reread_files.add(source_of[aid][0])
            p.drop_ids.add(aid)
    return p


def _batches(raw_dir: Path, p: Plan):
    batch: list[dict] = []
    for f in list_sources(raw_dir):
        if f.relative_to(raw_dir).as_posix() not in p.reread_files:
            continue
        for item in read_source(f, raw_dir):
            if isinstance(item, Record) and (item.source_path, item.source_id) in p.process:
                row = dict(item.__dict__, article_id=article_id(item.raw_text))
                batch.append(row)
                if len(batch) == BATCH_ARTICLES:
                    yield pd.DataFrame(batch)
                    batch = []
    if batch:
        yield pd.DataFrame(batch)


# The extraction pipeline of this process (loaded once per worker process).
_NLP = None


def _init_worker(model: str | None) -> None:
    global _NLP
    from pipeline.extract.nlp import load
    _NLP = load(model)


def _drop_model() -> None:
    """Free the model once this process has extracted: the corpus stage after it needs the memory (a few
    hundred MB of corpus-wide rows at 30,000 articles), not the model."""
    global _NLP
    _NLP = None
    gc.collect()


def _extract(articles: pd.DataFrame, paragraphs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    from pipeline.extract.stage import extract
    return extract(articles, paragraphs, _NLP)


def run(raw_dir: Path, out_dir: Path, jobs: int = 1, model: str | None = None, full: bool = False,
        wait: float = 0.0, engine: str = "local", scheduler: str | None = None,
        workers: int | None = None) -> Report:
    """Bring the tables in `out_dir` up to date with `raw_dir`. `engine` "local" runs in this process
    (and `jobs` worker processes); "dask" on the Dask cluster at `scheduler`, or on a LocalCluster of
    `workers` processes (pipeline.engine_dask)."""
    started = time.perf_counter()
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    store.check_paths(raw_dir, out_dir)
    mpath = model_path(model)
    if not (mpath / "config.cfg").is_file():
        raise ModelMissing(f"no NER model at {mpath}: run `make train`, or pass --model DIR")
    version = fingerprint(mpath)
    with store.Output.open(out_dir, wait=wait) as output:
        report = _run_locked(raw_dir, output, version, mpath, jobs, model, full, (engine, scheduler, workers))
    report.seconds = time.perf_counter() - started
    return report


def _run_locked(raw_dir: Path, output: store.Output, version: str, mpath: Path, jobs: int,
                model: str | None, full: bool, cluster: tuple[str, str | None, int | None]) -> Report:
    """The run itself, by the one process that holds the output folder's lock."""
    out_dir, manifest = output.dir, output.manifest
    if output.problems:
        log.warning("%s: %s; rebuilding every table", out_dir, "; ".join(output.problems))
    # Reuse earlier tables only when this pipeline wrote them and they are intact.
    reuse = not full and manifest.get("fingerprint") == version
    if manifest and not reuse:
        log.info("pipeline or schema changed since the last run (or --full): reprocessing everything")
    p = plan(raw_dir, out_dir, manifest, reuse)
    report = Report(processed=len(p.process), rejected=len(p.rejects), removed=p.removed)
    tables_current = reuse and not p.process and not p.drop_ids and not p.rejects and not (
        p.reject_files & set(manifest.get("files", {})))
    if tables_current:
        if manifest.get("files") != p.fingerprints:  # files touched but unchanged: remember them
            output.update_manifest(files=p.fingerprints)
        log.info("0 articles processed: the tables in %s are current", out_dir)
        return report

    engine, scheduler, workers = cluster
    with output.new_generation(datasets=engine == "dask") as gen:
        if reuse:
            drop = pa.array(sorted(p.drop_ids), pa.string())
            for table in schema.ARTICLE_TABLES:
                gen.keep_old(table, drop, "article_id")
            gen.keep_old("rejects", pa.array(sorted(p.reject_files), pa.string()), "source_path")
        gen.write("rejects", schema.frame("rejects", p.rejects))
        if engine == "dask":
            from pipeline.engine_dask import process
            report.engine = process(raw_dir, p, gen, reuse, version, model, scheduler, workers, INDEX_FILE)
            gen.write("rejects", schema.frame("rejects", report.engine.rejects))
            report.rejected += len(report.engine.rejects)
        else:
            _process(raw_dir, p, output.state(INDEX_FILE) if reuse else None, gen, jobs, model)
        # The per-article tables of this generation are complete: the corpus stage reads its columns back from
        # them (kept and new rows alike) rather than holding them in memory during the run. The pages Arrow's
        # allocator kept from the extraction go back to the system first (about 50 MB after 10,000 articles).
        pa.default_memory_pool().release_unused()
        for part in corpus.parts(gen.table_path, gen.dir):
            for table, rows in corpus.derive(**part).items():
                gen.write(table, rows)
        gen.commit({
            "schema_version": schema.SCHEMA_VERSION,
            "pipeline_version": __version__,
            "fingerprint": version,
            "model": str(mpath.name),
            "files": p.fingerprints,
            "rows": gen.rows,
        })
    report.changed = True
    return report


def _process(raw_dir: Path, p: Plan, saved_index: Path | None, gen: store.Generation, jobs: int,
             model: str | None) -> None:
    """Clean, deduplicate and extract the planned articles, writing their rows to `gen`; the near-duplicate index
    (loaded from `saved_index`, or new) is saved to `gen` after them. It lives only here: the corpus stage
    that follows needs its memory (41 MB at 30,000 articles, and its signatures' temporary file goes with it)."""
    from pipeline.clean import clean
    from pipeline.dedup import DedupIndex, deduplicate, summarise_articles
    # No more workers than batches: each worker loads the model, so a run with a few new articles loads it once, in
    # this process; a run that only removes articles does not load it.
    jobs = min(jobs, -(-len(p.process) // BATCH_ARTICLES))
    with ThreadPoolExecutor(max_workers=1) as loader:
        # One job loads the model in the background (about a second with spaCy's import, mostly Python) while this
        # thread copies the old rows into the new tables (in Arrow, without the GIL; the copy grows with the corpus),
        # loads the index and cleans the first batch.
        model_loaded = loader.submit(_init_worker, model) if jobs == 1 else None
        if model_loaded is not None:  # so the old rows are copied now, while it loads, rather than at the first row
            for table in schema.ARTICLE_TABLES:
                gen.start(table)
        # The index's signatures spill into a nameless temporary file beside the new tables: on the output's disk,
        # where $TMPDIR may be memory (tmpfs).
        index = DedupIndex.load(saved_index, gen.dir) if saved_index else DedupIndex(gen.dir)
        index.drop_articles(p.drop_ids)
        bar = tqdm(total=len(p.process), unit="article", disable=not sys.stderr.isatty())
        done = 0

        def write(rows: dict[str, pd.DataFrame]) -> None:
            for table, table_rows in rows.items():
                gen.write(table, table_rows)

        def count(articles: pd.DataFrame) -> None:
            nonlocal done
            done += len(articles)
            bar.update(len(articles))
            if bar.disable:
                log.info("processed %d/%d articles", done, len(p.process))

        def prepared(records: pd.DataFrame):
            articles, paragraphs = clean(records)
            paragraphs = deduplicate(paragraphs, index)
            return summarise_articles(articles, paragraphs), paragraphs

        if model_loaded is not None:
            for records in _batches(raw_dir, p):
                articles, paragraphs = prepared(records)
                write({"articles": articles, "paragraphs": paragraphs})
                model_loaded.result()
                write(_extract(articles, paragraphs))
                count(articles)
            model_loaded.result()  # loaded before it is dropped, even if no batch came
            _drop_model()
        elif jobs > 1:
            pending: deque[tuple[pd.DataFrame, pd.DataFrame, Future]] = deque()
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(model,)) as pool:
                for records in _batches(raw_dir, p):
                    articles, paragraphs = prepared(records)
                    pending.append((articles, paragraphs, pool.submit(_extract, articles, paragraphs)))
                    while len(pending) > 2 * jobs:  # bounded: at most 2 batches per worker in flight
                        a, para, fut = pending.popleft()
                        write({"articles": a, "paragraphs": para, **fut.result()})
                        count(a)
                while pending:
                    a, para, fut = pending.popleft()
                    write({"articles": a, "paragraphs": para, **fut.result()})
                    count(a)
        bar.close()
        gen.write_state(INDEX_FILE, index.save)
