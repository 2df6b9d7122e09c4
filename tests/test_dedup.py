import pandas as pd

from pipeline.dedup import DedupIndex, deduplicate, summarise_articles

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
