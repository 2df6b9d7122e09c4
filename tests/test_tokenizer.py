"""The project tokenizer splits what scraped news glues together, and nothing else."""
import pytest

from pipeline.extract.tokenizer import blank

NLP = blank()


@pytest.mark.parametrize("text, tokens", [
    ("Badan Pengawas Pemilu(Bawaslu)", ["Badan", "Pengawas", "Pemilu", "(", "Bawaslu", ")"]),
    ("Kerja Sama“Pejabat", ["Kerja", "Sama", "“", "Pejabat"]),
    ("Pemkab Kukar)pada", ["Pemkab", "Kukar", ")", "pada"]),
])
def test_glued_tokens_are_split(text, tokens):
    assert [t.text for t in NLP(text)] == tokens


@pytest.mark.parametrize("text, tokens", [
    ("Kodim 0906/Kkr", ["Kodim", "0906", "/", "Kkr"]),
    ("Selasa (19/11/2024)", ["Selasa", "(", "19", "/", "11", "/", "2024", ")"]),
    ("51,28%", ["51,28", "%"]),
    ("prokalteng.co", ["prokalteng.co"]),
])
def test_ordinary_tokens_stay_whole(text, tokens):
    assert [t.text for t in NLP(text)] == tokens


def test_abbreviated_type_words_and_markers_stay_one_token():
    def tokens(text):
        return [t.text for t in NLP(text)]

    assert tokens("Kepala BPS Prov. Kep. Babel hadir di Kec. Bangkinang, Kab. Kampar.") == [
        "Kepala", "BPS", "Prov.", "Kep.", "Babel", "hadir", "di", "Kec.", "Bangkinang", ",", "Kab.", "Kampar", "."]
    assert tokens("Plh. Sekda membuka acara.")[0] == "Plh."
