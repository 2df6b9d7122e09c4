"""Corpus tables: the people and the office holders of the whole corpus, from the per-article tables.

`derive` is a pure function of the per-article tables (only the columns in `INPUT_COLUMNS`):
- `persons`: one row per `person_id` (pipeline/extract/persons.py), with every mention text that stands for
  the person, mention / article / quote counts and the publication dates of the first and last article.
- `office_holders`: one row per (person, office, jurisdiction) that `roles` states, with the articles that
  state it. A role whose office has no region in its article joins the one jurisdiction the other
  articles give that person's office, when they give exactly one.

`Inputs` gathers those columns during a run (`pipeline/run.py`): the previous tables' rows of the articles
that stay, then the rows written for the new articles. The corpus tables are rebuilt whole each time.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline import schema
from pipeline.extract.persons import person_id
from pipeline.extract.regions import gazetteer

INPUT_COLUMNS = {
    "articles": ["article_id", "published"],
    "entities": ["article_id", "label", "text", "person_id"],
    "roles": ["article_id", "person", "person_id", "office_normalized", "office_region", "office_region_code",
              "office_region_source"],
    "quotes": ["article_id", "speaker_person_id"],
}
_SOURCE_RANK = {"phrase": 0, "national": 1, "context": 2}


class Inputs:
    """The columns `derive` needs, gathered from the tables a run writes."""

    def __init__(self) -> None:
        self._frames: dict[str, list[pd.DataFrame]] = {table: [] for table in INPUT_COLUMNS}

    def keep_previous(self, out_dir: Path, drop_ids: set[str]) -> None:
        """The rows of the previous tables in `out_dir` whose article stays."""
        for table, columns in INPUT_COLUMNS.items():
            path = out_dir / f"{table}.parquet"
            if path.exists():
                filters = [("article_id", "not in", sorted(drop_ids))] if drop_ids else None
                self.add(table, pq.read_table(path, columns=columns, filters=filters).to_pandas())

    def add(self, table: str, rows: pd.DataFrame) -> None:
        if table in INPUT_COLUMNS and len(rows):
            if table == "entities":
                rows = rows[rows["label"] == "PERSON"]
            self._frames[table].append(rows[INPUT_COLUMNS[table]])

    def tables(self) -> dict[str, pd.DataFrame]:
        return {table: pd.concat(frames, ignore_index=True) if frames else schema.frame(table)[INPUT_COLUMNS[table]]
                for table, frames in self._frames.items()}


def derive(articles: pd.DataFrame, entities: pd.DataFrame, roles: pd.DataFrame,
           quotes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The `persons` and `office_holders` tables of the corpus the per-article tables describe."""
    published = pd.Series(pd.to_datetime(articles["published"]).values, index=articles["article_id"])
    persons = _persons(entities, quotes, published)
    names = dict(zip(persons["person_id"], persons["person"]))
    return {"persons": persons, "office_holders": _office_holders(roles, published, names)}


def _seen(article_ids: pd.Series, published: pd.Series) -> tuple[pd.Series, pd.Series]:
    dates = article_ids.map(lambda ids: published.reindex(ids).dropna())
    first = dates.map(lambda d: d.min().date() if len(d) else None)
    last = dates.map(lambda d: d.max().date() if len(d) else None)
    return first, last


def _persons(entities: pd.DataFrame, quotes: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    mentions = entities[(entities["label"] == "PERSON") & entities["person_id"].notna()]
    if mentions.empty:
        return schema.frame("persons")
    variants = mentions.groupby(["person_id", "text"]).size().rename("n").reset_index()
    # The display name: the variant that is the full name (its own id), the most written, the longest.
    variants["full"] = [person_id(t) == pid for pid, t in zip(variants["person_id"], variants["text"])]
    variants["length"] = variants["text"].str.len()
    display = (variants.sort_values(["person_id", "full", "n", "length", "text"], ascending=[True, False, False, False, True])
               .drop_duplicates("person_id").set_index("person_id")["text"])
    grouped = mentions.groupby("person_id")
    table = pd.DataFrame({
        "person": display,
        "variants": variants.groupby("person_id")["text"].agg(sorted),
        "n_mentions": grouped.size(),
        "article_ids": grouped["article_id"].agg(lambda ids: sorted(set(ids))),
    })
    table["n_articles"] = table["article_ids"].map(len)
    table["n_quotes"] = quotes["speaker_person_id"].value_counts().reindex(table.index).fillna(0).astype(int)
    table["first_seen"], table["last_seen"] = _seen(table["article_ids"], published)
    return schema.frame("persons", table.rename_axis("person_id").reset_index())


def _office_holders(roles: pd.DataFrame, published: pd.Series, names: dict[str, str]) -> pd.DataFrame:
    held = roles[roles["person_id"].notna() & roles["office_normalized"].notna()].copy()
    if held.empty:
        return schema.frame("office_holders")
    held["jurisdiction"] = held["office_region"]
    held["jurisdiction_code"] = held["office_region_code"]
    held["jurisdiction_source"] = held["office_region_source"]
    # A role without a region joins the only jurisdiction other articles give the same person's office.
    located = held[held["jurisdiction"].notna()]
    places = located.drop_duplicates(["person_id", "office_normalized", "jurisdiction", "jurisdiction_code"])
    single = places.groupby(["person_id", "office_normalized"]).filter(lambda g: len(g) == 1)
    lent = single.set_index(["person_id", "office_normalized"])[["jurisdiction", "jurisdiction_code", "jurisdiction_source"]]
    missing = held["jurisdiction"].isna()
    keys = pd.MultiIndex.from_frame(held.loc[missing, ["person_id", "office_normalized"]])
    filled = lent.reindex(keys)
    held.loc[missing, ["jurisdiction", "jurisdiction_code", "jurisdiction_source"]] = filled.to_numpy()
    held["source_rank"] = held["jurisdiction_source"].map(_SOURCE_RANK)
    keys = ["person_id", "office_normalized", "jurisdiction", "jurisdiction_code"]
    grouped = held.sort_values("source_rank").groupby(keys, dropna=False, sort=True)
    table = grouped.agg(
        person=("person", "first"),
        jurisdiction_source=("jurisdiction_source", "first"),
        article_ids=("article_id", lambda ids: sorted(set(ids))),
    ).reset_index().rename(columns={"office_normalized": "office"})
    table["person"] = [names.get(pid, person) for pid, person in zip(table["person_id"], table["person"])]
    table["n_articles"] = table["article_ids"].map(len)
    gaz = gazetteer()
    provinces = {code: gaz.by_code(code[:2]) for code in set(table["jurisdiction_code"].dropna())}
    table["province"] = table["jurisdiction_code"].map(lambda c: provinces[c].name if isinstance(c, str) and provinces[c] else None)
    table["first_seen"], table["last_seen"] = _seen(table["article_ids"], published)
    return schema.frame("office_holders", table)
