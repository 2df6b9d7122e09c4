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


def test_a_name_opening_a_sentence_counts_unless_the_article_writes_it_in_lower_case():
    first = doc("Kata Bagas Susilo kepada wartawan.", [("Bagas Susilo", "PERSON")])
    second = doc("Bagas mengungkapkan, harapan warga tinggi.")
    propagate_names([first, second])
    assert ents(second) == [("Bagas", "PERSON")]
    first = doc("Kata Harapan Sinaga kepada wartawan.", [("Harapan Sinaga", "PERSON")])
    second = doc("Harapan kami, warga datang ke TPS dengan harapan baik.")
    propagate_names([first, second])
    assert ents(second) == []


def test_a_run_next_to_a_person_joins_it():
    first = doc("Penulis: Putri Nurjannah Kurita", [("Putri Nurjannah Kurita", "PERSON")])
    second = doc("Laporan wartawan, Putri Nurjannah Kurita hadir.", [("Putri Nurjannah", "PERSON")])
    propagate_names([first, second])
    assert ents(second) == [("Putri Nurjannah Kurita", "PERSON")]


def test_the_other_side_of_a_candidate_pair_is_a_person():
    first = doc("Pasangan Edi Kamtono-Bahasan meraih 72,7 persen.", [("Edi Kamtono", "PERSON")])
    second = doc("Keunggulan Edi-Bahasan tidak lepas dari bahasan program.")
    third = doc("Jhon Tabo-Ones Pahabol unggul.", [("Jhon Tabo", "PERSON"), ("Pahabol", "PERSON")])
    propagate_names([first, second, third])
    assert ents(first) == [("Edi Kamtono", "PERSON"), ("Bahasan", "PERSON")]
    assert ents(second) == [("Edi", "PERSON"), ("Bahasan", "PERSON")]
    assert ents(third) == [("Jhon Tabo", "PERSON"), ("Ones Pahabol", "PERSON")]


def test_a_hyphen_between_places_or_with_spaces_makes_no_person():
    d = doc("Jalan Aceh-Sumut rusak - Budi Santoso melapor.", [("Aceh", "PLACE"), ("Sumut", "PLACE"),
                                                            ("Budi Santoso", "PERSON")])
    propagate_names([d])
    assert ents(d) == [("Aceh", "PLACE"), ("Sumut", "PLACE"), ("Budi Santoso", "PERSON")]


def test_acronyms_and_category_words_in_a_mis_tagged_name_do_not_spread():
    first = doc("Kata Wattimena ASN kepada wartawan.", [("Wattimena ASN", "PERSON")])
    second = doc("Seluruh ASN wajib netral, kata Wattimena.")
    propagate_names([first, second])
    assert ents(second) == [("Wattimena", "PERSON")]


def test_a_running_mate_stops_at_the_region_written_after_the_pair():
    first = doc("Tim relawan Rahmat-Sulastri Kutai Barat menggelar rapat.",
                [("Rahmat", "PERSON"), ("Kutai Barat", "PLACE")])
    second = doc("Warga Kutai Barat datang ke lokasi.", [("Kutai Barat", "PLACE")])
    propagate_names([first, second])
    assert ents(first) == [("Rahmat", "PERSON"), ("Sulastri", "PERSON"), ("Kutai Barat", "PLACE")]
    assert ents(second) == [("Kutai Barat", "PLACE")]


def test_a_ticket_written_as_its_two_short_names_is_two_persons():
    first = doc("Paslon nomor urut 2, Rina Kartika dan Sumarno, unggul.",
                [("Rina Kartika", "PERSON"), ("Sumarno", "PERSON")])
    second = doc("Perolehan suara Rina Sumarno mencapai 54 persen.", [("Rina Sumarno", "PERSON")])
    third = doc("Tim pemenangan Rina Sumarno bersyukur.", [("Rina Sumarno", "PERSON")])
    propagate_names([first, second, third])
    assert ents(second) == [("Rina", "PERSON"), ("Sumarno", "PERSON")]


def test_a_two_word_name_stays_whole_unless_written_twice_beside_both_halves_as_other_names():
    # `Ahmad` starts two names, but no mention holds `Yani` without `Ahmad`.
    first = doc("Ahmad Dahlan dan Ahmad Yani hadir.", [("Ahmad Dahlan", "PERSON"), ("Ahmad Yani", "PERSON")])
    second = doc("Kata Ahmad Yani kemudian.", [("Ahmad Yani", "PERSON")])
    propagate_names([first, second])
    assert ents(second) == [("Ahmad Yani", "PERSON")]
    # Written once, beside `Zainal Abidin` and `Arifin Tasrif`: a person of common names.
    first = doc("Zainal Abidin, Arifin Tasrif dan Zainal Arifin hadir.",
                [("Zainal Abidin", "PERSON"), ("Arifin Tasrif", "PERSON"), ("Zainal Arifin", "PERSON")])
    propagate_names([first])
    assert ents(first)[-1] == ("Zainal Arifin", "PERSON")


def test_a_headline_person_keeps_only_the_words_the_article_uses_for_names():
    headline = doc("Hasil Rekapitulasi, Darmawan Menangkan Pilbup Sintang, Rem Blong Jadi Sorotan",
                   [("Darmawan Menangkan", "PERSON"), ("Sintang", "PLACE"), ("Rem Blong", "PERSON")])
    body = doc("Pasangan Darmawan Yusuf-Rina Andini unggul di Sintang.",
               [("Darmawan Yusuf", "PERSON"), ("Rina Andini", "PERSON"), ("Sintang", "PLACE")])
    propagate_names([headline, body])
    assert ents(headline) == [("Darmawan", "PERSON"), ("Sintang", "PLACE")]
    # a credit line first and a headline whose article names nobody else stay
    byline = doc("Penulis: Yunike Karolina | Editor: Arif Budiman Saputra", [("Yunike Karolina", "PERSON")])
    propagate_names([byline, body])
    assert ents(byline) == [("Yunike Karolina", "PERSON")]
    alone = doc("Darmawan Menangkan Pilbup Sintang Tahun Ini", [("Darmawan Menangkan", "PERSON")])
    propagate_names([alone, doc("Rekapitulasi selesai di Sintang.", [("Sintang", "PLACE")])])
    assert ents(alone) == [("Darmawan Menangkan", "PERSON")]


def test_a_title_case_line_after_the_first_loses_words_after_a_known_name_but_no_person():
    body = doc("Pasangan Darmawan Yusuf-Rina Andini unggul di Sintang.",
               [("Darmawan Yusuf", "PERSON"), ("Rina Andini", "PERSON"), ("Sintang", "PLACE")])
    repeated = doc("Darmawan Menangkan Pilbup Sintang Tahun Ini", [("Darmawan Menangkan", "PERSON")])
    caption = doc("Kepala Bidang Pemerintahan Kampung Yosua Kalaka Memberi Arahan", [("Yosua Kalaka", "PERSON")])
    propagate_names([doc("Rekapitulasi selesai.", []), repeated, caption, body])
    assert ents(repeated) == [("Darmawan", "PERSON")]
    assert ents(caption) == [("Yosua Kalaka", "PERSON")]


def test_a_region_inside_a_mis_tagged_name_does_not_become_a_person_elsewhere():
    first = doc("Hadir pula Jubir Banggar Lombok Tengah kemarin.", [("Jubir Banggar Lombok Tengah", "PERSON")])
    second = doc("Warga Lombok Tengah menunggu hasil rapat.", [("Lombok Tengah", "PLACE")])
    third = doc("Hujan turun di Lombok Tengah sejak pagi.")
    propagate_names([first, second, third])
    assert ents(second) == [("Lombok Tengah", "PLACE")]
    assert ents(third) == []


def test_an_island_inside_a_mis_tagged_name_does_not_become_a_person_elsewhere():
    first = doc("Angka Gini Ratio Sumatera tertinggi.", [("Gini Ratio Sumatera", "PERSON")])
    second = doc("Jambi tertinggi di Sumatera tahun ini.")
    propagate_names([first, second])
    assert ents(second) == []


def test_a_tickets_short_name_is_no_entity_anywhere_in_the_article():
    first = doc("KPU menetapkan pasangan Rudi Hartono dan Ingkong Ala (RUDAL) sebagai pemenang.",
                [("KPU", "ORG"), ("Rudi Hartono", "PERSON"), ("Ingkong Ala", "PERSON"), ("RUDAL", "ORG")])
    second = doc("Paslon RUDAL meraih 46,86 persen.", [("RUDAL", "ORG")])
    third = doc("Di sisi lain, pasangan MARI-YO menerima keputusan ini. Tim SDK-Victory mengklaim menang.",
                [("MARI", "PERSON"), ("YO", "PERSON"), ("SDK", "ORG"), ("Victory", "PERSON")])
    propagate_names([first, second, third])
    assert ents(first) == [("KPU", "ORG"), ("Rudi Hartono", "PERSON"), ("Ingkong Ala", "PERSON")]
    assert ents(second) == []
    assert ents(third) == [("Victory", "PERSON")]  # a nickname may be a person's
    nickname = doc("Pasangan Made Arya-Putu Agus (Mulia-PAS) hanya meraup 38 persen.",
                   [("Made Arya", "PERSON"), ("Putu Agus", "PERSON"), ("Mulia", "PERSON"), ("PAS", "PERSON")])
    propagate_names([nickname])
    assert ents(nickname) == [("Made Arya", "PERSON"), ("Putu Agus", "PERSON"), ("Mulia", "PERSON")]


def test_bodies_and_brackets_that_are_no_tickets_stay():
    first = doc("Pasangan KPU dan Bawaslu (KPU-Bawaslu) bekerja sama.", [("KPU", "ORG"), ("Bawaslu", "ORG")])
    second = doc("Hadir Budi Santoso dari Lembaga Kajian Publik (LKP) dan Bawaslu.",
                 [("Budi Santoso", "PERSON"), ("Lembaga Kajian Publik (LKP)", "ORG"), ("Bawaslu", "ORG")])
    propagate_names([first, second])
    assert ents(first) == [("KPU", "ORG"), ("Bawaslu", "ORG")]
    assert ents(second) == [("Budi Santoso", "PERSON"), ("Lembaga Kajian Publik (LKP)", "ORG"), ("Bawaslu", "ORG")]
