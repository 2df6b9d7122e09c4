"""Write stage: the Parquet tables of an output folder, replaced atomically as one generation.

A run writes every table to a temporary file beside it (the rows kept from the previous
tables, then the new rows batch by batch) and only when all are complete renames them over
the old ones, the state files and the manifest last. A run killed at any point before that
leaves the previous tables untouched; a temporary file left behind is ignored and removed by the
next run. Files contain no wall-clock time, so the same input gives byte-identical tables.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline import schema

TMP_SUFFIX = ".tmp"
MANIFEST = "manifest.json"
STATE_DIR = "_state"


def table_path(out_dir: Path, table: str) -> Path:
    return out_dir / f"{table}.parquet"


def read_columns(out_dir: Path, table: str, columns: list[str]) -> pd.DataFrame:
    """Some columns of an existing table (empty frame with those columns if there is none)."""
    path = table_path(out_dir, table)
    if not path.exists():
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return pq.read_table(path, columns=columns).to_pandas()


def read_manifest(out_dir: Path) -> dict:
    path = out_dir / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}


def write_manifest(out_dir: Path, manifest: dict) -> None:
    tmp = out_dir / (MANIFEST + TMP_SUFFIX)
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, out_dir / MANIFEST)


def remove_leftovers(out_dir: Path) -> None:
    for leftover in list(out_dir.glob(f"*{TMP_SUFFIX}")) + list((out_dir / STATE_DIR).glob(f"*{TMP_SUFFIX}")):
        leftover.unlink()


class Generation:
    """The next version of every table, written to temporary files until `commit`."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / STATE_DIR).mkdir(exist_ok=True)
        remove_leftovers(out_dir)
        self.writers = {
            t: pq.ParquetWriter(self._tmp(table_path(out_dir, t)), schema.SCHEMAS[t]) for t in schema.TABLES
        }
        self.rows = {t: 0 for t in schema.TABLES}
        self.extra: list[tuple[Path, Path]] = []  # other files to move in at commit (tmp, final)

    @staticmethod
    def _tmp(path: Path) -> Path:
        return path.with_name(path.name + TMP_SUFFIX)

    def keep_old(self, table: str, drop: pa.Array, column: str) -> None:
        """Copy the previous table's rows whose `column` is not in `drop`, in their order."""
        path = table_path(self.out_dir, table)
        if not path.exists():
            return
        old = pq.ParquetFile(path)
        if old.schema_arrow != schema.SCHEMAS[table]:
            return  # written by another schema version: the run reprocesses everything
        for batch in old.iter_batches():
            kept = pa.Table.from_batches([batch]).filter(pc.invert(pc.is_in(batch.column(column), drop)))
            self.write(table, kept)

    def write(self, table: str, rows: pd.DataFrame | pa.Table) -> None:
        arrow = rows if isinstance(rows, pa.Table) else schema.to_arrow(table, rows)
        if arrow.num_rows:
            self.writers[table].write_table(arrow)
            self.rows[table] += arrow.num_rows

    def stage_file(self, final: Path, content: bytes | None = None, writer=None) -> None:
        """Write a side file (state, manifest) to its temporary name; it moves in at commit."""
        tmp = self._tmp(final)
        if writer is not None:
            writer(tmp)
        else:
            tmp.write_bytes(content or b"")
        self.extra.append((tmp, final))

    def commit(self) -> None:
        for w in self.writers.values():
            w.close()
        moves = [(self._tmp(table_path(self.out_dir, t)), table_path(self.out_dir, t)) for t in schema.TABLES]
        moves += self.extra
        for tmp, _ in moves:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        for tmp, final in moves:
            os.replace(tmp, final)

    def abort(self) -> None:
        for w in self.writers.values():
            w.close()
        remove_leftovers(self.out_dir)
