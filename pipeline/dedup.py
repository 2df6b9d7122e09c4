"""Deduplicate stage: mark paragraphs that repeat an earlier one, in the article or the corpus.

- Exact: equal after lower-casing and folding punctuation and whitespace (the rule of
  ../shared/spec/ANNOTATION.md). Within an article any repeat counts; across articles only
  paragraphs of at least MIN_CORPUS_WORDS words, so that short stock lines (`Penulis: Slamet`)
  shared by many articles do not hide an article's content.
- Near: across articles, MinHash LSH (datasketch) over word 3-shingles; a paragraph whose
  estimated Jaccard similarity to an earlier one of another article is at least NEAR_THRESHOLD is
  a syndicated copy. Within an article a reworded repeat (a lead summarised again further down) is
  content, not a copy: the spec's within-article duplicates are exact.

"Earlier" means processed earlier: the index persists between runs (see `DedupIndex.save`), and
within a run articles are taken in source order, so results are deterministic.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from datasketch import LeanMinHash, MinHash, MinHashLSH

MIN_CORPUS_WORDS = 8
NEAR_THRESHOLD = 0.8  # Jaccard of word 3-shingles: small edits to a long paragraph stay above it
NUM_PERM = 64
SHINGLE = 3
SCHEME = "affine32"  # fixed, so that signatures saved by one run stay comparable in the next


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


class DedupIndex:
    """First copies seen so far: for each, its exact digest and MinHash signature, in insertion order."""

    def __init__(self) -> None:
        self.refs: list[str] = []  # "article_id:paragraph_index", oldest first
        self.exact: dict[str, str] = {}  # digest → ref
        self.signatures: dict[str, np.ndarray] = {}  # ref → MinHash hash values
        self._order: dict[str, int] = {}
        self._lsh: MinHashLSH | None = None

    @property
    def lsh(self) -> MinHashLSH:
        if self._lsh is None:  # built on first use: a run with nothing new never pays for it
            self._lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
            for ref in self.refs:
                self._lsh.insert(ref, LeanMinHash(seed=1, hashvalues=self.signatures[ref], scheme=SCHEME))
        return self._lsh

    def add(self, ref: str, digest: str, mh: MinHash) -> None:
        self.lsh.insert(ref, mh)
        self._order[ref] = len(self.refs)
        self.refs.append(ref)
        self.exact[digest] = ref
        self.signatures[ref] = mh.hashvalues

    def near(self, mh: MinHash, article_id: str) -> str | None:
        """The oldest indexed paragraph of another article whose estimated Jaccard similarity reaches
        the threshold."""
        hits = [ref for ref in self.lsh.query(mh) if not ref.startswith(f"{article_id}:")
                and np.count_nonzero(mh.hashvalues == self.signatures[ref]) / NUM_PERM >= NEAR_THRESHOLD]
        return min(hits, key=self._order.__getitem__) if hits else None

    def drop_articles(self, article_ids: set[str]) -> None:
        """Forget the paragraphs of removed or changed articles."""
        if not article_ids:
            return
        kept = [ref for ref in self.refs if ref.split(":")[0] not in article_ids]
        digests = {ref: d for d, ref in self.exact.items()}
        self._rebuild([(ref, digests[ref], self.signatures[ref]) for ref in kept])

    def _rebuild(self, rows) -> None:
        self.refs = [ref for ref, _, _ in rows]
        self.exact = {digest: ref for ref, digest, _ in rows}
        self.signatures = {ref: values for ref, _, values in rows}
        self._order = {ref: i for i, ref in enumerate(self.refs)}
        self._lsh = None

    def save(self, path: Path) -> None:
        digests = {ref: d for d, ref in self.exact.items()}
        table = pa.table({
            "ref": self.refs,
            "digest": [digests[r] for r in self.refs],
            "hashvalues": [self.signatures[r].tolist() for r in self.refs],
        }, schema=pa.schema([("ref", pa.string()), ("digest", pa.string()), ("hashvalues", pa.list_(pa.uint64()))]))
        tmp = path.with_suffix(".tmp")
        pq.write_table(table, tmp)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "DedupIndex":
        index = cls()
        if path.exists():
            t = pq.read_table(path).to_pydict()
            index._rebuild([(ref, d, np.array(v, dtype=np.uint64))
                            for ref, d, v in zip(t["ref"], t["digest"], t["hashvalues"])])
        return index


def deduplicate(paragraphs: pd.DataFrame, index: DedupIndex) -> pd.DataFrame:
    """Fill is_duplicate / duplicate_of / duplicate_kind, and add first copies to the index."""
    paragraphs = paragraphs.copy()
    is_dup, dup_of, kind = [], [], []
    seen_in_article: dict[str, str] = {}
    current = None
    for row in paragraphs.itertuples(index=False):
        if row.article_id != current:
            current, seen_in_article = row.article_id, {}
        ref = f"{row.article_id}:{row.paragraph_index}"
        key = dedup_key(row.text)
        first, how = None, None
        if not row.is_boilerplate and key:
            if key in seen_in_article:
                first, how = seen_in_article[key], "exact"
            elif len(key.split()) >= MIN_CORPUS_WORDS:
                digest, mh = _digest(key), _minhash(key)
                first = index.exact.get(digest)
                how = "exact" if first else None
                if first is None and (first := index.near(mh, row.article_id)):
                    how = "near"
                if first is None:
                    index.add(ref, digest, mh)
            seen_in_article.setdefault(key, ref)
        is_dup.append(first is not None)
        dup_of.append(first)
        kind.append(how)
    paragraphs["is_duplicate"] = is_dup
    paragraphs["duplicate_of"] = dup_of
    paragraphs["duplicate_kind"] = kind
    return paragraphs


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
