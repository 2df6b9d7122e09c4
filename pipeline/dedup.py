"""Deduplicate stage: mark paragraphs that repeat an earlier one, in the article or the corpus.

- Exact: equal after lower-casing and folding punctuation and whitespace (the rule of
  ../shared/spec/ANNOTATION.md). Within an article any repeat counts; across articles only
  paragraphs of at least MIN_CORPUS_WORDS words, so that short stock lines (`Penulis: Slamet`)
  shared by many articles do not hide an article's content.
- Near: across articles, MinHash over word 3-shingles (datasketch's: `minhash_signature`), banded for
  LSH; a paragraph whose estimated Jaccard similarity to an earlier one of another article is at least
  NEAR_THRESHOLD is a syndicated copy. Within an article a reworded repeat (a lead summarised
  again further down) is content, not a copy: the spec's within-article duplicates are exact.

"Earlier" means processed earlier: the index persists between runs (see `DedupIndex.save`), and
within a run articles are taken in source order, so results are deterministic.

The rules are applied in two steps that both engines share: `within_articles` marks the repeats
inside each article and returns the corpus candidates; `assign` then decides each candidate, in
order, against the first copies before it: a `DedupIndex` (one process, candidates in a stream)
or `LinkedCopies` (links among candidates that share an LSH band, found by the Dask engine's shuffle).
Both apply the same rule: an exact repeat of a first copy of another article, else the oldest one it
`resembles`.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from array import array
from pathlib import Path
from typing import Iterable, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline import store

MIN_CORPUS_WORDS = 8
NEAR_THRESHOLD = 0.8  # Jaccard of word 3-shingles: small edits to a long paragraph stay above it
NUM_PERM = 64
SHINGLE = 3


def dedup_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().lower()


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


# The MinHash of a paragraph's word 3-shingles is datasketch's (2.x, `MinHash(num_perm=64, seed=1,
# scheme="affine32")`), written out here because importing datasketch imports scipy.integrate, 0.85 s of
# every run that extracts anything; tests/test_dedup.py holds both equal. Each shingle's hash (the first 4
# bytes of its SHA-1, little-endian) is mixed by the MurmurHash3 finalizer, then put through 64 affine
# permutations a*h+b modulo 2**32 whose parameters numpy's RandomState(1) draws (a odd); the signature is
# each permutation's minimum.
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    draw = np.random.RandomState(1)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


_PERMUTATION_A, _PERMUTATION_B = _permutations()


def minhash_signature(key: str) -> np.ndarray:
    """The MinHash values (NUM_PERM uint32) of the word 3-shingles of a dedup key."""
    words = key.split()
    shingles = set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE))))) or {" ".join(words)}
    digests = b"".join([hashlib.sha1(s.encode("utf-8")).digest()[:4] for s in shingles])
    h = np.frombuffer(digests, dtype="<u4").astype(np.uint32)[:, None]
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return (h * _PERMUTATION_A + _PERMUTATION_B).min(axis=0)


# LSH banding: two signatures are candidates when all the rows of one band are equal. The numbers are
# datasketch's MinHashLSH optimum for NEAR_THRESHOLD and NUM_PERM (tests/test_dedup.py holds them equal).
LSH_BANDS, LSH_ROWS = 5, 11
_MIX = 0x9E3779B97F4A7C15  # odd: a band's key is a polynomial in it, modulo 2**64
_BLOCK = 4096  # signatures are stored in blocks of this many rows, so that the index grows without copies


_POWERS = np.array([pow(_MIX, k, 1 << 64) for k in range(LSH_ROWS, 0, -1)], dtype=np.uint64)
_OFFSETS = np.array([b * pow(_MIX, LSH_ROWS + 1, 1 << 64) % (1 << 64) for b in range(1, LSH_BANDS + 1)],
                    dtype=np.uint64)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """A 64-bit key for each band of each signature (rows × bands): equal bands have equal keys (unequal
    ones rarely do; `resembles` checks the bands themselves)."""
    bands, rows = LSH_BANDS, LSH_ROWS
    keys = np.empty((len(signatures), bands), dtype=np.uint64)
    for start in range(0, len(signatures), _BLOCK):  # in blocks: small temporary arrays
        values = signatures[start:start + _BLOCK, :bands * rows].astype(np.uint64).reshape(-1, bands, rows)
        keys[start:start + _BLOCK] = (values * _POWERS).sum(axis=2, dtype=np.uint64) + _OFFSETS  # modulo 2**64
    return keys


def resembles(signature: np.ndarray, other: np.ndarray) -> bool:
    """The near-duplicate rule of LSH: the signatures share a band (all its rows equal), and their
    estimated Jaccard similarity reaches NEAR_THRESHOLD."""
    bands, rows = LSH_BANDS, LSH_ROWS
    equal = signature == other
    return bool(equal[:bands * rows].reshape(bands, rows).all(axis=1).any()
                and np.count_nonzero(equal) / NUM_PERM >= NEAR_THRESHOLD)


def _article(ref: str) -> str:
    return ref.rsplit(":", 1)[0]


class Candidate:
    """A paragraph that may repeat, or be repeated by, a paragraph of another article."""

    __slots__ = ("ref", "digest", "_key", "_signature", "_band_keys")

    def __init__(self, ref: str, digest: str, key: str | None = None, signature: np.ndarray | None = None) -> None:
        self.ref = ref  # "article_id:paragraph_index"
        self.digest = digest  # of its dedup key: equal digests are exact repeats
        self._key = key
        self._signature = signature
        self._band_keys: np.ndarray | None = None

    @property
    def article_id(self) -> str:
        return _article(self.ref)

    @property
    def signature(self) -> np.ndarray:
        """MinHash values (uint32), computed from the dedup key on first use: an exact repeat of a known
        first copy never needs them."""
        if self._signature is None:
            self._signature = minhash_signature(self._key)
        return self._signature

    @property
    def band_keys(self) -> np.ndarray:
        """`band_keys` of its signature (LSH_BANDS uint64), computed once: a candidate is looked up, then added."""
        if self._band_keys is None:
            self._band_keys = band_keys(self.signature[None, :])[0]
        return self._band_keys


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


class _KeyIndex:
    """Entry numbers by 64-bit key, several entries per key: a sorted array of (key, entry) pairs plus a dict of
    the pairs added since the last merge (at most MERGE_EVERY entries' worth), so that it costs 12 bytes per pair
    and no Python object once merged. The dict is merged after a fixed number of entries, not a share of the index,
    so that it stays small whatever the index's size (a dict entry, list and ints cost about 250 bytes per entry)."""

    MERGE_EVERY = 4096

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)
        self._entries = np.empty(0, dtype=np.uint32)  # 4 bytes: up to 4 billion paragraphs
        self._recent: dict[int, list[int]] = {}
        self._recent_entries = 0

    def add(self, keys: list[int], entry: int) -> None:
        for key in keys:
            self._recent.setdefault(key, []).append(entry)
        self._recent_entries += 1
        if self._recent_entries >= self.MERGE_EVERY:
            self._merge()

    def extend(self, keys: np.ndarray, entries: np.ndarray) -> None:
        """Many pairs at once (an index loaded or rebuilt): sorted in one pass."""
        self._merge()
        self._insert(keys.astype(np.uint64, copy=False), entries.astype(np.uint32, copy=False))

    def _merge(self) -> None:
        if not self._recent:
            return
        keys = np.fromiter((k for k, es in self._recent.items() for _ in es), dtype=np.uint64)
        entries = np.fromiter((e for es in self._recent.values() for e in es), dtype=np.uint32)
        self._recent, self._recent_entries = {}, 0
        self._insert(keys, entries)

    def _insert(self, keys: np.ndarray, entries: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        keys, entries = keys[order], entries[order]
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys, self._entries = np.insert(self._keys, at, keys), np.insert(self._entries, at, entries)

    def lookup(self, keys: np.ndarray) -> set[int]:
        """The entries filed under any of `keys`."""
        found: set[int] = set()
        lows = np.searchsorted(self._keys, keys, side="left").tolist()
        highs = np.searchsorted(self._keys, keys, side="right").tolist()
        for low, high in zip(lows, highs):
            found.update(self._entries[low:high].tolist())
        for key in keys.tolist():
            found.update(self._recent.get(key, ()))
        return found


class _Signatures:
    """The index's MinHash signatures, oldest first. Full blocks of _BLOCK rows go to a temporary file (unbuffered:
    the page cache holds them, not this process) and are read back a row at a time when a shared band is checked,
    which few candidates need; only the block being filled stays in memory. The signatures are most of an index's
    size (256 of its bytes per paragraph, 69 MB at 30,000 articles). The file has no name (it is gone when closed) and
    lives in `folder`, or in $TMPDIR when None."""

    ROW_BYTES = NUM_PERM * 4

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._file = None  # opened with the first full block
        self._on_disk = 0  # rows in the file
        self._tail = np.empty((_BLOCK, NUM_PERM), dtype=np.uint32)
        self._in_tail = 0

    def __len__(self) -> int:
        return self._on_disk + self._in_tail

    def append(self, rows: np.ndarray) -> None:
        """Rows (n × NUM_PERM uint32) after the last."""
        while len(rows):
            chunk, rows = rows[:_BLOCK - self._in_tail], rows[_BLOCK - self._in_tail:]
            self._tail[self._in_tail:self._in_tail + len(chunk)] = chunk
            self._in_tail += len(chunk)
            if self._in_tail == _BLOCK:
                self._spill()

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(buffering=0, prefix="pilkada-dedup-", dir=self._folder)
        data = memoryview(self._tail).cast("B")
        while data:  # an unbuffered write may write less than asked
            data = data[self._file.write(data):]
        self._on_disk += _BLOCK
        self._in_tail = 0

    def row(self, entry: int) -> np.ndarray:
        return self.rows(entry, entry + 1)[0]

    def rows(self, start: int, stop: int) -> np.ndarray:
        """Rows [start, stop) as one array."""
        parts = []
        if start < self._on_disk:
            end = min(stop, self._on_disk)
            data = os.pread(self._file.fileno(), (end - start) * self.ROW_BYTES, start * self.ROW_BYTES)
            parts.append(np.frombuffer(data, dtype=np.uint32).reshape(-1, NUM_PERM))
        if stop > self._on_disk:
            parts.append(self._tail[max(start - self._on_disk, 0):stop - self._on_disk].copy())  # the tail is reused
        return parts[0] if len(parts) == 1 else np.concatenate(parts) if parts else np.empty((0, NUM_PERM), np.uint32)


class DedupIndex:
    """First copies seen so far: for each, its paragraph's reference, exact digest and MinHash signature, in
    insertion order (entry number = position).

    Near-duplicate candidates are found by LSH banding, as datasketch's MinHashLSH does, and exact repeats by
    digest, both through `_KeyIndex`es; the signatures are kept on disk (`_Signatures`) and each entry's article,
    paragraph and digest in typed arrays. What stays in memory is about 160 bytes per indexed paragraph (41 MB for
    270,000; 900 bytes with a string and a dict entry per paragraph, a large recent-keys dict and the signatures in
    memory, as before).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder  # of the signatures' temporary file (see `_Signatures`)
        self._articles: list[str] = []  # article ids, a new one whenever the entries' article changes
        self._article_of = array("i")  # entry → position in _articles
        self._paragraph_of = array("i")  # entry → paragraph index
        self._digest_high = array("Q")  # entry → the digest's first 16 hex digits, as a number
        self._digest_low = array("H")  # entry → its last 4
        self._signatures = _Signatures(folder)
        self._by_digest = _KeyIndex()  # digest's first 16 hex digits → entries
        self._by_band = _KeyIndex()  # band key → entries

    def __len__(self) -> int:
        return len(self._article_of)

    def _ref(self, entry: int) -> str:
        return f"{self._articles[self._article_of[entry]]}:{self._paragraph_of[entry]}"

    def _article_id(self, entry: int) -> str:
        return self._articles[self._article_of[entry]]

    def _digest(self, entry: int) -> str:
        return f"{self._digest_high[entry]:016x}{self._digest_low[entry]:04x}"

    def first_copy(self, candidate: Candidate) -> Match | None:
        """The first copy of another article that `candidate` repeats: the one with its exact digest (the last
        indexed, if several), else the oldest near one (its signature is computed only then)."""
        high, low = _split_digest(candidate.digest)
        same = [entry for entry in self._by_digest.lookup(np.array([high], dtype=np.uint64))
                if self._digest_low[entry] == low]
        if same and self._article_id(max(same)) != candidate.article_id:
            return self._ref(max(same)), "exact"
        if first := self.near(candidate):
            return first, "near"
        return None

    def _append(self, ref: str, digest: str, values: np.ndarray) -> int:
        entry = len(self)
        self._signatures.append(values[None, :])
        article, paragraph = ref.rsplit(":", 1)
        if not self._articles or self._articles[-1] != article:
            self._articles.append(article)
        self._article_of.append(len(self._articles) - 1)
        self._paragraph_of.append(int(paragraph))
        high, low = _split_digest(digest)
        self._digest_high.append(high)
        self._digest_low.append(low)
        return entry

    def add(self, candidate: Candidate) -> None:
        entry = self._append(candidate.ref, candidate.digest, candidate.signature)
        self._by_digest.add([self._digest_high[entry]], entry)
        self._by_band.add(candidate.band_keys.tolist(), entry)

    def near(self, candidate: Candidate) -> str | None:
        """The oldest indexed paragraph of another article that `candidate` `resembles`."""
        signature, article_id = candidate.signature, candidate.article_id
        hits = [entry for entry in self._by_band.lookup(candidate.band_keys)
                if self._article_id(entry) != article_id and resembles(signature, self._signatures.row(entry))]
        return self._ref(min(hits)) if hits else None

    def drop_articles(self, article_ids: set[str]) -> None:
        """Forget the paragraphs of removed or changed articles."""
        if not article_ids:
            return
        dropped = [number for number, article in enumerate(self._articles) if article in article_ids]
        kept = np.flatnonzero(~np.isin(np.frombuffer(self._article_of, dtype=np.int32), dropped))
        numbers, article_of = np.unique(np.frombuffer(self._article_of, dtype=np.int32)[kept], return_inverse=True)
        signatures, keys = _Signatures(self._folder), []
        for start in range(0, len(self), _BLOCK):  # a block at a time: the signatures stay on disk
            rows = self._signatures.rows(start, start + _BLOCK)
            rows = rows[kept[np.searchsorted(kept, start):np.searchsorted(kept, start + _BLOCK)] - start]
            signatures.append(rows)
            keys.append(band_keys(rows))
        self._rebuild([self._articles[n] for n in numbers.tolist()], article_of,
                      np.frombuffer(self._paragraph_of, dtype=np.int32)[kept],
                      np.frombuffer(self._digest_high, dtype=np.uint64)[kept],
                      np.frombuffer(self._digest_low, dtype=np.uint16)[kept],
                      signatures, np.concatenate(keys) if keys else np.empty((0, LSH_BANDS), dtype=np.uint64))

    def _rebuild(self, articles: list[str], article_of: np.ndarray, paragraph_of: np.ndarray,
                 digest_high: np.ndarray, digest_low: np.ndarray, signatures: _Signatures, keys: np.ndarray) -> None:
        """The index of these entries, oldest first (`article_of` numbers the entries' `articles`, in order; `keys`
        are the signatures' band keys)."""
        self.__init__(self._folder)
        self._signatures = signatures
        self._articles = articles
        self._article_of = array("i", article_of.astype(np.int32).tobytes())
        self._paragraph_of = array("i", paragraph_of.astype(np.int32).tobytes())
        self._digest_high = array("Q", digest_high.astype(np.uint64).tobytes())
        self._digest_low = array("H", digest_low.astype(np.uint16).tobytes())
        entries = np.arange(len(signatures), dtype=np.int64)
        self._by_digest.extend(digest_high, entries)
        self._by_band.extend(keys.ravel(), np.repeat(entries, LSH_BANDS))

    def save(self, path: Path) -> None:
        """One Parquet file, written a block of entries at a time: as one table, a 10,000-article index took
        84 MB of Arrow memory at once, which its allocator then kept."""
        tmp = path.with_suffix(".tmp")
        with pq.ParquetWriter(tmp, INDEX_SCHEMA) as writer:
            for start in range(0, len(self), _BLOCK):  # none for an empty index: the file has its schema
                stop = min(start + _BLOCK, len(self))
                writer.write_table(index_table([self._ref(e) for e in range(start, stop)],
                                               [self._digest(e) for e in range(start, stop)],
                                               self._signatures.rows(start, stop)))
        tmp.replace(path)

    def rows(self) -> list[tuple[str, str, np.ndarray]]:
        """(ref, digest, signature) of every entry, oldest first: what `save` writes."""
        return [(self._ref(e), self._digest(e), self._signatures.row(e)) for e in range(len(self))]

    @classmethod
    def load(cls, path: Path, folder: Path | None = None) -> "DedupIndex":
        """The index saved at `path`: one Parquet file, or a folder of parts in order (the Dask engine's);
        `folder` as for a new index."""
        index = cls(folder)
        refs, digests, keys = [], [], []
        signatures = _Signatures(folder)  # streamed to disk a row group at a time
        for rows in store.row_groups(path):
            refs.append(rows["ref"])
            digests.append(rows["digest"])
            signatures.append(index_signatures(rows))
            keys.append(rows["band_keys"].combine_chunks().flatten().to_numpy().reshape(-1, LSH_BANDS))
        if len(signatures):
            refs = pc.split_pattern(pa.chunked_array(refs), ":", max_splits=1, reverse=True)
            article_ids = pc.list_element(refs, 0).combine_chunks()
            opens = np.concatenate([[True], pc.not_equal(article_ids[1:], article_ids[:-1]).to_numpy(False)])
            high, low = _digest_numbers(pa.chunked_array(digests))
            index._rebuild(article_ids.filter(pa.array(opens)).to_pylist(), np.cumsum(opens) - 1,
                           pc.list_element(refs, 1).cast(pa.int32()).to_numpy(), high, low, signatures,
                           np.concatenate(keys))
        return index


def _digest_numbers(digests: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """`_split_digest` of many digests at once."""
    flat = digests.combine_chunks()
    offsets = np.frombuffer(flat.buffers()[1], dtype=np.int32)[flat.offset:flat.offset + len(flat) + 1]
    if not (np.diff(offsets) == 20).all():
        raise ValueError("a saved dedup index holds a digest that is not 20 hex digits")
    chars = np.frombuffer(flat.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]].reshape(-1, 20)
    nibbles = _HEX_VALUE[chars].astype(np.uint64)
    high = np.bitwise_or.reduce(nibbles[:, :16] << np.arange(60, -1, -4, dtype=np.uint64), axis=1)
    low = np.bitwise_or.reduce(nibbles[:, 16:] << np.arange(12, -1, -4, dtype=np.uint64), axis=1)
    return high, low.astype(np.uint16)


_HEX_VALUE = np.zeros(256, dtype=np.uint8)
_HEX_VALUE[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16, dtype=np.uint8)


def _split_digest(digest: str) -> tuple[int, int]:
    """A digest (20 hex digits) as two numbers that typed arrays hold: its first 16 digits and its last 4."""
    return int(digest[:16], 16), int(digest[16:], 16)


def index_table(refs: list[str], digests: list[str], signatures: np.ndarray) -> pa.Table:
    """Rows of the saved index, oldest first: ref, digest, signature and its band keys (so that loading
    sorts them without computing them again)."""
    return pa.table({
        "ref": pa.array(refs, pa.string()),
        "digest": pa.array(digests, pa.string()),
        "signature": pa.FixedSizeListArray.from_arrays(pa.array(signatures.ravel(), pa.uint32()), NUM_PERM),
        "band_keys": pa.FixedSizeListArray.from_arrays(pa.array(band_keys(signatures).ravel(), pa.uint64()), LSH_BANDS),
    })


INDEX_SCHEMA = index_table([], [], np.empty((0, NUM_PERM), dtype=np.uint32)).schema


def first_copies_table(first_copies: list[Candidate]) -> pa.Table:
    signatures = (np.stack([c.signature for c in first_copies]) if first_copies
                  else np.empty((0, NUM_PERM), dtype=np.uint32))
    return index_table([c.ref for c in first_copies], [c.digest for c in first_copies], signatures)


def index_signatures(table: pa.Table) -> np.ndarray:
    """The signatures of a saved index's rows (rows × NUM_PERM, uint32)."""
    return table["signature"].combine_chunks().flatten().to_numpy().reshape(-1, NUM_PERM)


class LinkedCopies:
    """First copies known only through the links that the Dask engine's shuffle found among candidates
    sharing an LSH band: which candidates share a digest, and which digests' paragraphs `resemble`
    each other (`near[digest]`). Links between digests rather than pairs of candidates, so that n exact
    copies of a syndicated paragraph cost n links, not n²/2 pairs.

    Fed the first copies of earlier runs (`add`), then this run's candidates to `assign` in order, it
    makes the same choices as a `DedupIndex` that saw every candidate: an exact repeat of a first copy
    of another article, else the oldest first copy of another article among the digests it resembles.
    """

    def __init__(self, near: dict[str, set[str]]) -> None:
        self.near = near  # digest → digests whose paragraphs `resemble` its own and share a band with it
        self.first_copies: dict[str, list[tuple[int, str]]] = {}  # digest → [(entry, ref)], oldest first
        self._entries = 0

    def first_copy(self, candidate: Candidate) -> Match | None:
        article = candidate.article_id
        for _, ref in self.first_copies.get(candidate.digest, ()):
            if _article(ref) != article:
                return ref, "exact"
        hits = [(entry, ref) for digest in self.near.get(candidate.digest, ())
                for entry, ref in self.first_copies.get(digest, ()) if _article(ref) != article]
        return (min(hits)[1], "near") if hits else None

    def add(self, candidate: Candidate) -> None:
        self.first_copies.setdefault(candidate.digest, []).append((self._entries, candidate.ref))
        self._entries += 1


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
            candidates.append((position, Candidate(ref, _digest(key), key=key)))
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
