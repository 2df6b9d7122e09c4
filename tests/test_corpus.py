"""Corpus tables persons and office_holders (pipeline.corpus), from small per-article tables."""
import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import corpus, schema
from pipeline.corpus import INPUT_COLUMNS, derive, parts


def frames():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"],
                             "published": [dt.date(2024, 10, 1), dt.date(2024, 11, 5), None]})
    entities = pd.DataFrame([
        ("a", "PERSON", "Rudi Hartono", "rudi-hartono"),
        ("a", "PERSON", "Rudi", "rudi-hartono"),
        ("a", "OFFICE", "Ketua KPU Paser", None),
        ("b", "PERSON", "Rudi Hartono", "rudi-hartono"),
        ("b", "PERSON", "Siti Aminah", "siti-aminah"),
        ("c", "PERSON", "Rudi Hartono", "rudi-hartono"),
    ], columns=INPUT_COLUMNS["entities"])
    roles = pd.DataFrame([
        ("a", "Rudi Hartono", "rudi-hartono", "Ketua KPU", "Kabupaten Paser", "64.01", "phrase"),
        ("b", "Rudi Hartono", "rudi-hartono", "Ketua KPU", None, None, None),
        ("c", "Rudi Hartono", "rudi-hartono", "Ketua KPU", "Kabupaten Paser", "64.01", "context"),
        ("b", "Siti Aminah", "siti-aminah", "Menteri Dalam Negeri", "Indonesia", None, "national"),
    ], columns=INPUT_COLUMNS["roles"])
    quotes = pd.DataFrame({"article_id": ["a", "a", "b"], "speaker_person_id": ["rudi-hartono", None, "rudi-hartono"]})
    return articles, entities, roles, quotes


def test_persons():
    persons = derive(*frames())["persons"]
    assert list(persons.columns) == schema.columns("persons")
    rudi = persons.set_index("person_id").loc["rudi-hartono"]
    assert rudi.person == "Rudi Hartono"
    assert list(rudi.variants) == ["Rudi", "Rudi Hartono"]
    assert (rudi.n_mentions, rudi.n_articles, rudi.n_quotes) == (4, 3, 2)
    assert (rudi.first_seen, rudi.last_seen) == (dt.date(2024, 10, 1), dt.date(2024, 11, 5))
    assert list(rudi.article_ids) == ["a", "b", "c"]


def test_office_holders_one_row_per_person_office_and_jurisdiction():
    holders = derive(*frames())["office_holders"]
    assert list(holders.columns) == schema.columns("office_holders")
    rows = {(r.person_id, r.office): r for r in holders.itertuples()}
    assert len(holders) == 2
    kpu = rows[("rudi-hartono", "Ketua KPU")]
    # article b names no region: it joins the one jurisdiction the other articles give
    assert (kpu.jurisdiction, kpu.jurisdiction_code, kpu.jurisdiction_source, kpu.province) == (
        "Kabupaten Paser", "64.01", "phrase", "Kalimantan Timur")
    assert list(kpu.article_ids) == ["a", "b", "c"] and kpu.n_articles == 3
    mendagri = rows[("siti-aminah", "Menteri Dalam Negeri")]
    assert (mendagri.person, mendagri.jurisdiction) == ("Siti Aminah", "Indonesia") and pd.isna(mendagri.province)


def test_two_jurisdictions_stay_two_rows_and_nothing_is_lent():
    articles, entities, roles, quotes = frames()
    roles.loc[2, ["office_region", "office_region_code"]] = ["Kabupaten Berau", "64.03"]
    holders = derive(articles, entities, roles, quotes)["office_holders"]
    kpu = holders[holders.office == "Ketua KPU"]
    assert sorted(kpu.jurisdiction_code.fillna("-")) == ["-", "64.01", "64.03"]


def write_tables(folder, articles, entities, roles, quotes):
    """The tables as a run writes them: a batch of rows at a time, here row groups of two rows."""
    for name, frame in (("articles", articles), ("entities", entities), ("roles", roles), ("quotes", quotes)):
        pq.write_table(schema.to_arrow(name, frame), folder / f"{name}.parquet", row_group_size=2)
    return lambda name: folder / f"{name}.parquet"


def test_parts_read_the_person_mentions_and_the_columns_derive_needs(tmp_path):
    articles, entities, roles, quotes = frames()
    table_path = write_tables(tmp_path, articles, entities, roles, quotes)
    (tmp_path / "quotes.parquet").unlink()
    (tmp_path / "quotes.parquet").mkdir()  # a folder dataset without parts yet
    [part] = parts(table_path, tmp_path)
    assert {name: list(frame.columns) for name, frame in part.items()} == INPUT_COLUMNS
    assert sorted(part["articles"].article_id) == ["a", "b", "c"]
    assert sorted(part["entities"].article_id) == ["a", "a", "b", "b", "c"]
    assert set(part["entities"].label) == {"PERSON"}
    assert len(part["roles"]) == 4 and part["quotes"].empty


def test_the_corpus_stage_alone_rebuilds_the_runs_tables(sample_tables, tmp_path):
    from pipeline.cli import main
    assert main(["corpus", "--tables", str(sample_tables), "--out", str(tmp_path)]) == 0
    for name in schema.CORPUS_TABLES:
        assert pd.read_parquet(tmp_path / f"{name}.parquet").equals(pd.read_parquet(sample_tables / f"{name}.parquet"))


def test_derive_over_parts_of_person_ids_gives_the_whole_tables(tmp_path, monkeypatch):
    """The run derives the corpus tables a range of person ids at a time, the ranges waiting on disk: the parts'
    rows, written in order, are the rows `derive` gives over every input at once, for any part size, whether
    the rows of a part were held in memory or sent to its file."""
    articles, entities, roles, quotes = frames()
    more = pd.DataFrame([(aid, "PERSON", f"Nama {n}", f"nama-{n}") for n, aid in enumerate("abcabcab")],
                        columns=INPUT_COLUMNS["entities"])
    entities = pd.concat([entities, more], ignore_index=True)
    roles = pd.concat([roles, pd.DataFrame([("c", "Nama 2", "nama-2", "Camat Loa Janan", None, None, None),
                                            ("a", "Tanpa Id", None, "Lurah", None, None, None)],
                                           columns=INPUT_COLUMNS["roles"])], ignore_index=True)
    quotes = pd.concat([quotes, pd.DataFrame({"article_id": ["c"], "speaker_person_id": ["nama-7"]})], ignore_index=True)
    table_path = write_tables(tmp_path, articles, entities, roles, quotes)
    whole = derive(articles, entities, roles, quotes)
    for size, spill_rows in ((1, 50_000), (2, 1), (3, 2), (100, 3)):
        monkeypatch.setattr(corpus, "SPILL_ROWS", spill_rows)  # every row group, or some, goes to disk
        derived = [derive(**part) for part in parts(table_path, tmp_path, size)]
        assert len(derived) > 1 or size == 100
        for table in whole:  # as written: each part's rows appended to the table
            written = pa.concat_tables([schema.to_arrow(table, part[table]) for part in derived])
            assert written.equals(schema.to_arrow(table, whole[table])), (table, size)
            assert written.num_rows == len(whole[table]) > 0
