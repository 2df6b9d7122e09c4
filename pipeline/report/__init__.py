"""Report stage: the output tables → one self-contained HTML page of charts and tables for a first look.

`build_report(tables_dir)` returns the page; `write_report(tables_dir, html_path)` writes it atomically.
Queries live in `data` (tables in, DataFrames out), charts in `charts` (matplotlib → SVG), the page in `page`.
Needs the `report` extra (matplotlib).
"""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.report import data, page


def build_report(tables_dir: Path) -> str:
    return page.render(data.load(tables_dir), source=str(tables_dir))


def write_report(tables_dir: Path, html_path: Path) -> Path:
    html_path = Path(html_path)
    report = build_report(tables_dir)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = html_path.with_name(html_path.name + ".tmp")
    tmp.write_text(report, encoding="utf-8")
    os.replace(tmp, html_path)
    return html_path
