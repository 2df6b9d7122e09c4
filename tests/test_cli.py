"""The command line: exit codes and one clear line for every way a run can be refused or fail."""
import errno
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import store
from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def folders(tmp_path, one_model):
    """A raw folder of two articles and the tables of a run on it."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text("Judul Satu\n\nSAMARINDA – Wali Kota Samarinda Andi Harun memimpin rapat.\n")
    (raw / "b.txt").write_text("Judul Dua\n\nBALIKPAPAN – Pemkot Balikpapan menggelar sosialisasi netralitas ASN.\n")
    assert main(["extract", "--raw", str(raw), "--out", str(out)]) == 0
    return raw, out


def files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.parquet")}


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    return err[0]


def test_out_is_a_file(folders, capsys):
    raw, out = folders
    capsys.readouterr()
    assert main(["extract", "--raw", str(raw), "--out", str(out / "articles.parquet")]) == 2
    assert "is a file, not a folder" in one_error_line(capsys)


def test_out_inside_raw(folders, capsys):
    raw, _ = folders
    capsys.readouterr()
    assert main(["extract", "--raw", str(raw), "--out", str(raw / "tables")]) == 2
    assert "inside --raw" in one_error_line(capsys)
    assert not (raw / "tables").exists()


def test_raw_missing_or_unreadable(folders, capsys, monkeypatch):
    raw, out = folders
    capsys.readouterr()
    assert main(["extract", "--raw", str(raw / "nowhere"), "--out", str(out)]) == 2
    assert "does not exist" in one_error_line(capsys)
    before = files(out)
    real_scandir = os.scandir

    def denied(path="."):  # what listing a folder without read permission raises
        if Path(path) == raw:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    assert main(["extract", "--raw", str(raw), "--out", str(out)]) == 2
    assert "cannot read the input folder" in one_error_line(capsys)
    assert files(out) == before  # its articles were not taken for removed


def test_a_bad_path_prints_no_traceback(tmp_path):
    (tmp_path / "file").write_text("x")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--raw", str(ROOT / "data" / "raw"),
                           "--out", str(tmp_path / "file")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"error: --out {tmp_path / 'file'} is a file, not a folder"]


def test_a_folder_being_written_is_refused(folders, capsys):
    raw, out = folders
    capsys.readouterr()
    with store.Output.open(out):
        assert main(["extract", "--raw", str(raw), "--out", str(out), "--wait", "0.1"]) == 3
    line = one_error_line(capsys)
    assert str(out) in line and f"pid {os.getpid()}" in line


@pytest.mark.parametrize("failure", ["disk full", "permission denied"])
def test_a_failing_write_exits_1_and_keeps_the_tables(folders, capsys, monkeypatch, failure):
    raw, out = folders
    before = files(out)
    (raw / "c.txt").write_text("Judul Tiga\n\nAMBON – Penjabat Gubernur Maluku menghadiri apel.\n")
    capsys.readouterr()
    with monkeypatch.context() as patched:
        if failure == "disk full":
            def fail(*args, **kwargs):
                raise OSError(errno.ENOSPC, "No space left on device")
            patched.setattr(pq.ParquetWriter, "write_table", fail)
        else:
            def fail(*args, **kwargs):
                raise PermissionError(errno.EACCES, "Permission denied")
            patched.setattr(os, "symlink", fail)
        assert main(["extract", "--raw", str(raw), "--out", str(out)]) == 1
    line = one_error_line(capsys)
    assert ("No space left" if failure == "disk full" else "Permission denied") in line
    assert "are unchanged" in line
    assert files(out) == before
    assert len(list((out / store.GENERATIONS).iterdir())) == 1  # its temporary files are gone
    assert main(["extract", "--raw", str(raw), "--out", str(out)]) == 0


def test_verify(folders, capsys, tmp_path):
    _, out = folders
    capsys.readouterr()
    assert main(["verify", "--out", str(out)]) == 0
    assert "complete" in capsys.readouterr().out
    os.truncate(out / "entities.parquet", 10)
    assert main(["verify", "--out", str(out)]) == 1
    assert "entities.parquet has 10 bytes" in capsys.readouterr().out
    (tmp_path / "file").write_text("x")
    assert main(["verify", "--out", str(tmp_path / "file")]) == 2
    assert "is not a folder" in one_error_line(capsys)
