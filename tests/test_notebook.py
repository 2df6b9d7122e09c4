"""notebooks/explore.ipynb runs top to bottom on the sample output, with and without the optional quotes table."""
import shutil
from pathlib import Path

import nbformat
import pandas as pd
from nbclient import NotebookClient


NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def execute(tables: Path, monkeypatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("PILKADA_TABLES", str(tables))  # the kernel inherits the environment
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> list[dict]:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def text(notebook: nbformat.NotebookNode) -> str:
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs(notebook))


def test_notebook_runs_on_the_sample_output(sample_tables, monkeypatch):
    notebook = execute(sample_tables, monkeypatch)  # a cell that raises fails here
    shown = text(notebook)
    roles = pd.read_parquet(sample_tables / "roles.parquet")
    assert all(person in shown for person in roles["person"].head(5))  # the DuckDB join printed them
    assert "Hendrik Latuheru" in shown  # a speaker of the quotes table
    assert sum("image/png" in o.get("data", {}) for o in outputs(notebook)) == 5  # one per chart


def test_notebook_says_when_there_is_no_quotes_table(sample_tables, tmp_path, monkeypatch):
    shutil.copytree(sample_tables, tmp_path / "tables")
    (tmp_path / "tables" / "quotes.parquet").unlink()
    assert "no quotes table" in text(execute(tmp_path / "tables", monkeypatch))
