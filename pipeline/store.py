"""Write stage: the Parquet tables of an output folder, replaced all at once as one generation.

Layout of an output folder OUT (readers only ever need `OUT/<table>.parquet`):

    OUT/entities.parquet -> current/entities.parquet   one fixed link per table, and manifest.json
    OUT/current -> .generations/000007                 the one pointer a run switches
    OUT/.generations/000007/                           every table, _state/, manifest.json
    OUT/.lock                                          held by the one run writing OUT

A table is one Parquet file (the local engine) or a folder dataset of part files
`entities.parquet/part-000000007.parquet`, read in the order of their names (the Dask engine,
whose workers write the parts; `write_part`). Readers open either by the same path.

A run writes the next generation into a new directory (hard-linking the tables it leaves
unchanged), writes its manifest (size and SHA-256 of every file) last, flushes it all to disk,
and then switches `current` with one atomic rename. A run that dies before that rename leaves the
previous generation current and untouched; after it, the new generation is complete. The next
run removes what a dead run left behind. Files contain no wall-clock time, so the same input
gives byte-identical tables.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline import schema

log = logging.getLogger(__name__)

LOCK_FILE = ".lock"
GENERATIONS = ".generations"
CURRENT = "current"
MANIFEST = "manifest.json"
STATE_DIR = "_state"
TMP_SUFFIX = ".tmp"
_PART = re.compile(r"part-(\d+)\.parquet$")
# A generation's new rows wait in memory until the tables' waiting rows take this many bytes, then each table
# writes its waiting rows as one row group. A Parquet writer keeps every row group's metadata (statistics
# included) until it closes: about 70 KB for the tables of one 64-article batch, 33 MB at 30,000 bench articles
# when each batch was a row group. 4 MB is about 150 bench articles: the waiting rows and their encoding cost no
# more than the metadata they save at 3,000 articles (16 MB cost 30 MB more).
ROW_GROUP_BYTES = 4 << 20


class BadPath(RuntimeError):
    """An input or output folder a run cannot use."""


class OutputLocked(RuntimeError):
    """Another live process is writing the output folder."""


def table_file(table: str) -> str:
    return f"{table}.parquet"


def table_path(out_dir: Path, table: str) -> Path:
    """The path readers open: a fixed link into the current generation."""
    return out_dir / table_file(table)


def part_name(number: int) -> str:
    """Part files are numbered in the order their rows were written; names sort in that order."""
    return f"part-{number:09d}.parquet"


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a table or state file: itself, or the parts of a folder dataset in order."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if _PART.fullmatch(p.name))
    return [path] if path.exists() else []


def row_groups(path: Path, columns: list[str] | None = None) -> Iterator[pa.Table]:
    """The rows of a table or state file (see `parquet_files`), a row group at a time, in order: a whole table
    read at once takes several times its size while Parquet decodes it."""
    for part in parquet_files(path):
        file = pq.ParquetFile(part)
        for group in range(file.num_row_groups):
            yield file.read_row_group(group, columns=columns, use_threads=False)


def write_part(path: Path, rows: pa.Table) -> str:
    """Write one part file of a folder dataset and flush it to disk (any process may); its SHA-256.

    Written under a temporary name and renamed, so a task that runs again replaces it whole.
    """
    tmp = path.with_name(path.name + TMP_SUFFIX)
    pq.write_table(rows, tmp)
    _fsync(tmp)
    os.replace(tmp, path)
    return _sha256(path)


def check_paths(raw_dir: Path, out_dir: Path) -> None:
    if not raw_dir.exists():
        raise BadPath(f"raw folder {raw_dir} does not exist")
    if not raw_dir.is_dir():
        raise BadPath(f"--raw {raw_dir} is a file, not a folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise BadPath(f"--out {out_dir} is a file, not a folder")
    raw, out = raw_dir.resolve(), out_dir.resolve()
    if out == raw or raw in out.parents:
        raise BadPath(f"--out {out_dir} is inside --raw {raw_dir}: keep the tables out of the input folder")


def read_columns(out_dir: Path, table: str, columns: list[str]) -> pd.DataFrame:
    """Some columns of a table of the current generation (empty frame with those columns if none)."""
    path = out_dir / CURRENT / table_file(table)
    if not path.exists():
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return pq.read_table(path, columns=columns).to_pandas()


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _record(path: Path, sha256: str | None = None) -> dict:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha256 or _sha256(path)}


def _same_file(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and os.path.samefile(a, b)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, content: dict) -> None:
    """Write, flush to disk and rename into place, so a reader sees the old or the new file."""
    tmp = path.with_name(path.name + TMP_SUFFIX)
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(content, fh, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _load_manifest(gen_dir: Path) -> dict | None:
    try:
        manifest = json.loads((gen_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("contents"), dict) else None


def _check_contents(gen_dir: Path, manifest: dict, full: bool) -> tuple[list[str], dict[str, int]]:
    """Problems of a generation against its manifest, and files only touched (rel → new mtime).

    Without `full`, a file whose size and modification time are as recorded is trusted, so a run
    with nothing to do stays cheap; any other file is checked against its checksum.
    """
    contents = manifest["contents"]
    problems, touched = [], {}
    for table in schema.TABLES:
        name = table_file(table)
        if not any(rel == name or rel.startswith(name + "/") for rel in contents):
            problems.append(f"{name} is not in the manifest")
    for rel, rec in sorted(contents.items()):
        try:
            st = (gen_dir / rel).stat()
        except OSError:
            problems.append(f"{rel} is missing")
            continue
        if st.st_size != rec["size"]:
            problems.append(f"{rel} has {st.st_size} bytes instead of {rec['size']}")
        elif full or st.st_mtime_ns != rec["mtime_ns"]:
            if _sha256(gen_dir / rel) != rec["sha256"]:
                problems.append(f"{rel} does not match its checksum")
            elif st.st_mtime_ns != rec["mtime_ns"]:
                touched[rel] = st.st_mtime_ns
    return problems, touched


def verify(out_dir: Path) -> tuple[str | None, list[str]]:
    """Check an output folder without writing it: (current generation, problems)."""
    if not out_dir.is_dir():
        raise BadPath(f"--out {out_dir} is not a folder")
    current = out_dir / CURRENT
    for _ in range(3):  # a run may switch generations meanwhile: check the one current at the end
        gen_dir = Path(os.path.realpath(current))
        manifest = _load_manifest(gen_dir)
        if manifest is None:
            problems = [f"no complete generation in {out_dir} (no readable {CURRENT}/{MANIFEST})"]
        else:
            problems, _ = _check_contents(gen_dir, manifest, full=True)
            for name in [table_file(t) for t in schema.TABLES] + [MANIFEST]:
                if not _same_file(out_dir / name, gen_dir / name):
                    problems.append(f"{out_dir / name} does not lead to {CURRENT}/{name}")
        if Path(os.path.realpath(current)) == gen_dir:
            break
    return (gen_dir.name if manifest else None), problems


# Output folders this process has locked: POSIX locks do not exclude the process that holds
# them, and closing any descriptor of the lock file would release them.
_LOCKED: set[tuple[int, int]] = set()


def _locked_here(path: Path) -> bool:
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    return (st.st_dev, st.st_ino) in _LOCKED


def _lock_holder(path: Path) -> str:
    if _locked_here(path):  # reading the file would close a descriptor of it and so release our lock
        return f"pid {os.getpid()}"
    try:
        pid = path.read_text().strip()
    except OSError:
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid unknown"


@contextmanager
def _lock(out_dir: Path, wait: float) -> Iterator[None]:
    """Hold the output folder's lock, waiting up to `wait` seconds for another run to finish.

    A POSIX record lock (lockf), not flock: the worker processes that --jobs forks do not inherit
    it, so a killed run never leaves the folder locked behind it, even while its workers wind down.
    """
    path = out_dir / LOCK_FILE
    deadline = time.monotonic() + wait
    while True:
        if not _locked_here(path):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except PermissionError as exc:
                raise BadPath(f"cannot write to --out {out_dir}: {exc.strerror}") from exc
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                os.close(fd)
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
        if time.monotonic() >= deadline:
            raise OutputLocked(f"{out_dir} is being written by another run ({_lock_holder(path)}); "
                               f"waited {wait:g} s (--wait SECONDS to wait longer)")
        time.sleep(0.05)
    st = os.fstat(fd)
    key = (st.st_dev, st.st_ino)
    _LOCKED.add(key)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        _LOCKED.discard(key)
        os.close(fd)  # releases the lock


class Output:
    """An output folder opened by the one run that may write it."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir
        self.current = out_dir / CURRENT
        self.generations = out_dir / GENERATIONS
        self.manifest: dict = {}  # of the current generation; empty when there is none to trust
        self.problems: list[str] = []  # why the current generation cannot be trusted

    @classmethod
    @contextmanager
    def open(cls, out_dir: Path, wait: float = 0.0) -> Iterator["Output"]:
        """Lock the folder, remove what dead runs left, and check the current generation cheaply."""
        out_dir = Path(out_dir)
        if out_dir.exists() and not out_dir.is_dir():
            raise BadPath(f"--out {out_dir} is a file, not a folder")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except PermissionError as exc:
            raise BadPath(f"cannot create --out {out_dir}: {exc.strerror}") from exc
        with _lock(out_dir, wait):
            output = cls(out_dir)
            output._tidy()
            yield output

    def table(self, table: str) -> Path:
        return self.current / table_file(table)

    def state(self, name: str) -> Path:
        return self.current / STATE_DIR / name

    def _current_name(self) -> str | None:
        return Path(os.readlink(self.current)).name if self.current.is_symlink() else None

    def _tidy(self) -> None:
        for leftover in self.dir.glob(f"*{TMP_SUFFIX}"):
            leftover.unlink()
        if self.current.is_dir() and not self.current.is_symlink():
            # A copy of the folder that followed the links: make the copied tables a generation.
            self.generations.mkdir(exist_ok=True)
            adopted = self.generations / self._next_name()
            os.rename(self.current, adopted)
            self._point_current_at(adopted)
        self._remove_other_generations()
        if not self.current.exists():
            if self.current.is_symlink():
                self.problems.append(f"{CURRENT} points at a generation that is gone")
            return
        for leftover in self.current.glob(f"*{TMP_SUFFIX}"):
            leftover.unlink()
        restored = self._link_tables()
        if restored:
            log.warning("%s: restored %s (links to the current tables)", self.dir, ", ".join(restored))
        manifest = _load_manifest(self.current)
        if manifest is None:
            self.problems.append(f"{CURRENT}/{MANIFEST} is missing or unreadable")
            return
        self.problems, touched = _check_contents(self.current, manifest, full=False)
        if not self.problems:
            self.manifest = manifest
            if touched:  # same bytes, new modification time: remember it, so it is hashed once
                for rel, mtime in touched.items():
                    manifest["contents"][rel]["mtime_ns"] = mtime
                self.update_manifest()

    def update_manifest(self, **changes) -> None:
        """Change run metadata of the current generation in place (its tables stay as they are)."""
        self.manifest.update(changes)
        _write_json(self.current / MANIFEST, self.manifest)

    def _next_name(self) -> str:
        names = [p.name for p in self.generations.iterdir()] if self.generations.is_dir() else []
        names.append(self._current_name() or "0")
        return f"{max(int(n) for n in names if n.isdigit()) + 1:06d}"

    def _remove_other_generations(self) -> None:
        if not self.generations.is_dir():
            return
        keep = self._current_name()
        for gen_dir in self.generations.iterdir():
            if gen_dir.name != keep:
                shutil.rmtree(gen_dir)

    def _point_current_at(self, gen_dir: Path) -> None:
        """The commit point: one atomic rename of a new link over `current`."""
        tmp = self.dir / (CURRENT + TMP_SUFFIX)
        tmp.unlink(missing_ok=True)
        os.symlink(Path(GENERATIONS) / gen_dir.name, tmp)
        os.replace(tmp, self.current)
        _fsync(self.dir)

    def _link_tables(self) -> list[str]:
        """Make each reader path a link into `current`; the names that were not."""
        restored = []
        for name in [table_file(t) for t in schema.TABLES] + [MANIFEST]:
            link, target = self.dir / name, f"{CURRENT}/{name}"
            if link.is_symlink() and os.readlink(link) == target:
                continue
            restored.append(name)
            if link.is_dir() and not link.is_symlink():
                shutil.rmtree(link)
            tmp = self.dir / (name + TMP_SUFFIX)
            os.symlink(target, tmp)
            os.replace(tmp, link)
        return restored

    @contextmanager
    def new_generation(self, datasets: bool = False) -> Iterator["Generation"]:
        """The next generation (with folder datasets for tables, if `datasets`); unless committed,
        it is removed and the current one stays."""
        self.generations.mkdir(exist_ok=True)
        gen = Generation(self, self.generations / self._next_name(), datasets)
        try:
            yield gen
        finally:
            if not gen.committed:
                gen.abort()

    def _switched(self, gen_dir: Path, manifest: dict) -> None:
        """After the commit point: readers' links, then the old generations and the old layout go.

        Nothing here can make the tables wrong; whatever fails is retried by the next run.
        """
        self.manifest, self.problems = manifest, []
        try:
            self._link_tables()
            self._remove_other_generations()
            legacy_state = self.dir / STATE_DIR  # the state folder of the layout before generations
            if legacy_state.is_dir() and not legacy_state.is_symlink():
                shutil.rmtree(legacy_state)
        except OSError as exc:
            log.warning("new tables in place in %s, but tidying up failed (%s); the next run retries",
                        self.dir, exc)


class Generation:
    """The next version of every table, written into its own directory until `commit`."""

    def __init__(self, output: Output, gen_dir: Path, datasets: bool = False) -> None:
        self.output = output
        self.dir = gen_dir
        (gen_dir / STATE_DIR).mkdir(parents=True)
        self.datasets = datasets  # tables as folders of parts rather than single files
        self.writers: dict[str, pq.ParquetWriter] = {}  # opened on the first row
        self._waiting: dict[str, list[pa.Table]] = {}  # rows not yet written, by table (see ROW_GROUP_BYTES)
        self._waiting_bytes = 0
        self.rows = {t: 0 for t in schema.TABLES}
        self.unchanged: set[str] = set()  # tables hard-linked from the current generation at commit
        self.written: dict[str, str] = {}  # files written by other processes (rel → SHA-256)
        self.finished: set[str] = set()  # tables read back before the commit: no row may follow
        numbers = [int(m.group(1)) for rel in output.manifest.get("contents", {}) if (m := _PART.search(rel))]
        self._next_part = max(numbers, default=0) + 1  # kept parts keep their numbers; new ones follow
        self.committed = False

    def reserve_parts(self, count: int) -> int:
        """The first of `count` new part numbers, after every part written or kept so far."""
        first, self._next_part = self._next_part, self._next_part + count
        return first

    def dataset_dir(self, rel: str) -> Path:
        """The folder of a dataset in this generation (e.g. `entities.parquet`), created if needed."""
        path = self.dir / rel
        path.mkdir(exist_ok=True)
        return path

    def add_part(self, path: Path, sha256: str, table: str | None = None, rows: int = 0) -> None:
        """A part file that another process wrote into this generation with `write_part`."""
        self.written[path.relative_to(self.dir).as_posix()] = sha256
        if table:
            self.rows[table] += rows

    def keep_old_file(self, rel: str) -> None:
        """Hard-link a file of the current generation into this one, unchanged."""
        self._link_unchanged(rel)

    def _writer(self, table: str) -> pq.ParquetWriter:
        if table not in self.writers:
            path = self.dir / table_file(table)
            if self.datasets:
                path = self.dataset_dir(table_file(table)) / part_name(self.reserve_parts(1))
            self.writers[table] = pq.ParquetWriter(path, schema.SCHEMAS[table])
            if table in self.unchanged:  # new rows after all: the old ones come first
                self.unchanged.discard(table)
                self.rows[table] = 0
                self._copy(table, pq.ParquetFile(self.output.table(table)), None, None)
        return self.writers[table]

    def start(self, table: str) -> None:
        """Open the file of `table` now rather than at its first row: the rows kept from the current generation are
        copied into it first, so a table kept unchanged is then copied, not linked."""
        self._writer(table)

    def keep_old(self, table: str, drop: pa.Array, column: str) -> None:
        """Keep the current table's rows whose `column` is not in `drop`, in their order."""
        files = parquet_files(self.output.table(table))
        if any(pq.read_schema(f) != schema.SCHEMAS[table] for f in files):
            return  # written by another schema version: the run reprocesses everything
        if self.datasets:
            self._keep_parts(table, files, drop, column)
            return
        if self.output.table(table).is_dir():  # a folder dataset (the Dask engine's) becomes one file
            for part in files:
                self._copy(table, pq.ParquetFile(part), drop, column)
            return
        old = pq.ParquetFile(files[0])
        if not len(drop) or not pc.any(pc.is_in(old.read(columns=[column]).column(0), drop)).as_py():
            self.unchanged.add(table)
            self.rows[table] = old.metadata.num_rows
            return
        self._copy(table, old, drop, column)

    def _keep_parts(self, table: str, files: list[Path], drop: pa.Array, column: str) -> None:
        """Into a folder dataset: old parts without dropped rows are hard-linked, the others rewritten
        without them under the same name (a single old file becomes the first part)."""
        folder = self.dataset_dir(table_file(table))
        for old in files:
            is_part = old.parent.name == table_file(table)
            target = folder / (old.name if is_part else part_name(self.reserve_parts(1)))
            keys = pq.read_table(old, columns=[column]).column(0)
            if is_part and not (len(drop) and pc.any(pc.is_in(keys, drop)).as_py()):
                self.keep_old_file(target.relative_to(self.dir).as_posix())
                self.rows[table] += len(keys)
                continue
            kept = pq.read_table(old).filter(pc.invert(pc.is_in(keys, drop)))
            if kept.num_rows:
                self.written[target.relative_to(self.dir).as_posix()] = write_part(target, kept)
            self.rows[table] += kept.num_rows

    def _copy(self, table: str, old: pq.ParquetFile, drop: pa.Array | None, column: str | None) -> None:
        for group in range(old.num_row_groups):  # a row group at a time: batches of 65,536 rows were whole tables
            rows = old.read_row_group(group)
            if drop is not None:
                rows = rows.filter(pc.invert(pc.is_in(rows[column], drop)))
            self.write(table, rows)

    def table_path(self, table: str) -> Path:
        """Where the complete `table` of this generation can be read before `commit`: its writer is closed
        first (no row may follow), and a table kept unchanged is the current one."""
        self.finished.add(table)
        if table in self.unchanged:
            return self.output.table(table)
        if table in self.writers:
            self._write_waiting(table)
            self.writers[table].close()
        return self.dir / table_file(table)

    def write(self, table: str, rows: pd.DataFrame | pa.Table) -> None:
        if table in self.finished:
            raise RuntimeError(f"{table}: rows written after the table was read back")
        arrow = rows if isinstance(rows, pa.Table) else schema.to_arrow(table, rows)
        if arrow.num_rows:
            self._writer(table)  # opened first: an unchanged table's old rows go before these
            self._waiting.setdefault(table, []).append(arrow)
            self._waiting_bytes += arrow.nbytes
            self.rows[table] += arrow.num_rows
            if self._waiting_bytes >= ROW_GROUP_BYTES:
                for waiting in list(self._waiting):
                    self._write_waiting(waiting)

    def _write_waiting(self, table: str) -> None:
        """The rows of `table` waiting in memory, written as one row group."""
        if waiting := self._waiting.pop(table, None):
            self.writers[table].write_table(pa.concat_tables(waiting))
            self._waiting_bytes -= sum(rows.nbytes for rows in waiting)

    def write_state(self, name: str, writer: Callable[[Path], None]) -> None:
        """A state file for the next run (e.g. the dedup index), written by `writer(path)`."""
        writer(self.dir / STATE_DIR / name)

    def commit(self, meta: dict) -> None:
        """Complete the generation, record it in its manifest and make it the current one."""
        for table in schema.TABLES:
            if table in self.unchanged:
                self._link_unchanged(table_file(table))
            elif not self.datasets or not parquet_files(self.dataset_dir(table_file(table))):
                self._writer(table)  # a table without rows still has its schema
        for table, w in self.writers.items():
            self._write_waiting(table)
            w.close()
        old = self.output.manifest.get("contents", {})
        contents = {}
        for path in sorted(p for p in self.dir.rglob("*") if p.is_file()):
            rel = path.relative_to(self.dir).as_posix()
            if rel in old and _same_file(path, self.output.current / rel):
                contents[rel] = old[rel]  # hard-linked: same file, already on disk
            elif rel in self.written:
                contents[rel] = _record(path, self.written[rel])  # flushed by its writer
            else:
                _fsync(path)
                contents[rel] = _record(path)
        manifest = dict(meta, generation=self.dir.name, contents=contents)
        _write_json(self.dir / MANIFEST, manifest)
        folders = sorted((p for p in self.dir.rglob("*") if p.is_dir()), reverse=True)
        for directory in (*folders, self.dir, self.dir.parent):
            _fsync(directory)
        self.output._point_current_at(self.dir)
        self.committed = True
        self.output._switched(self.dir, manifest)

    def _link_unchanged(self, rel: str) -> None:
        source, target = self.output.current / rel, self.dir / rel
        try:
            os.link(source, target)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(source, target)  # a file system without hard links: copy it

    def abort(self) -> None:
        for w in self.writers.values():
            try:
                w.close()
            except OSError:
                pass  # the file is removed with the generation anyway
        shutil.rmtree(self.dir, ignore_errors=True)
