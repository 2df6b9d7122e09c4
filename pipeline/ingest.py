"""Ingest stage: read `.txt` and `.jsonl` articles from a folder tree into article records.

Every input record either becomes an article row or a `rejects` row with a reason; nothing
raises out of this module for bad input. Records are yielded one at a time so that a large
corpus streams through the pipeline in bounded memory.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd

from pipeline import schema

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2_000_000  # larger records are scrape accidents (whole sites), not articles
SUFFIXES = {".txt", ".jsonl"}
# Control characters other than tab/newline/carriage return mark binary content.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Record:
    source_path: str  # relative to the raw folder, with forward slashes
    source_id: str
    raw_text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # as written in the metadata; validated later


@dataclass
class Reject:
    source_path: str
    source_id: str | None
    reason: str


def article_id(raw_text: str) -> str:
    """Stable id: a hash of the text after Unicode NFC, newline and outer-whitespace normalisation."""
    norm = unicodedata.normalize("NFC", raw_text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


class UnreadableInput(RuntimeError):
    """A folder of the input that cannot be listed: its articles must not count as removed."""


def list_sources(raw_dir: Path) -> list[Path]:
    """Input files under raw_dir, sorted so that runs are deterministic; others are logged."""
    def unreadable(exc: OSError):
        raise UnreadableInput(f"cannot read the input folder {exc.filename}: {exc.strerror}") from exc

    found = []
    for folder, subfolders, names in os.walk(raw_dir, onerror=unreadable):
        # Hidden files and folders (editor swap files, .gitkeep) are not input.
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [Path(folder) / name for name in names if not name.startswith(".")]
    files = []
    for path in sorted(p for p in found if p.is_file()):
        rel = path.relative_to(raw_dir).as_posix()
        if path.suffix.lower() in SUFFIXES:
            files.append(path)
        else:
            log.info("skipping %s: not a .txt or .jsonl file", rel)
    return files


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes → text, or (None, reason). UTF-8 (BOM tolerated) first, then plausible cp1252."""
    if b"\x00" in data:
        return None, "binary content (NUL bytes)"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None, "undecodable bytes: neither UTF-8 nor cp1252"
        if not _plausible(text):
            return None, "undecodable bytes: not UTF-8 and cp1252 gives no plausible text"
        log.warning("not UTF-8, read as cp1252")
    if _control_share(text) > 0.01:
        return None, "binary content (control characters)"
    return text, None


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def _plausible(text: str) -> bool:
    """cp1252 text is plausible when it is mostly letters, digits, spaces and punctuation."""
    letters = sum(ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-–—“”‘’%/" for ch in text)
    return letters / max(len(text), 1) > 0.9


def _check_text(text: str) -> str | None:
    if not text.strip():
        return "empty text"
    if len(text) > MAX_TEXT_CHARS:
        return f"oversize text ({len(text):,} characters > {MAX_TEXT_CHARS:,})"
    return None


def _optional_str(value) -> str | None:
    """A metadata string, or None for a missing, empty or non-string value."""
    return (value.strip() or None) if isinstance(value, str) else None


def read_txt(path: Path, rel: str) -> Iterator[Record | Reject]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Reject(rel, path.name, f"unreadable file: {exc.strerror}")
        return
    text, reason = decode(data)
    if text is None:
        yield Reject(rel, path.name, reason)
        return
    if reason := _check_text(text):
        yield Reject(rel, path.name, reason)
        return
    yield Record(source_path=rel, source_id=path.name, raw_text=text)


def read_jsonl(path: Path, rel: str, start: int = 0, stop: int | None = None,
               first_line: int = 1) -> Iterator[Record | Reject]:
    """The records of a JSON Lines file, or of its lines from byte `start` (the start of line
    `first_line`) up to byte `stop`: a split, so that one large feed is read by several workers."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Reject(rel, None, f"unreadable file: {exc.strerror}")
        return
    with handle:
        handle.seek(start)
        offset = start
        for lineno, line in enumerate(handle, start=first_line):
            if stop is not None and offset >= stop:
                break
            offset += len(line)
            where = f"line {lineno}"
            if not line.strip():
                continue
            text, reason = decode(line)
            if text is None:
                yield Reject(rel, where, reason)
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield Reject(rel, where, f"broken JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(obj, dict):
                yield Reject(rel, where, "JSON line is not an object")
                continue
            source_id = str(obj["id"]) if obj.get("id") not in (None, "") else where
            body = obj.get("text")
            if not isinstance(body, str):
                yield Reject(rel, source_id, "record has no `text` string")
                continue
            if _control_share(body) > 0.01:
                yield Reject(rel, source_id, "binary content (control characters)")
                continue
            if reason := _check_text(body):
                yield Reject(rel, source_id, reason)
                continue
            yield Record(
                source_path=rel,
                source_id=source_id,
                raw_text=body,
                url=_optional_str(obj.get("url")),
                outlet=_optional_str(obj.get("outlet")),
                title=_optional_str(obj.get("title")),
                published=_optional_str(obj.get("published")),
            )


def is_jsonl(path: Path) -> bool:
    return path.suffix.lower() == ".jsonl"


def read_source(path: Path, raw_dir: Path, start: int = 0, stop: int | None = None,
                first_line: int = 1) -> Iterator[Record | Reject]:
    """The records of an input file (of a split of it, for .jsonl: see read_jsonl)."""
    rel = path.relative_to(raw_dir).as_posix()
    if is_jsonl(path):
        yield from read_jsonl(path, rel, start, stop, first_line)
    else:
        yield from read_txt(path, rel)


def ingest(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole folder as (records, rejects) tables; the streaming runner uses read_source."""
    records, rejects = [], []
    for path in list_sources(raw_dir):
        for item in read_source(path, raw_dir):
            (records if isinstance(item, Record) else rejects).append(item.__dict__)
    frame = pd.DataFrame(records, columns=list(Record.__dataclass_fields__))
    frame["article_id"] = frame["raw_text"].map(article_id)
    return schema.frame("records", frame), schema.frame("rejects", rejects)
