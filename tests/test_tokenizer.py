"""The project tokenizer splits what scraped news glues together, and nothing else."""
import pickle

import pytest
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer

from pipeline.extract import tokenizer as tokenizer_module
from pipeline.extract.model import model_path
from pipeline.extract.tokenizer import blank

NLP = blank()


@pytest.mark.parametrize("text, tokens", [
    ("Badan Pengawas Pemilu(Bawaslu)", ["Badan", "Pengawas", "Pemilu", "(", "Bawaslu", ")"]),
    ("Kerja Sama“Pejabat", ["Kerja", "Sama", "“", "Pejabat"]),
    ("Pemkab Kukar)pada", ["Pemkab", "Kukar", ")", "pada"]),
    ("nomor urut 3,Lalu Iqbal", ["nomor", "urut", "3", ",", "Lalu", "Iqbal"]),
    ("Medan. -Komisi Pemilihan", ["Medan", ".", "-", "Komisi", "Pemilihan"]),
    ("bisa dilakukan.--Rusman Afrizal", ["bisa", "dilakukan.", "--", "Rusman", "Afrizal"]),
    ("Jiafni Rismawarni/ TribunBengkulu.com", ["Jiafni", "Rismawarni", "/", "TribunBengkulu.com"]),
])
def test_glued_tokens_are_split(text, tokens):
    assert [t.text for t in NLP(text)] == tokens


@pytest.mark.parametrize("text, tokens", [
    ("Kaltimkita.com/Rahmat Hidayat", ["Kaltimkita.com", "/", "Rahmat", "Hidayat"]),
    ("Foto: Prokal.co/dok.Siti Aminah", ["Foto", ":", "Prokal.co", "/", "dok", ".", "Siti", "Aminah"]),
])
def test_a_credit_glued_to_an_outlets_domain_is_no_url(text, tokens):
    assert [t.text for t in NLP(text)] == tokens


@pytest.mark.parametrize("text, tokens", [
    ("Kodim 0906/Kkr", ["Kodim", "0906", "/", "Kkr"]),
    ("Selasa (19/11/2024)", ["Selasa", "(", "19", "/", "11", "/", "2024", ")"]),
    ("51,28%", ["51,28", "%"]),
    ("Rp3,5miliar", ["Rp", "3,5", "miliar"]),
    ("prokalteng.co", ["prokalteng.co"]),
    ("suhu -5 derajat, pasangan Isran-Hadi", ["suhu", "-5", "derajat", ",", "pasangan", "Isran", "-", "Hadi"]),
    ("https://kaltimkita.com/Berita", ["https://kaltimkita.com/Berita"]),
    ("kompas.com/read/2024/11/27/netralitas", ["kompas.com/read/2024/11/27/netralitas"]),
])
def test_ordinary_tokens_stay_whole(text, tokens):
    assert [t.text for t in NLP(text)] == tokens


def test_abbreviated_type_words_and_markers_stay_one_token():
    def tokens(text):
        return [t.text for t in NLP(text)]

    assert tokens("Kepala BPS Prov. Kep. Babel hadir di Kec. Bangkinang, Kab. Kampar.") == [
        "Kepala", "BPS", "Prov.", "Kep.", "Babel", "hadir", "di", "Kec.", "Bangkinang", ",", "Kab.", "Kampar", "."]
    assert tokens("Plh. Sekda membuka acara.")[0] == "Plh."


# Sentences written for these tests, with exception words alone, glued to others and next to punctuation.
WHOLE_WORD_TEXTS = [
    "Warga sehari-hari bekerja di kebun, masing-masing membawa bekal.",
    "Seragam abu-abu/hitam dipakai petugas KPPS.",
    "Spanduk x-abu-abu dan abu-abu-abu tertempel di pagar.",
    "Warna (abu-abu) itu dipilih; abu - abu bukan satu kata.",
    "Dia datang sehari-hari.Lalu pulang.",
    "Gelar S.Pd.I. dan dll. ditulis di papan,(dll.",
    "Plh.Sekda hadir,masing-masing/sehari-hari,tanggung-jawab.",
]


def stock_tokenizer(tokenizer):
    """spaCy's own Tokenizer with every exception loaded as a special case (the slow, reference build)."""
    rules = {**tokenizer.rules, **{word: [{ORTH: word}] for word in tokenizer.whole_words}}
    return Tokenizer(NLP.vocab, rules=rules, prefix_search=tokenizer.prefix_search,
                     suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                     url_match=tokenizer.url_match)


def token_rows(doc):
    return [(t.text, t.whitespace_, t.idx, t.norm_, t.shape_) for t in doc]


def test_whole_word_set_tokenizes_like_spacy_special_cases():
    reference = stock_tokenizer(NLP.tokenizer)
    for text in WHOLE_WORD_TEXTS:
        assert token_rows(NLP.tokenizer(text)) == token_rows(reference(text)), text
    assert [t.text for t in NLP("Seragam abu-abu/hitam")] == ["Seragam", "abu-abu", "/", "hitam"]


def test_tokenizer_survives_serialisation_and_pickling():
    restored = blank().tokenizer.from_bytes(NLP.tokenizer.to_bytes())
    copied = pickle.loads(pickle.dumps(NLP.tokenizer))
    assert restored.whole_words == copied.whole_words == NLP.tokenizer.whole_words
    for text in WHOLE_WORD_TEXTS:
        rows = token_rows(NLP.tokenizer(text))
        assert token_rows(restored(text)) == rows
        assert token_rows(copied(text)) == rows


def test_a_saved_tokenizer_is_read_without_deriving_its_tables_again(monkeypatch):
    saved = NLP.tokenizer.to_bytes()

    def derive(*args):
        raise AssertionError("derived again")

    monkeypatch.setattr(tokenizer_module.WholeWordTokenizer, "_is_whole_word", derive)
    monkeypatch.setattr(tokenizer_module, "_inner_joins_of", derive)
    restored = tokenizer_module.WholeWordTokenizer(NLP.vocab).from_bytes(saved)
    assert restored.whole_words == NLP.tokenizer.whole_words and restored.rules == NLP.tokenizer.rules
    for text in WHOLE_WORD_TEXTS:
        assert token_rows(restored(text)) == token_rows(NLP.tokenizer(text))


def test_the_shipped_model_holds_the_tokenizer_this_code_builds():
    # The model's `tokenizer` file is what a load reads (nlp.load); after a change to this tokenizer, save it again
    # (`python -m pipeline.extract.tokenizer`) or retrain.
    assert (model_path() / "tokenizer").read_bytes() == NLP.tokenizer.to_bytes(exclude=["vocab"])


def test_prefix_regex_is_anchored_so_match_finds_what_search_does():
    # WholeWordTokenizer sorts the exceptions with `match`, spaCy tokenizes with `search`.
    tokenizer = NLP.tokenizer
    words = [*tokenizer.rules, *tokenizer.whole_words, "US$5", "Rp10.000", "(abu-abu)", "“Kata"]
    regex = tokenizer.prefix_search.__self__
    for word in words:
        found, matched = regex.search(word), regex.match(word)
        assert (found and found.span()) == (matched and matched.span()), word
