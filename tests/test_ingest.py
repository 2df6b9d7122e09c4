import errno
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import UnreadableInput, article_id, ingest, list_sources


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.fixture
def raw(tmp_path):
    write(tmp_path / "a.txt", "Judul\n\nIsi berita pertama.\n".encode())
    write(tmp_path / "sub" / "bom_crlf.txt", b"\xef\xbb\xbfJudul\r\n\r\nIsi berita kedua.\r\n")
    write(tmp_path / "cp1252.txt", "Judul \x93kutipan\x94 \x96 isi berita.".encode("latin-1"))
    write(tmp_path / "binary.txt", b"\x00\x01\x02PK\x03\x04")
    write(tmp_path / "controls.txt", bytes(range(1, 9)) * 20)
    write(tmp_path / "empty.txt", b"  \n\n ")
    write(tmp_path / "notes.md", b"not an input")
    write(tmp_path / ".hidden.txt", b"editor swap file")
    lines = [
        json.dumps({"id": "x1", "text": "Berita JSON.", "url": "https://a.id/2024/01/02/x", "published": "2024-01-02"}),
        '{"id": "x2", "text": "tidak ditutup',
        json.dumps({"id": "x3", "url": "https://a.id/x3"}),
        json.dumps({"id": "x4", "text": 42}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"text": "Tanpa id."}),
        json.dumps({"id": "x6", "text": "x" * 2_000_001}),
        json.dumps({"id": "x7", "text": "Metadata bukan teks.", "url": 123, "title": ["x"], "published": None}),
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines).encode())
    return tmp_path


def test_good_records_are_read(raw):
    records, _ = ingest(raw)
    by_id = dict(zip(records.source_id, records.raw_text))
    assert by_id["a.txt"].startswith("Judul")
    assert by_id["bom_crlf.txt"].startswith("Judul\r\n")  # BOM gone, raw text otherwise as read
    assert "“kutipan”" in by_id["cp1252.txt"]
    assert by_id["x1"] == "Berita JSON."
    assert by_id["line 7"] == "Tanpa id."  # no id: the line number stands in
    assert set(records.source_path) >= {"a.txt", "sub/bom_crlf.txt", "feed.jsonl"}
    row = records[records.source_id == "x1"].iloc[0]
    assert row.url == "https://a.id/2024/01/02/x" and row.published == "2024-01-02"
    odd = records[records.source_id == "x7"].iloc[0]  # non-string metadata is dropped, the text kept
    assert odd.raw_text == "Metadata bukan teks." and pd.isna(odd.url) and pd.isna(odd.title)


def test_bad_records_are_rejected_with_a_reason(raw):
    records, rejects = ingest(raw)
    reasons = {(r.source_path, r.source_id): r.reason for r in rejects.itertuples()}
    assert "NUL" in reasons[("binary.txt", "binary.txt")]
    assert "control" in reasons[("controls.txt", "controls.txt")]
    assert reasons[("empty.txt", "empty.txt")] == "empty text"
    assert reasons[("feed.jsonl", "line 2")].startswith("broken JSON")
    assert "no `text`" in reasons[("feed.jsonl", "x3")]
    assert "no `text`" in reasons[("feed.jsonl", "x4")]
    assert "not an object" in reasons[("feed.jsonl", "line 5")]
    assert "oversize" in reasons[("feed.jsonl", "x6")]
    assert "notes.md" not in set(records.source_path) | set(rejects.source_path)
    assert ".hidden.txt" not in set(records.source_path)


def test_article_id_ignores_newline_style_and_outer_space():
    assert article_id("A\r\nB\n") == article_id("A\nB")
    assert article_id("A\nB") != article_id("A\nC")


def deny_listing(monkeypatch, folder: Path) -> None:
    """Listing `folder` fails as it does without read permission (the tests run as root)."""
    real = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_folder_is_an_error_not_an_empty_folder(raw, monkeypatch):
    deny_listing(monkeypatch, raw / "sub")
    with pytest.raises(UnreadableInput, match="sub: Permission denied"):
        list_sources(raw)


def test_hidden_folders_are_not_walked(raw, monkeypatch):
    write(raw / ".cache" / "copy.txt", b"Judul\n\nSalinan.\n")
    deny_listing(monkeypatch, raw / ".cache")
    assert all(".cache" not in p.parts for p in list_sources(raw))
