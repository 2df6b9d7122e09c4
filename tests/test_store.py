"""The output folder: one writer at a time, generations switched all at once, damage found."""
import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import schema, store

ROOT = Path(__file__).resolve().parents[1]

# Holds the lock of the folder given as argument until killed or until stdin closes.
HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from pipeline import store\n"
    "with store._lock(Path(sys.argv[1]), 0):\n"
    "    print('locked', flush=True)\n"
    "    sys.stdin.read()\n"
)


def holder(out: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout.readline() == "locked\n"
    return proc


def can_lock_elsewhere(out: Path) -> bool:
    """Whether another process gets the folder's lock right now."""
    code = ("import fcntl, os, sys\n"
            "fd = os.open(sys.argv[1], os.O_RDWR)\n"
            "try:\n    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
            "except OSError:\n    sys.exit(1)\n")
    return subprocess.run([sys.executable, "-c", code, str(out / store.LOCK_FILE)]).returncode == 0


def rows(table: str, n: int, tag: str = "a") -> pd.DataFrame:
    """n rows of a table, each of its own article `tag-i`."""
    key = "source_path" if table == "rejects" else "article_id"
    return pd.DataFrame({key: [f"{tag}-{i}" for i in range(n)]})


def commit(out: Path, new: dict[str, pd.DataFrame], drop=()) -> None:
    """One generation: the current rows less the articles in `drop`, plus `new`, and a state file."""
    with store.Output.open(out) as output, output.new_generation() as gen:
        if output.manifest:
            for table in schema.TABLES:
                if table in schema.CORPUS_TABLES:
                    continue  # rebuilt whole by each run (pipeline/corpus.py), never kept row by row
                column = "source_path" if table == "rejects" else "article_id"
                gen.keep_old(table, pa.array(sorted(drop), pa.string()), column)
        for table, df in new.items():
            gen.write(table, df)
        gen.write_state("index.bin", lambda path: path.write_bytes(b"state for the next run"))
        gen.commit({"rows": gen.rows})


def read(out: Path) -> dict[str, list]:
    return {t: pd.read_parquet(store.table_path(out, t)).iloc[:, 0].tolist() for t in schema.TABLES}


@pytest.fixture
def out(tmp_path):
    out = tmp_path / "out"
    commit(out, {"articles": rows("articles", 3), "entities": rows("entities", 5), "rejects": rows("rejects", 1)})
    return out


def test_readers_open_the_tables_by_their_usual_path(out):
    import duckdb
    import polars as pl
    path = store.table_path(out, "entities")
    assert len(pd.read_parquet(path)) == pq.read_table(path).num_rows == pl.read_parquet(path).height == 5
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall() == [(5,)]
    assert store.verify(out) == ("000001", [])


def test_rows_converted_to_a_tables_schema_leave_the_callers_frame_as_it_was():
    given = pd.DataFrame({"article_id": ["a"], "label": ["PERSON"], "text": ["Rudi"]})
    converted = schema.to_arrow("entities", given)
    assert converted.schema == schema.SCHEMAS["entities"] and converted["person_id"].null_count == 1
    assert list(given.columns) == ["article_id", "label", "text"]


def test_a_generation_keeps_rows_in_order_and_links_unchanged_tables(out):
    before = {t: os.stat(store.table_path(out, t)).st_ino for t in schema.TABLES}
    commit(out, {"entities": rows("entities", 2, tag="b")}, drop={"a-1"})
    t = read(out)
    assert t["articles"] == ["a-0", "a-2"]
    assert t["entities"] == ["a-0", "a-2", "a-3", "a-4", "b-0", "b-1"]
    assert t["rejects"] == ["a-0"]
    after = {t: os.stat(store.table_path(out, t)).st_ino for t in schema.TABLES}
    assert after["rejects"] == before["rejects"] and after["dates"] == before["dates"]  # hard links
    assert after["articles"] != before["articles"]
    assert [p.name for p in (out / store.GENERATIONS).iterdir()] == ["000002"]  # the old one is gone
    assert store.verify(out) == ("000002", [])


def test_an_unchanged_table_with_new_rows_keeps_its_old_rows_first(out):
    commit(out, {"rejects": rows("rejects", 1, tag="b")})
    assert read(out)["rejects"] == ["a-0", "b-0"]


def test_batches_of_rows_are_gathered_into_row_groups_in_order(out, monkeypatch):
    monkeypatch.setattr(store, "ROW_GROUP_BYTES", 1)  # every write goes out at once: one row group a batch
    commit(out, {"entities": rows("entities", 2, tag="b")})
    assert pq.ParquetFile(store.table_path(out, "entities")).metadata.num_row_groups == 2  # the old rows, the new
    batch_bytes = (schema.to_arrow("articles", rows("articles", 2)).nbytes
                   + schema.to_arrow("entities", rows("entities", 2)).nbytes)
    monkeypatch.setattr(store, "ROW_GROUP_BYTES", 3 * batch_bytes)  # three batches of both tables a row group
    with store.Output.open(out) as output, output.new_generation() as gen:
        for n in range(7):
            gen.write("articles", rows("articles", 2, tag=f"c{n}"))
            gen.write("entities", rows("entities", 2, tag=f"c{n}"))
        gen.commit({"rows": gen.rows})
    for table in ("articles", "entities"):
        written = pq.ParquetFile(store.table_path(out, table))
        groups = [written.read_row_group(g).column(0).to_pylist() for g in range(written.num_row_groups)]
        assert groups == [[f"c{n}-{i}" for n in batches for i in range(2)] for batches in ([0, 1, 2], [3, 4, 5], [6])]


def test_a_table_is_read_back_whole_before_the_commit_and_takes_no_rows_after(out):
    with store.Output.open(out) as output, output.new_generation() as gen:
        for table in ("articles", "entities"):
            gen.keep_old(table, pa.array(["a-1"], pa.string()), "article_id")
        gen.write("entities", rows("entities", 2, tag="b"))
        articles, entities = gen.table_path("articles"), gen.table_path("entities")
        assert pq.read_table(articles).column(0).to_pylist() == ["a-0", "a-2"]
        assert pq.read_table(entities).column(0).to_pylist() == ["a-0", "a-2", "a-3", "a-4", "b-0", "b-1"]
        with pytest.raises(RuntimeError, match="read back"):
            gen.write("entities", rows("entities", 1, tag="c"))
        gen.commit({"rows": gen.rows})
    assert read(out)["entities"] == ["a-0", "a-2", "a-3", "a-4", "b-0", "b-1"]
    with store.Output.open(out) as output, output.new_generation() as gen:
        gen.keep_old("articles", pa.array([], pa.string()), "article_id")
        assert gen.table_path("articles") == output.table("articles")  # unchanged: the current file
        with pytest.raises(RuntimeError, match="read back"):
            gen.write("articles", rows("articles", 1, tag="c"))


@pytest.mark.parametrize("fails", ["write_table", "close"])
def test_a_failing_write_leaves_the_previous_generation(out, monkeypatch, fails):
    before = read(out)
    real = getattr(pq.ParquetWriter, fails)

    def disk_full(self, *args, **kwargs):
        if str(self.where).endswith("entities.parquet") and not getattr(self, "failed", False):
            self.failed = True  # once: closing it again to clean up works
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, fails, disk_full)
    with pytest.raises(OSError, match="No space left"):
        commit(out, {"articles": rows("articles", 1, tag="b"), "entities": rows("entities", 1, tag="b")})
    assert read(out) == before
    assert [p.name for p in (out / store.GENERATIONS).iterdir()] == ["000001"]  # nothing left behind
    assert store.verify(out) == ("000001", [])


def test_a_failing_switch_leaves_the_previous_generation(out, monkeypatch):
    before = read(out)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "symlink", denied)
    with pytest.raises(PermissionError):
        commit(out, {"articles": rows("articles", 1, tag="b")})
    assert read(out) == before
    assert not list(out.glob("*" + store.TMP_SUFFIX))
    assert [p.name for p in (out / store.GENERATIONS).iterdir()] == ["000001"]


@pytest.mark.parametrize("damage", ["truncate", "same size", "remove", "state", "manifest"])
def test_damage_is_found_cheaply_and_by_verify(out, damage):
    gen = out / store.CURRENT
    target = gen / store.STATE_DIR / "index.bin" if damage == "state" else gen / "entities.parquet"
    if damage == "truncate":
        os.truncate(store.table_path(out, "entities"), 100)
    elif damage in ("same size", "state"):
        mtime = target.stat().st_mtime_ns
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
        # An edit later than the write (file clocks tick coarsely: within the same tick only
        # `verify` sees it).
        os.utime(target, ns=(mtime + 10**9, mtime + 10**9))
    elif damage == "remove":
        target.unlink()
    else:
        (gen / store.MANIFEST).write_text("{")
    with store.Output.open(out) as output:
        assert output.problems and not output.manifest
    assert store.verify(out)[1]


def test_a_touched_file_is_hashed_once_and_trusted(out):
    path = store.table_path(out, "entities")
    os.utime(path, ns=(1, 1))
    with store.Output.open(out) as output:
        assert not output.problems
        assert output.manifest["contents"]["entities.parquet"]["mtime_ns"] == 1
    assert store.verify(out)[1] == []


def test_a_removed_reader_link_is_restored(out, caplog):
    store.table_path(out, "entities").unlink()
    assert any("entities.parquet" in p for p in store.verify(out)[1])
    with store.Output.open(out) as output:
        assert output.manifest and not output.problems
    assert "restored entities.parquet" in caplog.text
    assert read(out)["entities"] == [f"a-{i}" for i in range(5)]


def test_a_copy_that_followed_the_links_is_adopted(out, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)  # links followed: `current` and every table are real files
    assert not (copy / store.CURRENT).is_symlink()
    with store.Output.open(copy) as output:
        assert output.manifest and not output.problems
    assert (copy / store.CURRENT).is_symlink() and store.table_path(copy, "entities").is_symlink()
    assert store.verify(copy)[1] == []
    commit(copy, {"entities": rows("entities", 1, tag="b")})
    assert read(copy)["entities"][-1] == "b-0"


def test_tables_of_the_layout_before_generations_are_replaced(tmp_path):
    out = tmp_path / "out"
    (out / store.STATE_DIR).mkdir(parents=True)
    for t in schema.TABLES:
        pq.write_table(schema.SCHEMAS[t].empty_table(), out / f"{t}.parquet")
    (out / store.MANIFEST).write_text('{"fingerprint": "old"}')
    (out / store.STATE_DIR / "dedup_index.parquet").write_bytes(b"old")
    with store.Output.open(out) as output:
        assert not output.manifest  # nothing to trust: the run rebuilds
    commit(out, {"articles": rows("articles", 1)})
    assert read(out)["articles"] == ["a-0"]
    assert not (out / store.STATE_DIR).exists()
    assert store.verify(out)[1] == []


def test_a_second_writer_is_refused_with_the_holders_pid(out):
    proc = holder(out)
    try:
        with pytest.raises(store.OutputLocked) as err:
            with store.Output.open(out, wait=0.2):
                pass
        assert str(out) in str(err.value) and f"pid {proc.pid}" in str(err.value)
    finally:
        proc.stdin.close()
        proc.wait()
    with store.Output.open(out):  # released when the holder is done
        pass


def test_a_killed_holder_never_blocks(out):
    proc = holder(out)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with store.Output.open(out):
        pass


def test_a_waiting_writer_gets_the_lock_when_the_holder_finishes(out):
    proc = holder(out)
    proc.stdin.close()  # the holder exits after a moment, while we wait
    with store.Output.open(out, wait=60):
        pass
    proc.wait()


def test_one_process_cannot_open_a_folder_twice_and_keeps_its_lock(out):
    with store.Output.open(out):
        with pytest.raises(store.OutputLocked, match=f"pid {os.getpid()}"):
            with store.Output.open(out):
                pass
        assert not can_lock_elsewhere(out)  # the refused attempt did not release the lock
    assert can_lock_elsewhere(out)


def test_forked_workers_do_not_hold_the_lock(out):
    with store.Output.open(out):
        worker = multiprocessing.get_context("fork").Process(target=signal.pause)
        worker.start()
    try:
        assert can_lock_elsewhere(out)  # the writer is done though its worker lives on
    finally:
        worker.kill()
        worker.join()


def test_bad_paths(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (tmp_path / "file").write_text("x")
    with pytest.raises(store.BadPath, match="is a file"):
        store.check_paths(raw, tmp_path / "file")
    with pytest.raises(store.BadPath, match="inside --raw"):
        store.check_paths(raw, raw / "out")
    with pytest.raises(store.BadPath, match="does not exist"):
        store.check_paths(tmp_path / "nowhere", tmp_path / "out")
    with pytest.raises(store.BadPath, match="is a file"):
        with store.Output.open(tmp_path / "file"):
            pass


def commit_datasets(out: Path, new: dict[str, pd.DataFrame], drop=()) -> None:
    """As `commit`, into folder datasets: each table new rows as one part (as a Dask worker writes it)."""
    with store.Output.open(out) as output, output.new_generation(datasets=True) as gen:
        if output.manifest:
            for table in schema.TABLES:
                if table in schema.CORPUS_TABLES:
                    continue  # rebuilt whole by each run (pipeline/corpus.py), never kept row by row
                column = "source_path" if table == "rejects" else "article_id"
                gen.keep_old(table, pa.array(sorted(drop), pa.string()), column)
        number = gen.reserve_parts(1)
        for table, df in new.items():
            path = gen.dataset_dir(store.table_file(table)) / store.part_name(number)
            gen.add_part(path, store.write_part(path, schema.to_arrow(table, df)), table, len(df))
        gen.commit({"rows": gen.rows})


def test_folder_datasets_are_read_by_the_same_path_kept_by_part_and_turned_back_into_files(out):
    import duckdb
    import polars as pl
    commit_datasets(out, {"entities": rows("entities", 2, tag="b")}, drop={"a-1"})  # the old file: a part
    commit_datasets(out, {"entities": rows("entities", 1, tag="c")}, drop={"b-0"})
    parts = {p.name: p.stat().st_ino for p in store.parquet_files(store.table_path(out, "entities"))}
    assert len(parts) == 3
    path = store.table_path(out, "entities")
    expected = ["a-0", "a-2", "a-3", "a-4", "b-1", "c-0"]  # old rows first, in their order
    assert pd.read_parquet(path).article_id.tolist() == expected
    assert pq.read_table(path).column(0).to_pylist() == pl.read_parquet(path)["article_id"].to_list() == expected
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall() == [(6,)]  # DuckDB 2 reads the folder
    assert duckdb.sql(f"SELECT count(*) FROM '{path}/*.parquet'").fetchall() == [(6,)]  # 1.x needs the glob
    assert read(out)["dates"] == []  # a table without rows is a folder with one empty part
    assert store.verify(out)[1] == []

    commit_datasets(out, {"entities": rows("entities", 1, tag="d")}, drop={"c-0"})
    after = {p.name: p.stat().st_ino for p in store.parquet_files(store.table_path(out, "entities"))}
    first = min(parts)
    assert after[first] == parts[first]  # a part without dropped rows is hard-linked
    assert max(parts) not in after  # the part whose only row was dropped is gone
    commit(out, {"entities": rows("entities", 1, tag="e")}, drop={"a-0"})  # the local engine: one file again
    assert store.table_path(out, "entities").resolve().is_file()
    assert read(out)["entities"] == ["a-2", "a-3", "a-4", "b-1", "d-0", "e-0"]
    assert store.verify(out)[1] == []


def test_a_damaged_part_is_found(out):
    commit_datasets(out, {"entities": rows("entities", 2, tag="b")})
    damaged = store.parquet_files(out / store.CURRENT / "entities.parquet")[0]
    os.truncate(damaged, 10)
    assert any(damaged.name in problem for problem in store.verify(out)[1])
    with store.Output.open(out) as output:
        assert output.problems and not output.manifest  # the next run rebuilds every table
