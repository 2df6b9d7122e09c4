"""Article-level person-name consistency, on Docs whose NER output is set by hand."""
from hand_docs import doc_with_ents as doc

from pipeline.extract.names import propagate_names


def ents(d):
    return [(e.text, e.label_) for e in d.ents]


def test_short_mentions_of_a_known_name_become_person():
    first = doc("Kepala Dinas Kesehatan Suyuti Syamsul hadir.", [("Suyuti Syamsul", "PERSON")])
    second = doc("Menurut Suyuti, stok obat aman.", [("Suyuti", "PLACE")])
    third = doc("Hal itu disampaikan Syamsul kepada wartawan.")
    propagate_names([first, second, third])
    assert ents(second) == [("Suyuti", "PERSON")]
    assert ents(third) == [("Syamsul", "PERSON")]


def test_name_swallowed_by_an_organisation_is_cut_off():
    first = doc("Kata Sutoko kemarin.", [("Sutoko", "PERSON")])
    second = doc("Kepala Dinas Pendidikan Sumsel Sutoko mengatakan itu.", [("Dinas Pendidikan Sumsel Sutoko", "ORG")])
    propagate_names([first, second])
    assert ents(second) == [("Dinas Pendidikan Sumsel", "ORG"), ("Sutoko", "PERSON")]


def test_no_person_means_no_change_and_sentence_openers_are_left_alone():
    first = doc("Atas Lubis hadir di Kendal.", [("Atas Lubis", "PERSON"), ("Kendal", "PLACE")])
    second = doc("Atas kejadian itu warga melapor ke Kendal.", [("Kendal", "PLACE")])
    propagate_names([first, second])
    assert ents(second) == [("Kendal", "PLACE")]  # `Atas` opens the sentence; `Kendal` is a region
    lone = doc("Bawaslu Kendal memanggil kepala desa.", [("Bawaslu Kendal", "ORG")])
    propagate_names([lone])
    assert ents(lone) == [("Bawaslu Kendal", "ORG")]
