"""Dask engine: the stages of a run on a dask.distributed cluster, giving the local engine's rows.

`python -m pipeline extract --engine dask [--scheduler ADDRESS] [--workers N]`. This process, the
driver, plans the run as the local engine does (`run.plan`), holds the output folder's lock and
commits the generation; the workers do the rest, partition by partition (consecutive input files,
and byte ranges of large .jsonl files, in source order):

1. signatures: read the partition's records to process, clean them, mark repeats within articles
   and compute the MinHash signature of every corpus candidate (`dedup.within_articles`);
2. across partitions: those candidates and the first copies of earlier runs (the dedup index) are
   shuffled on their LSH band keys (dask.dataframe); each bucket yields its candidates that share a digest
   with another and the pairs of its digests whose paragraphs resemble each other, and the driver decides
   every such candidate, in source order (`dedup.assign` over `dedup.LinkedCopies`), as the local engine's
   index would have;
3. finish, on the worker that ran the partition's step 1 when it can: take the cleaned partition that
   worker kept on its local disk from step 1 (up to KEPT_BYTES per worker; beyond that, or on another
   worker, the partition is read and cleaned again, with the same result), mark the duplicates, extract
   (the model is loaded once per worker process) and write the partition's part of every table and of
   the dedup index straight into the new generation, as folder datasets (see pipeline.store).

Workers open the input and output folders by the driver's paths: on a cluster both must be on a file
system that every worker mounts at the same path, and the workers must run the same pipeline and
model (checked: their fingerprints must equal the driver's).

Failures: a worker that dies is replaced and its tasks run again. A partition whose data makes a
stage raise, or kills its worker at every attempt, is given up: its records go to `rejects` with the
error, and the duplicates are decided again without its paragraphs.
"""
from __future__ import annotations

import logging
import operator
import pickle
import resource
import threading
import time
import uuid
from collections import OrderedDict
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import dedup, schema, store
from pipeline.clean import clean
from pipeline.dedup import Candidate
from pipeline.ingest import Record, article_id, is_jsonl, list_sources, read_source

log = logging.getLogger(__name__)

# A partition holds at most this much raw input (about 3,000 articles of 2-3 KB: a few hundred MB
# of worker memory while it is extracted, and one part file per table). Smaller inputs are cut into
# PARTITIONS_PER_WORKER partitions per worker, so that no worker waits long for the last one (more cost
# a part file per table each and smaller model batches: 1,000 bench articles on 2 workers took 39.2 s
# with 16 per worker, 35.8 s with 4).
PARTITION_BYTES = 8_000_000
PARTITIONS_PER_WORKER = 4
# Cleaned partitions a worker keeps on its local disk from step 1 for step 3 (the oldest deleted first):
# cleaning again and recomputing the first copies' signatures was about 5 % of step 3. Bounded, so that a
# worker's disk use does not grow with the archive: beyond it, partitions are cleaned again.
KEPT_BYTES = 1_000_000_000
CONNECT_TIMEOUT = "10s"


class ClusterUnavailable(RuntimeError):
    """No Dask to run on: the extra is not installed, or the scheduler cannot be reached."""


@dataclass(frozen=True)
class Split:
    """Input records of one file: a whole file, or the lines of a .jsonl from byte `start` to `stop`."""
    rel: str
    start: int = 0
    stop: int | None = None
    first_line: int = 1


@dataclass
class Partition:
    number: int  # in source order; its candidates' order keys follow the earlier partitions'
    splits: list[Split]


@dataclass
class Failure:
    stage: str
    error: str
    keys: list[tuple[str, str]] | None  # (source_path, source_id) of the partition's records


@dataclass
class Finished:
    parts: list[tuple[Path, str, str | None, int]] = field(default_factory=list)  # path, sha256, table, rows
    failure: Failure | None = None


@dataclass
class Stats:
    """What the engine did, for the run's report and the benchmark."""
    workers: int = 0
    partitions: int = 0
    rejects: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    worker_peak_mb: float = 0.0


# --- partitions and records --------------------------------------------------------------------------

def splits(raw_dir: Path, rels: set[str], target: int) -> Iterator[tuple[Split, int]]:
    """(split, bytes) of the input files in `rels`, in source order; a .jsonl larger than `target`
    is cut at line ends into splits of about `target` bytes."""
    for path in list_sources(raw_dir):
        rel = path.relative_to(raw_dir).as_posix()
        if rel not in rels:
            continue
        size = path.stat().st_size
        if not is_jsonl(path) or size <= target:
            yield Split(rel), size
            continue
        with path.open("rb") as fh:
            start, line = 0, 1
            while chunk := fh.read(target):
                chunk += fh.readline()  # to the end of the line that crosses the boundary
                yield Split(rel, start, start + len(chunk), line), len(chunk)
                start, line = start + len(chunk), line + chunk.count(b"\n")


def partitions(raw_dir: Path, rels: set[str], workers: int) -> list[Partition]:
    sizes = {rel: (raw_dir / rel).stat().st_size for rel in rels}
    target = max(1, min(PARTITION_BYTES, sum(sizes.values()) // max(1, workers * PARTITIONS_PER_WORKER)))
    result, current, filled = [], [], 0
    for split, size in splits(raw_dir, rels, target):
        current.append(split)
        filled += size
        if filled >= target:
            result.append(Partition(len(result), current))
            current, filled = [], 0
    if current:
        result.append(Partition(len(result), current))
    return result


def read_records(raw_dir: Path, part: Partition, wanted: dict[str, frozenset[str]]) -> pd.DataFrame:
    """The partition's records that the plan processes, in source order (as run._batches reads them)."""
    rows = []
    for split in part.splits:
        for item in read_source(raw_dir / split.rel, raw_dir, split.start, split.stop, split.first_line):
            if isinstance(item, Record) and item.source_id in wanted[split.rel]:
                rows.append(dict(item.__dict__, article_id=article_id(item.raw_text)))
    return pd.DataFrame(rows, columns=[*Record.__dataclass_fields__, "article_id"])


# --- worker tasks ------------------------------------------------------------------------------------

# A candidate on its way through the shuffle; its signature travels as the bytes of its uint32 values.
CANDIDATE_COLUMNS = {"order": "int64", "ref": object, "digest": object, "signature": object}
MEMBER_COLUMNS = {"order": "int64", "ref": object, "digest": object}
NEAR_COLUMNS = {"digest": object, "near_digest": object}


def _order(chunk: int, position: int) -> int:
    """Source order of a candidate: its chunk (old index parts, then partitions), then its position."""
    return chunk << 32 | position


def _frame(order_chunk: int, positions: list[int], refs: list[str], digests: list[str],
           signatures: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({
        "order": pd.Series([_order(order_chunk, i) for i in positions], dtype="int64"),
        "ref": pd.Series(refs, dtype=object),
        "digest": pd.Series(digests, dtype=object),
        "signature": pd.Series([row.tobytes() for row in signatures], dtype=object),
    })


def candidate_frame(order_chunk: int, candidates: list[tuple[int, Candidate]]) -> pd.DataFrame:
    """Candidates (with their positions in the chunk) as rows for the shuffle; computes their signatures."""
    return _frame(order_chunk, [i for i, _ in candidates], [c.ref for _, c in candidates],
                  [c.digest for _, c in candidates], np.array([c.signature for _, c in candidates], dtype=np.uint32))


def _is_bad_data(exc: Exception) -> bool:
    """Errors of the code on some data; an OSError (disk full, unreadable input) fails the run."""
    return not isinstance(exc, (OSError, MemoryError))


@dataclass
class Cleaned:
    """A partition after cleaning and the dedup within its articles."""
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    marks: dedup.Marks
    candidates: list[tuple[int, Candidate]]  # (position in `paragraphs`, candidate)


def _cleaned(raw_dir: Path, part: Partition, wanted) -> Cleaned:
    articles, paragraphs = clean(read_records(raw_dir, part, wanted))
    return Cleaned(articles, paragraphs, *dedup.within_articles(paragraphs))


class KeptPartitions:
    """Cleaned partitions a worker keeps from step 1 for step 3, by (run token, partition number): pickled into
    a folder of the worker's local disk rather than held in its memory, which the extraction needs; beyond
    `limit` bytes the oldest are deleted."""

    def __init__(self, folder: Path, limit: int) -> None:
        self.folder, self.limit = folder, limit
        self._files: OrderedDict[tuple[str, int], tuple[Path, int]] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, key: tuple[str, int], cleaned: Cleaned) -> None:
        """Keep `cleaned`, its signatures computed and its dedup keys dropped."""
        data = pickle.dumps(replace(cleaned, candidates=[(i, Candidate(c.ref, c.digest, signature=c.signature))
                                                          for i, c in cleaned.candidates]), protocol=5)
        if len(data) > self.limit:
            return
        path = self.folder / f"{key[0]}-{key[1]}.pickle"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError:  # a full local disk: the partition is cleaned again in step 3
            with suppress(OSError):
                path.unlink(missing_ok=True)
            return
        with self._lock:
            self._files[key] = path, len(data)
            while sum(size for _, size in self._files.values()) > self.limit:
                with suppress(OSError):
                    self._files.popitem(last=False)[1][0].unlink(missing_ok=True)

    def take(self, key: tuple[str, int]) -> Cleaned | None:
        """The partition kept under `key` (no longer kept), or None."""
        with self._lock:
            entry = self._files.pop(key, None)
        if entry is None:
            return None
        try:
            data = entry[0].read_bytes()
        except OSError:  # the folder went away: the caller cleans the partition again
            return None
        entry[0].unlink(missing_ok=True)
        return pickle.loads(data)

    def forget(self, token: str) -> None:
        """Delete what is still kept of the run `token` (partitions finished on another worker)."""
        with self._lock:
            for key in [k for k in self._files if k[0] == token]:
                self._files.pop(key)[0].unlink(missing_ok=True)


# Each worker's KeptPartitions, by its local directory (the workers of a LocalCluster of threads share a process).
_KEPT: dict[str, KeptPartitions] = {}
_KEPT_LOCK = threading.Lock()


def _current_worker():
    """The Dask worker running this task, or None (called outside a worker)."""
    from distributed import get_worker
    try:
        return get_worker()
    except ValueError:
        return None


def _kept_partitions(worker) -> KeptPartitions:
    with _KEPT_LOCK:
        if worker.local_directory not in _KEPT:
            folder = Path(worker.local_directory) / "kept-partitions"
            _KEPT[worker.local_directory] = KeptPartitions(folder, KEPT_BYTES)
        return _KEPT[worker.local_directory]


def _forget(token: str, dask_worker) -> None:
    """Run on every worker (`client.run` passes `dask_worker`) at the end of the run `token`."""
    _kept_partitions(dask_worker).forget(token)


def signatures(raw_dir: Path, part: Partition, chunk: int, wanted,
               token: str) -> tuple[pd.DataFrame, Failure | None, str | None]:
    """Step 1: the partition's corpus candidates (their order keys in `chunk`), and the address of the
    worker that keeps the cleaned partition for step 3 (`token` names the run)."""
    try:
        cleaned = _cleaned(raw_dir, part, wanted)
        frame = candidate_frame(chunk, [(i, c) for i, (_, c) in enumerate(cleaned.candidates)])
    except Exception as exc:
        if not _is_bad_data(exc):
            raise
        return candidate_frame(chunk, []), _failure("signatures", exc, raw_dir, part, wanted), None
    if (worker := _current_worker()) is None:
        return frame, None, None
    _kept_partitions(worker).keep((token, part.number), cleaned)
    return frame, None, worker.address


def _failure(stage: str, exc: BaseException, raw_dir: Path, part: Partition, wanted) -> Failure:
    records = read_records(raw_dir, part, wanted)
    return Failure(stage, f"{type(exc).__name__}: {exc}", list(zip(records.source_path, records.source_id)))


def old_index(source: Path, chunk: int, drop_ids: frozenset[str], target: Path,
              rewrite: bool) -> tuple[pd.DataFrame, str | None, bool]:
    """First copies of earlier runs in one part of the saved index, less those of dropped articles:
    (candidates, SHA-256 of the part written to `target` if it changed or `rewrite`, unchanged)."""
    table = pq.read_table(source)
    keep = np.array([ref.rsplit(":", 1)[0] not in drop_ids for ref in table["ref"].to_pylist()], dtype=bool)
    unchanged = bool(keep.all())
    kept = table.filter(pa.array(keep))
    sha = None
    if kept.num_rows and (rewrite or not unchanged):
        sha = store.write_part(target, kept)
    return (_frame(chunk, np.flatnonzero(keep).tolist(), kept["ref"].to_pylist(), kept["digest"].to_pylist(),
                   dedup.index_signatures(kept)), sha, unchanged)


def band_rows(candidates: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate and LSH band, under the band's key (`dedup.band_keys`): shuffled and grouped on."""
    signatures = np.frombuffer(b"".join(candidates["signature"]), dtype=np.uint32).reshape(-1, dedup.NUM_PERM)
    keys = dedup.band_keys(signatures)
    bands = keys.shape[1]
    return pd.DataFrame({"band_key": keys.ravel().view(np.int64),
                         **{column: np.repeat(candidates[column].to_numpy(), bands) for column in CANDIDATE_COLUMNS}})


def bucket_links(rows: pd.DataFrame, first_new_order: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The links within each band bucket holding a candidate of this run: (members, near) — the candidates
    whose digest recurs in the bucket or resembles another of its digests, and the pairs of its distinct
    digests whose paragraphs `resemble` each other. Equal digests have equal signatures, so one row per
    digest is compared: the cost grows with the distinct paragraphs of a bucket, not with its copies."""
    members, near = [], []
    for _, bucket in rows.groupby("band_key", sort=False):
        if len(bucket) < 2 or bucket["order"].max() < first_new_order:
            continue  # first copies of earlier runs were decided by those runs
        distinct = bucket.drop_duplicates("digest")
        digests = distinct["digest"].tolist()
        signatures = [np.frombuffer(s, dtype=np.uint32) for s in distinct["signature"]]
        pairs = [(digests[j], digests[i]) for j in range(len(digests)) for i in range(j)
                 if dedup.resembles(signatures[i], signatures[j])]
        linked = {d for pair in pairs for d in pair} | set(bucket["digest"][bucket["digest"].duplicated()])
        if linked:
            members.append(bucket.loc[bucket["digest"].isin(linked), list(MEMBER_COLUMNS)])
            near += pairs
    members = (pd.concat(members, ignore_index=True).drop_duplicates("order").astype(MEMBER_COLUMNS) if members
               else pd.DataFrame({c: pd.Series(dtype=t) for c, t in MEMBER_COLUMNS.items()}))
    return members, pd.DataFrame(near, columns=list(NEAR_COLUMNS)).astype(NEAR_COLUMNS).drop_duplicates()


# The extraction pipeline of this worker process: loaded in the background when the run checks the worker
# (`_checked_worker`), or by its first partition.
_NLP = None
_NLP_LOCK = threading.Lock()


def _nlp(model: str | None):
    global _NLP
    with _NLP_LOCK:
        if _NLP is None:
            from pipeline.extract.nlp import load
            _NLP = load(model)
    return _NLP


def finish(raw_dir: Path, part: Partition, wanted, decisions: dict[str, dedup.Match], number: int,
           gen_dir: Path, index_dir: str, model: str | None, token: str) -> Finished:
    """Step 3: the partition's rows of every table and its first copies, as part files numbered `number`."""
    from pipeline.extract.stage import extract
    try:
        worker = _current_worker()
        kept = _kept_partitions(worker).take((token, part.number)) if worker is not None else None
        cleaned = kept or _cleaned(raw_dir, part, wanted)
        marks = list(cleaned.marks)
        for position, candidate in cleaned.candidates:
            if candidate.ref in decisions:
                marks[position] = decisions[candidate.ref]
        paragraphs = dedup.mark(cleaned.paragraphs, marks)
        articles = dedup.summarise_articles(cleaned.articles, paragraphs)
        tables = {"articles": articles, "paragraphs": paragraphs, **extract(articles, paragraphs, _nlp(model))}
        first_copies = [c for _, c in cleaned.candidates if c.ref not in decisions]
    except Exception as exc:
        if not _is_bad_data(exc):
            raise
        return Finished(failure=_failure("finish", exc, raw_dir, part, wanted))
    done = Finished()
    outputs = [(table, schema.to_arrow(table, rows)) for table, rows in tables.items()]
    outputs.append((None, dedup.first_copies_table(first_copies)))
    for table, rows in outputs:
        path = gen_dir / (store.table_file(table) if table else index_dir) / store.part_name(number)
        if rows.num_rows:
            done.parts.append((path, store.write_part(path, rows), table, rows.num_rows))
        else:  # a partition finished again with other duplicates may have no rows where it had some
            path.unlink(missing_ok=True)
    return done


def _checked_worker(model: str | None) -> str:
    """The worker's fingerprint. It also starts loading the model (about 2 s with spaCy's import) in a thread,
    so that the load overlaps the signatures and the shuffle instead of delaying the first partition."""
    from pipeline.extract.nlp import model_path
    from pipeline.run import fingerprint
    threading.Thread(target=_preload, args=(model,), daemon=True).start()
    return fingerprint(model_path(model))


def _preload(model: str | None) -> None:
    try:
        _nlp(model)
    except Exception:  # noqa: BLE001 - the first partition loads it again and reports the error as its failure
        pass


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the driver --------------------------------------------------------------------------------------

@contextmanager
def connect(scheduler: str | None, workers: int | None):
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes started here."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterUnavailable("the dask engine needs the `dask` extra: pip install -e '.[dask]'") from exc
    logging.getLogger("distributed").setLevel(logging.WARNING)
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)  # a line per shuffle started and ended
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    # One thread per worker process: the extraction holds the GIL. The workers are spawned without
    # Dask's MALLOC_TRIM_THRESHOLD_ of 64 KB: glibc then gives freed heap back to the OS at almost
    # every free and takes it again at the next allocation, which made the extraction 15-45 % slower
    # per article than in a plain process (measured on one partition, alone on the machine).
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
        yield client


def process(raw_dir: Path, plan, gen: store.Generation, reuse: bool, version: str, model: str | None,
            scheduler: str | None, workers: int | None, index_file: str) -> Stats:
    """Every stage of the run's planned articles on the cluster; their rows and the dedup index
    written into `gen` (a generation of folder datasets). Records given up go to `stats.rejects`."""
    stats = Stats()
    index_dir = f"{store.STATE_DIR}/{index_file}"
    if not plan.process:  # articles removed only: their first copies leave the index, no cluster needed
        for chunk, (source, target, rewrite) in enumerate(_old_index_parts(gen, reuse, index_dir)):
            _, sha, unchanged = old_index(source, chunk, frozenset(plan.drop_ids), target, rewrite)
            _keep_index_part(gen, target, sha, unchanged)
        _complete_index(gen, index_dir)
        return stats
    with connect(scheduler, workers) as client:
        fingerprints = client.run(_checked_worker, model)
        if others := {addr: f for addr, f in fingerprints.items() if f != version}:
            raise ClusterUnavailable(f"Dask workers {', '.join(sorted(others))} run another version of the "
                                     "pipeline or model than this process: install the same on every worker")
        stats.workers = len(fingerprints)
        with _run_token(client) as token:
            _run(client, raw_dir, plan, gen, reuse, model, index_dir, stats, token)
        stats.worker_peak_mb = max(client.run(_peak_rss_mb).values(), default=0.0)
    return stats


def _old_index_parts(gen: store.Generation, reuse: bool, index_dir: str) -> list[tuple[Path, Path, bool]]:
    """(part of the saved index, its path in the new generation, whether it must be written anew)."""
    old_path = gen.output.current / index_dir
    gen.dataset_dir(index_dir)
    if not reuse:
        return []
    if old_path.is_dir():
        return [(source, gen.dir / index_dir / source.name, False) for source in store.parquet_files(old_path)]
    # A single index file (the local engine's) becomes a part of the folder.
    return [(source, gen.dir / index_dir / store.part_name(gen.reserve_parts(1)), True)
            for source in store.parquet_files(old_path)]


def _keep_index_part(gen: store.Generation, target: Path, sha: str | None, unchanged: bool) -> None:
    if sha:
        gen.add_part(target, sha)
    elif unchanged:
        gen.keep_old_file(target.relative_to(gen.dir).as_posix())


def _complete_index(gen: store.Generation, index_dir: str) -> None:
    folder = gen.dir / index_dir
    if not store.parquet_files(folder):  # no first copies at all: an empty index, with its schema
        path = folder / store.part_name(gen.reserve_parts(1))
        gen.add_part(path, store.write_part(path, dedup.first_copies_table([])))


@contextmanager
def _run_token(client):
    """The name of a run's tasks and kept partitions. At the run's end, failed or not, the workers delete what
    they still keep of it (partitions finished on another worker, or never finished)."""
    token = uuid.uuid4().hex[:8]
    try:
        yield token
    finally:
        with suppress(Exception):  # a cluster gone away has nothing more to delete; the run's own error stands
            client.run(_forget, token)


def _run(client, raw_dir: Path, plan, gen: store.Generation, reuse: bool, model: str | None,
         index_dir: str, stats: Stats, token: str) -> None:
    from distributed import wait

    parts = partitions(raw_dir, plan.reread_files, stats.workers)
    stats.partitions = len(parts)
    by_file: dict[str, frozenset[str]] = {}
    for rel, source_id in plan.process:
        by_file.setdefault(rel, set()).add(source_id)
    by_file = {rel: frozenset(ids) for rel, ids in by_file.items()}
    wanted = {rel: _share(client, ids) for rel, ids in by_file.items()}

    def wanted_of(part: Partition, where=wanted) -> dict:
        return {split.rel: where.get(split.rel, frozenset()) for split in part.splits}

    def given_up(part: Partition, stage: str, outcome) -> Failure:
        if outcome.keys is None:  # the worker died: read the partition's records here
            records = read_records(raw_dir, part, wanted_of(part, by_file))
            outcome.keys = list(zip(records.source_path, records.source_id))
        outcome.stage = stage
        return outcome

    old_files = _old_index_parts(gen, reuse, index_dir)
    failures, keeper, members, near = _linked_candidates(client, raw_dir, parts, old_files, plan.drop_ids, gen,
                                                         wanted_of, given_up, token, stats)

    started = time.perf_counter()
    first_number = gen.reserve_parts(len(parts))
    for table in schema.TABLES:
        gen.dataset_dir(store.table_file(table))
    finished: dict[int, Finished] = {}
    decisions: dict[int, dict[str, dedup.Match]] = {}
    attempt = 0
    while True:  # until no partition fails; after a failure the duplicates are decided without it
        previous, decisions = decisions, _decide(members, near, set(failures), len(old_files))
        for number in set(failures) & set(finished):  # finished once, failed when finished again
            for path, *_ in finished.pop(number).parts:
                path.unlink(missing_ok=True)
        todo = [p for p in parts if p.number not in failures
                and (p.number not in finished or decisions.get(p.number) != previous.get(p.number))]
        if not todo:
            break
        attempt += 1
        futures = {p.number: client.submit(finish, raw_dir, p, wanted_of(p), decisions.get(p.number, {}),
                                           first_number + p.number, gen.dir, index_dir, model, token,
                                           key=f"finish-{p.number}-{token}-{attempt}",
                                           workers=keeper.get(p.number), allow_other_workers=p.number in keeper)
                   for p in todo}
        wait(list(futures.values()))
        new_failures = False
        for part in todo:
            outcome = _outcome(futures[part.number])
            failure = outcome if isinstance(outcome, Failure) else outcome.failure
            if failure:
                failures[part.number] = given_up(part, "finish", failure)
                new_failures = True
            else:
                finished[part.number] = outcome
        if not new_failures:
            break
    for number in sorted(finished):
        for path, sha, table, rows in finished[number].parts:
            gen.add_part(path, sha, table, rows)
    _complete_index(gen, index_dir)
    for number in sorted(failures):
        failure = failures[number]
        log.warning("partition %d given up in %s (%s): %d records to rejects", number, failure.stage,
                    failure.error, len(failure.keys))
        stats.rejects += [{"source_path": path, "source_id": source_id,
                           "reason": f"processing failed ({failure.stage}): {failure.error}"}
                          for path, source_id in failure.keys]
    stats.seconds["finish"] = time.perf_counter() - started
    log.info("extracted %d partitions in %.1f s", len(finished), stats.seconds["finish"])


def _linked_candidates(client, raw_dir: Path, parts: list[Partition], old_files: list[tuple[Path, Path, bool]],
                       drop_ids: set[str], gen: store.Generation, wanted_of, given_up, token: str, stats: Stats):
    """Steps 1 and 2: each partition's candidates and signatures (its worker keeps the cleaned partition), the
    saved index's parts, then the shuffle by band key. Returns the partitions given up, the worker keeping each
    partition, and the linked candidates and near-copy links. The step-1 results (each partition's candidate
    frame) are held by the workers while a future to them lives: they go with this function's frame, before
    step 3's partitions need the memory."""
    import dask
    import dask.dataframe as dd
    from distributed import wait

    started = time.perf_counter()
    # The saved index: its parts are chunks 0..k-1 of the order, before this run's partitions.
    drop_ids = _share(client, frozenset(drop_ids))
    old = [(target, client.submit(old_index, source, chunk, drop_ids, target, rewrite, key=f"old-index-{chunk}-{token}"))
           for chunk, (source, target, rewrite) in enumerate(old_files)]
    first_new = _order(len(old_files), 0)
    prepared = [client.submit(signatures, raw_dir, part, len(old_files) + part.number, wanted_of(part), token,
                              key=f"signatures-{part.number}-{token}") for part in parts]
    wait(prepared + [f for _, f in old])
    failures: dict[int, Failure] = {}
    keeper: dict[int, str] = {}  # the worker that keeps a partition's cleaned articles for its step 3
    frames = []
    # Only what follows a result's candidate frame comes to this process: the frames stay on the workers.
    after_frame = operator.itemgetter(slice(1, None))
    for part, future in zip(parts, prepared):
        outcome = _outcome(client.submit(after_frame, future, key=f"status-{part.number}-{token}"))
        if isinstance(outcome, Failure):
            failures[part.number] = given_up(part, "signatures", outcome)
            frames.append(_share(client, candidate_frame(0, [])))
            continue
        failure, address = outcome
        if failure is not None:
            failures[part.number] = failure
        if address is not None:
            keeper[part.number] = address
        frames.append(client.submit(operator.itemgetter(0), future, key=f"candidates-{part.number}-{token}"))
    for target, future in old:
        written = client.submit(after_frame, future, key=f"old-status-{target.name}-{token}")
        _keep_index_part(gen, target, *written.result())
        frames.append(client.submit(operator.itemgetter(0), future, key=f"old-candidates-{target.name}-{token}"))
    stats.seconds["signatures"] = time.perf_counter() - started
    log.info("signatures of %d partitions on %d workers in %.1f s", len(parts), stats.workers,
             stats.seconds["signatures"])

    started = time.perf_counter()
    meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in CANDIDATE_COLUMNS.items()})
    with dask.config.set({"dataframe.convert-string": False}):  # band keys and signatures are bytes
        candidates = dd.from_delayed(frames, meta=meta, verify_meta=False)
        bands = candidates.map_partitions(band_rows, meta=band_rows(meta))
        buckets = bands.shuffle(on="band_key", npartitions=max(1, len(frames)))
        links = [dask.delayed(bucket_links)(part, first_new) for part in buckets.to_delayed()]
        found = client.compute(links, sync=True)
    members = pd.concat([m for m, _ in found], ignore_index=True).drop_duplicates("order")
    near = pd.concat([n for _, n in found], ignore_index=True).drop_duplicates()
    stats.seconds["shuffle"] = time.perf_counter() - started
    log.info("%d linked candidates and %d near-copy links across partitions in %.1f s", len(members), len(near),
             stats.seconds["shuffle"])
    return failures, keeper, members, near


def _value(value):
    return value


def _share(client, value):
    """`value` held by the cluster once, as a future that tasks take as an argument. A task rather
    than scattered data: the scheduler computes it again if the worker holding it dies."""
    return client.submit(_value, value, pure=False)


def _outcome(future):
    """A task's result; a task that killed its worker at every attempt gives a Failure (keys unknown)."""
    from distributed.scheduler import KilledWorker
    try:
        return future.result()
    except KilledWorker as exc:
        return Failure("", f"the worker died at every attempt ({exc})", None)


def _decide(members: pd.DataFrame, near: pd.DataFrame, given_up: set[int],
            old_chunks: int) -> dict[int, dict[str, dedup.Match]]:
    """The duplicates of each partition (number → ref → first copy): the linked candidates decided in source
    order after the first copies of earlier runs; partitions given up have no paragraphs."""
    def partition(order: int) -> int:
        return (order >> 32) - old_chunks

    near_digests: dict[str, set[str]] = {}
    for digest, other in near.itertuples(index=False):
        near_digests.setdefault(digest, set()).add(other)
        near_digests.setdefault(other, set()).add(digest)
    copies = dedup.LinkedCopies(near_digests)
    in_order = []
    for order, ref, digest in members.sort_values("order").itertuples(index=False):
        if partition(order) in given_up:
            continue
        if partition(order) < 0:  # a first copy of an earlier run (the index's parts come first)
            copies.add(Candidate(ref, digest))
        else:
            in_order.append((order, Candidate(ref, digest)))
    ref_at = {order: candidate.ref for order, candidate in in_order}
    decisions: dict[int, dict[str, dedup.Match]] = {}
    for order, match in dedup.assign(in_order, copies).items():
        decisions.setdefault(partition(order), {})[ref_at[order]] = match
    return decisions
