"""Deduplicate stage: mark paragraphs that repeat an earlier one, in the article or the corpus.

- Exact: equal after lower-casing and folding punctuation and whitespace (the rule of
  ../shared/spec/ANNOTATION.md). Within an article any repeat counts; across articles only
  paragraphs of at least MIN_CORPUS_WORDS words, so that short stock lines (`Penulis: Slamet`)
  shared by many articles do not hide an article's content.
- Near: across articles, MinHash (datasketch) over word 3-shingles, banded for LSH; a paragraph
  whose estimated Jaccard similarity to an earlier one of another article is at least
  NEAR_THRESHOLD is a syndicated copy. Within an article a reworded repeat (a lead summarised
  again further down) is content, not a copy: the spec's within-article duplicates are exact.

"Earlier" means processed earlier: the index persists between runs (see `DedupIndex.save`), and
within a run articles are taken in source order, so results are deterministic.

The rules are applied in two steps that both engines share: `within_articles` marks the repeats
inside each article and returns the corpus candidates; `assign` then decides each candidate, in
order, against the first copies before it: a `DedupIndex` (one process, candidates in a stream)
or a `CopyGraph` (pairs that share an LSH band, found by the Dask engine's shuffle).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from datasketch import MinHash

MIN_CORPUS_WORDS = 8
NEAR_THRESHOLD = 0.8  # Jaccard of word 3-shingles: small edits to a long paragraph stay above it
NUM_PERM = 64
SHINGLE = 3
SCHEME = "affine32"  # fixed, so that signatures saved by one run stay comparable in the next
# LSH bands: two signatures are compared when they agree on all ROWS values of at least one of
# BANDS bands. 5 × 11 is datasketch's optimum for NEAR_THRESHOLD at NUM_PERM permutations (the
# banding its MinHashLSH used here before), so the pairs compared did not change.
BANDS, ROWS = 5, 11

INDEX_SCHEMA = pa.schema([("ref", pa.string()), ("digest", pa.string()), ("hashvalues", pa.list_(pa.uint64()))])


def dedup_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().lower()


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


# Building a MinHash draws its permutations again; copying an empty one reuses them.
_EMPTY = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)


def _minhash(key: str) -> MinHash:
    words = key.split()
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}
    m = _EMPTY.copy()
    m.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return m


@dataclass(frozen=True)
class Candidate:
    """A paragraph that may repeat (or be repeated by) a paragraph of another article."""
    ref: str  # "article_id:paragraph_index"
    digest: str  # of its dedup key: equal digests are exact repeats
    hashvalues: np.ndarray  # MinHash signature

    @property
    def article_id(self) -> str:
        return self.ref.rsplit(":", 1)[0]


def band_keys(hashvalues: np.ndarray) -> list[bytes]:
    """The LSH bucket of each band: candidates that share one are compared."""
    return [bytes([band]) + hashvalues[band * ROWS:(band + 1) * ROWS].tobytes() for band in range(BANDS)]


def copy_kind(first: Candidate, later: Candidate) -> str | None:
    """Whether `later` repeats `first` ("exact"/"near"), for two candidates whose bands collide."""
    if first.article_id == later.article_id:
        return None  # within an article only exact repeats count, and within_articles found those
    if first.digest == later.digest:
        return "exact"
    similar = np.count_nonzero(first.hashvalues == later.hashvalues) / NUM_PERM >= NEAR_THRESHOLD
    return "near" if similar else None


Match = tuple[str, str]  # (ref of the first copy, "exact" / "near")


class FirstCopies(Protocol):
    def first_copy(self, candidate: Candidate) -> Match | None:
        """The first copy `candidate` repeats: an exact one, else the oldest near one."""

    def add(self, candidate: Candidate) -> None:
        """Record `candidate` as a first copy."""


def assign(candidates: Iterable[tuple[int, Candidate]], index: FirstCopies) -> dict[int, Match]:
    """Decide candidates in order: a copy of an earlier first copy, or a first copy itself."""
    found = {}
    for position, candidate in candidates:
        if match := index.first_copy(candidate):
            found[position] = match
        else:
            index.add(candidate)
    return found


class DedupIndex:
    """First copies seen so far, oldest first: their exact digests and MinHash signatures."""

    def __init__(self, first_copies: Iterable[Candidate] = ()) -> None:
        self._reset(first_copies)

    def _reset(self, first_copies: Iterable[Candidate]) -> None:
        self.entries: dict[str, Candidate] = {c.ref: c for c in first_copies}  # ref → first copy, oldest first
        self.exact: dict[str, str] = {c.digest: ref for ref, c in self.entries.items()}  # digest → ref
        self._order: dict[str, int] = {ref: i for i, ref in enumerate(self.entries)}
        self._buckets: dict[bytes, list[str]] | None = None

    @property
    def refs(self) -> list[str]:
        return list(self.entries)

    @property
    def buckets(self) -> dict[bytes, list[str]]:
        if self._buckets is None:  # built on first use: a run with nothing new never pays for it
            self._buckets = {}
            for ref, c in self.entries.items():
                for key in band_keys(c.hashvalues):
                    self._buckets.setdefault(key, []).append(ref)
        return self._buckets

    def add(self, candidate: Candidate) -> None:
        for key in band_keys(candidate.hashvalues):
            self.buckets.setdefault(key, []).append(candidate.ref)
        self._order[candidate.ref] = len(self.entries)
        self.entries[candidate.ref] = candidate
        self.exact[candidate.digest] = candidate.ref

    def first_copy(self, candidate: Candidate) -> Match | None:
        if first := self.exact.get(candidate.digest):
            return first, "exact"
        colliding = {ref for key in band_keys(candidate.hashvalues) for ref in self.buckets.get(key, ())}
        hits = [ref for ref in colliding if copy_kind(self.entries[ref], candidate)]
        return (min(hits, key=self._order.__getitem__), "near") if hits else None

    def drop_articles(self, article_ids: set[str]) -> None:
        """Forget the paragraphs of removed or changed articles."""
        if article_ids:
            self._reset([c for c in self.entries.values() if c.article_id not in article_ids])

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        pq.write_table(index_table(list(self.entries.values())), tmp)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "DedupIndex":
        """The index saved at `path`: one Parquet file, or a folder of parts (the Dask engine's)."""
        return cls(read_index(pq.read_table(path)) if path.exists() else ())


def index_table(first_copies: list[Candidate]) -> pa.Table:
    """First copies as rows of the saved index, oldest first."""
    return pa.table({
        "ref": [c.ref for c in first_copies],
        "digest": [c.digest for c in first_copies],
        "hashvalues": [c.hashvalues.tolist() for c in first_copies],
    }, schema=INDEX_SCHEMA)


def read_index(table: pa.Table) -> list[Candidate]:
    t = table.to_pydict()
    return [Candidate(ref, d, np.array(v, dtype=np.uint64)) for ref, d, v in zip(t["ref"], t["digest"], t["hashvalues"])]


class CopyGraph:
    """First copies known only through the pairs of candidates that share an LSH band.

    `older[ref]` lists, for a candidate, the earlier candidates (by `order`) it repeats by
    `copy_kind`; candidates that repeat nothing earlier are first copies from the start. Fed to
    `assign` in order, it makes the same choices as a `DedupIndex` that saw every candidate.
    """

    def __init__(self, older: dict[str, list[tuple[int, str, str]]]) -> None:
        self.older = older  # ref → [(order, ref, kind)] of the earlier candidates it repeats
        self.copies: set[str] = set()

    def first_copy(self, candidate: Candidate) -> Match | None:
        hits = [(order, ref, kind) for order, ref, kind in self.older.get(candidate.ref, ())
                if ref not in self.copies]
        for _, ref, kind in hits:
            if kind == "exact":  # one first copy per digest: an exact repeat of it wins
                self.copies.add(candidate.ref)
                return ref, "exact"
        if hits:
            self.copies.add(candidate.ref)
            return min(hits)[1], "near"
        return None

    def add(self, candidate: Candidate) -> None:
        pass  # a candidate is a first copy unless first_copy found what it repeats


Marks = list[Match | None]


def within_articles(paragraphs: pd.DataFrame) -> tuple[Marks, list[tuple[int, Candidate]]]:
    """Repeats inside each article (by position) and the candidates for the corpus-level rules.

    A paragraph that repeats one earlier in its own article is marked here and is no candidate;
    a candidate is any other content paragraph of at least MIN_CORPUS_WORDS words.
    """
    marks: Marks = [None] * len(paragraphs)
    candidates = []
    seen_in_article: dict[str, str] = {}
    current = None
    for position, row in enumerate(paragraphs[["article_id", "paragraph_index", "text", "is_boilerplate"]]
                                   .itertuples(index=False)):
        if row.article_id != current:
            current, seen_in_article = row.article_id, {}
        key = dedup_key(row.text)
        if row.is_boilerplate or not key:
            continue
        ref = f"{row.article_id}:{row.paragraph_index}"
        if key in seen_in_article:
            marks[position] = seen_in_article[key], "exact"
            continue
        seen_in_article[key] = ref
        if len(key.split()) >= MIN_CORPUS_WORDS:
            candidates.append((position, Candidate(ref, _digest(key), _minhash(key).hashvalues)))
    return marks, candidates


def mark(paragraphs: pd.DataFrame, marks: Marks) -> pd.DataFrame:
    """Fill is_duplicate / duplicate_of / duplicate_kind from the marks (None: not a duplicate)."""
    paragraphs = paragraphs.copy()
    paragraphs["is_duplicate"] = [m is not None for m in marks]
    paragraphs["duplicate_of"] = [m and m[0] for m in marks]
    paragraphs["duplicate_kind"] = [m and m[1] for m in marks]
    return paragraphs


def deduplicate(paragraphs: pd.DataFrame, index: DedupIndex) -> pd.DataFrame:
    """Fill is_duplicate / duplicate_of / duplicate_kind, and add first copies to the index."""
    marks, candidates = within_articles(paragraphs)
    for position, match in assign(candidates, index).items():
        marks[position] = match
    return mark(paragraphs, marks)


def summarise_articles(articles: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Fill `clean_text` (content paragraphs, each once) and `n_duplicate_paragraphs`."""
    articles = articles.copy()
    same_article = paragraphs["duplicate_of"].fillna("").str.split(":").str[0] == paragraphs["article_id"]
    content = paragraphs[~paragraphs["is_boilerplate"] & ~(paragraphs["is_duplicate"] & same_article)]
    text = content.groupby("article_id", sort=False)["text"].agg("\n\n".join)
    dups = paragraphs.groupby("article_id", sort=False)["is_duplicate"].sum()
    articles["clean_text"] = articles["article_id"].map(text).fillna("")
    articles["n_duplicate_paragraphs"] = articles["article_id"].map(dups).fillna(0).astype(int)
    return articles
