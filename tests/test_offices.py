"""OFFICE extraction (`office_ruler`) on sentences written for these tests in the style of regional news.

NER output is set by hand (`doc.ents`), so the tests do not depend on the trained model.
"""
import numpy
import pytest
import spacy
from spacy.tokens import SpanGroup

from pipeline.extract.offices import OfficeRuler, combined_offices, find_offices
from pipeline.extract.spans import OFFICE_KEY, OFFICE_MODEL_KEY

NLP = spacy.blank("id")


def make_doc(text: str, ents: list[tuple[str, str]] = ()):
    """A Doc with the given (substring, label) entities set as NER output (first occurrence of each substring)."""
    doc = NLP.make_doc(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in ents]
    return doc


def offices(text: str, ents: list[tuple[str, str]] = ()) -> list[str]:
    return [s.text for s in find_offices(make_doc(text, ents))]


def at(text: str, surface: str, after: int = 0) -> tuple[int, int]:
    """Character offsets of `surface` in `text`, its first occurrence from `after` on."""
    start = text.index(surface, after)
    return start, start + len(surface)


def with_proposals(doc, spans: list[tuple[int, int]]):
    """`doc` with the span categorizer's OFFICE proposals set by hand (character offsets), scored best first."""
    group = SpanGroup(doc, name=OFFICE_MODEL_KEY, spans=[doc.char_span(a, b, label="OFFICE") for a, b in spans])
    group.attrs["scores"] = numpy.array([0.9 - 0.1 * k for k in range(len(spans))])
    doc.spans[OFFICE_MODEL_KEY] = group
    return doc


@pytest.mark.parametrize("text, ents, expected", [
    # acting and deputy markers, with and without bracketed abbreviations
    ("Acara dibuka Pj Gubernur Kaltim Budi Santoso di Samarinda.", [("Budi Santoso", "PERSON")], ["Pj Gubernur Kaltim"]),
    ("Kegiatan dibuka Pejabat Sementara (Pjs) Bupati Kutai Timur (Kutim) Agus Salim kemarin.",
     [("Agus Salim", "PERSON")], ["Pejabat Sementara (Pjs) Bupati Kutai Timur (Kutim)"]),
    ("Penjabat (Pj) Gubernur Kalimantan Utara (Kaltara), Rudi Hartono, hadir.", [("Rudi Hartono", "PERSON")],
     ["Penjabat (Pj) Gubernur Kalimantan Utara (Kaltara)"]),
    ("Plh. Sekretaris Daerah, Andi Rahman, membuka rapat.", [("Andi Rahman", "PERSON")], ["Plh. Sekretaris Daerah"]),
    ("Pelaksana Tugas (Plt) Kepala Dinas Kesehatan Kabupaten Berau, Siti Aminah, mengatakan stok aman.",
     [("Siti Aminah", "PERSON")], ["Pelaksana Tugas (Plt) Kepala Dinas Kesehatan Kabupaten Berau"]),
    ("Rapat dihadiri Wakil Bupati Sleman dan jajaran.", [], ["Wakil Bupati Sleman"]),
    ("Penjabat Sekretaris Daerah (Pj Sekda) Kabupaten Paser memimpin apel.", [],
     ["Penjabat Sekretaris Daerah (Pj Sekda) Kabupaten Paser"]),
])
def test_markers(text, ents, expected):
    assert offices(text, ents) == expected


@pytest.mark.parametrize("text, ents, expected", [
    ("Hal itu disampaikan Camat Tenggarong saat apel pagi.", [], ["Camat Tenggarong"]),
    ("Surat diterima Lurah Sukajadi pekan lalu.", [], ["Lurah Sukajadi"]),
    ("Sekda Kabupaten Paser Yusuf Kurniawan menegaskan hal itu.", [("Yusuf Kurniawan", "PERSON")],
     ["Sekda Kabupaten Paser"]),
    ("Kepala Dinas Pendidikan dan Kebudayaan (Disdikbud) Kota Samarinda meninjau sekolah.", [],
     ["Kepala Dinas Pendidikan dan Kebudayaan (Disdikbud) Kota Samarinda"]),
    ("Kabid Pemerintahan Desa Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kukar yakni Rina Wati hadir.",
     [("Rina Wati", "PERSON")], ["Kabid Pemerintahan Desa Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kukar"]),
    ("Turut hadir Asisten Pemerintahan dan Kesejahteraan Rakyat, para camat dan lurah.", [],
     ["Asisten Pemerintahan dan Kesejahteraan Rakyat"]),
    ("Materi dibawakan Staf Ahli Gubernur Bidang Hukum, Politik dan Pemerintahan, Dedi Irawan.",
     [("Dedi Irawan", "PERSON")], ["Staf Ahli Gubernur Bidang Hukum, Politik dan Pemerintahan"]),
    ("Ketua Bawaslu Kendal, Sri Wahyuni mengatakan laporan masih diproses.",
     [("Bawaslu Kendal", "ORG"), ("Sri Wahyuni", "PERSON")], ["Ketua Bawaslu Kendal"]),
    ("Menurut Komisioner KPU Kota Bontang, logistik sudah tiba.", [], ["Komisioner KPU Kota Bontang"]),
    ("Kapolres Paser AKBP Novy Adi menyiagakan personel.", [], ["Kapolres Paser"]),
    ("Kepala SMKN 1 Tenggarong, Wahyudi, menerima bantuan.", [("Wahyudi", "PERSON")], ["Kepala SMKN 1 Tenggarong"]),
    ("Rektor Universitas Mulawarman membuka seminar.", [("Universitas Mulawarman", "ORG")],
     ["Rektor Universitas Mulawarman"]),
    ("Surat itu ditandatangani Menteri Dalam Negeri pada Juni.", [], ["Menteri Dalam Negeri"]),
    # the portfolio completes a minister's office: the capitalised words after it are the holder, tagged or not
    ("Rapat dihadiri Wakil Menteri Dalam Negeri Bima Arya Sugiarto di Jayapura.", [],
     ["Wakil Menteri Dalam Negeri"]),
    ("Rapat dihadiri Menteri Dalam Negeri (Mendagri) RI Bima Arya di Jayapura.", [("Bima", "PLACE")],
     ["Menteri Dalam Negeri (Mendagri) RI"]),
    ("Kepala Kejaksaan Negeri (Kejari) Samarinda memeriksa berkas.", [],
     ["Kepala Kejaksaan Negeri (Kejari) Samarinda"]),
    ("Kepala Desa Bukit Harapan, Slamet, membantah.", [("Slamet", "PERSON")], ["Kepala Desa Bukit Harapan"]),
])
def test_heads_and_qualifiers(text, ents, expected):
    assert offices(text, ents) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rapat dipimpin walikota Balikpapan di balai kota.", ["walikota Balikpapan"]),
    ("SAMBUTAN WALI KOTA SAMARINDA DIBACAKAN ASISTEN", ["WALI KOTA SAMARINDA"]),
    ("Laporan akan diteruskan kepada bupati paser untuk ditindaklanjuti.", ["bupati paser"]),
    ("Edaran mendagri sudah diterima semua daerah.", ["mendagri"]),
])
def test_case_variants(text, expected):
    assert offices(text) == expected


def test_unseen_jurisdiction_is_read_from_capitalised_words():
    # `Sukamakmur Jaya` is in no gazetteer: the village name still completes the office.
    assert offices("Lurah Sukamakmur Jaya, Budi, menerima warga.", [("Budi", "PERSON")]) == ["Lurah Sukamakmur Jaya"]


@pytest.mark.parametrize("text, expected", [
    ("“Semua ASN wajib netral,” tegas Sekda.", ["Sekda"]),
    ("Personel sudah disiagakan, kata Kapolres.", ["Kapolres"]),
    ("Piagam diserahkan di Kantor Bupati, Senin.", ["Bupati"]),
    ("Bupati dan Wakil Bupati Paser terpilih dilantik.", ["Bupati", "Wakil Bupati Paser"]),
])
def test_bare_titles_for_a_specific_holder(text, expected):
    assert offices(text) == expected


def test_a_national_offices_act_names_the_office_but_a_kind_of_legislation_does_not():
    assert offices("Sesuai Keputusan Menteri Dalam Negeri Nomor 100 Tahun 2024 tentang Pjs.") == ["Menteri Dalam Negeri"]
    assert offices("Hal itu diatur Peraturan Mendagri Nomor 4 Tahun 2023.") == ["Mendagri"]
    assert offices("Program itu dibiayai instruksi presiden (Inpres) tahun 2023.") == []
    assert offices("Aturan itu tertuang dalam Peraturan Rektor Nomor 6.") == []


def test_a_title_needing_a_qualifier_stands_alone_before_its_holders_name():
    assert offices("Amar putusan dibacakan Hakim Konstitusi, M Guntur Hamzah.", [("M Guntur Hamzah", "PERSON")]) == [
        "Hakim Konstitusi"]
    assert offices("Amar putusan dibacakan Hakim Konstitusi lainnya.") == []


@pytest.mark.parametrize("text", [
    "Sosialisasi diikuti para camat dan lurah se-Kukar.",
    "Turut hadir Para Kepala OPD dan perwakilan instansi.",
    "Seluruh ASN dan PPPK diminta netral.",
    "Debat calon Bupati Garut digelar pekan depan.",
    "Pendaftaran Calon Bupati dan Wakil Bupati Paser dibuka.",
    "Survei pemilihan Wali Kota Balikpapan dirilis kemarin.",
    "Peraturan Bupati (Perbup) itu mulai berlaku.",
    "Bawaslu memeriksa sejumlah Kepala Desa (Kades) di Kendal.",
    "Sebanyak 3 Kades dilaporkan ke Bawaslu.",
    "Kades yang terbukti melanggar bisa dipidana.",
    "Pemilihan kepala daerah serentak digelar November.",
    "Temuan itu berasal dari anggota Panwascam Loa Kulu.",
    "Jika lurah tersebut terbukti bersalah, sanksi dijatuhkan.",
    "Rapat diikuti camat se-Kutai Kartanegara.",
    "Rapat diikuti Camat dan Lurah se Kabupaten Paser.",
    "Sosialisasi melibatkan Ketua RT, RW dan Kepala Dusun se-Kabupaten Sleman.",
    "Pilkada Gubernur Kaltim berlangsung aman.",
    "Tim pemenangan paslon Gubernur-Wakil Gubernur Kaltara nomor urut 2 bersiap.",
    "Paslon No. 02 Bupati dan Wakil Bupati Paser unggul sementara.",
    "Pemungutan suara Pilkada Gubernur, Wakil Gubernur, Wali Kota, dan Wakil Wali Kota tinggal sepekan.",
    "Perhitungan suara Gubernur dan Wakil Gubernur Sulsel belum rampung di dua TPS.",
    "Pasangan calon bupati-wakil bupati Kabupaten Sleman mendaftar ke KPU.",
])
def test_not_offices(text):
    assert offices(text) == []


def test_a_member_noun_in_lower_case_is_an_office_when_the_member_is_named_right_after():
    assert offices("Paslon 01 unggul di lima kota, kata komisioner KPU Paser, Hasanuddin.", [("Hasanuddin", "PERSON")]) == [
        "komisioner KPU Paser"]
    assert offices("Laporan itu diterima anggota Bawaslu Paser kemarin.") == []
    assert offices("Rapat dihadiri beberap anggota komisi, Rudi, Sari dan Yanto.", [("Rudi", "PERSON")]) == []


def test_one_holder_among_many_is_no_office_unless_the_holder_is_named_beside_it():
    assert offices("Warga melaporkan salah satu Kepala Desa di Kecamatan Muara Badak.") == []
    assert offices("Bawaslu memeriksa seorang Camat yang hadir di acara kampanye.") == []
    assert offices("Menurut Rudi Hartono Saragih, salah seorang Komisioner KPU Melawi, logistik sudah dikirim.",
                   [("Rudi Hartono", "PERSON")]) == ["Komisioner KPU Melawi"]
    assert offices("Hal itu disampaikan salah satu Komisioner KPU Paser, Andi Rahman.", [("Andi Rahman", "PERSON")]) == [
        "Komisioner KPU Paser"]


def test_a_unit_head_takes_the_units_number_and_name():
    assert offices("Pangdam XVII/Cenderawasih meninjau lokasi.") == ["Pangdam XVII/Cenderawasih"]
    assert offices("Dandim 0906/Kkr Letkol Budi Santoso hadir.", [("Kkr", "PLACE"), ("Budi Santoso", "PERSON")]) == [
        "Dandim 0906/Kkr"]
    assert offices("Bupati 2020 / 2025 hadir.") == ["Bupati"]


def test_kantor_before_title_is_not_part_of_the_office():
    assert offices("Peserta berasal dari lingkup kantor Camat Loa Kulu dan UPT.") == ["Camat Loa Kulu"]


def test_headline_does_not_swallow_capitalised_verbs():
    assert offices("Bupati Paser Tinjau Lokasi Banjir Di Long Ikis") == ["Bupati Paser"]


def test_bracketed_office_is_a_separate_office():
    text = "Plh. Sekretaris Daerah (Staf Ahli Bupati Bidang Ekonomi dan Pembangunan), Lukman, membuka acara."
    assert offices(text, [("Lukman", "PERSON")]) == [
        "Plh. Sekretaris Daerah", "Staf Ahli Bupati Bidang Ekonomi dan Pembangunan"]


def test_person_entity_ends_the_office():
    assert offices("Bupati Berau Sri Juniarsih meresmikan pasar.", [("Sri Juniarsih", "PERSON")]) == ["Bupati Berau"]


def test_agency_named_in_org_entity_that_starts_inside_the_head():
    text = "Kepala Dinas Pendidikan (Disdik) Kabupaten Kutai Barat, Yohanes, menjelaskan."
    ents = [("Dinas Pendidikan", "ORG"), ("Kabupaten Kutai Barat", "PLACE"), ("Yohanes", "PERSON")]
    assert offices(text, ents) == ["Kepala Dinas Pendidikan (Disdik) Kabupaten Kutai Barat"]


def test_component_writes_span_group_with_source():
    nlp = spacy.blank("id")
    nlp.add_pipe("office_ruler")
    doc = nlp("Camat Loa Kulu membuka acara.")
    assert [s.text for s in doc.spans[OFFICE_KEY]] == ["Camat Loa Kulu"]
    assert all(s._.source == "office_ruler" and s.label_ == "OFFICE" for s in doc.spans[OFFICE_KEY])
    assert isinstance(nlp.get_pipe("office_ruler"), OfficeRuler)


def test_the_models_offices_come_first_tidied_and_the_lexicon_fills_in():
    text = "Pj. Gubernur Kalbar Budi hadir bersama Ketua dan Komisioner KPU Kalbar serta Camat Sungai Raya."
    doc = with_proposals(make_doc(text, [("Kalbar", "PLACE"), ("Budi", "PERSON")]),
                         [at(text, s) for s in ("Gubernur Kalbar Budi", "Ketua dan Komisioner KPU Kalbar")])
    assert [s.text for s in combined_offices(doc)] == [
        "Pj. Gubernur Kalbar", "Ketua", "Komisioner KPU Kalbar", "Camat Sungai Raya"]


def test_the_lexicon_vetoes_and_completes_the_models_offices():
    text = "Kades Sukamaju dan para Kades hadir bersama Camat Loa, Direktur Krimum, Dansat Brimob dan calon Bupati."
    doc = with_proposals(make_doc(text), [at(text, "Kades", 20), at(text, "Camat Loa, Direktur Krimum, Dansat Brimob"),
                                          at(text, "Bupati")])
    # a generic `Kades` and a candidacy are vetoed; the list is three offices; `Loa` + `Janan` is not written here,
    # so the model's `Camat Loa` stands; the lexicon adds `Kades Sukamaju`
    assert [s.text for s in combined_offices(doc)] == [
        "Kades Sukamaju", "Camat Loa", "Direktur Krimum", "Dansat Brimob"]


def test_a_candidacy_word_vetoes_a_title_the_lexicon_cannot_read():
    # `Kota-Wakil` stays one token, so the lexicon reads no title at `Wali`: the candidacy before it still rules
    text = "Paslon tunggal calon Wali Kota-Wakil Wali Kota, Rudi Hartono-Arman, menang. Wali Kota-Wakil Wali Kota hadir."
    second = text.index("Wali Kota-Wakil", 30)
    doc = with_proposals(make_doc(text, [("Rudi Hartono", "PERSON")]),
                         [at(text, "Wali Kota-Wakil Wali Kota"), at(text, "Wali Kota-Wakil Wali Kota", second)])
    assert [(s.start_char, s.text) for s in combined_offices(doc)] == [(second, "Wali Kota-Wakil Wali Kota")]


def test_an_election_word_does_not_reach_a_title_past_a_sentence_end_or_a_bracket_and_comma():
    assert offices("Semua diminta netral selama Pilkada 2024. Ketua Bawaslu Paser hadir.") == ["Ketua Bawaslu Paser"]
    assert offices("Jelang pemungutan suara (pilkada), Penjabat (Pj) Bupati Paser meminta ASN netral.") == [
        "Penjabat (Pj) Bupati Paser"]


def test_a_field_after_the_agency_and_region_belongs_to_the_office():
    text = "kata Komisioner KPU Surabaya Divisi Teknis Penyelenggaraan Bakron Hadi di kantornya."
    ents = [("KPU Surabaya", "ORG"), ("Bakron Hadi", "PERSON")]
    assert offices(text, ents) == ["Komisioner KPU Surabaya Divisi Teknis Penyelenggaraan"]
    assert offices("Ketua KPU Kukar Divisi hadir.", [("KPU Kukar", "ORG")]) == ["Ketua KPU Kukar"]
    # the model stopped before the field: the lexicon's reading completes it
    doc = with_proposals(make_doc(text, ents), [at(text, "Komisioner KPU Surabaya")])
    assert [s.text for s in combined_offices(doc)] == ["Komisioner KPU Surabaya Divisi Teknis Penyelenggaraan"]


def test_a_regional_heads_jurisdiction_is_a_known_region_so_an_unknown_word_after_it_is_the_holder():
    # the gazetteer knows every province, kabupaten and kota: `Bakhtiar` is a name, not a jurisdiction
    assert offices("Turut hadir Wakil Bupati Bakhtiar dan warga.") == ["Wakil Bupati"]
    assert offices("Turut hadir Wakil Bupati Bakhtiar dan warga.", [("Bakhtiar", "PLACE")]) == ["Wakil Bupati"]
    assert offices("Gubernur Perry hadir, Bupati Dongggala juga.", [("Dongggala", "PLACE")]) == [
        "Gubernur", "Bupati Dongggala"]
    # a village head's jurisdiction is often in no gazetteer
    assert offices("Lurah Sukamakmur Jaya menerima warga.") == ["Lurah Sukamakmur Jaya"]


def test_the_models_office_stops_before_the_holders_rank_or_name():
    text = "Hadir Kapolres AKBP Hasan Basri dan Wakil Bupati Bakhtiar serta Kades Sungai Beras."
    doc = with_proposals(make_doc(text), [at(text, s) for s in ("Kapolres AKBP", "Wakil Bupati Bakhtiar", "Kades Sungai Beras")])
    assert [s.text for s in combined_offices(doc)] == ["Kapolres", "Wakil Bupati", "Kades Sungai Beras"]


def test_the_models_office_stops_at_a_word_that_ends_any_qualifier():
    text = "Rapat di Kantor Bupati Berau Lantai II dihadiri Koordinator Divisi Hukum serta Humas Bawaslu Berau."
    doc = with_proposals(make_doc(text), [at(text, s) for s in ("Bupati Berau Lantai II",
                                                                 "Koordinator Divisi Hukum serta Humas Bawaslu Berau")])
    assert [s.text for s in combined_offices(doc)] == [
        "Bupati Berau", "Koordinator Divisi Hukum serta Humas Bawaslu Berau"]


def test_the_models_office_takes_the_abbreviation_that_closes_it():
    text = "Pj Bupati Hulu Sungai Tengah (HST), Budi Santoso, hadir."
    doc = with_proposals(make_doc(text, [("Budi Santoso", "PERSON")]), [at(text, "Pj Bupati Hulu Sungai Tengah")])
    assert [s.text for s in combined_offices(doc)] == ["Pj Bupati Hulu Sungai Tengah (HST)"]


def test_a_unit_heads_number_before_its_region_belongs_to_the_office():
    assert offices("Hadir Kapolres dan Dandim 1705 Nabire kemarin.") == ["Kapolres", "Dandim 1705 Nabire"]
    assert offices("Ia menjadi Bupati 2 periode.") == ["Bupati"]
    assert offices("Hadir Dandim 1705") == ["Dandim"]  # a number ending the paragraph


def test_titles_for_any_holder_are_no_office():
    assert offices("Ia menerima SK penunjukan Pj bupati kemarin.") == []
    assert offices("Sengketa Pemilihan Umum (PHPU) Bupati dan Wakil Bupati Kotawaringin Timur ditolak.") == []
    assert offices("Khusus bagi 6 Penjabat Sementara (Pjs) Bupati dan Wali Kota yang dilantik.") == []
    assert offices("Meski Penjabat Sementara Bupati/ Wali Kota bertugas dua bulan.") == []
    # an abbreviated legal instrument is the specific holder's act
    assert offices("Berdasarkan Surat Keputusan (SK) Gubernur Nomor 296 Tahun 2022.") == ["Gubernur"]


def test_a_common_misspelling_of_a_title_is_read_as_the_title():
    assert offices("Pelantikan dipimpin Sekertaris Daerah (Sekda) Jusuf Sunya.", [("Jusuf Sunya", "PERSON")]) == [
        "Sekertaris Daerah (Sekda)"]


def test_a_field_list_ends_before_the_holders_name():
    assert offices("Sambutan dibacakan Staf Ahli Gubernur Bidang Pemerintahan, Hukum dan Politik Sulkan kemarin.") == [
        "Staf Ahli Gubernur Bidang Pemerintahan, Hukum dan Politik"]
    assert offices("Hadir Staf Ahli Bupati Bidang Ekonomi, Keuangan dan Pembangunan Daerah, Budi.") == [
        "Staf Ahli Bupati Bidang Ekonomi, Keuangan dan Pembangunan Daerah"]
