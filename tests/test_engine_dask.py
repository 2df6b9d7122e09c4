"""The Dask engine gives the local engine's rows: on the sample and dev articles, on syndicated copies
across partitions, incrementally, with a worker killed mid-run; bad data is rejected by partition."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
import dask  # noqa: E402

from pipeline import engine_dask, schema, store  # noqa: E402
from pipeline.cli import main  # noqa: E402
from pipeline.dedup import DedupIndex  # noqa: E402
from pipeline.run import INDEX_FILE, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "raw"
DEV_RAW = ROOT.parent / "shared" / "dev" / "raw"

# Words of regional news for paragraphs written at random (long enough to be corpus candidates).
WORDS = """bupati wakil gubernur camat lurah sekretaris daerah dinas badan pegawai aparatur netralitas
pemilihan kampanye calon pasangan suara tahapan rekapitulasi pengawas panitia warga masyarakat tokoh
pasar sekolah jalan jembatan anggaran program bantuan rapat koordinasi sosialisasi imbauan laporan
aduan pelanggaran sanksi teguran mengimbau meminta menegaskan menyampaikan menjelaskan menghadiri
memantau menjelang setelah sebelum bersama seluruh setiap tidak boleh harus agar dengan kecamatan""".split()


def paragraph(rng: random.Random, words: int = 24) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_syndicated(raw: Path, seed: int = 7) -> None:
    """Feeds whose articles copy each other's paragraphs: exact copies (case and punctuation changed),
    near copies (a word added), copies of copies, across files and within long .jsonl feeds."""
    rng = random.Random(seed)
    originals = [paragraph(rng) for _ in range(12)]

    def article(i: int) -> str:
        paras = [f"Judul berita {i} " + " ".join(rng.choice(WORDS) for _ in range(4))]
        for _ in range(rng.randint(2, 4)):
            source = rng.choice(originals)
            kind = rng.random()
            if kind < 0.3:
                paras.append(paragraph(rng))  # own content
            elif kind < 0.55:
                paras.append(source.upper().replace(".", "!"))  # exact repeat after folding
            elif kind < 0.8:
                paras.append(source[:-1] + " " + rng.choice(WORDS) + ".")  # near: one word added
            else:
                paras.append(source[:-1] + " " + rng.choice(WORDS) + " " + rng.choice(WORDS) + ".")
        return "\n\n".join(paras) + "\n"

    raw.mkdir(parents=True, exist_ok=True)
    for name, count in (("a.jsonl", 6), ("sub/b.jsonl", 8), ("c.jsonl", 5)):
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps({"id": f"{name}-{i}", "text": article(i)}) for i in range(count)]
        (raw / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(4):
        (raw / f"sub/t{i}.txt").write_text(article(100 + i), encoding="utf-8")


def sorted_tables(out: Path) -> dict[str, pd.DataFrame]:
    import pyarrow as pa
    result = {}
    for t in schema.TABLES:
        df = pd.read_parquet(store.table_path(out, t))
        keys = [f.name for f in schema.SCHEMAS[t] if not pa.types.is_list(f.type)]
        result[t] = df.sort_values(keys).reset_index(drop=True)
    return result


def assert_same_rows(a: Path, b: Path, tables=schema.TABLES) -> None:
    ta, tb = sorted_tables(a), sorted_tables(b)
    for t in tables:
        pd.testing.assert_frame_equal(ta[t], tb[t], obj=t)


def index_refs(out: Path) -> list[str]:
    return [ref for ref, _, _ in DedupIndex.load(out / store.CURRENT / store.STATE_DIR / INDEX_FILE).rows()]


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, as `--engine dask --workers 2` starts them."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=40) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def fine_partitions(monkeypatch):
    """Partitions of a record or two, so that copies are found across partitions."""
    monkeypatch.setattr(engine_dask, "PARTITIONS_PER_WORKER", 64)


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory, loaded_model) -> tuple[Path, Path]:
    """The syndicated feeds and the sample articles, and the local engine's tables of them."""
    base = tmp_path_factory.mktemp("syndicated")
    write_syndicated(base / "raw")
    shutil.copytree(SAMPLES, base / "raw" / "samples")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("pipeline.extract.nlp.load", lambda model=None: loaded_model)
        run(base / "raw", base / "local")
    return base / "raw", base / "local"


def test_same_rows_as_the_local_engine_with_copies_across_partitions(cluster, syndicated, fine_partitions, tmp_path):
    raw, local = syndicated
    report = run(raw, tmp_path / "dask", engine="dask", scheduler=cluster)
    assert report.engine.partitions > 20 and report.engine.workers == 2
    assert_same_rows(local, tmp_path / "dask")
    assert index_refs(tmp_path / "dask") == index_refs(local)  # the same first copies, in the same order
    paragraphs = sorted_tables(tmp_path / "dask")["paragraphs"]
    across = paragraphs.duplicate_of.str.split(":").str[0] != paragraphs.article_id
    kinds = paragraphs[paragraphs.is_duplicate & across].duplicate_kind.value_counts()
    assert kinds["exact"] >= 3 and kinds["near"] >= 3, kinds  # the input exercises both rules across articles
    assert (tmp_path / "dask" / "current" / "entities.parquet").is_dir()
    assert store.verify(tmp_path / "dask")[1] == []


@pytest.mark.skipif(not DEV_RAW.is_dir(), reason="../shared/dev/raw is not beside the checkout")
def test_same_rows_as_the_local_engine_on_dev(cluster, one_model, tmp_path):
    run(DEV_RAW, tmp_path / "local")
    run(DEV_RAW, tmp_path / "dask", engine="dask", scheduler=cluster)
    assert_same_rows(tmp_path / "local", tmp_path / "dask")


def test_a_lead_repeated_reworded_in_its_article_stays_content_in_both_engines(cluster, fine_partitions,
                                                                                 one_model, tmp_path):
    """Near copies count only across articles: the shuffle pairs an article's lead with its reworded
    repeat (they share a band), and the Dask engine must leave both, as the local engine does."""
    rng = random.Random(5)
    lead = paragraph(rng, 30)
    reworded = lead[:-1] + " kemarin."
    raw = tmp_path / "raw"
    raw.mkdir()
    texts = {"a.txt": f"Judul A\n\n{lead}\n\n{paragraph(rng)}\n\n{reworded}\n",
             "b.txt": f"Judul B\n\n{reworded.upper()}\n",  # an exact copy of the repeat
             "c.txt": f"Judul C\n\n{lead[:-1]} di kecamatan.\n"}  # near the lead and the repeat
    for name, text in texts.items():
        (raw / name).write_text(text, encoding="utf-8")
    run(raw, tmp_path / "local")
    run(raw, tmp_path / "dask", engine="dask", scheduler=cluster)
    assert_same_rows(tmp_path / "local", tmp_path / "dask")
    tables = sorted_tables(tmp_path / "dask")
    source = dict(zip(tables["articles"].article_id, tables["articles"].source_path))
    copies = {(source[p.article_id], p.paragraph_index): (source[p.duplicate_of.split(":")[0]],
                                                          int(p.duplicate_of.split(":")[1]), p.duplicate_kind)
              for p in tables["paragraphs"].itertuples() if p.is_duplicate}
    assert copies == {("b.txt", 1): ("a.txt", 3, "exact"), ("c.txt", 1): ("a.txt", 1, "near")}


def test_cli_starts_a_local_cluster(sample_tables, tmp_path):
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(SAMPLES), "--out", str(tmp_path / "dask"),
           "--engine", "dask", "--workers", "1"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("10 articles processed, 0 removed, 2 records rejected")
    assert_same_rows(sample_tables, tmp_path / "dask")


def test_the_local_cluster_leaves_glibc_s_heap_trimming_as_a_plain_process_has_it(monkeypatch):
    # Dask's MALLOC_TRIM_THRESHOLD_ (64 KB) slowed the extraction in its workers by 15-45 %. (Nannies
    # also set it in the process that starts them, so an earlier cluster of these tests may have.)
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with engine_dask.connect(None, 1) as client:
        assert list(client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == [None]


def test_incremental_runs_with_either_engine_end_like_a_fresh_run(cluster, fine_partitions, one_model, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_syndicated(raw)
    run(raw, out, engine="dask", scheduler=cluster)
    write_syndicated(tmp_path / "more", seed=8)  # new articles copying each other
    shutil.move(tmp_path / "more" / "c.jsonl", raw / "d.jsonl")
    lines = (raw / "a.jsonl").read_text(encoding="utf-8").splitlines()
    lines[2] = json.dumps({"id": "a.jsonl-2", "text": "Judul lain\n\n" + paragraph(random.Random(3), 30)})
    (raw / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")  # one record changed
    (raw / "sub" / "t1.txt").unlink()
    report = run(raw, out, engine="dask", scheduler=cluster)
    assert report.removed == 1 and report.processed >= 6
    run(raw, out)  # the local engine on the Dask engine's folder datasets
    (raw / "sub" / "b.jsonl").unlink()  # first copies of later articles are removed
    run(raw, out, engine="dask", scheduler=cluster)
    assert run(raw, out, engine="dask", scheduler=cluster).processed == 0
    run(raw, tmp_path / "fresh")
    assert_same_rows(out, tmp_path / "fresh")
    assert sorted(index_refs(out)) == sorted(index_refs(tmp_path / "fresh"))
    assert store.verify(out)[1] == []


def test_a_worker_killed_mid_run_is_replaced_and_the_rows_are_the_same(cluster, syndicated, fine_partitions,
                                                                      tmp_path):
    raw, local = syndicated
    killed = []
    with distributed.Client(cluster) as client:
        before = set(client.scheduler_info()["workers"])

        def kill_a_worker_extracting():
            deadline = time.monotonic() + 120
            while not killed and time.monotonic() < deadline:
                for worker, keys in client.processing().items():
                    if any(str(key).startswith("finish-") for key in keys):
                        os.kill(client.run(os.getpid, workers=[worker])[worker], signal.SIGKILL)
                        killed.append(worker)
                        break
                time.sleep(0.01)

        killer = threading.Thread(target=kill_a_worker_extracting)
        killer.start()
        run(raw, tmp_path / "dask", engine="dask", scheduler=cluster)
        killer.join()
        assert killed, "no worker was extracting"
        client.wait_for_workers(2, timeout=60)  # the nanny started a new worker process
        assert killed[0] not in client.scheduler_info()["workers"] and len(before) == 2
    assert_same_rows(local, tmp_path / "dask")


@pytest.mark.parametrize("stage", ["clean", "extract"])
def test_a_partition_failing_on_bad_data_goes_to_rejects_and_the_rest_completes(
        stage, fine_partitions, one_model, monkeypatch, tmp_path):
    raw = tmp_path / "raw"
    write_syndicated(raw)
    copied = paragraph(random.Random(11), 28)
    (raw / "sub" / "t9.txt").write_text(f"Judul susulan\n\n{copied}\n", encoding="utf-8")  # copies bad.txt
    run(raw, tmp_path / "local")  # without the bad article: its copy is content here
    (raw / "bad.txt").write_text(f"Judul RUSAK\n\n{copied}\n\nRUSAK di sini.\n", encoding="utf-8")

    def failing(real):
        def stage_function(*args, **kwargs):
            texts = " ".join(str(t) for frame in args if isinstance(frame, pd.DataFrame)
                             for column in ("raw_text", "text") if column in frame for t in frame[column])
            if "RUSAK" in texts:
                raise ValueError("a stage tripped on this article")
            return real(*args, **kwargs)
        return stage_function

    import pipeline.extract.stage
    owner = engine_dask if stage == "clean" else pipeline.extract.stage
    monkeypatch.setattr(owner, stage, failing(getattr(owner, stage)))
    # Worker threads in this process, so that they see the failing stage.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0",
                                  silence_logs=40) as cluster:
        report = run(raw, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    rejects = pd.read_parquet(store.table_path(tmp_path / "dask", "rejects"))
    bad = rejects[rejects.source_path == "bad.txt"]
    assert len(bad) == 1 and report.rejected == len(rejects)
    assert bad.reason.iloc[0] == f"processing failed ({'signatures' if stage == 'clean' else 'finish'}): " \
                                 "ValueError: a stage tripped on this article"
    assert_same_rows(tmp_path / "local", tmp_path / "dask", [t for t in schema.TABLES if t != "rejects"])


@pytest.mark.parametrize("kept_bytes, cleanings", [(engine_dask.KEPT_BYTES, 1), (0, 2)])
def test_step_3_takes_the_partition_its_worker_kept_or_cleans_it_again(
        kept_bytes, cleanings, syndicated, fine_partitions, one_model, monkeypatch, tmp_path):
    raw, local = syndicated
    monkeypatch.setattr(engine_dask, "KEPT_BYTES", kept_bytes)
    cleaned = []
    real_clean = engine_dask.clean
    monkeypatch.setattr(engine_dask, "clean", lambda records: cleaned.append(len(records)) or real_clean(records))
    # Worker threads in this process, so that they see the counting `clean`; no work stealing, which may
    # move a step 3 to the other worker when its own is busy.
    with dask.config.set({"distributed.scheduler.work-stealing": False}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0",
                                     silence_logs=40, local_directory=tmp_path / "workers") as cluster:
        report = run(raw, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
        left = [p.name for p in (tmp_path / "workers").rglob("kept-partitions/*")]
    assert report.engine.partitions > 2 * 2  # several per worker
    assert len(cleaned) == cleanings * report.engine.partitions
    assert not left  # nothing left behind by the run
    assert_same_rows(local, tmp_path / "dask")


def test_a_run_that_fails_after_step_1_leaves_no_kept_partitions(syndicated, fine_partitions, one_model,
                                                                  monkeypatch, tmp_path):
    raw, _ = syndicated

    def tripped(*args):
        raise RuntimeError("the driver failed between step 1 and step 3")

    monkeypatch.setattr(engine_dask, "_decide", tripped)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0",
                                  silence_logs=40, local_directory=tmp_path / "workers") as cluster:
        with pytest.raises(RuntimeError, match="between step 1 and step 3"):
            run(raw, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
        kept_folders = list((tmp_path / "workers").rglob("kept-partitions"))
        left = [p.name for p in (tmp_path / "workers").rglob("kept-partitions/*")]
    assert kept_folders  # step 1 kept partitions
    assert not left


def test_kept_partitions_beyond_the_bound_are_deleted_oldest_first(tmp_path):
    def partition(n: int) -> engine_dask.Cleaned:
        frame = pd.DataFrame({"text": ["kata " * 50] * n})
        return engine_dask.Cleaned(frame, frame, [None] * n, [])

    folder = tmp_path / "kept"
    probe = engine_dask.KeptPartitions(tmp_path / "probe", 10**9)
    probe.keep(("probe", 0), partition(10))
    size = sum(p.stat().st_size for p in (tmp_path / "probe").iterdir())
    kept = engine_dask.KeptPartitions(folder, 2 * size)
    for number in range(3):
        kept.keep(("run", number), partition(10))
    assert sorted(p.name for p in folder.iterdir()) == ["run-1.pickle", "run-2.pickle"]
    assert kept.take(("run", 0)) is None
    taken = kept.take(("run", 2))
    assert taken.paragraphs.equals(partition(10).paragraphs)
    assert kept.take(("run", 2)) is None  # taken once
    kept.forget("run")
    assert kept.take(("run", 1)) is None and not list(folder.iterdir())

    (tmp_path / "file").write_text("")
    unwritable = engine_dask.KeptPartitions(tmp_path / "file" / "kept", 10**9)  # its folder cannot be made
    unwritable.keep(("run", 0), partition(10))  # not kept, and no error: step 3 cleans the partition again
    assert unwritable.take(("run", 0)) is None


def test_engine_options_are_checked(tmp_path, monkeypatch, capsys):
    for args in (["--workers", "2"], ["--engine", "dask", "--jobs", "2"],
                 ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--workers", "2"]):
        with pytest.raises(SystemExit) as exit_:
            main(["extract", "--raw", str(SAMPLES), "--out", str(tmp_path / "o"), *args])
        assert exit_.value.code == 2
    monkeypatch.setattr(engine_dask, "CONNECT_TIMEOUT", "0.5s")
    code = main(["extract", "--raw", str(SAMPLES), "--out", str(tmp_path / "o"), "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert not store.table_path(tmp_path / "o", "articles").exists()  # nothing written
