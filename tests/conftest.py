"""Fixtures shared by the tests: one loaded model for in-process runs, and the output tables the report and
notebook tests read."""
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.run import run

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def sample_tables(tmp_path_factory) -> Path:
    """The output of `extract` on the sample articles in data/raw/ (read-only: copy before changing it)."""
    base = tmp_path_factory.mktemp("sample")
    shutil.copytree(ROOT / "data" / "raw", base / "raw")
    run(base / "raw", base / "processed")
    return base / "processed"


# An article written for these tests whose metadata and text carry markup, and a broken record whose id does:
# whatever of it reaches the report must show as text and run nothing.
HOSTILE_ARTICLE = {
    "id": "kendal-<b>001</b>",
    "outlet": "<script>alert('outlet')</script>Kabar $\\alpha$ Kendal",
    "title": "Bawaslu <img src=x onerror=alert(1)> Awasi Kampanye",
    "published": "2024-10-15",
    "text": (
        "Bawaslu <img src=x onerror=alert(1)> Awasi Kampanye\n\n"
        "KENDAL – Ketua Bawaslu Kabupaten Kendal, Budi Santoso <script>alert(1)</script>, meminta seluruh ASN "
        "menjaga netralitas selama masa kampanye Pilkada 2024.\n\n"
        "\"Kami tidak ragu menindak ASN yang terbukti berpihak <script>alert('kutipan')</script>,\" kata Budi "
        "di Kendal, Senin (14/10/2024).\n\n"
        "Menurut Budi, partisipasi pemilih di Kabupaten Kendal ditargetkan mencapai 80 persen <b>tahun ini</b>.\n"
    ),
}
HOSTILE_REJECT = {"id": "<script>alert('id')</script>", "title": "tanpa teks"}


def quotes_table(rows: list[dict]) -> pd.DataFrame:
    """A `quotes` table with the columns the quotes stage writes (filled where the test gives none)."""
    columns = ["article_id", "paragraph_index", "quote", "raw_start", "raw_end", "kind", "cue", "speaker",
               "speaker_entity_id", "speaker_office", "published"]
    return pd.DataFrame([{c: row.get(c) for c in columns} for row in rows])


@pytest.fixture(scope="session")
def hostile_tables(tmp_path_factory) -> Path:
    """`extract` output of the hostile article, plus a quotes table whose speaker and quote carry markup."""
    base = tmp_path_factory.mktemp("hostile")
    (base / "raw").mkdir()
    with (base / "raw" / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for record in (HOSTILE_ARTICLE, HOSTILE_REJECT):
            fh.write(json.dumps(record) + "\n")
    out = base / "processed"
    run(base / "raw", out)
    article_id = pd.read_parquet(out / "articles.parquet")["article_id"][0]
    quotes_table([
        {"article_id": article_id, "paragraph_index": 2, "speaker": "Budi <script>alert(2)</script> $\\frac$",
         "quote": "Kami tidak ragu menindak ASN <script>alert('kutipan')</script>", "speaker_office": "Ketua <i>Bawaslu</i>"},
        {"article_id": article_id, "paragraph_index": 3, "speaker": "Budi <script>alert(2)</script> $\\frac$",
         "quote": "Target 80 persen", "speaker_office": "Ketua <i>Bawaslu</i>"},
    ]).to_parquet(out / "quotes.parquet")
    return out


@pytest.fixture(scope="session")
def loaded_model():
    from pipeline.extract.nlp import load
    return load()


@pytest.fixture
def one_model(monkeypatch, loaded_model):
    """In-process runs reuse one loaded pipeline instead of loading the model again for each run."""
    monkeypatch.setattr("pipeline.extract.nlp.load", lambda model=None: loaded_model)
