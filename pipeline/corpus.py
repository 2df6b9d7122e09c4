"""Corpus tables: the people and the office holders of the whole corpus, from the per-article tables.

`derive` is a pure function of the per-article tables (only the columns in `INPUT_COLUMNS`):
- `persons`: one row per `person_id` (pipeline/extract/persons.py), with every mention text that stands for
  the person, mention / article / quote counts and the publication dates of the first and last article.
- `office_holders`: one row per (person, office, jurisdiction) that `roles` states, with the articles that
  state it. A role whose office has no region in its article joins the one jurisdiction the other
  articles give that person's office, when they give exactly one.

`parts` reads those columns back from the per-article tables a run has just completed (`pipeline/run.py`,
`store.Generation.table_path`): kept and new rows alike, so nothing is held in memory while articles are
processed. The corpus tables are rebuilt whole each time, a range of person ids at a time: both tables are per
person, so the memory of `derive` is that of one part, and the parts wait on disk, not in memory.
"""
from __future__ import annotations

import bisect
import contextlib
import os
import tempfile
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
# 30,000 bench articles (537,000 mentions), corpus stage alone: peak 418 MB whole, 214 MB in parts of 50,000
# mentions, 194 MB in parts of 25,000 (2.5 -> 3.1 s), 182 MB in parts of 10,000 (5.0 s).
MENTIONS_PER_PART = 25_000
# Rows of one input table held in memory before they go to its part file (about 5 MB of PERSON mentions); a
# corpus of one part never touches the disk.
SPILL_ROWS = 50_000


def parts(table_path: Callable[[str], Path], folder: Path,
          mentions_per_part: int = MENTIONS_PER_PART) -> Iterator[dict[str, pd.DataFrame]]:
    """The columns `derive` needs, read from the tables at `table_path(name)` (a file, or a folder dataset,
    perhaps without parts), cut into ranges of person ids of about `mentions_per_part` PERSON mentions each, in
    id order; every part has all the articles. The corpus tables are per person, so `derive` over the parts, its
    rows concatenated in order, gives what `derive` over the whole tables gives; rows without a person id count in
    no corpus table and are left out.

    Two passes over the tables: the first counts each person id's mentions, which fixes the ranges; the second
    sends each range's rows to a nameless temporary file in `folder` (`_PartFile`). What is in memory is a row
    group, at most `SPILL_ROWS` rows of each table, the person ids and the articles, never the whole tables."""
    bounds = _bounds(_mention_counts(table_path), mentions_per_part)
    articles = pa.concat_tables([_input_schema("articles").empty_table(), *_rows(table_path, "articles")]).to_pandas()
    with contextlib.ExitStack() as stack:
        files = {table: stack.enter_context(_PartFile(folder, _input_schema(table))) for table in _PERSON_KEY}
        for table, file in files.items():
            for rows in _rows(table_path, table):
                file.add(rows, _part_numbers(rows[_PERSON_KEY[table]], bounds))
        for part in range(len(bounds) + 1):
            yield {"articles": articles, **{table: file.read(part).to_pandas() for table, file in files.items()}}


def _input_schema(table: str) -> pa.Schema:
    return pa.schema([schema.SCHEMAS[table].field(c) for c in INPUT_COLUMNS[table]])


def _rows(table_path: Callable[[str], Path], table: str) -> Iterator[pa.Table]:
    """The columns of `table` that `derive` needs, a row group at a time; of `entities`, the PERSON mentions."""
    for rows in store.row_groups(table_path(table), INPUT_COLUMNS[table]):
        if table == "entities":
            rows = rows.filter(pc.equal(rows["label"], "PERSON"))
        if rows.num_rows:
            yield rows.cast(_input_schema(table))


def _mention_counts(table_path: Callable[[str], Path]) -> pa.Table:
    """The number of PERSON mentions of each person id (`person_id`, `n`), sorted by id."""
    counts = [pa.table({"person_id": pa.array([], pa.string()), "n": pa.array([], pa.int64())})]
    for rows in store.row_groups(table_path("entities"), ["label", "person_id"]):
        ids = pc.value_counts(rows["person_id"].filter(pc.equal(rows["label"], "PERSON")).drop_null())
        counts.append(pa.table({"person_id": ids.field("values").cast(pa.string()), "n": ids.field("counts")}))
        if len(counts) >= 64:  # summed now and then: the ids of every row group would take memory again
            counts = [_summed(counts)]
    return _summed(counts)


def _summed(counts: list[pa.Table]) -> pa.Table:
    """The counts of each id summed, sorted by id (a sort and numpy: Arrow's group_by keeps tens of MB)."""
    rows = pa.concat_tables(counts).sort_by("person_id")
    ids = rows["person_id"].combine_chunks()
    if not len(ids):
        return rows
    starts = np.flatnonzero(np.concatenate([[True], pc.not_equal(ids[1:], ids[:-1]).to_numpy(zero_copy_only=False)]))
    return pa.table({"person_id": ids.take(pa.array(starts)), "n": np.add.reduceat(rows["n"].to_numpy(), starts)})


def _bounds(counts: pa.Table, mentions_per_part: int) -> list[str]:
    """The first id of every range but the first: a range starts at the id where the running count of mentions
    passes the next multiple of the part size."""
    n = counts["n"].to_numpy()
    starts = np.flatnonzero(np.diff(np.cumsum(n) // mentions_per_part, prepend=0))
    return counts["person_id"].take(pa.array(starts, pa.int64())).to_pylist()


class _PartFile:
    """Rows of one table sorted into numbered parts and kept in a nameless temporary file in `folder` (on the
    output's disk: `$TMPDIR` may be memory), each part's rows as Arrow IPC streams at recorded offsets. Rows wait in
    memory until `SPILL_ROWS` are held."""

    def __init__(self, folder: Path, columns: pa.Schema) -> None:
        self._folder, self._schema = folder, columns
        self._file = None
        self._held: dict[int, list[pa.Table]] = {}
        self._held_rows = 0
        self._streams: dict[int, list[tuple[int, int]]] = {}  # part -> (offset, length) of its streams

    def __enter__(self) -> _PartFile:
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()

    def add(self, rows: pa.Table, numbers: np.ndarray) -> None:
        """`rows`, the part number of each in `numbers` (-1: in no part), their order kept within a part."""
        order = np.argsort(numbers, kind="stable")
        rows, numbers = rows.take(order), numbers[order]
        starts = np.flatnonzero(np.diff(numbers, prepend=-2))
        for start, end in zip(starts, [*starts[1:], len(numbers)]):
            if numbers[start] >= 0:
                self._held.setdefault(int(numbers[start]), []).append(rows.slice(start, end - start))
                self._held_rows += end - start
        if self._held_rows >= SPILL_ROWS:
            self._spill()

    def read(self, part: int) -> pa.Table:
        """The rows of `part`, in the order they were added."""
        tables = [pa.ipc.open_stream(os.pread(self._file.fileno(), length, offset)).read_all()
                  for offset, length in self._streams.get(part, [])]
        return pa.concat_tables([self._schema.empty_table(), *tables, *self._held.get(part, [])])

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(dir=self._folder)
        for part, tables in self._held.items():
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, self._schema) as stream:
                for rows in tables:
                    stream.write_table(rows)
            offset = self._file.seek(0, os.SEEK_END)
            self._file.write(sink.getvalue())
            self._file.flush()
            self._streams.setdefault(part, []).append((offset, self._file.tell() - offset))
        self._held, self._held_rows = {}, 0


def _part_numbers(ids: pa.ChunkedArray | pa.Array, bounds: list[str]) -> np.ndarray:
    """For each id, the number of the range of ids it is in (the ranges start at the sorted `bounds`); -1 for a
    null. Decided once per distinct id, then spread to the rows."""
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
