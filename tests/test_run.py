"""Incremental runs that die at any step: the tables are always one complete generation, and
the runs after it end where a fresh full run on the same input ends."""
import itertools
import json
import os
import random
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import dedup, schema, store
from pipeline.dedup import DedupIndex
from pipeline.run import INDEX_FILE, run

# Words of regional election news, for articles written at random: random paragraphs share no
# 3-word shingles, so no paragraph is a copy of another article's (the first copy of a
# duplicate is the first one processed, which an incremental history may order differently).
WORDS = """bupati wali kota gubernur camat lurah kepala desa dinas badan kantor pegawai aparatur
netralitas pilkada pemilihan kampanye calon pasangan suara tahapan rekapitulasi pengawas panitia
warga masyarakat pemuda tokoh agama pasar sekolah jalan jembatan puskesmas anggaran program
bantuan sosial rapat koordinasi sosialisasi imbauan laporan aduan pelanggaran sanksi teguran
mengimbau meminta menegaskan menyampaikan mengatakan menjelaskan menghadiri meresmikan memantau
selama menjelang setelah sebelum bersama seluruh setiap tidak boleh harus agar supaya dengan
pagi siang sore malam senin selasa rabu kamis jumat sabtu minggu kecamatan kabupaten provinsi""".split()

# Every call that changes the file system during a run (besides reading): a run can die before any.
MUTATIONS = [(os, "replace"), (os, "rename"), (os, "link"), (os, "symlink"), (os, "unlink"), (os, "rmdir"),
             (os, "mkdir"), (os, "fsync"), (os, "ftruncate"), (shutil, "copy2"), (pq, "write_table"),
             (pq.ParquetWriter, "__init__"), (pq.ParquetWriter, "write_table"), (pq.ParquetWriter, "close")]


class Killed(BaseException):
    """The process died here."""


@contextmanager
def dying_at(step: int | None):
    """Runs in this block die before their `step`-th file-system change (never, for None).

    A dead process cleans nothing up, so a generation being written is not aborted; the lock is
    released as the OS releases it when a process dies. Yields the count of changes made so far.
    """
    count = itertools.count()
    seen = [0]
    with pytest.MonkeyPatch.context() as mp:
        if step is not None:
            mp.setattr(store.Generation, "abort", lambda self: None)
        for owner, name in MUTATIONS:
            def change(*args, _real=getattr(owner, name), **kwargs):
                seen[0] = next(count) + 1
                if seen[0] - 1 == step:
                    raise Killed()
                return _real(*args, **kwargs)
            mp.setattr(owner, name, change)
        yield seen


def article(rng: random.Random) -> str:
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(9, 14))).capitalize() + "."
                  for _ in range(rng.randint(2, 4))]
    return "Judul " + " ".join(rng.choice(WORDS) for _ in range(4)) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_input(raw: Path, name: str, seed: int, clock: list[int]) -> None:
    """A .txt article, or a .jsonl feed of 1-3 records (ids r1.., so records change in place),
    with a broken line sometimes. Each write gets a later mtime, as a file changed later does."""
    rng = random.Random(f"{name}/{seed}")  # two files never get the same text
    path = raw / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".txt"):
        path.write_text(article(rng), encoding="utf-8")
    else:
        lines = [json.dumps({"id": f"r{i}", "text": article(rng)}) for i in range(1, rng.randint(2, 4))]
        if rng.random() < 0.3:
            lines.insert(1, '{"id": "broken", "text": ')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    clock[0] += 1_000_000_000
    os.utime(path, ns=(clock[0], clock[0]))


def sorted_tables(out: Path) -> dict[str, pd.DataFrame]:
    result = {}
    for t in schema.TABLES:
        df = pd.read_parquet(store.table_path(out, t))
        keys = [f.name for f in schema.SCHEMAS[t] if not pa.types.is_list(f.type)]
        result[t] = df.sort_values(keys).reset_index(drop=True)
    return result


def assert_same_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for t in schema.TABLES:
        pd.testing.assert_frame_equal(a[t], b[t], obj=t)


def index_refs(out: Path) -> list[str]:
    return sorted(ref for ref, _, _ in DedupIndex.load(out / store.CURRENT / store.STATE_DIR / INDEX_FILE).rows())


def assert_like_a_fresh_run(raw: Path, out: Path) -> None:
    fresh = Path(tempfile.mkdtemp(dir=out.parent))
    run(raw, fresh)
    assert_same_tables(sorted_tables(out), sorted_tables(fresh))
    assert index_refs(out) == index_refs(fresh)
    assert store.verify(out)[1] == []


def table_bytes(out: Path) -> dict[str, bytes]:
    return {t: store.table_path(out, t).read_bytes() for t in schema.TABLES}


def test_a_run_killed_at_any_step_leaves_one_complete_generation(tmp_path, one_model):
    raw, out, clock = tmp_path / "raw", tmp_path / "out", [1_700_000_000_000_000_000]
    for i, name in enumerate(["a.txt", "b.jsonl", "c.txt"]):
        write_input(raw, name, i, clock)
    run(raw, out)
    before = table_bytes(out)
    write_input(raw, "d/e.txt", 10, clock)  # one article added, one removed: some tables change
    (raw / "c.txt").unlink()
    reference = tmp_path / "reference"
    shutil.copytree(out, reference, symlinks=True)
    with dying_at(None) as changes:
        run(raw, reference)
    after = table_bytes(reference)  # runs are deterministic: the same bytes from the same state
    assert before != after and any(before[t] == after[t] for t in schema.TABLES)
    for step in range(changes[0]):
        attempt = tmp_path / f"killed-{step}"
        shutil.copytree(out, attempt, symlinks=True)
        with pytest.raises(Killed), dying_at(step):
            run(raw, attempt)
        assert table_bytes(attempt) in (before, after), f"mixed tables after dying at step {step}"
        assert store.verify(attempt)[1] == [], step
        run(raw, attempt)
        assert table_bytes(attempt) == after, step
        assert len(list((attempt / store.GENERATIONS).iterdir())) == 1


FILES = ["a.txt", "b.txt", "c.jsonl", "sub/d.txt", "sub/e.jsonl"]
steps = st.lists(st.one_of(
    st.tuples(st.just("write"), st.sampled_from(FILES), st.integers(0, 10**6)),
    st.tuples(st.just("remove"), st.sampled_from(FILES)),
    st.tuples(st.just("run")),
    st.tuples(st.just("killed run"), st.integers(0, 80)),
), min_size=1, max_size=10)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_any_history_of_changes_and_killed_runs_ends_like_a_fresh_run(one_model, monkeypatch, steps):
    # Tiny blocks and merges: the index's signatures spill to their temporary file and its keys merge in every run.
    monkeypatch.setattr(dedup, "_BLOCK", 2)
    monkeypatch.setattr(dedup._KeyIndex, "MERGE_EVERY", 3)
    with tempfile.TemporaryDirectory() as tmp:
        raw, out, clock = Path(tmp) / "raw", Path(tmp) / "out", [1_700_000_000_000_000_000]
        raw.mkdir()
        write_input(raw, "a.txt", 0, clock)
        run(raw, out)
        for step in steps:
            if step[0] == "write":
                write_input(raw, step[1], step[2], clock)
            elif step[0] == "remove":
                (raw / step[1]).unlink(missing_ok=True)
            elif step[0] == "run":
                run(raw, out)
            else:
                try:
                    with dying_at(step[1]):
                        run(raw, out)
                except Killed:
                    pass
        run(raw, out)
        assert_like_a_fresh_run(raw, out)
