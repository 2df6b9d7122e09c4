"""The one place that owns the schema of every output table (see ../shared/spec/OUTPUT.md).

Every stage builds its rows as plain dicts or DataFrames and passes them through `frame()`,
which orders the columns and gives them the types below, so that the Parquet files always
carry the same Arrow schema whatever the data (including empty tables).
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

# Bump together with a README note whenever a column is renamed or changes meaning.
SCHEMA_VERSION = 2

_STR = pa.string()
_INT = pa.int32()
_BOOL = pa.bool_()
_F64 = pa.float64()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", _STR),
        ("source_path", _STR),
        ("source_id", _STR),
        ("url", _STR),
        ("outlet", _STR),
        ("title", _STR),
        ("published", pa.date32()),
        ("published_source", _STR),  # metadata / url / text / page / null
        ("dateline", _STR),
        ("byline", _STR),
        ("raw_text", _STR),
        ("clean_text", _STR),
        ("n_paragraphs", _INT),
        ("n_duplicate_paragraphs", _INT),
        ("n_boilerplate_removed", _INT),
        ("pipeline_version", _STR),
    ]),
    "paragraphs": pa.schema([
        ("article_id", _STR),
        ("paragraph_index", _INT),
        ("raw_start", _INT),
        ("raw_end", _INT),
        ("text", _STR),
        ("is_boilerplate", _BOOL),
        ("is_duplicate", _BOOL),
        ("duplicate_of", _STR),  # "article_id:paragraph_index" of the first copy
        ("duplicate_kind", _STR),  # exact / near / null
        # Offset map segments (see pipeline.offsets): cleaned text from offset_clean[i] stands
        # for raw text [offset_raw[i], offset_raw_end[i]).
        ("offset_clean", pa.list_(_INT)),
        ("offset_raw", pa.list_(_INT)),
        ("offset_raw_end", pa.list_(_INT)),
    ]),
    "entities": pa.schema([
        ("article_id", _STR),
        ("paragraph_index", _INT),
        ("start", _INT),
        ("end", _INT),
        ("raw_start", _INT),
        ("raw_end", _INT),
        ("text", _STR),
        ("label", _STR),  # PERSON / OFFICE / PLACE / ORG
        ("normalized", _STR),
        ("region_code", _STR),
        ("source", _STR),
        ("score", _F64),
        ("entity_id", _STR),  # "article_id:paragraph_index:start:end:label", unique
        ("person_id", _STR),  # PERSON rows: the id of the person's fullest name in the article (extract/persons.py)
    ]),
    "dates": pa.schema([
        ("article_id", _STR),
        ("paragraph_index", _INT),
        ("start", _INT),
        ("end", _INT),
        ("raw_start", _INT),
        ("raw_end", _INT),
        ("text", _STR),
        ("value", _STR),
        ("granularity", _STR),  # day / month / year
        ("year_inferred", _BOOL),
        ("weekday_consistent", _BOOL),
        ("range_id", _STR),  # shared by the start and end rows of one range; null otherwise
    ]),
    "percentages": pa.schema([
        ("article_id", _STR),
        ("paragraph_index", _INT),
        ("start", _INT),
        ("end", _INT),
        ("raw_start", _INT),
        ("raw_end", _INT),
        ("text", _STR),
        ("value", _F64),
        ("value_max", _F64),
        ("context", _STR),
        ("subject", _STR),
        ("place", _STR),
    ]),
    "roles": pa.schema([
        ("article_id", _STR),
        ("person", _STR),  # fullest form of the name seen in the article
        ("office", _STR),
        ("pattern", _STR),  # which construction states the pair
        ("paragraph_index", _INT),
        ("person_entity_id", _STR),
        ("office_entity_id", _STR),
        ("person_id", _STR),
        ("office_normalized", _STR),  # canonical office without its jurisdiction: `Pj Bupati`, `Ketua KPU`
        ("office_region", _STR),  # the office's jurisdiction: `Kabupaten Paser`, `Indonesia`
        ("office_region_code", _STR),  # its Kemendagri code, null outside the gazetteer
        ("office_region_source", _STR),  # phrase / national / context / null (extract/jurisdictions.py)
    ]),
    "quotes": pa.schema([
        ("article_id", _STR),
        ("paragraph_index", _INT),  # the paragraph the quote starts in
        ("end_paragraph_index", _INT),  # the paragraph it ends in (a direct quote may run over several)
        ("start", _INT),  # in the first paragraph's text
        ("end", _INT),  # in the last paragraph's text
        ("raw_start", _INT),
        ("raw_end", _INT),
        ("quote", _STR),  # the quoted or reported words; paragraphs joined by a newline
        ("kind", _STR),  # direct / indirect
        ("cue", _STR),  # the speech tag, reporting verb or `menurut` as written; null for a quote with none
        ("speaker", _STR),  # fullest form of the speaker's name in the article; null when no person is named
        ("speaker_entity_id", _STR),  # the PERSON mention the speaker was read from
        ("speaker_person_id", _STR),
        ("speaker_office", _STR),  # the office `roles` gives the speaker in the article
        ("published", pa.date32()),
    ]),
    "rejects": pa.schema([
        ("source_path", _STR),
        ("source_id", _STR),
        ("reason", _STR),
    ]),
    # Corpus tables (pipeline/corpus.py): one row per person or office holder across all articles, so they
    # carry the list `article_ids` instead of one `article_id`.
    "persons": pa.schema([
        ("person_id", _STR),
        ("person", _STR),  # the fullest form of the name, as most articles write it
        ("variants", pa.list_(_STR)),  # every mention text that stands for the person
        ("n_mentions", _INT),
        ("n_articles", _INT),
        ("n_quotes", _INT),
        ("first_seen", pa.date32()),  # publication dates of the articles that name the person
        ("last_seen", pa.date32()),
        ("article_ids", pa.list_(_STR)),
    ]),
    "office_holders": pa.schema([
        ("person_id", _STR),
        ("person", _STR),
        ("office", _STR),  # roles.office_normalized
        ("jurisdiction", _STR),
        ("jurisdiction_code", _STR),
        ("jurisdiction_source", _STR),  # phrase / national / context, as in roles.office_region_source
        ("province", _STR),  # the province of jurisdiction_code
        ("first_seen", pa.date32()),
        ("last_seen", pa.date32()),
        ("n_articles", _INT),
        ("article_ids", pa.list_(_STR)),
    ]),
}

# The output tables; "records" below is the intermediate table between ingest and clean,
# written only when the ingest stage is run alone.
TABLES = list(SCHEMAS)
# Tables rebuilt whole from the per-article tables at the end of every run that changes anything.
CORPUS_TABLES = ("persons", "office_holders")
# Tables of rows that each belong to one processed article (`rejects` belongs to source files).
ARTICLE_TABLES = tuple(t for t in TABLES if t not in ("rejects", *CORPUS_TABLES))

SCHEMAS["records"] = pa.schema([
    ("article_id", _STR),
    ("source_path", _STR),
    ("source_id", _STR),
    ("raw_text", _STR),
    ("url", _STR),
    ("outlet", _STR),
    ("title", _STR),
    ("published", _STR),  # as written in the JSONL metadata
])


def columns(table: str) -> list[str]:
    return SCHEMAS[table].names


def frame(table: str, rows=None) -> pd.DataFrame:
    """A DataFrame with exactly the table's columns, in order (missing columns become null)."""
    cols = columns(table)
    if rows is None:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    given = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    df = given.reindex(columns=cols)  # a new frame: the caller's keeps its columns
    for c in cols:
        if c not in given.columns:
            df[c] = None
    return df.reset_index(drop=True)


def to_arrow(table: str, df: pd.DataFrame) -> pa.Table:
    """Convert with the table's schema; column order and types are enforced here."""
    df = frame(table, df)
    return pa.Table.from_pandas(df, schema=SCHEMAS[table], preserve_index=False)
