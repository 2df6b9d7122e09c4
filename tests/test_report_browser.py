"""The report as a reader sees it: opened in a real headless Chromium (Debian's package, which .ci/run installs)."""
import shutil

import numpy as np
import pandas as pd
import pytest
from PIL import Image

import chromium
from conftest import HOSTILE_ARTICLE
from pipeline.report import write_report

pytestmark = pytest.mark.skipif(
    chromium.executable() is None,
    reason="Chromium is not installed: `apt-get install chromium` (Debian; .ci/run installs it where apt-get works)")


@pytest.fixture(scope="module")
def opened(sample_tables, hostile_tables, tmp_path_factory):
    """The sample tables plus the hostile article and its quotes, as one report open in a browser."""
    base = tmp_path_factory.mktemp("browser")
    tables = base / "tables"
    shutil.copytree(sample_tables, tables)
    for name in ("articles", "paragraphs", "entities", "dates", "percentages", "roles", "rejects"):
        both = pd.concat([pd.read_parquet(tables / f"{name}.parquet"), pd.read_parquet(hostile_tables / f"{name}.parquet")])
        both.to_parquet(tables / f"{name}.parquet")
    shutil.copy(hostile_tables / "quotes.parquet", tables / "quotes.parquet")
    report = write_report(tables, base / "report.html")
    with chromium.Page(width=1280, height=900) as page:
        page.open(report.as_uri())
        yield page, base


def test_the_page_loads_without_any_error(opened):
    page, _ = opened
    assert page.errors == []  # console errors, exceptions, blocked scripts or requests (the CSP logs those)


def test_every_chart_is_drawn(opened):
    page, base = opened
    images = page.evaluate("""[...document.images].map(i => {
        const r = i.getBoundingClientRect();
        return {ok: i.complete && i.naturalWidth > 0, x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};
    })""")
    assert len(images) >= 7 and all(i["ok"] and i["w"] > 300 and i["h"] > 100 for i in images)
    shot = np.asarray(Image.open(page.screenshot(base / "report.png")).convert("L"))
    assert (shot < 128).mean() > 0.01  # text and bars, not a blank page
    for i in images:  # each chart's own rectangle has ink in it
        box = shot[int(i["y"]):int(i["y"] + i["h"]), int(i["x"]):int(i["x"] + i["w"])]
        assert (box < 128).mean() > 0.005, i


def test_markup_from_the_articles_is_shown_as_text(opened):
    page, _ = opened
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('[onerror]').length") == 0
    text = page.evaluate("document.body.innerText")
    assert HOSTILE_ARTICLE["outlet"] in text
    assert "Budi <script>alert(2)</script>" in text
