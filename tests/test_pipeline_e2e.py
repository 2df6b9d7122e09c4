"""End-to-end runs of `python -m pipeline extract` on the sample articles in data/raw/."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import schema
from pipeline.clean import normalise_line
from pipeline.run import run
from pipeline.store import verify

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "raw"


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in schema.TABLES}


def file_bytes(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.parquet").read_bytes() for t in schema.TABLES}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("e2e")
    raw, out = base / "raw", base / "out"
    shutil.copytree(SAMPLES, raw)
    report = run(raw, out)
    return raw, out, report


@pytest.fixture
def workdir(first_run, tmp_path):
    raw, out, _ = first_run
    shutil.copytree(raw, tmp_path / "raw")
    shutil.copytree(out, tmp_path / "out", symlinks=True)
    return tmp_path / "raw", tmp_path / "out"


def test_every_table_has_the_contract_columns(first_run):
    _, out, report = first_run
    t = tables(out)
    for name, df in t.items():
        assert list(df.columns) == schema.columns(name), name
    assert report.processed == len(t["articles"]) >= 9
    for name in ("entities", "dates", "percentages", "roles", "quotes", "persons", "office_holders"):
        assert len(t[name]), name


def test_bad_records_are_rejected_and_the_rest_processed(first_run):
    _, out, _ = first_run
    t = tables(out)
    reasons = dict(zip(t["rejects"].source_id, t["rejects"].reason))
    assert reasons["line 3"].startswith("broken JSON")
    assert "no `text`" in reasons["kalbar-notext"]
    assert {"kalbar-001", "kalbar-002", "kalbar-003", "palu_cp1252.txt", "butur_crlf.txt"} <= set(t["articles"].source_id)


def test_raw_offsets_point_at_the_mention(first_run):
    _, out, _ = first_run
    t = tables(out)
    raw = dict(zip(t["articles"].article_id, t["articles"].raw_text))
    for name in ("entities", "dates", "percentages"):
        for r in t[name].itertuples():
            # The raw span, cleaned the way its paragraph was, is the mention's text.
            assert normalise_line(raw[r.article_id], r.raw_start, r.raw_end)[0] == r.text, (name, r.text)
    for r in t["quotes"][t["quotes"].paragraph_index == t["quotes"].end_paragraph_index].itertuples():
        assert normalise_line(raw[r.article_id], r.raw_start, r.raw_end)[0] == r.quote


def test_quotes_speakers_and_office_holders(first_run):
    _, out, _ = first_run
    t = tables(out)
    quotes = t["quotes"].merge(t["articles"][["article_id", "source_id"]])
    ambon = quotes[quotes.source_id == "ambon_sosialisasi.txt"]
    # `Pemerintah Kota Ambon mengingatkan …` is what `Hal itu disampaikan Sekretaris Kota Ambon, Hendrik Latuheru` said
    assert ambon.speaker.tolist() == ["Hendrik Latuheru"] * 3 + ["Johan Salakory"]
    assert set(ambon.kind) == {"direct", "indirect"}
    holders = t["office_holders"].set_index("person")
    assert holders.loc["Yusran Hidayat", ["office", "jurisdiction", "jurisdiction_code", "province"]].tolist() == [
        "Camat", "Kecamatan Loa Janan", "64.02.03", "Kalimantan Timur"]
    assert holders.loc["Roni Pasaribu", "office"] == "Pj Bupati"
    persons = t["persons"].set_index("person_id")
    assert persons.loc["hendrik-latuheru", "n_quotes"] == 3
    assert set(t["roles"].office_region_source.dropna()) <= {"phrase", "national", "context"}


def test_chrome_duplicates_and_metadata(first_run):
    _, out, _ = first_run
    t = tables(out)
    arts = t["articles"].set_index("source_id")
    paras = t["paragraphs"].merge(t["articles"][["article_id", "source_id"]], on="article_id")
    katingan = paras[paras.source_id == "katingan_sekda.txt"]
    # The body is printed twice; its lead came first with the dateline, so within the article only the two
    # exact repeats are duplicates (the spec's rule), not the reworded lead.
    assert katingan.is_duplicate.sum() == 2
    tenggarong = paras[paras.source_id == "tenggarong_netralitas.txt"]
    assert tenggarong.is_duplicate.sum() == 1  # the photo caption printed twice
    boiler = set(paras[paras.is_boilerplate].text)
    assert {"Leave a Reply", "Pos terkait", "Tinggalkan Balasan", "Bacaan Lainnya", "31.5 C"} <= boiler
    ambon = paras[paras.source_id == "ambon_sosialisasi.txt"]
    assert any(text.startswith("“ASN itu pelayan publik") for text in ambon.text)  # glued teaser cut
    assert arts.loc["ambon_sosialisasi.txt", "dateline"] == "AMBON, Siwalimanews"
    assert arts.loc["tenggarong_netralitas.txt", "byline"] == "Penulis: Dedi Kurniawan"
    assert str(arts.loc["kalbar-001", "published"]) == "2024-11-20"
    assert arts.loc["kalbar-001", "published_source"] == "metadata"
    assert "Â" not in arts.loc["kalbar-003", "clean_text"] and "“Kades" in arts.loc["kalbar-003", "clean_text"]
    entities_in_chrome = t["entities"].merge(
        t["paragraphs"][t["paragraphs"].is_boilerplate | t["paragraphs"].is_duplicate][["article_id", "paragraph_index"]])
    assert entities_in_chrome.empty


def test_rerun_with_no_new_input_processes_nothing(workdir):
    raw, out = workdir
    before = file_bytes(out)
    report = run(raw, out)
    assert report.processed == 0 and not report.changed
    assert file_bytes(out) == before


def test_a_deleted_table_link_is_restored_without_reprocessing(workdir):
    raw, out = workdir
    before = tables(out)
    (out / "entities.parquet").unlink()
    report = run(raw, out)
    assert report.processed == 0
    assert tables(out)["entities"].equals(before["entities"])


@pytest.mark.parametrize("damaged", ["entities.parquet", "_state/dedup_index.parquet"])
def test_a_damaged_file_makes_the_next_run_rebuild_with_a_warning(workdir, one_model, caplog, damaged):
    raw, out = workdir
    before = tables(out)
    os.truncate(out / "current" / damaged, 100)
    report = run(raw, out)
    assert report.processed == len(before["articles"])
    assert f"{damaged} has 100 bytes" in caplog.text and "rebuilding every table" in caplog.text
    after = tables(out)
    assert all(after[t].equals(before[t]) for t in schema.TABLES)
    assert verify(out)[1] == []


def test_new_changed_and_removed_articles(workdir):
    raw, out = workdir
    old = tables(out)
    (raw / "baru.txt").write_text("Judul Baru\n\nSAMARINDA – Wali Kota Samarinda Andi Harun hadir.\n", encoding="utf-8")
    report = run(raw, out)
    assert report.processed == 1
    new = tables(out)
    assert len(new["articles"]) == len(old["articles"]) + 1
    assert "baru.txt" in set(new["articles"].source_id)
    aid = new["articles"].set_index("source_id").loc["baru.txt", "article_id"]
    assert (new["entities"].article_id == aid).any()

    (raw / "baru.txt").write_text("Judul Baru\n\nBALIKPAPAN – Pemkot Balikpapan rapat.\n", encoding="utf-8")
    report = run(raw, out)
    assert report.processed == 1
    changed = tables(out)
    assert not (changed["entities"].article_id == aid).any()  # the old version's rows are gone
    assert len(changed["articles"]) == len(new["articles"])

    (raw / "baru.txt").unlink()
    report = run(raw, out)
    assert report.removed == 1 and report.processed == 0
    assert tables(out)["articles"].equals(old["articles"])


def test_a_run_that_only_removes_articles_loads_no_model(workdir, monkeypatch):
    raw, out = workdir
    removed = sorted(raw.glob("*.txt"))[0]
    removed.unlink()

    def load(model=None):
        raise AssertionError("the model was loaded with nothing to extract")

    monkeypatch.setattr("pipeline.extract.nlp.load", load)
    report = run(raw, out)
    assert report.removed == 1 and report.processed == 0
    assert removed.name not in set(tables(out)["articles"].source_id)


def test_a_model_that_fails_to_load_fails_the_run_and_keeps_the_tables(workdir, monkeypatch):
    raw, out = workdir
    before = file_bytes(out)
    (raw / "baru.txt").write_text("Judul Baru\n\nSAMARINDA – Wali Kota Samarinda Andi Harun hadir.\n", encoding="utf-8")

    def load(model=None):  # loaded in the background while the old rows are copied (run._process)
        raise OSError("model files unreadable")

    monkeypatch.setattr("pipeline.extract.nlp.load", load)
    with pytest.raises(OSError, match="model files unreadable"):
        run(raw, out)
    assert file_bytes(out) == before


def test_corpus_tables_follow_new_and_removed_articles(workdir):
    raw, out = workdir
    old = tables(out)
    (raw / "baru.txt").write_text("Judul Baru\n\nSAMARINDA – Wali Kota Samarinda Andi Harun meninjau TPS.\n"
                                  "“Kami pastikan semua ASN netral,” kata Andi Harun.\n", encoding="utf-8")
    run(raw, out)
    new = tables(out)
    harun = new["office_holders"][new["office_holders"].person == "Andi Harun"]
    assert harun[["office", "jurisdiction_code"]].values.tolist() == [["Wali Kota", "64.72"]]
    assert new["persons"].set_index("person").loc["Andi Harun", "n_quotes"] == 1
    assert len(new["office_holders"]) == len(old["office_holders"]) + 1
    (raw / "baru.txt").unlink()
    run(raw, out)
    assert tables(out)["office_holders"].equals(old["office_holders"])
    assert tables(out)["persons"].equals(old["persons"])


def test_a_killed_run_leaves_the_previous_tables(workdir):
    raw, out = workdir
    before = file_bytes(out)
    (raw / "baru.txt").write_text("Judul\n\nAMBON – Isi berita baru.\n", encoding="utf-8")
    # Kill the process hard (no cleanup) in the middle of the extraction of the new article.
    code = (
        "import os, sys\n"
        "import pipeline.run as r\n"
        "def die(*a, **k): os._exit(137)\n"
        "r._extract = die\n"
        f"r.run({str(raw)!r}, {str(out)!r})\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT)
    assert proc.returncode == 137
    assert file_bytes(out) == before
    assert len(list((out / ".generations").iterdir())) == 2  # the dead run's generation is there...
    report = run(raw, out)
    assert report.processed == 1
    assert len(list((out / ".generations").iterdir())) == 1  # ...and the next run removes it


def test_output_is_deterministic_and_parallel_runs_agree(first_run, tmp_path):
    raw, out, _ = first_run
    run(raw, tmp_path / "again")
    assert file_bytes(tmp_path / "again") == file_bytes(out)
    run(raw, tmp_path / "parallel", jobs=2)
    assert file_bytes(tmp_path / "parallel") == file_bytes(out)


def test_cli_reports_what_it_did(first_run, tmp_path):
    raw, _, _ = first_run
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(tmp_path / "o")]
    first = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    assert "articles processed" in first.stdout
    second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    assert second.stdout.startswith("0 articles processed")


def test_missing_model_is_a_clear_error(first_run, tmp_path):
    raw, _, _ = first_run
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(tmp_path / "o"),
           "--model", str(tmp_path / "nowhere")]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2
    assert "no NER model" in proc.stderr and "make train" in proc.stderr
