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
from datasketch import MinHash, MinHashLSH

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


def _banding() -> tuple[int, int]:
    """(bands, rows per band) of datasketch's LSH for NEAR_THRESHOLD and NUM_PERM: two signatures are
    candidates when all the rows of one band are equal."""
    global _BANDING
    if _BANDING is None:
        lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
        _BANDING = (lsh.b, lsh.r)
    return _BANDING


_BANDING: tuple[int, int] | None = None
_MIX = 0x9E3779B97F4A7C15  # odd: a band's key is a polynomial in it, modulo 2**64
_BLOCK = 4096  # signatures are stored in blocks of this many rows, so that the index grows without copies


def _band_keys(signatures: np.ndarray) -> np.ndarray:
    """A 64-bit key for each band of each signature (rows × bands): equal bands have equal keys (unequal
    ones rarely do; candidates are checked band by band)."""
    bands, rows = _banding()
    powers = np.array([pow(_MIX, k, 1 << 64) for k in range(rows, 0, -1)], dtype=np.uint64)
    offsets = np.array([b * pow(_MIX, rows + 1, 1 << 64) % (1 << 64) for b in range(1, bands + 1)], dtype=np.uint64)
    keys = np.empty((len(signatures), bands), dtype=np.uint64)
    for start in range(0, len(signatures), _BLOCK):  # in blocks: small temporary arrays
        values = signatures[start:start + _BLOCK, :bands * rows].astype(np.uint64).reshape(-1, bands, rows)
        keys[start:start + _BLOCK] = (values * powers).sum(axis=2, dtype=np.uint64) + offsets  # modulo 2**64
    return keys


class DedupIndex:
    """First copies seen so far: for each, its exact digest and MinHash signature, in insertion order.

    Near-duplicate candidates are found by LSH banding, as datasketch's MinHashLSH does, but the band keys
    are kept in one sorted array (plus a dict of the entries added since it was last sorted) and the
    signatures in uint32 blocks: a few hundred bytes per indexed paragraph instead of several kilobytes
    of Python objects, and an index of any size loads in one vectorised pass.
    """

    def __init__(self) -> None:
        self.refs: list[str] = []  # "article_id:paragraph_index", oldest first (entry number = position)
        self._exact: dict[str, int] = {}  # digest → entry
        self._blocks: list[np.ndarray] = []  # signatures, _BLOCK rows each
        self._sorted_keys = np.empty(0, dtype=np.uint64)  # band keys of entries [0, _sorted_upto)
        self._sorted_entries = np.empty(0, dtype=np.int64)
        self._sorted_upto = 0
        self._recent: dict[int, list[int]] = {}  # band key → entries added since the last sort

    def __len__(self) -> int:
        return len(self.refs)

    def first_copy(self, digest: str) -> str | None:
        """The indexed paragraph with this exact digest, if any."""
        entry = self._exact.get(digest)
        return None if entry is None else self.refs[entry]

    def _signature(self, entry: int) -> np.ndarray:
        return self._blocks[entry // _BLOCK][entry % _BLOCK]

    def _signatures(self, start: int, stop: int) -> np.ndarray:
        rows = [self._blocks[b][max(start - b * _BLOCK, 0):stop - b * _BLOCK]
                for b in range(start // _BLOCK, (stop + _BLOCK - 1) // _BLOCK)]
        return np.concatenate(rows) if rows else np.empty((0, NUM_PERM), dtype=np.uint32)

    def _append(self, ref: str, digest: str, values: np.ndarray) -> int:
        entry = len(self.refs)
        if entry % _BLOCK == 0:
            self._blocks.append(np.empty((_BLOCK, NUM_PERM), dtype=np.uint32))
        self._blocks[-1][entry % _BLOCK] = values
        self.refs.append(ref)
        self._exact[digest] = entry
        return entry

    def add(self, ref: str, digest: str, mh: MinHash) -> None:
        entry = self._append(ref, digest, mh.hashvalues)
        for key in _band_keys(mh.hashvalues[None, :])[0].tolist():
            self._recent.setdefault(key, []).append(entry)
        if len(self.refs) - self._sorted_upto >= max(_BLOCK, self._sorted_upto // 4):
            self._sort_keys()

    def _sort_keys(self, new: np.ndarray | None = None) -> None:
        """Move the band keys of the recent entries (computed here unless given) into the sorted array."""
        bands, _ = _banding()
        if new is None:
            new = _band_keys(self._signatures(self._sorted_upto, len(self.refs)))
        keys = np.concatenate([self._sorted_keys, new.ravel()])
        entries = np.concatenate([self._sorted_entries,
                                  np.repeat(np.arange(self._sorted_upto, len(self.refs), dtype=np.int64), bands)])
        order = np.argsort(keys, kind="stable")
        self._sorted_keys, self._sorted_entries = keys[order], entries[order]
        self._sorted_upto = len(self.refs)
        self._recent = {}

    def near(self, mh: MinHash, article_id: str) -> str | None:
        """The oldest indexed paragraph of another article whose estimated Jaccard similarity reaches
        the threshold."""
        bands, rows = _banding()
        query = mh.hashvalues
        keys = _band_keys(query[None, :])[0]
        candidates: set[int] = set()
        lows = np.searchsorted(self._sorted_keys, keys, side="left").tolist()
        highs = np.searchsorted(self._sorted_keys, keys, side="right").tolist()
        for low, high in zip(lows, highs):
            candidates.update(self._sorted_entries[low:high].tolist())
        for key in keys.tolist():
            candidates.update(self._recent.get(key, ()))
        query_bands = query[:bands * rows].reshape(bands, rows)
        hits = []
        same_article = f"{article_id}:"
        for entry in candidates:
            if self.refs[entry].startswith(same_article):
                continue
            values = self._signature(entry)
            if ((values[:bands * rows].reshape(bands, rows) == query_bands).all(axis=1).any()
                    and np.count_nonzero(query == values) / NUM_PERM >= NEAR_THRESHOLD):
                hits.append(entry)
        return self.refs[min(hits)] if hits else None

    def drop_articles(self, article_ids: set[str]) -> None:
        """Forget the paragraphs of removed or changed articles."""
        if not article_ids:
            return
        kept = [entry for entry, ref in enumerate(self.refs) if ref.split(":")[0] not in article_ids]
        digests = {entry: digest for digest, entry in self._exact.items()}
        signatures = self._signatures(0, len(self.refs))[kept]
        self._rebuild([self.refs[e] for e in kept], [digests[e] for e in kept], signatures)

    def _rebuild(self, refs: list[str], digests: list[str], signatures: np.ndarray,
                 band_keys: np.ndarray | None = None) -> None:
        self.__init__()
        self.refs = list(refs)
        self._exact = {digest: entry for entry, digest in enumerate(digests)}
        for start in range(0, len(refs), _BLOCK):
            block = np.empty((_BLOCK, NUM_PERM), dtype=np.uint32)
            chunk = signatures[start:start + _BLOCK]
            block[:len(chunk)] = chunk
            self._blocks.append(block)
        if self.refs:
            self._sort_keys(band_keys)

    def save(self, path: Path) -> None:
        """One row per entry, in order: ref, digest, signature and its band keys (so that loading sorts them
        without computing them again)."""
        digests = {entry: digest for digest, entry in self._exact.items()}
        signatures = self._signatures(0, len(self.refs))
        bands, _ = _banding()
        table = pa.table({
            "ref": pa.array(self.refs, pa.string()),
            "digest": pa.array([digests[e] for e in range(len(self.refs))], pa.string()),
            "signature": pa.FixedSizeListArray.from_arrays(pa.array(signatures.ravel(), pa.uint32()), NUM_PERM),
            "band_keys": pa.FixedSizeListArray.from_arrays(pa.array(_band_keys(signatures).ravel(), pa.uint64()), bands),
        })
        tmp = path.with_suffix(".tmp")
        pq.write_table(table, tmp)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "DedupIndex":
        index = cls()
        if path.exists():
            t = pq.read_table(path)
            bands, _ = _banding()
            signatures = t["signature"].combine_chunks().flatten().to_numpy().reshape(-1, NUM_PERM)
            band_keys = t["band_keys"].combine_chunks().flatten().to_numpy().reshape(-1, bands)
            index._rebuild(t["ref"].to_pylist(), t["digest"].to_pylist(), signatures, band_keys)
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
                digest = _digest(key)
                first = index.first_copy(digest)
                how = "exact" if first else None
                if first is None:
                    mh = _minhash(key)
                    if first := index.near(mh, row.article_id):
                        how = "near"
                    else:
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
