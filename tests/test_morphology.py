"""Inflected verbs and common words against names (Sastrawi's roots)."""
import pytest

from pipeline.extract.morphology import is_common_word, is_inflected_verb


@pytest.mark.parametrize("word", ["Diakui", "Bagikan", "Merespons", "Mengatakan", "Berharap", "Tercatat",
                                  "Dijelaskan", "Menyikapi", "Disinggung", "Dipilih"])
def test_verbs_with_affixes_on_a_root(word):
    assert is_inflected_verb(word)


@pytest.mark.parametrize("word", ["Dimas", "Diana", "Dimyati", "Diponegoro", "Megawati", "Permata", "Bertha", "Menteri", "Murni", "Hadi",
                                  "Tukan", "Rp", "Agus", "Nyoman"])
def test_names_and_plain_words(word):
    assert not is_inflected_verb(word)


@pytest.mark.parametrize("word", ["Pembangunan", "Kehutanan", "Perikanan", "Kependudukan", "Lingkungan", "Politik",
                                  "Penyakit", "Pemimpin"])
def test_derived_nouns_and_roots_are_common_words(word):
    assert is_common_word(word)


@pytest.mark.parametrize("word", ["Sulkan", "Darminto", "Rismanauli", "Oksibil"])
def test_names_are_no_common_words(word):
    assert not is_common_word(word)


@pytest.mark.parametrize("word", ["Menurutnya", "Katanya", "Itulah", "Dipilihnya"])
def test_words_with_an_enclitic_are_common_words(word):
    assert is_common_word(word)


@pytest.mark.parametrize("word", ["Abdullah", "Saifullah", "Sonya"])
def test_names_ending_like_an_enclitic_are_no_common_words(word):
    assert not is_common_word(word)
