"""The report: its queries on tables written for these tests, and whole pages built from extract output."""
import base64
import html
import re
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import HOSTILE_ARTICLE, HOSTILE_REJECT, quotes_table
from pipeline import schema
from pipeline.cli import main
from pipeline.report import build_report, data, write_report

CORE_SECTIONS = ["corpus", "places", "persons", "offices", "timeline", "percentages", "quality"]


def make_tables(quotes=None, office_holders=None, **rows) -> data.Tables:
    frames = {name: schema.frame(name, rows.get(name, []))[cols] for name, cols in data.COLUMNS.items()}
    return data.Tables(**frames, quotes=quotes, office_holders=office_holders)


def entity(article_id, label, text, start=0, paragraph_index=0, region_code=None, normalized=None):
    return {"article_id": article_id, "paragraph_index": paragraph_index, "start": start, "end": start + len(text),
            "text": text, "label": label, "region_code": region_code, "normalized": normalized}


def data_urls(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)]


# ---- queries

def test_a_region_at_any_level_counts_for_its_province():
    t = make_tables(entities=[
        entity("a1", "PLACE", "Loa Janan", region_code="64.02.03"), entity("a1", "PLACE", "Kukar", 20, region_code="64.02"),
        entity("a1", "PLACE", "Kaltim", 40, region_code="64"), entity("a2", "PLACE", "Landak", region_code="61.08"),
        entity("a2", "PLACE", "Aula Kantor Bupati", 30),
    ])
    provinces = data.mentions_per_province(t)
    assert provinces[["code", "province", "mentions", "articles"]].values.tolist() == [
        ["64", "Kalimantan Timur", 3, 1], ["61", "Kalimantan Barat", 1, 1]]


def test_short_mentions_count_for_the_fullest_name_and_stated_offices_are_listed():
    t = make_tables(
        entities=[entity("a1", "PERSON", "Yusran Hidayat"), entity("a1", "PERSON", "Yusran", 40),
                  entity("a1", "PERSON", "Yusran", 80), entity("a2", "PERSON", "YUSRAN HIDAYAT"),
                  entity("a2", "PERSON", "Maria Ulfa", 30)],
        roles=[{"article_id": "a1", "person": "Yusran Hidayat", "office": "Camat Loa Janan"},
               {"article_id": "a2", "person": "YUSRAN HIDAYAT", "office": "Camat Loa Janan"}],
    )
    persons = data.top_persons(t)
    assert persons.iloc[0].to_dict() == {"person": "Yusran Hidayat", "articles": 2, "mentions": 4,
                                         "offices": "Camat Loa Janan (2)"}
    assert persons.iloc[1].to_dict() == {"person": "Maria Ulfa", "articles": 1, "mentions": 1, "offices": ""}


def test_an_office_is_counted_by_its_title_and_its_most_specific_region():
    jambi = "Kepala Dinas Pendidikan Kota Jambi Provinsi Jambi"
    kaltim = "Penjabat (Pj) Gubernur Kalimantan Timur (Kaltim)"
    t = make_tables(entities=[
        entity("a1", "OFFICE", "Camat Loa Janan"), entity("a1", "PLACE", "Loa Janan", 6, region_code="64.02.03",
                                                          normalized="Kecamatan Loa Janan"),
        entity("a1", "OFFICE", jambi, 30),
        entity("a1", "PLACE", "Kota Jambi", 30 + jambi.index("Kota"), region_code="15.71", normalized="Kota Jambi"),
        entity("a1", "PLACE", "Provinsi Jambi", 30 + jambi.index("Provinsi"), region_code="15",
               normalized="Provinsi Jambi"),
        entity("a1", "OFFICE", "Bupati", 100),  # no region written: not counted
        entity("a1", "PLACE", "Kukar", 107, region_code="64.02", normalized="Kabupaten Kutai Kartanegara"),
        entity("a2", "OFFICE", "camat Loa Janan", paragraph_index=1),
        entity("a2", "PLACE", "Loa Janan", 6, paragraph_index=1, region_code="64.02.03", normalized="Kecamatan Loa Janan"),
        entity("a2", "OFFICE", kaltim, paragraph_index=2),
        entity("a2", "PLACE", "Kalimantan Timur", kaltim.index("Kalimantan"), paragraph_index=2, region_code="64",
               normalized="Provinsi Kalimantan Timur"),
        entity("a2", "PLACE", "Kaltim", kaltim.index("Kaltim"), paragraph_index=2, region_code="64",
               normalized="Provinsi Kalimantan Timur"),
    ])
    offices = data.office_regions(t)
    assert sorted(offices[["title", "region", "province"]].itertuples(index=False, name=None)) == [
        ("Camat", "Kecamatan Loa Janan", "Kalimantan Timur"),
        ("Kepala Dinas Pendidikan", "Kota Jambi", "Jambi"),
        ("Penjabat (Pj) Gubernur", "Provinsi Kalimantan Timur", "Kalimantan Timur"),
        ("camat", "Kecamatan Loa Janan", "Kalimantan Timur"),
    ]
    matrix = data.offices_per_province(t)
    assert matrix.loc["Camat", "Kalimantan Timur"] == 2 and matrix.loc["Camat", "Jambi"] == 0
    regions = data.offices_per_region(t)
    assert regions.iloc[0][["region", "mentions", "titles", "offices"]].tolist() == [
        "Kecamatan Loa Janan", 2, 1, "Camat (2)"]


def test_timeline_bins_by_week_and_counts_what_it_cannot_draw():
    days = [f"2024-11-{d:02d}" for d in range(1, 31)] * 2 + ["1945-08-17"]
    t = make_tables(
        articles=[{"article_id": "a1", "published": "2024-11-04"}, {"article_id": "a2", "published": "2024-11-20"},
                  {"article_id": "a3", "published": None}],
        dates=[{"article_id": "a1", "value": v, "granularity": "day"} for v in days]
        + [{"article_id": "a1", "value": "2024-12", "granularity": "month"},
           {"article_id": "a1", "value": "2024", "granularity": "year"}],
    )
    t.articles["published"] = pd.to_datetime(t.articles["published"]).dt.date
    tl = data.timeline(t)
    assert tl["freq"].startswith("W")
    assert tl["published"].sum() == 2
    assert tl["mentioned"]["day"].sum() == 60
    assert (tl["outside"], tl["months_left_out"], tl["years_only"]) == (1, 1, 1)


def test_timeline_of_more_than_a_year_is_monthly_with_month_dates():
    t = make_tables(
        articles=[{"article_id": "a1", "published": "2023-01-10"}, {"article_id": "a2", "published": "2024-11-20"}],
        dates=[{"article_id": "a1", "value": "2024-11-27", "granularity": "day"},
               {"article_id": "a1", "value": "2024-11", "granularity": "month"}],
    )
    tl = data.timeline(t)
    assert tl["freq"] == "M"
    assert tl["mentioned"].loc[pd.Period("2024-11", "M")].tolist() == [1, 1]
    assert tl["months_left_out"] == 0


def test_rejects_are_grouped_by_the_phrase_before_their_details():
    t = make_tables(rejects=[
        {"source_path": "a.jsonl", "source_id": "line 3", "reason": "broken JSON: Expecting value at column 3"},
        {"source_path": "a.jsonl", "source_id": "line 9", "reason": "broken JSON: Invalid control character at column 9"},
        {"source_path": "b.txt", "source_id": "b.txt", "reason": "same text as a.jsonl (line 2), article 1f2e"},
        {"source_path": "c.txt", "source_id": "c.txt", "reason": "binary content (NUL bytes)"},
    ])
    kinds = data.rejects_by_reason(t)
    assert kinds[["reason", "records", "example"]].values.tolist() == [
        ["broken JSON", 2, "a.jsonl line 3"], ["binary content", 1, "c.txt c.txt"], ["same text", 1, "b.txt b.txt"]]
    assert data.corpus_summary(t)["same_text_records"] == 1


def test_percentage_subjects_fold_case_and_keep_their_places():
    t = make_tables(percentages=[
        {"article_id": "a1", "value": 77.0, "subject": "Partisipasi pemilih", "place": "Kukar"},
        {"article_id": "a2", "value": 81.0, "subject": "partisipasi pemilih", "place": "kukar"},
        {"article_id": "a2", "value": 40.0, "subject": "elektabilitas", "place": None},
        {"article_id": "a2", "value": 10.0, "subject": None, "place": None},
    ])
    values = data.percentages_by_subject(t)
    assert values.values.tolist() == [["Partisipasi pemilih", 77.0], ["Partisipasi pemilih", 81.0], ["elektabilitas", 40.0]]
    by_place = data.percentages_by_subject_and_place(t)
    assert by_place.iloc[0][["n", "median", "min", "max"]].tolist() == [2, 79.0, 77.0, 81.0]


def test_quality_shares_and_the_quotes_row_only_with_quotes():
    rows = dict(
        articles=[{"article_id": "a1", "published": None}, {"article_id": "a2", "published": "2024-11-20"}],
        entities=[entity("a1", "PLACE", "Kukar", region_code="64.02"), entity("a1", "PLACE", "Aula Setda", 9)],
    )
    quality = data.quality(make_tables(**rows)).set_index("figure")
    assert quality.loc["PLACE mentions without a region code", "share"] == 0.5
    assert quality.loc["articles without any entity", "count"] == 1
    assert quality.loc["articles without a publication date", "count"] == 1
    assert "quotes without a speaker" not in quality.index
    quotes = quotes_table([{"article_id": "a1", "quote": "Siap", "speaker": None}])
    quality = data.quality(make_tables(quotes=quotes, **rows)).set_index("figure")
    assert quality.loc["quotes without a speaker", "share"] == 1.0


def test_quotes_per_speaker():
    quotes = quotes_table([
        {"article_id": "a1", "quote": "Kami siap.", "speaker": "Budi Santoso", "speaker_office": "Ketua Bawaslu"},
        {"article_id": "a2", "quote": "Semua ASN wajib netral.", "speaker": "budi santoso", "speaker_office": None},
        {"article_id": "a2", "quote": "Tanpa pembicara.", "speaker": None},
    ])
    speakers = data.quotes_per_speaker(make_tables(quotes=quotes))
    assert speakers.to_dict("records") == [{"speaker": "Budi Santoso", "office": "Ketua Bawaslu", "quotes": 2,
                                            "articles": 2, "example": "Semua ASN wajib netral."}]
    assert data.quotes_per_speaker(make_tables()) is None


# ---- whole pages

def test_sample_report_is_one_file_without_script_or_request(sample_tables):
    page = build_report(sample_tables)
    for anchor in CORE_SECTIONS:
        assert f'<section id="{anchor}">' in page
    assert '<section id="quotes">' in page and "Hendrik Latuheru" in page  # the quotes of the samples
    assert "Office holders" in page and "Kecamatan Loa Janan" in page and "not shown" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page.lower()
    # Nothing is fetched: every src is a data URL, every link an anchor in the page.
    assert all(v.startswith(("data:", "#")) for v in re.findall(r'(?:src|href)="([^"]*)"', page))
    charts = data_urls(page)
    assert len(charts) >= 6 and all(svg.lstrip().startswith(b"<?xml") and b"<svg" in svg for svg in charts)
    assert build_report(sample_tables) == page  # the same tables give the same page


def test_quotes_and_office_holders_are_left_out_when_their_tables_are_missing(sample_tables, tmp_path):
    tables = tmp_path / "tables"
    shutil.copytree(sample_tables, tables, symlinks=False)
    for name in ("quotes", "office_holders"):
        (tables / f"{name}.parquet").unlink()
    page = build_report(tables)
    assert 'id="quotes"' not in page and "not shown: quotes, office_holders" in page


def test_a_table_may_be_a_folder_of_parts_or_a_symlink(sample_tables, tmp_path):
    tables, elsewhere = tmp_path / "tables", tmp_path / "elsewhere"
    shutil.copytree(sample_tables, tables)
    elsewhere.mkdir()
    entities = pq.read_table(tables / "entities.parquet")
    (tables / "entities.parquet").unlink()
    (tables / "entities.parquet").mkdir()
    half = entities.num_rows // 2
    pq.write_table(entities.slice(0, half), tables / "entities.parquet" / "part-0.parquet")
    pq.write_table(entities.slice(half), tables / "entities.parquet" / "part-1.parquet")
    shutil.move(tables / "articles.parquet", elsewhere / "articles.parquet")
    (tables / "articles.parquet").symlink_to(elsewhere / "articles.parquet")
    assert build_report(tables).replace(str(tables), "") == build_report(sample_tables).replace(str(sample_tables), "")


def test_empty_tables_give_a_page_that_says_so(tmp_path):
    for name in schema.TABLES:
        pq.write_table(schema.to_arrow(name, schema.frame(name)), tmp_path / f"{name}.parquet")
    page = build_report(tmp_path)
    assert "No place mention has a region code." in page
    assert "No publication date and no dated mention." in page
    assert not data_urls(page)


def test_a_missing_table_is_a_clear_error(sample_tables, tmp_path, capsys):
    shutil.copytree(sample_tables, tmp_path / "tables")
    (tmp_path / "tables" / "roles.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="no roles table"):
        build_report(tmp_path / "tables")
    assert main(["report", "--tables", str(tmp_path / "tables"), "--html", str(tmp_path / "r.html")]) == 2
    assert "no roles table" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_cli_writes_the_page(sample_tables, tmp_path, capsys):
    out = tmp_path / "build" / "report.html"
    assert main(["report", "--tables", str(sample_tables), "--html", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(out) in capsys.readouterr().out


def test_article_text_with_markup_shows_as_text_and_runs_nothing(hostile_tables, tmp_path):
    page = write_report(hostile_tables, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*onerror", page)  # no attribute made from the data
    # The markup is on the page, escaped: as text.
    shown = html.unescape(page)
    assert HOSTILE_ARTICLE["outlet"] in shown
    assert HOSTILE_REJECT["id"] in shown  # the rejected record's id
    assert "Budi <script>alert(2)</script>" in shown  # the speaker, in the quotes table
    for svg in data_urls(page):  # charts are images, and hold no markup from the data either
        assert b"<script" not in svg
