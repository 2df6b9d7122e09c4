"""Corpus tables: the people and the office holders of the whole corpus, from the per-article tables.

`derive` is a pure function of the per-article tables (only the columns in `INPUT_COLUMNS`):
- `persons`: one row per `person_id` (pipeline/extract/persons.py), with every mention text that stands for
  the person, mention / article / quote counts and the publication dates of the first and last article.
- `office_holders`: one row per (person, office, jurisdiction) that `roles` states, with the articles that
  state it. A role whose office has no region in its article joins the one jurisdiction the other
  articles give that person's office, when they give exactly one.

`Inputs` reads those columns back from the per-article tables a run has just completed (`pipeline/run.py`,
`store.Generation.table_path`): kept and new rows alike, so nothing is held in memory while articles are
processed. The corpus tables are rebuilt whole each time, a range of person ids at a time (`Inputs.parts`): both
tables are per person, so the memory of `derive` is that of one part, not of every mention of the corpus.
"""
from __future__ import annotations

import bisect
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline import schema, store
from pipeline.extract.regions import gazetteer

INPUT_COLUMNS = {
    "articles": ["article_id", "published"],
    "entities": ["article_id", "label", "text", "person_id"],
    "roles": ["article_id", "person", "person_id", "office_normalized", "office_region", "office_region_code",
              "office_region_source"],
    "quotes": ["article_id", "speaker_person_id"],
}
_SOURCE_RANK = {"phrase": 0, "national": 1, "context": 2}
_PERSON_KEY = {"entities": "person_id", "roles": "person_id", "quotes": "speaker_person_id"}
MENTIONS_PER_PART = 50_000  # 30,000 bench articles (537,000 mentions), corpus stage alone: peak 418 -> 291 MB


class Inputs:
    """The columns `derive` needs, read from written tables. They are held as Arrow tables (a string column
    costs its bytes, where pandas holds one Python object per cell) until `tables()`."""

    def __init__(self) -> None:
        self._parts: dict[str, list[pa.Table]] = {table: [] for table in INPUT_COLUMNS}

    def read(self, table_path: Callable[[str], Path]) -> None:
        """The rows of the tables at `table_path(name)` (a file, or a folder dataset, perhaps without parts)."""
        for table, columns in INPUT_COLUMNS.items():
            for rows in store.row_groups(table_path(table), columns):  # `add` keeps only the PERSON mentions
                self.add(table, rows)

    def add(self, table: str, rows: pa.Table) -> None:
        """Rows of `table` (with at least the columns `derive` needs) that the corpus stage must see."""
        if table in INPUT_COLUMNS and rows.num_rows:
            if table == "entities":
                rows = rows.filter(pc.equal(rows["label"], "PERSON"))
            columns = INPUT_COLUMNS[table]
            types = pa.schema([schema.SCHEMAS[table].field(c) for c in columns])
            self._parts[table].append(rows.select(columns).cast(types))

    def tables(self) -> dict[str, pd.DataFrame]:
        return {table: rows.to_pandas() for table, rows in self._arrow().items()}

    def parts(self, mentions_per_part: int = MENTIONS_PER_PART) -> Iterator[dict[str, pd.DataFrame]]:
        """`tables()` cut into ranges of person ids of about `mentions_per_part` PERSON mentions each, in id order,
        every part with all the articles. The corpus tables are per person, so `derive` over the parts, its rows
        concatenated in order, gives what `derive` over `tables()` gives; rows without a person id count in no
        corpus table and are left out."""
        tables = self._arrow()
        articles = tables.pop("articles").to_pandas()
        ids = pc.value_counts(tables["entities"]["person_id"].drop_null())
        order = pc.sort_indices(ids.field("values"))
        values, counts = ids.field("values").take(order), ids.field("counts").take(order).to_numpy()
        # A part starts at the id where the running count of mentions passes the next multiple of the part size.
        starts = np.flatnonzero(np.diff(np.cumsum(counts) // mentions_per_part, prepend=0))
        bounds = values.take(pa.array(starts, pa.int64())).to_pylist()
        part_of = {table: _part_numbers(rows[_PERSON_KEY[table]], bounds) for table, rows in tables.items()}
        for part in range(len(bounds) + 1):
            yield {"articles": articles, **{table: rows.filter(part_of[table] == part).to_pandas()
                                            for table, rows in tables.items()}}

    def _arrow(self) -> dict[str, pa.Table]:
        return {table: pa.concat_tables(parts) if parts else
                pa.schema([schema.SCHEMAS[table].field(c) for c in INPUT_COLUMNS[table]]).empty_table()
                for table, parts in self._parts.items()}


def _part_numbers(ids: pa.ChunkedArray, bounds: list[str]) -> np.ndarray:
    """For each id, the number of the range of ids it is in (the ranges start at the sorted `bounds`); -1 for a
    null. Decided once per distinct id (a few thousand), then spread to the rows."""
    distinct = ids.unique().drop_null()
    number_of = np.array([bisect.bisect_right(bounds, value) for value in distinct.to_pylist()] + [-1], dtype=np.int32)
    at = pc.index_in(ids, value_set=distinct).fill_null(len(distinct))  # a null id takes the last number, -1
    return number_of[at.to_numpy()]


def derive(articles: pd.DataFrame, entities: pd.DataFrame, roles: pd.DataFrame,
           quotes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The `persons` and `office_holders` tables of the corpus the per-article tables describe."""
    # Publication dates by article id, as a Series: mapping ids through it is vectorised (the run derives the
    # tables in parts, each with every article).
    published = pd.Series(pd.to_datetime(articles["published"]).to_numpy(), index=articles["article_id"])
    persons = _persons(entities, quotes, published)
    names = dict(zip(persons["person_id"], persons["person"]))
    return {"persons": persons, "office_holders": _office_holders(roles, published, names)}


def _gathered(rows: pd.DataFrame, keys: list[str], published: pd.Series) -> pd.DataFrame:
    """Per group of `keys` (null keys form groups too): the sorted distinct `article_ids`, their number
    and the first and last publication dates. Vectorised: one sort, the lists cut out of one array."""
    pairs = rows[keys + ["article_id"]].drop_duplicates()
    group = pairs[keys].fillna("").groupby(keys, sort=True).ngroup()
    pairs = pairs.assign(group=group.to_numpy()).sort_values(["group", "article_id"])
    cuts = np.flatnonzero(np.diff(pairs["group"].to_numpy())) + 1
    table = pairs.drop_duplicates("group").set_index(keys)[[]]
    table["article_ids"] = [list(ids) for ids in np.split(pairs["article_id"].to_numpy(dtype=object), cuts)]
    table["n_articles"] = np.diff(np.concatenate([[0], cuts, [len(pairs)]]))
    dates = pairs["article_id"].map(published).groupby(pairs["group"].to_numpy())
    table["first_seen"] = dates.min().dt.date.to_numpy()
    table["last_seen"] = dates.max().dt.date.to_numpy()
    return table


def _persons(entities: pd.DataFrame, quotes: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    mentions = entities[(entities["label"] == "PERSON") & entities["person_id"].notna()]
    if mentions.empty:
        return schema.frame("persons")
    variants = mentions.groupby(["person_id", "text"]).size().rename("n").reset_index()
    # The display name: the variant with the most words (the full name), then the most written.
    variants["words"] = variants["text"].str.count(r"\S+")
    display = (variants.sort_values(["person_id", "words", "n", "text"], ascending=[True, False, False, True])
               .drop_duplicates("person_id").set_index("person_id")["text"])
    table = _gathered(mentions, ["person_id"], published)
    table["person"] = display
    ordered = variants.sort_values(["person_id", "text"])
    cuts = np.flatnonzero(ordered["person_id"].to_numpy()[1:] != ordered["person_id"].to_numpy()[:-1]) + 1
    table["variants"] = pd.Series([list(v) for v in np.split(ordered["text"].to_numpy(dtype=object), cuts)],
                                  index=ordered["person_id"].drop_duplicates().to_numpy())
    table["n_mentions"] = mentions.groupby("person_id").size()
    table["n_quotes"] = quotes["speaker_person_id"].value_counts().reindex(table.index).fillna(0).astype(int)
    return schema.frame("persons", table.rename_axis("person_id").reset_index())


def _office_holders(roles: pd.DataFrame, published: pd.Series, names: dict[str, str]) -> pd.DataFrame:
    held = roles[roles["person_id"].notna() & roles["office_normalized"].notna()].rename(columns={
        "office_normalized": "office", "office_region": "jurisdiction", "office_region_code": "jurisdiction_code",
        "office_region_source": "jurisdiction_source"})
    if held.empty:
        return schema.frame("office_holders")
    place = ["jurisdiction", "jurisdiction_code", "jurisdiction_source"]
    # A role without a region joins the only jurisdiction other articles give the same person's office.
    located = held[held["jurisdiction"].notna()].drop_duplicates(["person_id", "office", "jurisdiction", "jurisdiction_code"])
    single = located[~located.duplicated(["person_id", "office"], keep=False)].set_index(["person_id", "office"])[place]
    missing = held["jurisdiction"].isna()
    lent = single.reindex(pd.MultiIndex.from_frame(held.loc[missing, ["person_id", "office"]]))
    held = held.copy()
    held.loc[missing, place] = lent.to_numpy()
    keys = ["person_id", "office", "jurisdiction", "jurisdiction_code"]
    table = _gathered(held, keys, published)
    best = held.assign(rank=held["jurisdiction_source"].map(_SOURCE_RANK)).sort_values("rank", kind="stable")
    first = best.drop_duplicates(keys).set_index(keys)
    table["jurisdiction_source"] = first["jurisdiction_source"]
    table["person"] = first["person"]
    table = table.reset_index()
    table["person"] = [names.get(pid, person) for pid, person in zip(table["person_id"], table["person"])]
    gaz = gazetteer()
    provinces = {code: gaz.by_code(code[:2]) for code in set(table["jurisdiction_code"].dropna())}
    table["province"] = table["jurisdiction_code"].map(lambda c: provinces[c].name if isinstance(c, str) and provinces[c] else None)
    return schema.frame("office_holders", table)
