"""Article-level abbreviations of organisations, on Docs whose NER output is set by hand."""
from hand_docs import doc_with_ents as doc

from pipeline.extract.acronyms import propagate_abbreviations


def ents(d):
    return [(e.text, e.label_) for e in d.ents]


def test_a_bracketed_abbreviation_is_an_org_wherever_the_article_writes_it_alone():
    first = doc("Mahasiswa Universitas Jenderal Soedirman (Unsoed) berunjuk rasa.",
                [("Universitas Jenderal Soedirman (Unsoed)", "ORG")])
    second = doc("Rektorat Unsoed lalu mencabut aturan itu, kata Unsoed dalam rilis.", [("Unsoed", "PLACE")])
    third = doc("Badan Eksekutif Mahasiswa Unsoed menyambut baik.", [("Badan Eksekutif Mahasiswa Unsoed", "ORG")])
    propagate_abbreviations([first, second, third])
    assert ents(second) == [("Unsoed", "ORG"), ("Unsoed", "ORG")]
    assert ents(third) == [("Badan Eksekutif Mahasiswa Unsoed", "ORG")]


def test_a_region_or_a_word_that_abbreviates_nothing_before_it_is_no_definition():
    first = doc("Komisi Pemilihan Umum Kalimantan Utara (Kaltara) dan SALAM PAPUA (NABIRE) melapor.",
                [("Komisi Pemilihan Umum Kalimantan Utara (Kaltara)", "ORG"), ("SALAM PAPUA (NABIRE)", "ORG")])
    second = doc("Warga Kaltara dan NABIRE menunggu hasil.", [("Kaltara", "PLACE")])
    propagate_abbreviations([first, second])
    assert ents(second) == [("Kaltara", "PLACE")]


def test_a_repeat_before_kabupaten_kota_names_a_kind_of_body():
    first = doc("Komisi Pemilihan Umum (KPU) Sulteng menggelar pleno.", [("Komisi Pemilihan Umum (KPU) Sulteng", "ORG")])
    second = doc("Ia berterima kasih kepada KPU kabupaten/kota dan KPU lain.")
    propagate_abbreviations([first, second])
    assert ents(second) == [("KPU", "ORG")] and second.ents[0].start == 9


def test_an_abbreviation_read_as_a_first_name_leaves_the_name_after_it():
    first = doc("Mahasiswa Universitas Jenderal Soedirman (Unsoed) berunjuk rasa.",
                [("Universitas Jenderal Soedirman (Unsoed)", "ORG")])
    second = doc("Kata Presiden BEM Unsoed Maulana Ihsanul Huda kemarin.",
                 [("BEM", "ORG"), ("Unsoed Maulana Ihsanul Huda", "PERSON")])
    propagate_abbreviations([first, second])
    assert ents(second) == [("BEM Unsoed", "ORG"), ("Maulana Ihsanul Huda", "PERSON")]


def test_a_units_acronym_before_the_institutions_abbreviation_is_one_org():
    first = doc("Mahasiswa Universitas Jenderal Soedirman (Unsoed) berunjuk rasa.",
                [("Universitas Jenderal Soedirman (Unsoed)", "ORG")])
    second = doc("Kata Presiden BEM Unsoed kemarin di depan KPU Unsoed.", [("BEM", "ORG"), ("Unsoed", "ORG")])
    propagate_abbreviations([first, second])
    assert ents(second) == [("BEM Unsoed", "ORG"), ("Unsoed", "ORG")]
