import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from pipeline import dedup
from pipeline.dedup import DedupIndex, deduplicate, mark, resembles, summarise_articles, within_articles

LONG = "Bupati meminta seluruh aparatur sipil negara menjaga netralitas selama tahapan pilkada berlangsung di daerah"


def refs(series):
    return [x if isinstance(x, str) else None for x in series]


def paras(article_id, texts, boiler=()):
    return pd.DataFrame({
        "article_id": article_id, "paragraph_index": range(len(texts)), "text": texts,
        "is_boilerplate": [i in boiler for i in range(len(texts))],
    })


def test_repeat_within_an_article_any_length():
    out = deduplicate(paras("a", ["Judul", "Isi singkat.", "isi  singkat", "Judul"]), DedupIndex())
    assert out.is_duplicate.tolist() == [False, False, True, True]
    assert refs(out.duplicate_of) == [None, None, "a:1", "a:0"]


def test_repeat_across_articles_needs_a_long_paragraph():
    index = DedupIndex()
    deduplicate(paras("a", [LONG, "Penulis: Slamet"]), index)
    out = deduplicate(paras("b", ["Judul lain", LONG.upper() + "!", "Penulis: Slamet"]), index)
    assert refs(out.duplicate_of) == [None, "a:0", None]
    assert refs(out.duplicate_kind) == [None, "exact", None]


def test_near_duplicate_across_articles():
    index = DedupIndex()
    deduplicate(paras("a", [LONG + " serta tidak mengunggah dukungan kepada pasangan calon di media sosial"]), index)
    edited = LONG + " serta tidak mengunggah dukungan kepada pasangan calon di media sosial mereka"
    out = deduplicate(paras("b", [edited, "Sama sekali berbeda: kepala desa dilaporkan ke Bawaslu karena berpihak"]), index)
    assert refs(out.duplicate_kind) == ["near", None]
    assert refs(out.duplicate_of) == ["a:0", None]


def test_boilerplate_is_never_a_duplicate():
    out = deduplicate(paras("a", ["Baca Juga: X", "Baca Juga: X"], boiler=(0, 1)), DedupIndex())
    assert not out.is_duplicate.any()


def test_index_persists_and_forgets_dropped_articles(tmp_path):
    index = DedupIndex()
    deduplicate(paras("a", [LONG]), index)
    index.save(tmp_path / "index.parquet")
    loaded = DedupIndex.load(tmp_path / "index.parquet")
    assert refs(deduplicate(paras("b", [LONG]), loaded).duplicate_of) == ["a:0"]
    loaded = DedupIndex.load(tmp_path / "index.parquet")
    loaded.drop_articles({"a"})
    assert refs(deduplicate(paras("b", [LONG]), loaded).duplicate_of) == [None]


def test_index_of_several_blocks_is_saved_and_loaded_a_block_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(dedup, "_BLOCK", 2)
    index = DedupIndex()
    texts = [" ".join(f"kata{number}x{word}" for word in range(12)) for number in range(5)]
    for number, text in enumerate(texts):
        deduplicate(paras(f"a{number}", [text]), index)
    index.save(tmp_path / "index.parquet")
    assert pq.ParquetFile(tmp_path / "index.parquet").metadata.num_row_groups == 3
    loaded = DedupIndex.load(tmp_path / "index.parquet")
    assert [row[:2] for row in loaded.rows()] == [row[:2] for row in index.rows()]
    assert all((a[2] == b[2]).all() for a, b in zip(loaded.rows(), index.rows()))
    assert refs(deduplicate(paras("b", [texts[4], texts[0]]), loaded).duplicate_of) == ["a4:0", "a0:0"]


def test_copies_are_found_among_merged_and_recent_entries_and_after_a_drop(monkeypatch):
    """The key indexes merge their recent keys every few entries and the signatures go to disk a block at a time:
    exact and near copies are found whether their first copy was merged or is recent, its signature on disk or
    not, and still after articles are dropped (which renumbers the entries)."""
    monkeypatch.setattr(dedup._KeyIndex, "MERGE_EVERY", 3)
    monkeypatch.setattr(dedup, "_BLOCK", 2)  # signatures on disk but for the last one
    texts = [" ".join(f"kata{number}x{word}" for word in range(30)) for number in range(7)]
    index = DedupIndex()
    for number, text in enumerate(texts):
        deduplicate(paras(f"a{number}", [text]), index)
    assert len(index._by_band._recent) <= 2 * dedup.LSH_BANDS  # merged after the 3rd and 6th entries
    reworded = [text + " lagi" for text in texts]
    out = deduplicate(paras("b", [texts[0], reworded[1], texts[6], reworded[5]]), index)
    assert refs(out.duplicate_of) == ["a0:0", "a1:0", "a6:0", "a5:0"]
    assert refs(out.duplicate_kind) == ["exact", "near", "exact", "near"]
    index.drop_articles({"a0", "a5"})
    assert [ref for ref, _, _ in index.rows()] == ["a1:0", "a2:0", "a3:0", "a4:0", "a6:0"]
    out = deduplicate(paras("c", [texts[0], reworded[5], texts[6], reworded[2]]), index)
    assert refs(out.duplicate_of) == [None, None, "a6:0", "a2:0"]


def test_clean_text_keeps_each_paragraph_once():
    p = deduplicate(paras("a", ["Judul", "Isi.", "Baca Juga: X", "Isi."], boiler=(2,)), DedupIndex())
    arts = summarise_articles(pd.DataFrame({"article_id": ["a"]}), p)
    assert arts.clean_text[0] == "Judul\n\nIsi."
    assert arts.n_duplicate_paragraphs[0] == 1


def test_a_reworded_repeat_within_an_article_is_content():
    lead = LONG + " serta tidak mengunggah dukungan kepada pasangan calon di media sosial"
    reworded = lead + " mereka"
    out = deduplicate(paras("a", [lead, "Isi lain.", reworded]), DedupIndex())
    assert out.is_duplicate.tolist() == [False, False, False]
    index = DedupIndex()
    deduplicate(paras("a", [lead]), index)
    assert refs(deduplicate(paras("b", [reworded]), index).duplicate_kind) == ["near"]


def decided_by_band_buckets(articles: list[pd.DataFrame], earlier: list[pd.DataFrame] = (),
                            given_up: frozenset[int] = frozenset()) -> pd.DataFrame:
    """The Dask engine's way: the first copies of an earlier run (the index's one part, chunk 0) and the
    candidates of many partitions (one per article, chunks 1…), linked within LSH band buckets, decided in
    order by LinkedCopies; the articles of partitions in `given_up` are left out."""
    from pipeline import engine_dask
    index = DedupIndex()
    for p in earlier:
        deduplicate(p, index)
    frames, within = [engine_dask.candidate_frame(0, [(i, dedup.Candidate(ref, digest, signature=sig))
                                                      for i, (ref, digest, sig) in enumerate(index.rows())])], []
    for number, p in enumerate(articles):
        marks, candidates = within_articles(p)
        within.append((marks, candidates))
        frames.append(engine_dask.candidate_frame(number + 1, list(enumerate(c for _, c in candidates))))
    bands = engine_dask.band_rows(pd.concat(frames, ignore_index=True))
    first_new = engine_dask._order(1, 0)
    members, near = engine_dask.bucket_links(bands, first_new)
    decisions = engine_dask._decide(members, near, set(given_up), 1)
    got = []
    for number, (p, (marks, candidates)) in enumerate(zip(articles, within)):
        if number in given_up:
            continue
        for position, candidate in candidates:
            marks[position] = decisions.get(number, {}).get(candidate.ref, marks[position])
        got.append(mark(p, marks))
    return pd.concat(got, ignore_index=True)


def decided_by_the_index(articles: list[pd.DataFrame], earlier: list[pd.DataFrame] = ()) -> pd.DataFrame:
    index = DedupIndex()
    for p in earlier:
        deduplicate(p, index)
    return pd.concat([deduplicate(p, index) for p in articles], ignore_index=True)


def test_pairs_found_by_band_buckets_decide_like_the_index():
    """Band-bucket pairs decided by a CopyGraph mark the same copies as one DedupIndex fed the same
    paragraphs in order."""
    import random

    rng = random.Random(3)
    words = LONG.lower().split() + "serta tidak mengunggah dukungan kepada pasangan calon media sosial".split()
    originals = [" ".join(rng.choice(words) for _ in range(20)) for _ in range(8)]

    def variant(text: str) -> str:  # exact, near (words added), or far from it (words replaced)
        roll = rng.random()
        if roll < 0.3:
            return text.upper()
        if roll < 0.7:
            return text + " " + " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        return " ".join(w if rng.random() < 0.7 else rng.choice(words) for w in text.split())

    articles = [paras(f"art{i:02d}", [variant(rng.choice(originals)) for _ in range(rng.randint(1, 4))])
                for i in range(40)]
    expected = decided_by_the_index(articles)
    got = decided_by_band_buckets(articles)
    assert refs(got.duplicate_of) == refs(expected.duplicate_of)
    assert refs(got.duplicate_kind) == refs(expected.duplicate_kind)
    assert {"exact", "near"} <= set(expected.duplicate_kind.dropna())


def test_both_ways_keep_a_lead_repeated_reworded_in_its_article():
    """An article that repeats its lead reworded keeps both (near copies count only across articles),
    in a band bucket as in the index; the articles copying either take the right first copy."""
    lead = LONG + " serta tidak mengunggah dukungan kepada pasangan calon di media sosial"
    reworded = lead + " mereka"
    _, candidates = within_articles(paras("a", [lead, reworded]))
    assert resembles(candidates[0][1].signature, candidates[1][1].signature)  # they share a band bucket
    articles = [paras("a", [lead, "Isi lain.", reworded]),
                paras("b", [reworded.upper()]),  # exact copy of a:2
                paras("c", ["Judul c", lead + " kemarin"])]  # near both a:0 and a:2: the older one
    for decided in (decided_by_the_index(articles), decided_by_band_buckets(articles)):
        assert refs(decided.duplicate_of) == [None, None, None, "a:2", None, "a:0"]
        assert refs(decided.duplicate_kind) == [None, None, None, "exact", None, "near"]


def test_syndicated_copies_decide_like_the_index():
    """Few paragraphs copied many times, exactly and reworded, across an earlier run and this one, with
    partitions given up: the links decide as one DedupIndex fed the same paragraphs (less those given up)."""
    import random

    words = LONG.lower().split() + "serta tidak mengunggah dukungan kepada pasangan calon media sosial".split()
    for seed in range(4):
        rng = random.Random(seed)
        originals = [" ".join(rng.choice(words) for _ in range(20)) for _ in range(3)]
        reworded = [o + " " + rng.choice(words) for o in originals for _ in range(2)]
        pool = originals + reworded

        def article(name: str) -> pd.DataFrame:
            texts = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
            return paras(name, [t.upper() if rng.random() < 0.5 else t for t in texts])

        earlier = [article(f"old{i:02d}") for i in range(5)]
        articles = [article(f"art{i:02d}") for i in range(60)]
        given_up = frozenset([0, 1, *rng.sample(range(2, 60), 3)])  # the first copies among them
        kept = [p for number, p in enumerate(articles) if number not in given_up]
        expected = decided_by_the_index(kept, earlier)
        got = decided_by_band_buckets(articles, earlier, given_up)
        assert refs(got.duplicate_of) == refs(expected.duplicate_of)
        assert refs(got.duplicate_kind) == refs(expected.duplicate_kind)
        assert {"exact", "near"} <= set(expected.duplicate_kind.dropna())


def test_exact_copies_give_links_in_proportion_to_their_number():
    """A paragraph syndicated by n articles gives n linked candidates (once each, whatever its bands), not
    the n²/2 pairs of every copy with every earlier one."""
    from pipeline import engine_dask
    frames = []
    for number in range(300):
        _, candidates = within_articles(paras(f"art{number:03d}", [LONG + " di kabupaten"]))
        frames.append(engine_dask.candidate_frame(number, list(enumerate(c for _, c in candidates))))
    bands = engine_dask.band_rows(pd.concat(frames, ignore_index=True))
    members, near = engine_dask.bucket_links(bands, 0)
    assert len(members) == 300 and members["order"].is_unique
    assert near.empty
    decisions = engine_dask._decide(members, near, set(), 0)
    assert decisions[1] == {"art001:0": ("art000:0", "exact")}
    assert decisions[299] == {"art299:0": ("art000:0", "exact")}


def test_index_saved_in_parts_loads_whole_in_order(tmp_path):
    """A folder of parts (as the Dask engine's workers write them) loads as one index, parts in order;
    a part still being written is no part."""
    near_b = LONG + " serta tidak mengunggah dukungan kepada pasangan calon di media sosial"
    folder = tmp_path / "dedup_index.parquet"
    folder.mkdir()
    for number, article in enumerate([paras("a", [LONG]), paras("b", ["Judul", near_b])]):
        part = DedupIndex()
        deduplicate(article, part)
        part.save(folder / f"part-{number:09d}.parquet")
    (folder / "part-000000002.parquet.tmp").write_bytes(b"half a part")
    index = DedupIndex.load(folder)
    assert [ref for ref, _, _ in index.rows()] == ["a:0", "b:1"]
    out = deduplicate(paras("c", [LONG.lower(), near_b + " mereka"]), index)
    assert refs(out.duplicate_of) == ["a:0", "b:1"]
    assert refs(out.duplicate_kind) == ["exact", "near"]


def test_minhash_and_banding_are_datasketchs():
    # dedup computes datasketch's MinHash itself (importing datasketch costs ~0.85 s a run); saved indexes and
    # the near-duplicate rule depend on the values being the same.
    from datasketch import MinHash, MinHashLSH

    keys = ["", "satu", "dua kata", "bupati kukar meminta asn menjaga netralitas menjelang pilkada",
            "pj gubernur kaltim akmal malik membuka rapat koordinasi di samarinda pada selasa 19 11 2024",
            " ".join(f"kata{i}" for i in range(300))]
    for key in keys:
        words = key.split()
        expected = MinHash(num_perm=dedup.NUM_PERM, seed=1, scheme="affine32")
        expected.update_batch([" ".join(words[i:i + dedup.SHINGLE]).encode("utf-8")
                               for i in range(max(len(words) - dedup.SHINGLE + 1, 1))])
        assert np.array_equal(dedup.minhash_signature(key), expected.hashvalues), key
        assert dedup.minhash_signature(key).dtype == np.uint32
    lsh = MinHashLSH(threshold=dedup.NEAR_THRESHOLD, num_perm=dedup.NUM_PERM)
    assert (dedup.LSH_BANDS, dedup.LSH_ROWS) == (lsh.b, lsh.r)
