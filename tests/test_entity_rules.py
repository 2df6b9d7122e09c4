"""The post-NER repairs, on Docs whose NER output is set by hand."""
from hand_docs import doc_with_ents

from pipeline.extract.entity_rules import bracketed_abbreviation, entity_rules


def repaired(text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in entity_rules(doc_with_ents(text, ents)).ents]


def test_civil_service_categories_are_never_entities():
    assert repaired("ASN dan PNS wajib menjaga Netralitas ASN di Kukar.",
                    [("ASN", "ORG"), ("PNS", "ORG"), ("Netralitas ASN", "ORG"), ("Kukar", "PLACE")]) == [("Kukar", "PLACE")]


def test_unclosed_parenthesis_is_closed_or_cut():
    assert repaired("Badan Pengawas Pemilu (Bawaslu) Kukar hadir.", [("Badan Pengawas Pemilu (Bawaslu", "ORG")]) == [
        ("Badan Pengawas Pemilu (Bawaslu)", "ORG")]
    assert repaired("Kantor Bawaslu (lantai dua, ruang rapat utama dan aula) dibuka.", [("Kantor Bawaslu (lantai", "ORG")]) == [
        ("Kantor Bawaslu", "ORG")]


def test_person_loses_honorifics_and_degrees():
    assert repaired("Hadir H. La Nita, S.Pd, M.M di sana.", [("H. La Nita, S.Pd, M.M", "PERSON")]) == [("La Nita", "PERSON")]
    assert repaired("Kata AKBP Budi Santoso kemarin.", [("AKBP Budi Santoso", "PERSON")]) == [("Budi Santoso", "PERSON")]
    assert repaired("Kata M. Yusuf kemarin.", [("M. Yusuf", "PERSON")]) == [("M. Yusuf", "PERSON")]


def test_agency_listing_portfolios_with_commas_is_one_name():
    assert repaired("Dinas Pemuda, Olahraga dan Pariwisata NTB Budi Santoso hadir.",
                    [("Dinas Pemuda", "ORG"), ("NTB", "PLACE"), ("Budi Santoso", "PERSON")]) == [
        ("Dinas Pemuda, Olahraga dan Pariwisata NTB", "ORG"), ("Budi Santoso", "PERSON")]
    assert repaired("Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memprakirakan hujan.",
                    [("Badan Meteorologi", "ORG"), ("Klimatologi", "PERSON"), ("Geofisika (BMKG)", "ORG")]) == [
        ("Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)", "ORG")]


def test_a_list_of_bodies_stays_a_list():
    ents = [("Dinas Pendidikan", "ORG"), ("Dinas Kesehatan", "ORG"), ("Bappeda", "ORG")]
    assert repaired("Dinas Pendidikan, Dinas Kesehatan dan Bappeda hadir.", ents) == ents
    assert repaired("Dinas Pendidikan, kata dia, sudah siap.", [("Dinas Pendidikan", "ORG")]) == [("Dinas Pendidikan", "ORG")]


def test_place_takes_its_type_word_in_any_case():
    assert repaired("Dinas di provinsi Sumatera Selatan hadir.", [("Sumatera Selatan", "PLACE")]) == [
        ("provinsi Sumatera Selatan", "PLACE")]
    assert repaired("Kata Wali Kota Palu kemarin.", [("Palu", "PLACE")]) == [("Palu", "PLACE")]


def test_two_regions_in_one_span_are_split():
    assert repaired("Warga Desa Labuan Kungguma kecamatan Labuan hadir.", [("Desa Labuan Kungguma kecamatan Labuan", "PLACE")]) == [
        ("Desa Labuan Kungguma", "PLACE"), ("kecamatan Labuan", "PLACE")]


def test_capitals_inside_a_sentence_that_are_no_region_are_dropped():
    assert repaired("Tonton VIDEO TERPOPULER di sini, warga KENDAL juga.", [("VIDEO TERPOPULER", "PLACE"), ("KENDAL", "PLACE")]) == [
        ("KENDAL", "PLACE")]
    assert repaired("AMBON, Siwalimanews – Isi.", [("AMBON", "PLACE")]) == [("AMBON", "PLACE")]


def test_headline_place_is_trimmed_to_a_known_region():
    assert repaired("Camat Loa Janan Ajak Warga Datang ke TPS Pekan Depan", [("Loa Janan Ajak", "PLACE")]) == [
        ("Loa Janan", "PLACE")]
    # In running text the span is the model's call.
    assert repaired("Warga Loa Janan Ajak menonton.", [("Loa Janan Ajak", "PLACE")]) == [("Loa Janan Ajak", "PLACE")]


def test_a_list_after_a_name_closed_by_its_abbreviation_is_separate_bodies():
    ents = [("Badan Pengawas Pemilu (Bawaslu)", "ORG"), ("Polres Kukar", "ORG"), ("Kodim 0906/Kkr", "ORG")]
    assert repaired("Hadir Badan Pengawas Pemilu (Bawaslu), Polres Kukar, dan Kodim 0906/Kkr.", ents) == ents


def test_acronyms_of_bodies_are_org_with_their_region():
    assert repaired("Laporan ke Panwascam dan Bawaslu Palopo serta Bawaslu RI diteruskan.", []) == [
        ("Panwascam", "ORG"), ("Bawaslu Palopo", "ORG"), ("Bawaslu RI", "ORG")]
    assert repaired("Rapat Banggar berlangsung alot.", [("Banggar", "PERSON")]) == [("Banggar", "ORG")]
    assert repaired("Perbup itu diteken.", [("Perbup", "PERSON")]) == []


def test_person_that_is_a_region_is_a_place_and_name_openers_stay():
    assert repaired("Kades dari Pematang Siantar dilaporkan.", [("Pematang Siantar", "PERSON")]) == [
        ("Pematang Siantar", "PLACE")]
    # One-word kecamatan names are often person names too.
    assert repaired("Kata Bambang kemarin.", [("Bambang", "PERSON")]) == [("Bambang", "PERSON")]
    assert repaired("Kata Lalu Firman Wijaya kemarin.", [("Firman Wijaya", "PERSON")]) == [("Lalu Firman Wijaya", "PERSON")]


def test_items_listed_after_a_typed_region_are_regions_of_that_type():
    assert repaired("Kades dari Kecamatan Weleri, Gemuh, Rowosari dan Ngampel dilaporkan.",
                    [("Kecamatan Weleri", "PLACE"), ("Gemuh", "PERSON"), ("Ngampel", "PERSON")]) == [
        ("Kecamatan Weleri", "PLACE"), ("Gemuh", "PLACE"), ("Rowosari", "PLACE"), ("Ngampel", "PLACE")]
    assert repaired("Di Kecamatan Weleri, Budi Santoso mengatakan itu.",
                    [("Kecamatan Weleri", "PLACE"), ("Budi Santoso", "PERSON")]) == [
        ("Kecamatan Weleri", "PLACE"), ("Budi Santoso", "PERSON")]
    # a lower-case type word that opens the list
    assert repaired("Banjir melanda tiga kecamatan, yakni: Weleri, Gemuh dan Rowosari.", [("Gemuh", "PERSON")]) == [
        ("Weleri", "PLACE"), ("Gemuh", "PLACE"), ("Rowosari", "PLACE")]
    assert repaired("Warga tiga kecamatan antara lain Weleri dan Budi Santoso hadir.", [("Budi Santoso", "PERSON")]) == [
        ("Weleri", "PLACE"), ("Budi Santoso", "PERSON")]
    # no opener, or items the gazetteer does not know as kecamatan: nothing
    assert repaired("Di kecamatan Weleri hujan.", []) == []
    assert repaired("Tiga kecamatan, yakni Sukamundur dan Sukaria.", []) == []


def test_stop_words_are_no_entities_and_split_names_are_joined():
    assert repaired("Sebagaimana diketahui, Putri Nurjannah Kurita menulis.",
                    [("Sebagaimana", "PERSON"), ("Putri Nurjannah", "PERSON"), ("Kurita", "PERSON")]) == [
        ("Putri Nurjannah Kurita", "PERSON")]


def test_names_after_credit_words_are_persons():
    assert repaired("Penulis: Slamet | Penyunting: Sulaiman", []) == [("Slamet", "PERSON"), ("Sulaiman", "PERSON")]
    assert repaired("Editor: Budi Santoso", [("Budi Santoso", "PERSON")]) == [("Budi Santoso", "PERSON")]
    assert repaired("Editor : Budi Santoso", [("Budi", "PERSON")]) == [("Budi Santoso", "PERSON")]
    assert repaired("Editor: Budi Santoso", [("Budi Santoso", "ORG")]) == [("Budi Santoso", "ORG")]
    # initials and codes are no names (ANNOTATION.md)
    assert repaired("Reporter : AZIS NAULANA | Editor : RA", [("RA", "PERSON")]) == [("AZIS NAULANA", "PERSON")]
    assert repaired("Panen berlanjut,” (Ysf/Ec) Editor:Buyung", [("Ysf", "PERSON")]) == [("Buyung", "PERSON")]
    assert repaired("Tidak ada Pilkades,” pungkasnya. (Leo)", [("Leo", "PERSON")]) == [("Leo", "PERSON")]
    assert repaired("Tidak ada Pilkades. (Rl/Fajar)", [("Fajar", "PERSON")]) == [("Fajar", "PERSON")]
    assert repaired("Hal itu diatur Komisi Pemilihan Umum (KPU).", [("Komisi Pemilihan Umum (KPU)", "ORG")]) == [
        ("Komisi Pemilihan Umum (KPU)", "ORG")]


def test_place_words_past_the_region_before_a_person_start_the_name():
    assert repaired("visi dan misi Bupati Aceh Besar Rahmat Hidayat dan Wakil Bupati",
                    [("Aceh Besar Rahmat", "PLACE"), ("Hidayat", "PERSON")]) == [
        ("Aceh Besar", "PLACE"), ("Rahmat Hidayat", "PERSON")]
    # A place the gazetteer knows as a whole keeps its words.
    assert repaired("Warga Aceh Besar Rahmat Hidayat hadir.", [("Aceh Besar", "PLACE"), ("Rahmat Hidayat", "PERSON")]) == [
        ("Aceh Besar", "PLACE"), ("Rahmat Hidayat", "PERSON")]


def test_a_news_site_written_as_its_domain_is_one_org():
    assert repaired("TRIBUN-PAPUA.COM, SENTANI - Ketua KPU hadir.",
                    [("TRIBUN", "PLACE"), ("PAPUA.COM", "ORG"), ("SENTANI", "PLACE")]) == [
        ("TRIBUN-PAPUA.COM", "ORG"), ("SENTANI", "PLACE"), ("KPU", "ORG")]
    assert repaired("Pesawaran, BeritaRakyat.Com - Warga", []) == [("BeritaRakyat.Com", "ORG")]
    # Government sites, addresses, handles and links with a path are not outlets.
    assert repaired("Lihat kaltim.go.id, humas@kpu.id, @kukarnews dan detik.com/berita.", []) == []


def test_an_org_cut_inside_the_region_after_its_acronym_is_extended():
    assert repaired("wilayah hukum Polsek Padang Cermin.", [("Polsek Padang", "ORG"), ("Cermin", "PERSON")]) == [
        ("Polsek Padang Cermin", "ORG")]


def test_an_entity_made_of_honorifics_is_dropped():
    assert repaired("Wakil Bupati Dr. HM. Nursiah hadir.", [("HM", "ORG"), ("Nursiah", "PERSON")]) == [
        ("Nursiah", "PERSON")]


def test_headline_words_that_name_no_known_place_are_no_place():
    headline = "Wujudkan Pilkada yang Adil dan Jujur di Seluruh Kalimantan"
    assert repaired(headline, [("Adil", "PLACE"), ("Jujur", "PLACE"), ("Kalimantan", "PLACE")]) == [
        ("Kalimantan", "PLACE")]
    assert repaired("Bupati Resmikan Gedung Serbaguna Desa Sukamaju Pekan Ini",
                    [("Gedung Serbaguna", "PLACE"), ("Desa Sukamaju", "PLACE")]) == [
        ("Gedung Serbaguna", "PLACE"), ("Desa Sukamaju", "PLACE")]


def test_a_place_stops_at_a_preposition_and_loses_a_title_or_body_before_the_region():
    assert repaired("Warga berkumpul di Kantor Lurah pada Senin pagi.", [("Kantor Lurah pada Senin", "PLACE")]) == [
        ("Kantor Lurah", "PLACE")]
    assert repaired("Hadir pula Bupati Kendal dan warga.", [("Bupati Kendal", "PLACE")]) == [("Kendal", "PLACE")]
    assert repaired("Kepala OPD lingkup Pemkab Lombok Tengah hadir.", [("Pemkab Lombok Tengah", "PLACE")]) == [
        ("Pemkab Lombok Tengah", "ORG")]
    # A venue keeps its words.
    assert repaired("Acara di Kantor Gubernur NTB, Selasa.", [("Kantor Gubernur NTB", "PLACE")]) == [
        ("Kantor Gubernur NTB", "PLACE")]


def test_trailing_punctuation_is_cut_and_a_body_of_a_body_is_one_org():
    assert repaired("peserta UPT Dinas Pendidikan, UPT Puskesmas hadir.", [("Dinas Pendidikan,", "ORG")]) == [
        ("Dinas Pendidikan", "ORG")]
    assert repaired("Jubir Banggar DPRD Lombok Tengah menyampaikan laporan.",
                    [("Banggar DPRD Lombok Tengah", "PLACE")]) == [("Banggar DPRD Lombok Tengah", "ORG")]


def test_a_region_and_its_abbreviation_in_one_place_are_two_mentions():
    assert repaired("Inflasi di Sulawesi Utara (Sulut) turun.", [("Sulawesi Utara (Sulut)", "PLACE")]) == [
        ("Sulawesi Utara", "PLACE"), ("Sulut", "PLACE")]
    assert repaired("Acara di Ballroom Maluku City Mall (MCM) meriah.", [("Ballroom Maluku City Mall (MCM)", "PLACE")]) == [
        ("Ballroom Maluku City Mall (MCM)", "PLACE")]


def test_words_of_an_org_after_its_closing_abbreviation_before_a_person_start_the_name():
    text = "Kepala Dinas Kesehatan (Dinkes) Kalteng Suyuti Syamsul mengatakan."
    assert repaired(text, [("Dinas Kesehatan (Dinkes) Kalteng Suyuti", "ORG"), ("Syamsul", "PERSON")]) == [
        ("Dinas Kesehatan (Dinkes) Kalteng", "ORG"), ("Suyuti Syamsul", "PERSON")]
    text = "Ketua Komisi Pemilihan Umum (KPU) RI Mochammad Afifuddin hadir."
    assert repaired(text, [("Komisi Pemilihan Umum (KPU) RI", "ORG"), ("Mochammad Afifuddin", "PERSON")]) == [
        ("Komisi Pemilihan Umum (KPU) RI", "ORG"), ("Mochammad Afifuddin", "PERSON")]


def test_a_school_written_as_type_number_and_place_is_one_org():
    assert repaired("Rombel baru dibuka di SDN 4 Sawahan, Sampit.", [("Sawahan", "PLACE"), ("Sampit", "PLACE")]) == [
        ("SDN 4 Sawahan", "ORG"), ("Sampit", "PLACE")]
    assert repaired("Siswa SMA Negeri 2 Slawi juara.", [("SMA Negeri", "ORG")]) == [("SMA Negeri 2 Slawi", "ORG")]
    assert repaired("Lulusan SMA ke atas mendominasi.", []) == []  # a school level, not a school


def test_leading_punctuation_is_cut_and_an_org_that_is_only_a_region_is_a_place():
    assert repaired("ke wilayah [Kabupaten] Mamberamo Raya.", [("] Mamberamo Raya", "PLACE")]) == [
        ("Mamberamo Raya", "PLACE")]
    assert repaired("TRIBUN-PAPUA.COM, SENTANI - Ketua KPU hadir.", [("SENTANI", "ORG"), ("KPU", "ORG")]) == [
        ("TRIBUN-PAPUA.COM", "ORG"), ("SENTANI", "PLACE"), ("KPU", "ORG")]
    assert repaired("Personel Polres Kukar berjaga.", [("Polres Kukar", "ORG")]) == [("Polres Kukar", "ORG")]


def test_category_words_and_acronyms_are_cut_off_names():
    assert repaired("Kata Wattimena ASN kepada wartawan.", [("Wattimena ASN", "PERSON")]) == [("Wattimena", "PERSON")]
    assert repaired("Sesuai Perbup APBG itu.", [("Perbup APBG", "PERSON")]) == []


def test_a_person_across_a_hyphen_between_names_is_a_candidate_pair():
    assert repaired("Pasangan Rahmat Hidayat-Sulastri unggul di 12 kecamatan.",
                    [("Rahmat Hidayat-Sulastri", "PERSON")]) == [("Rahmat Hidayat", "PERSON"), ("Sulastri", "PERSON")]
    assert repaired("Kemenangan Budi - Wati diumumkan.", [("Budi - Wati", "PERSON")]) == [
        ("Budi", "PERSON"), ("Wati", "PERSON")]
    assert repaired("Program pro-rakyat digagas Budi.", [("Budi", "PERSON")]) == [("Budi", "PERSON")]


def test_the_headquarters_of_a_unit_is_a_venue():
    assert repaired("Pelaku dibawa ke Mapolres Sintang untuk diperiksa.", [("Mapolres Sintang", "ORG")]) == [
        ("Mapolres Sintang", "PLACE")]
    # standing for the unit, not the building
    assert repaired("Kapolri memerintahkan jajaran Mabes Polri bertindak.", [("Mabes Polri", "ORG")]) == [
        ("Mabes Polri", "ORG")]


def test_a_unit_is_its_number_and_the_name_after_the_slash():
    assert repaired("Personel Kodam XVII/Cenderawasih berjaga.", [("Kodam", "ORG"), ("Cenderawasih", "ORG")]) == [
        ("Kodam XVII/Cenderawasih", "ORG")]
    assert repaired("Dandim dari Kodim 1203/Ketapang hadir.", [("Kodim 1203", "ORG")]) == [("Kodim 1203/Ketapang", "ORG")]
    # the unit found by its acronym alone, not by the NER
    assert repaired("Polda Papua dan Kodam XVII/Cenderawasih berjaga.", [("Polda Papua", "ORG")]) == [
        ("Polda Papua", "ORG"), ("Kodam XVII/Cenderawasih", "ORG")]


def test_a_name_holds_no_colon_and_no_number():
    assert repaired("Idah Syahidah: 295.437 suara.", [("Idah Syahidah: 295.437 suara", "PERSON")]) == [
        ("Idah Syahidah", "PERSON")]


def test_a_person_that_is_a_piece_of_a_region_name_is_none():
    assert repaired("Sosialisasi digelar di kantor Camat Loa Janan kemarin.", [("Janan", "PERSON")]) == []


def test_units_glued_to_their_region_venues_and_trailing_conjunctions():
    assert repaired("Personel Poldasu dan Brimobdasu berjaga di Polresta Medan.", [("Polresta Medan", "ORG")]) == [
        ("Poldasu", "ORG"), ("Brimobdasu", "ORG"), ("Polresta Medan", "ORG")]
    assert repaired("Acara di HB Beach Hotel Kulisusu dibuka.", [("HB Beach Hotel Kulisusu", "ORG")]) == [
        ("HB Beach Hotel Kulisusu", "PLACE")]
    assert repaired("Hadir UPT Dinas Kesehatan dan UPT lain.", [("UPT Dinas Kesehatan dan", "ORG")]) == [
        ("UPT Dinas Kesehatan", "ORG")]


def test_an_agencys_abbreviation_and_region_belong_to_its_org():
    assert repaired("Kepala Dinas Pemberdayaan Masyarakat dan Gampong (DPMG) Aceh Besar hadir.",
                    [("Dinas Pemberdayaan Masyarakat dan Gampong", "ORG"), ("Aceh Besar", "PLACE")]) == [
        ("Dinas Pemberdayaan Masyarakat dan Gampong (DPMG) Aceh Besar", "ORG")]


def test_an_orgs_bracketed_acronym_belongs_to_it_but_not_a_dateline_or_a_positions_short_form():
    assert repaired("Survei Lembaga Kajian Publik Independen (LKPI) dirilis.",
                    [("Lembaga Kajian Publik Independen", "ORG"), ("LKPI", "ORG")]) == [
        ("Lembaga Kajian Publik Independen (LKPI)", "ORG")]
    assert repaired("Rapat Badan Anggaran (Banggar) digelar.", [("Badan Anggaran", "ORG")]) == [
        ("Badan Anggaran (Banggar)", "ORG")]
    assert repaired("Dinas Pendidikan Kabupaten Halmahera Timur (Haltim) menyalurkan dana.",
                    [("Dinas Pendidikan Kabupaten Halmahera Timur", "ORG"), ("Haltim", "PLACE")]) == [
        ("Dinas Pendidikan Kabupaten Halmahera Timur (Haltim)", "ORG")]
    assert repaired("Laporan SALAM PAPUA (NABIRE) hari ini.", [("SALAM PAPUA", "ORG"), ("NABIRE", "PLACE")]) == [
        ("SALAM PAPUA", "ORG"), ("NABIRE", "PLACE")]
    assert repaired("Sekretaris Dinas Pendidikan (Sekdisdik) hadir.", [("Dinas Pendidikan", "ORG")]) == [
        ("Dinas Pendidikan", "ORG")]


def test_a_credit_name_stops_before_the_next_credit_role():
    assert repaired("Editor: Rio Anthony Reporter: Syamsurizal", [("Rio Anthony Reporter", "PERSON")]) == [
        ("Rio Anthony", "PERSON"), ("Syamsurizal", "PERSON")]
    assert repaired("Editor: Rio Anthony Reporter: Syamsurizal", []) == [("Rio Anthony", "PERSON"), ("Syamsurizal", "PERSON")]


def test_a_place_takes_in_the_geographic_word_before_it():
    assert repaired("Sebagian besar PDB berasal dari pulau Jawa dan Teluk Bintuni.",
                    [("Jawa", "PLACE"), ("Bintuni", "PLACE")]) == [("pulau Jawa", "PLACE"), ("Teluk Bintuni", "PLACE")]


def test_an_institution_is_an_org_whatever_place_follows_its_kind():
    assert repaired("Demo di Universitas Jenderal Soedirman dan di Gedung Rektorat Universitas Brawijaya.",
                    [("Universitas Jenderal Soedirman", "PLACE"), ("Gedung Rektorat Universitas Brawijaya", "PLACE")]) == [
        ("Universitas Jenderal Soedirman", "ORG"), ("Universitas Brawijaya", "ORG")]  # the venue: place_finder


def test_a_body_before_lower_case_region_types_is_a_kind_not_an_org():
    assert repaired("Seluruh KPU kabupaten/kota dan BPBD kabupaten/kota siaga, kata KPU Sulteng.",
                    [("KPU", "ORG"), ("BPBD kabupaten", "ORG"), ("KPU Sulteng", "ORG")]) == [("KPU Sulteng", "ORG")]


def test_an_org_starts_after_the_office_title_before_it_and_a_listed_party_is_apart():
    assert repaired("Direktur Eksekutif Lembaga Kajian Publik (LKP) menyebut angka itu.",
                    [("Eksekutif Lembaga Kajian Publik (LKP)", "ORG")]) == [("Lembaga Kajian Publik (LKP)", "ORG")]
    assert repaired("Calon itu diusung PDI Perjuangan dan Gerindra.", [("PDI Perjuangan dan Gerindra", "ORG")]) == [
        ("PDI Perjuangan", "ORG"), ("Gerindra", "ORG")]


def test_a_party_group_in_the_legislature_keeps_its_head_word():
    assert repaired("Ketua Fraksi Partai Golkar menolak usul itu.", [("Fraksi Partai Golkar", "ORG")]) == [
        ("Fraksi Partai Golkar", "ORG")]


def test_a_region_name_cut_by_the_ner_is_taken_back_from_the_person_after_it():
    assert repaired("Camat Muara Badak Slamet Riyadi hadir.", [("Muara", "PLACE"), ("Badak Slamet Riyadi", "PERSON")]) == [
        ("Muara Badak", "PLACE"), ("Slamet Riyadi", "PERSON")]
    assert repaired("Camat Muara Badak Slamet Riyadi hadir.", [("Badak Slamet Riyadi", "PERSON")]) == [
        ("Muara Badak", "PLACE"), ("Slamet Riyadi", "PERSON")]


def test_an_org_that_opens_inside_a_bracket_starts_at_the_name_before_it():
    assert repaired("Ketua Panitia Pemungutan Suara (PPS) Sungai Kapih, Rina, hadir.",
                    [("PPS) Sungai Kapih", "ORG"), ("Rina", "PERSON")]) == [
        ("Panitia Pemungutan Suara (PPS) Sungai Kapih", "ORG"), ("Rina", "PERSON")]


def test_a_pollster_or_foundation_named_after_a_person_is_one_org_but_not_after_an_office_title():
    assert repaired("Survei Lingkaran Survei Nusantara Hadi Wijaya menempatkan pasangan itu di atas.",
                    [("Lingkaran Survei Nusantara", "ORG"), ("Hadi Wijaya", "PERSON")]) == [
        ("Lingkaran Survei Nusantara Hadi Wijaya", "ORG")]
    assert repaired("Bantuan datang dari Yayasan Siti Rahmah.", [("Yayasan", "ORG"), ("Siti Rahmah", "PERSON")]) == [
        ("Yayasan Siti Rahmah", "ORG")]
    assert repaired("Rektor Universitas Tanjungpura Budi Hartono hadir.",
                    [("Universitas Tanjungpura", "ORG"), ("Budi Hartono", "PERSON")]) == [
        ("Universitas Tanjungpura", "ORG"), ("Budi Hartono", "PERSON")]
    assert repaired("Kata KPU Budi Hartono.", [("KPU", "ORG"), ("Budi Hartono", "PERSON")]) == [
        ("KPU", "ORG"), ("Budi Hartono", "PERSON")]


def test_a_name_with_a_middle_initial_at_the_end_of_an_org_is_a_person():
    assert repaired("Sidang dipimpin Ketua DPRD Yohanis R. Latumahina kemarin.",
                    [("DPRD Yohanis R. Latumahina", "ORG")]) == [("DPRD", "ORG"), ("Yohanis R. Latumahina", "PERSON")]
    assert repaired("Sidang dipimpin Ketua DPRD Yohanis R. Latumahina kemarin.",
                    [("DPRD Yohanis R.", "ORG"), ("Latumahina", "PERSON")]) == [
        ("DPRD", "ORG"), ("Yohanis R. Latumahina", "PERSON")]
    assert repaired("Warga mengadu ke Fraksi Partai Golkar DPRD.", [("Fraksi Partai Golkar DPRD", "ORG")]) == [
        ("Fraksi Partai Golkar DPRD", "ORG")]
    # A Roman numeral before a region numbers a unit of that region; it is no middle initial.
    assert repaired("Kepala Balai Pengelolaan Jalan Wilayah I Kaltara, Robert, hadir.",
                    [("Balai Pengelolaan Jalan Wilayah I Kaltara", "ORG"), ("Robert", "PERSON")]) == [
        ("Balai Pengelolaan Jalan Wilayah I Kaltara", "ORG"), ("Robert", "PERSON")]


def test_a_name_word_the_ner_cut_off_after_a_lower_case_word_joins_the_person():
    assert repaired("Suara pasangan calon Harun Basri-Yakob naik.", [("Basri", "PERSON"), ("Yakob", "PERSON")]) == [
        ("Harun Basri", "PERSON"), ("Yakob", "PERSON")]
    assert repaired("Acara dibuka oleh Bupati Basri kemarin.", [("Basri", "PERSON")]) == [("Basri", "PERSON")]
    assert repaired("Hadir pula Kombes Pol Basri kemarin.", [("Basri", "PERSON")]) == [("Basri", "PERSON")]


def test_a_name_word_cut_off_after_a_comma_or_opening_the_sentence_joins_the_person():
    assert repaired("Kepala Bidang Bapperida, Rahmat Syakiri menambahkan.", [("Syakiri", "PERSON")]) == [
        ("Bapperida", "ORG"), ("Rahmat Syakiri", "PERSON")]
    assert repaired("Lalu Rini Handayani dimutasi.", [("Handayani", "PERSON")]) == [("Rini Handayani", "PERSON")]
    assert repaired("Warga Handayani datang.", [("Handayani", "PERSON")]) == [("Handayani", "PERSON")]
    assert repaired("Menurut Handayani, rapat ditunda.", [("Handayani", "PERSON")]) == [("Handayani", "PERSON")]
    assert repaired("Di Kupang, Handayani hadir.", [("Kupang", "PLACE"), ("Handayani", "PERSON")]) == [
        ("Kupang", "PLACE"), ("Handayani", "PERSON")]


def test_an_entity_that_is_only_a_title_is_none():
    # the office ruler reads these as offices; the NER's label is dropped
    assert repaired("Rapat dihadiri Sekcam dan Kades.", [("Sekcam", "ORG")]) == []
    assert repaired("Para Camat serta Sekcam hadir.", [("Sekcam", "PLACE")]) == []
    assert repaired("Kata Pj kepada wartawan.", [("Pj", "PERSON")]) == []
    assert repaired("Rapat di KPU hadir.", [("KPU", "ORG")]) == [("KPU", "ORG")]


def test_a_party_branch_is_one_org_with_its_region():
    assert repaired("Konferensi pers di DPD PDI Perjuangan Provinsi Papua Tengah kemarin.",
                    [("DPD", "ORG"), ("Provinsi Papua Tengah", "PLACE")]) == [
        ("DPD PDI Perjuangan Provinsi Papua Tengah", "ORG")]
    assert repaired("Rapat DPD I Partai Golkar NTT dan DPC Partai Gerindra Kabupaten Kukar.", []) == [
        ("DPD I Partai Golkar NTT", "ORG"), ("DPC Partai Gerindra Kabupaten Kukar", "ORG")]
    # a venue named after the branch holds the branch's ORG (place_finder makes the venue); a board without a
    # party is no branch
    assert repaired("Acara di Kantor DPD PDI Perjuangan Kalbar dibuka.", [("Kantor DPD PDI Perjuangan Kalbar", "PLACE")]) == [
        ("DPD PDI Perjuangan Kalbar", "ORG")]
    assert repaired("Anggota DPD Kaltim hadir.", [("DPD Kaltim", "ORG")]) == [("DPD Kaltim", "ORG")]
    # a party's group in a legislature
    assert repaired("  • Fraksi PKB: Menyatakan dukungan.", [("PKB", "ORG")]) == [("Fraksi PKB", "ORG")]
    assert repaired("Pandangan Fraksi PDI Perjuangan dibacakan.", []) == [("Fraksi PDI Perjuangan", "ORG")]


def test_a_type_word_before_a_region_of_a_higher_level_is_not_its_type():
    assert repaired("Unggul di seluruh Kabupaten/Kota Kalimantan Utara.", [("Kota Kalimantan Utara", "PLACE")]) == [
        ("Kalimantan Utara", "PLACE")]
    assert repaired("Warga Kecamatan Kota Bengkulu hadir.", [("Kecamatan Kota Bengkulu", "PLACE")]) == [
        ("Kota Bengkulu", "PLACE")]
    # the type of a region that has it stays
    assert repaired("Warga Kota Bengkulu dan Kecamatan Loa Janan hadir.",
                    [("Kota Bengkulu", "PLACE"), ("Kecamatan Loa Janan", "PLACE")]) == [
        ("Kota Bengkulu", "PLACE"), ("Kecamatan Loa Janan", "PLACE")]


def test_a_one_word_body_after_a_plural_quantifier_is_a_kind_not_an_org():
    assert repaired("Polda Kaltim dan sejumlah Polres menggelar razia, diikuti seluruh OPD dan jajaran Polres Paser.",
                    [("Polda Kaltim", "ORG"), ("Polres", "ORG"), ("OPD", "ORG"), ("Polres Paser", "ORG")]) == [
        ("Polda Kaltim", "ORG"), ("Polres Paser", "ORG")]


def test_a_person_holding_a_body_s_acronym_or_a_glued_unit_is_read_as_the_body():
    assert repaired("Direktur Intelkam Poldasu, Kombes Pol Ruslan Efendi, hadir.",
                    [("Intelkam Poldasu", "PERSON"), ("Ruslan Efendi", "PERSON")]) == [
        ("Poldasu", "ORG"), ("Ruslan Efendi", "PERSON")]
    assert repaired("Jubir Banggar DPRD Lombok Tengah menyampaikan laporan.",
                    [("Jubir Banggar DPRD Lombok Tengah", "PERSON")]) == [("Banggar DPRD Lombok Tengah", "ORG")]


def test_a_venue_keeps_the_abbreviation_written_after_it():
    assert repaired("Sosialisasi digelar di Ballroom Hotel Aston (BHA), Selasa.", [("Ballroom Hotel Aston", "PLACE")]) == [
        ("Ballroom Hotel Aston (BHA)", "PLACE")]
    assert repaired("Warga Kutai Kartanegara (Kukar) hadir.", [("Kutai Kartanegara", "PLACE"), ("Kukar", "PLACE")]) == [
        ("Kutai Kartanegara", "PLACE"), ("Kukar", "PLACE")]


def test_the_word_kantor_is_no_part_of_an_org_and_before_a_position_leaves_none():
    assert repaired("Peserta dari kantor Camat Loa Kulu dan kantor Dinas Pendidikan Kukar hadir.",
                    [("kantor Camat Loa Kulu", "ORG"), ("kantor Dinas Pendidikan Kukar", "ORG")]) == [
        ("Dinas Pendidikan Kukar", "ORG")]


def test_a_level_of_schooling_is_no_org_but_a_school_is():
    assert repaired("Kuota Sekolah Dasar (SD) dan SMA Negeri naik, kata Kepala SMAN 2 Slawi.",
                    [("Sekolah Dasar (SD)", "ORG"), ("SMA Negeri", "ORG"), ("SMAN 2 Slawi", "ORG")]) == [
        ("SMAN 2 Slawi", "ORG")]
    assert repaired("Lulusan Sekolah Menengah Kejuruan terbanyak.", [("Sekolah Menengah Kejuruan", "PLACE")]) == []


def test_a_body_s_acronym_right_before_another_org_is_a_unit_of_it():
    assert repaired("Peserta dari UPT Dinas Pendidikan, KPU, Bawaslu dan UPT hadir.",
                    [("UPT", "ORG"), ("Dinas Pendidikan", "ORG"), ("KPU", "ORG"), ("Bawaslu", "ORG"), ("UPT", "ORG")]) == [
        ("UPT Dinas Pendidikan", "ORG"), ("KPU", "ORG"), ("Bawaslu", "ORG"), ("UPT", "ORG")]


def test_an_org_stops_before_a_bracketed_abbreviation_of_a_position():
    assert repaired("Kepala Dinas Pendidikan (Kadisdik) Aceh, Alhudri, dan Badan Pusat Statistik (BPS) Aceh hadir.",
                    [("Dinas Pendidikan (Kadisdik) Aceh", "ORG"), ("Alhudri", "PERSON"),
                     ("Badan Pusat Statistik (BPS) Aceh", "ORG")]) == [
        ("Dinas Pendidikan", "ORG"), ("Alhudri", "PERSON"), ("Badan Pusat Statistik (BPS) Aceh", "ORG")]


def test_a_title_tagged_into_a_person_is_cut_off_it():
    assert repaired("Hadir Wakapolda Riau Brigjen Andri Kusumo dan Presiden Joko Widodo.",
                    [("Wakapolda Riau", "PERSON"), ("Andri Kusumo", "PERSON"), ("Presiden Joko Widodo", "PERSON")]) == [
        ("Riau", "PLACE"), ("Andri Kusumo", "PERSON"), ("Joko Widodo", "PERSON")]


def test_an_org_of_an_acronym_and_a_region_ends_with_the_region():
    headline = "Demi Warga Polres Pesawaran Terjun Langsung Bantu Korban Banjir Dan Longsor"
    assert repaired(headline, [("Polres Pesawaran Terjun", "ORG")]) == [("Polres Pesawaran", "ORG")]
    sentence = "Rapat dipimpin Wakil Ketua DPRD Provinsi Riau Parisman Ihwan bersama Dinas Pendidikan Kota Pekanbaru."
    assert repaired(sentence, [("DPRD Provinsi Riau Parisman Ihwan", "ORG"), ("Dinas Pendidikan Kota Pekanbaru", "ORG")]) == [
        ("DPRD Provinsi Riau", "ORG"), ("Parisman Ihwan", "PERSON"), ("Dinas Pendidikan Kota Pekanbaru", "ORG")]
    # the name the NER cut in two, and a type word alone standing for the region just named
    sentence = "Hadir Ketua KPU Kota Sorong Yohanes Berth Kambuayu dan Ketua Bawaslu Kota Nirwana Tindi."
    assert repaired(sentence, [("KPU Kota Sorong Yohanes", "ORG"), ("Bawaslu Kota Nirwana", "ORG")]) == [
        ("KPU Kota Sorong", "ORG"), ("Yohanes Berth Kambuayu", "PERSON"), ("Bawaslu Kota", "ORG"), ("Nirwana Tindi", "PERSON")]
    # words that go on into a capitalised phrase, a lower-case type word, or one word after a type word alone (a
    # misspelt region), stay out of any name
    assert repaired("Data BPS provinsi Jambi menunjukkan itu.", [("BPS provinsi Jambi", "ORG")]) == [
        ("BPS provinsi Jambi", "ORG")]
    assert repaired("Ia wakil ketua DPRD Provinsi Jakart.", [("DPRD Provinsi Jakart", "ORG")]) == [
        ("DPRD Provinsi Jakart", "ORG")]
    assert repaired("Ia wakil ketua DPRD Provinsi Jakart Agenda rapat.", [("DPRD Provinsi Jakart", "ORG")]) == [
        ("DPRD Provinsi Jakart", "ORG")]
    assert repaired("Kantor KPU Kota Sorong Baru Saja Dibuka.", [("KPU Kota Sorong Baru", "ORG")]) == [
        ("KPU Kota Sorong", "ORG")]


def test_an_unknown_place_right_after_a_regional_head_is_its_holder():
    assert repaired("Turut hadir Wakil Bupati Bakhtiar, Sekda juga.", [("Bakhtiar", "PLACE")]) == [("Bakhtiar", "PERSON")]
    assert repaired("Turut hadir Bupati Sleman, Sekda juga.", [("Sleman", "PLACE")]) == [("Sleman", "PLACE")]
    assert repaired("Turut hadir Bupati Dongggala, Sekda juga.", [("Dongggala", "PLACE")]) == [("Dongggala", "PLACE")]
    assert repaired("Turut hadir Camat Sukamakmur, Sekda juga.", [("Sukamakmur", "PLACE")]) == [("Sukamakmur", "PLACE")]


def test_an_org_opening_with_a_whole_office_title_starts_after_it():
    assert repaired("Hal itu disampaikan Kadinkes Aceh kemarin.", [("Kadinkes Aceh", "ORG")]) == [("Aceh", "PLACE")]
    assert repaired("Hal itu disampaikan Kasat Reskrim Polres Kukar kemarin.", [("Kasat Reskrim Polres Kukar", "ORG")]) == [
        ("Polres Kukar", "ORG")]
    assert repaired("Hal itu disampaikan Kepala Dinas Kesehatan kemarin.", [("Kepala Dinas Kesehatan", "ORG")]) == [
        ("Kepala Dinas Kesehatan", "ORG")]


def test_a_place_never_runs_on_into_a_number_an_amount_a_weekday_or_a_building_number():
    assert repaired("Kuota di Kabupaten Maybrat 86 orang.", [("Kabupaten Maybrat 86", "PLACE")]) == [
        ("Kabupaten Maybrat", "PLACE")]
    assert repaired("Desa Lilli Kecamatan Matangga Rp.699.917.000, lalu", [("Kecamatan Matangga Rp.699.917.000", "PLACE")]) == [
        ("Kecamatan Matangga", "PLACE")]
    assert repaired("Rapat di Jakarta Kamis (13/3/2025) kemarin.", [("Jakarta Kamis", "PLACE")]) == [("Jakarta", "PLACE")]
    assert repaired("Rapat di Gedung Serbaguna Lantai 3 kemarin.", [("Gedung Serbaguna Lantai 3", "PLACE")]) == [
        ("Gedung Serbaguna Lantai 3", "PLACE")]
    assert repaired("Kantornya di Jalan Pahlawan No. 14, Tabanan.", [("Jalan Pahlawan No. 14", "PLACE"), ("Tabanan", "PLACE")]) == [
        ("Jalan Pahlawan", "PLACE"), ("Tabanan", "PLACE")]


def test_a_name_after_a_regional_heads_region_is_the_holder():
    assert repaired("Rapat dihadiri Pj. Sekda Kampar Ramlah, SE, para asisten.", [("Kampar Ramlah", "PLACE")]) == [
        ("Kampar", "PLACE"), ("Ramlah", "PERSON")]
    assert repaired("Rapat dihadiri Gubernur Papua Barat Daya kemarin.", [("Papua Barat Daya", "PLACE")]) == [
        ("Papua Barat Daya", "PLACE")]


def test_name_words_the_ner_cut_off_after_a_person_join_it():
    assert repaired("Pasangan Wayan Koster-I Nyoman Wirata Prasta unggul sementara.",
                    [("Wayan Koster", "PERSON"), ("I Nyoman", "PERSON")]) == [
        ("Wayan Koster", "PERSON"), ("I Nyoman Wirata Prasta", "PERSON")]
    assert repaired("Jabatan itu dijabat Asrun Lio sejak April.", [("Asrun", "PERSON")]) == [("Asrun Lio", "PERSON")]
    # a one-word kecamatan name (`Giri`) is often also a person's
    assert repaired("Pasangan Koster-I Nyoman Giri Prasta unggul.", [("Koster", "PERSON"), ("I Nyoman", "PERSON")]) == [
        ("Koster", "PERSON"), ("I Nyoman Giri Prasta", "PERSON")]
    # not before capitals or numbers, not after a one-word PERSON opening a clause, not a place
    assert repaired("Hasilnya Ratu Dewa Unggul 46,86 Persen.", [("Ratu Dewa", "PERSON")]) == [("Ratu Dewa", "PERSON")]
    assert ("Sepakat", "PERSON") in repaired("Fraksi Golkar: Sepakat Raperda telah lengkap.", [("Sepakat", "PERSON")])
    assert repaired("Kata Budi Santoso Jakarta kemarin.", [("Budi Santoso", "PERSON")]) == [("Budi Santoso", "PERSON")]


def test_a_name_word_between_a_place_and_a_person_opens_the_name():
    assert repaired("Dihadiri Pj Wali Kota Sorong Benhard Eduard Rondonuwu bersama Sekda.",
                    [("Sorong", "PLACE"), ("Eduard Rondonuwu", "PERSON")]) == [
        ("Sorong", "PLACE"), ("Benhard Eduard Rondonuwu", "PERSON")]
    assert repaired("Foto Pj Gubernur Aceh Lantik Alhudri Jadi Pj Bupati", [("Aceh", "PLACE"), ("Alhudri", "PERSON")]) == [
        ("Aceh", "PLACE"), ("Alhudri", "PERSON")]


def test_regions_written_after_a_typed_region_are_mentions_of_their_own():
    assert repaired("Warga kecamatan Cidaun Cianjur Jawa Barat datang.", [("kecamatan Cidaun Cianjur Jawa Barat", "PLACE")]) == [
        ("kecamatan Cidaun", "PLACE"), ("Cianjur", "PLACE"), ("Jawa Barat", "PLACE")]
    assert repaired("Warga Kabupaten Teluk Wondama datang.", [("Kabupaten Teluk Wondama", "PLACE")]) == [
        ("Kabupaten Teluk Wondama", "PLACE")]
    assert repaired("Warga Provinsi Kepulauan Bangka Belitung datang.", [("Provinsi Kepulauan Bangka Belitung", "PLACE")]) == [
        ("Provinsi Kepulauan Bangka Belitung", "PLACE")]


def test_a_bodys_name_ends_with_its_typed_jurisdiction():
    assert repaired("Kata Kabid Logistik Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten PPU Nurlaila, kemarin.",
                    [("Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten PPU Nurlaila", "ORG")]) == [
        ("Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten PPU", "ORG"), ("Nurlaila", "PERSON")]
    # words of a body after the region (`Unit`) keep the name whole
    assert repaired("Ia bekerja di Bank Pembangunan Daerah Provinsi Kalbar Syariah Unit Dua.",
                    [("Bank Pembangunan Daerah Provinsi Kalbar Syariah Unit Dua", "ORG")]) == [
        ("Bank Pembangunan Daerah Provinsi Kalbar Syariah Unit Dua", "ORG")]


def test_a_government_bodys_name_ends_with_a_region_written_alone():
    assert repaired("Kata Kepala Dinas Pendidikan Paser Warsito kemarin.",
                    [("Dinas Pendidikan Paser Warsito", "ORG")]) == [("Dinas Pendidikan Paser", "ORG"), ("Warsito", "PERSON")]
    assert repaired("Kepala Kejaksaan Negeri Bontang Sudarmo menerima laporan.",
                    [("Kejaksaan Negeri Bontang Sudarmo", "ORG")]) == [("Kejaksaan Negeri Bontang", "ORG"),
                                                                        ("Sudarmo", "PERSON")]
    assert repaired("Anggota Komisi II DPR RI Sutrisno Hadi mengkritik aturan itu.",
                    [("Komisi II DPR RI Sutrisno Hadi", "ORG")]) == [("Komisi II DPR RI", "ORG"),
                                                                     ("Sutrisno Hadi", "PERSON")]
    # a region of several words stays whole; other organisations may go on after a region
    assert repaired("Dinas Kesehatan Penajam Paser Utara mengimbau warga.",
                    [("Dinas Kesehatan Penajam Paser Utara", "ORG")]) == [("Dinas Kesehatan Penajam Paser Utara", "ORG")]
    assert repaired("Bank Kaltim Syariah menyalurkan kredit.", [("Bank Kaltim Syariah", "ORG")]) == [
        ("Bank Kaltim Syariah", "ORG")]


def test_a_name_opening_with_the_region_of_the_regional_head_before_it_is_that_region_and_the_holder():
    assert repaired("Kata Wawali Bontang Sumarni kemarin.", [("Wawali Bontang Sumarni", "ORG")]) == [
        ("Bontang", "PLACE"), ("Sumarni", "PERSON")]
    assert repaired("Bupati Bima Ratna Sari membuka festival.", [("Bima Ratna Sari", "PERSON")]) == [
        ("Bima", "PLACE"), ("Ratna Sari", "PERSON")]
    # a title of no region (a vice minister) takes no region: the name stays whole
    assert repaired("Wamendagri Bima Santoso hadir.", [("Bima Santoso", "PERSON")]) == [("Bima Santoso", "PERSON")]


def test_after_a_kecamatans_head_a_known_kecamatan_ends_before_the_holders_name():
    assert repaired("Camat Samboja Wiryanto mengimbau ASN.", [("Samboja Wiryanto", "PLACE")]) == [
        ("Samboja", "PLACE"), ("Wiryanto", "PERSON")]
    # a kecamatan the gazetteer knows whole, and a word that continues region names (`Ilir`), stay in the place
    assert repaired("Camat Samboja Barat hadir.", [("Samboja Barat", "PLACE")]) == [("Samboja Barat", "PLACE")]
    assert repaired("Camat Loa Janan Ilir hadir.", [("Loa Janan Ilir", "PLACE")]) == [("Loa Janan Ilir", "PLACE")]


def test_a_first_name_written_short_with_a_full_stop_belongs_to_the_name():
    assert repaired("Kata Deputi Moh. Edy Mahmud kemarin.", [("Edy Mahmud", "PERSON")]) == [("Moh. Edy Mahmud", "PERSON")]
    assert repaired("Kata Deputi Moh. Edy Mahmud kemarin.", [("Moh", "PERSON"), ("Edy Mahmud", "PERSON")]) == [
        ("Moh. Edy Mahmud", "PERSON")]
    assert repaired("Kantornya di Jl. Sudirman kemarin.", [("Sudirman", "PERSON")]) == [("Jl. Sudirman", "PLACE")]  # a street


def test_a_numbered_commission_is_an_org_with_its_legislature():
    assert repaired("Rapat Komisi I DPRD Tabanan digelar.", [("DPRD Tabanan", "ORG")]) == [("Komisi I DPRD Tabanan", "ORG")]
    assert repaired("Anggota komisi IV menilai data itu.", []) == [("komisi IV", "ORG")]
    assert repaired("Komisi Pemilihan Umum (KPU) hadir.", [("Komisi Pemilihan Umum (KPU)", "ORG")]) == [
        ("Komisi Pemilihan Umum (KPU)", "ORG")]


def test_a_bracketed_abbreviation_is_one_capitalised_word_of_at_most_twelve_letters():
    words = doc_with_ents("Badan (BKPSDM) Dinas (Kadisdikbudpora) kantor (lantai) Dinas (SDM2) hadir.", [])
    assert [bracketed_abbreviation(words, i) for i in (1, 5, 9, 13)] == ["BKPSDM", "", "", ""]
    assert bracketed_abbreviation(doc_with_ents("Dinas (Kadisdikpora)", []), 1) == "Kadisdikpora"


def test_a_venue_named_after_the_body_it_houses_holds_the_bodys_org():
    from pipeline.extract.offices import OfficeRuler
    from pipeline.extract.places import PlaceFinder
    from pipeline.extract.spans import PLACE_KEY

    text = "Pleno digelar di Gedung Serbaguna KPU Bengkayang, Senin."
    doc = entity_rules(doc_with_ents(text, [("Gedung Serbaguna KPU Bengkayang", "PLACE")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("KPU Bengkayang", "ORG")]
    # The place finder makes the venue again around the ORG, with no region inside the venue.
    assert [s.text for s in PlaceFinder()(OfficeRuler()(doc)).spans[PLACE_KEY]] == ["Gedung Serbaguna KPU Bengkayang"]
    # The venue words the NER tagged apart from the body's ORG give way as well.
    doc = entity_rules(doc_with_ents("Sidang di Graha Paripurna DPRD Paser ditunda.",
                                     [("Graha Paripurna", "PLACE"), ("DPRD Paser", "ORG")]))
    assert [s.text for s in PlaceFinder()(OfficeRuler()(doc)).spans[PLACE_KEY]] == ["Graha Paripurna DPRD Paser"]
    # A title is no body, a stadium houses none, and a lower-case `kantor` is no venue.
    assert repaired("Warga datang ke Kantor Bupati Sambas.", [("Kantor Bupati Sambas", "PLACE")]) == [
        ("Kantor Bupati Sambas", "PLACE")]
    assert repaired("Laga digelar di Stadion Gelora Sriwijaya.", [("Stadion Gelora Sriwijaya", "PLACE")]) == [
        ("Stadion Gelora Sriwijaya", "PLACE")]


def test_an_honorific_and_a_name_closing_an_org_are_its_holder():
    assert repaired("Mahasiswa meminta Rektor Unmul Prof Abdunnur menemui mereka.", [("Unmul Prof Abdunnur", "ORG")]) == [
        ("Unmul", "ORG"), ("Abdunnur", "PERSON")]
    assert repaired("Pos dijaga Polres Paser AKBP Novy Adi Wibowo sejak pagi.", [("Polres Paser AKBP Novy Adi", "ORG"),
                                                                             ("Wibowo", "PERSON")]) == [
        ("Polres Paser", "ORG"), ("Novy Adi Wibowo", "PERSON")]
    # named after a person, or a form of address opening a name: the ORG stays whole
    assert repaired("Pasien dirujuk ke RSUD Dr. Kanujoso Djatiwibowo.", [("RSUD Dr. Kanujoso Djatiwibowo", "ORG")]) == [
        ("RSUD Dr. Kanujoso Djatiwibowo", "ORG")]
    assert repaired("Kepala Otorita Ibu Kota Nusantara hadir.", [("Otorita Ibu Kota Nusantara", "ORG")]) == [
        ("Otorita Ibu Kota Nusantara", "ORG")]


def test_the_parties_of_a_case_are_no_persons():
    assert repaired("Majelis menolak dalil Pemohon dan menerima jawaban Termohon.", [("Pemohon", "PERSON"),
                                                                                  ("Termohon", "PERSON")]) == []


def test_a_bodys_portfolios_listed_with_dan_stay_one_org():
    assert repaired("Kepala Biro Umum Humas dan Protokol Setda Kaltim, Budi, hadir.",
                    [("Biro Umum Humas", "ORG"), ("Protokol Setda Kaltim", "ORG"), ("Budi", "PERSON")]) == [
        ("Biro Umum Humas dan Protokol Setda Kaltim", "ORG"), ("Budi", "PERSON")]
    assert repaired("Rapat dihadiri Dinas Sosial dan Bawaslu Paser.", [("Dinas Sosial", "ORG"), ("Bawaslu Paser", "ORG")]) == [
        ("Dinas Sosial", "ORG"), ("Bawaslu Paser", "ORG")]
    assert repaired("Pembahasan oleh Badan Anggaran DPRD dan Tim Anggaran Pemerintah Daerah (TAPD) berlanjut.",
                    [("Badan Anggaran DPRD", "ORG"), ("Tim Anggaran Pemerintah Daerah (TAPD)", "ORG")]) == [
        ("Badan Anggaran DPRD", "ORG"), ("Tim Anggaran Pemerintah Daerah (TAPD)", "ORG")]


def test_a_name_after_a_village_type_word_or_a_street_word_is_the_village_or_the_street():
    assert repaired("Bantuan disalurkan ke Desa Tanjung Limau kemarin.", [("Tanjung Limau", "PERSON")]) == [
        ("Desa Tanjung Limau", "PLACE")]
    assert repaired("Tabrakan terjadi di Jalan Pangeran Antasari, Senin.", [("Pangeran Antasari", "PERSON")]) == [
        ("Jalan Pangeran Antasari", "PLACE")]
    assert repaired("Barang bukti ditemukan di Jl. Wolter Monginsidi.", [("Wolter Monginsidi", "ORG")]) == [
        ("Jl. Wolter Monginsidi", "PLACE")]
    # a place written after a street word names the street
    assert repaired("Macet panjang di Jalan Raya Desa Bojong, Kabupaten Bogor.", [("Desa Bojong", "PLACE"),
                                                                            ("Kabupaten Bogor", "PLACE")]) == [
        ("Jalan Raya Desa Bojong", "PLACE"), ("Kabupaten Bogor", "PLACE")]
    assert repaired("Ruko itu di Jalan Tarakan, Balikpapan.", [("Tarakan", "PLACE"), ("Balikpapan", "PLACE")]) == [
        ("Jalan Tarakan", "PLACE"), ("Balikpapan", "PLACE")]
    assert repaired("Kepala Desa Budi Santoso hadir.", [("Budi Santoso", "PERSON")]) == [("Budi Santoso", "PERSON")]


def test_words_pointing_back_and_counted_regions_are_outside_an_org():
    assert repaired("Kami sudah rapat dengan Bapenda kemarin, katanya.", [("Bapenda kemarin", "ORG")]) == [("Bapenda", "ORG")]
    assert repaired("Data dihimpun dari Bawaslu 10 Kabupaten/Kota se-Kaltim.", [("Bawaslu 10 Kabupaten", "ORG")]) == [
        ("Bawaslu", "ORG")]
    assert repaired("Dandim hadir di Kodim 0908 Kota Bontang.", [("Kodim 0908 Kota Bontang", "ORG")]) == [
        ("Kodim 0908 Kota Bontang", "ORG")]
    assert repaired("Pejabat BUMN dan BUMD dilarang berkampanye.", [("BUMN", "ORG"), ("BUMD", "ORG")]) == []


def test_a_name_closed_by_an_organisations_word_is_an_org():
    assert repaired("Beasiswa itu dari Djarum Foundation tahun ini.", [("Djarum Foundation", "PERSON")]) == [
        ("Djarum Foundation", "ORG")]


def test_a_name_does_not_end_with_a_lower_case_function_word():
    assert repaired("Program Pemerintah Kabupaten Paser guna menekan stunting berjalan.",
                    [("Pemerintah Kabupaten Paser guna", "ORG")]) == [("Pemerintah Kabupaten Paser", "ORG")]
    assert repaired("Seorang kades di Kecamatan Tanah Grogot berinisial H dilaporkan.",
                    [("Kecamatan Tanah Grogot berinisial H", "PLACE")]) == [("Kecamatan Tanah Grogot", "PLACE")]
    # a region's own word, or a village written in lower case, stays
    assert repaired("Warga Kabupaten Lombok tengah hadir.", [("Kabupaten Lombok tengah", "PLACE")]) == [
        ("Kabupaten Lombok tengah", "PLACE")]
    assert repaired("Warga Desa Sungai baru hadir.", [("Desa Sungai baru", "PLACE")]) == [("Desa Sungai baru", "PLACE")]


def test_the_region_of_a_venues_or_a_streets_address_is_a_place_of_its_own():
    assert repaired("Debat digelar di Hotel Grand Jatra Kota Balikpapan.", [("Hotel Grand Jatra Kota Balikpapan", "PLACE")]) == [
        ("Hotel Grand Jatra", "PLACE"), ("Kota Balikpapan", "PLACE")]
    assert repaired("Posko ada di Jalan Diponegoro Samarinda.", [("Jalan Diponegoro Samarinda", "PLACE")]) == [
        ("Jalan Diponegoro", "PLACE"), ("Samarinda", "PLACE")]
    # a road named after where it leads, and the title of a venue's office, stay
    assert repaired("Macet di Jalan Raya Bogor kemarin.", [("Jalan Raya Bogor", "PLACE")]) == [("Jalan Raya Bogor", "PLACE")]
    assert repaired("Demo di Kantor Wali Kota Palu.", [("Kantor Wali Kota Palu", "PLACE")]) == [("Kantor Wali Kota Palu", "PLACE")]


def test_a_region_abbreviation_closing_a_person_is_a_place():
    assert repaired("Hal itu disampaikan Yusuf Kaltim kemarin.", [("Yusuf Kaltim", "PERSON")]) == [
        ("Yusuf", "PERSON"), ("Kaltim", "PLACE")]
    assert repaired("Relawan Budi Kutai Barat bergerak.", [("Budi Kutai Barat", "PERSON")]) == [
        ("Budi", "PERSON"), ("Kutai Barat", "PLACE")]
    assert repaired("Kata Muhammad Nur Bone kemarin.", [("Muhammad Nur Bone", "PERSON")]) == [
        ("Muhammad Nur Bone", "PERSON")]  # a one-word region's name is also a name word


def test_a_weekday_before_its_date_ends_a_name():
    assert repaired("Hal itu disampaikan Budi Santoso, Senin (4/11), di kantornya.", [("Budi Santoso, Senin (4/11)", "PERSON")]) == [
        ("Budi Santoso", "PERSON")]


def test_parties_joined_by_a_hyphen_after_fraksi_are_one_faction():
    assert repaired("Fraksi PKB-Demokrat menyetujui raperda itu.", [("Fraksi PKB", "ORG"), ("Demokrat", "ORG")]) == [
        ("Fraksi PKB-Demokrat", "ORG")]
    assert repaired("Fraksi PKB - Demokrat berbeda sikap.", [("Fraksi PKB", "ORG"), ("Demokrat", "ORG")]) == [
        ("Fraksi PKB", "ORG"), ("Demokrat", "ORG")]


def test_an_inflected_verb_opening_a_sentence_is_no_name_word():
    assert repaired("Disampaikan Wulan Sari, jadwal kampanye sudah disusun.", [("Disampaikan Wulan Sari", "PERSON")]) == [
        ("Wulan Sari", "PERSON")]
    assert repaired("Tanggapi saja. Menanggapi hal itu, warga diam.", [("Menanggapi", "PERSON")]) == []
    assert repaired("Bagikan ke teman.", [("Bagikan", "PERSON")]) == []
    # inside a sentence the capital is the name's, and names with di- alone are names (`Dimas`)
    assert repaired("Kata Menanggapi Rusli kemarin.", [("Menanggapi Rusli", "PERSON")]) == [("Menanggapi Rusli", "PERSON")]
    assert repaired("Dimas Pratama hadir.", [("Dimas Pratama", "PERSON")]) == [("Dimas Pratama", "PERSON")]
    assert repaired("Fraksi PAN: Mendukung pembahasan raperda.", [("Fraksi PAN", "ORG"), ("Mendukung", "PLACE")]) == [
        ("Fraksi PAN", "ORG")]
    assert repaired("Melawi menjadi tuan rumah.", [("Melawi", "PLACE")]) == [("Melawi", "PLACE")]  # a region's name
    assert repaired("Penutupan dilakukan oleh Sekda.", [("Penutupan", "PLACE")]) == []
    assert repaired("Kata warga, Mandalika ramai.", [("Mandalika", "PLACE")]) == [("Mandalika", "PLACE")]


def test_a_name_read_as_an_org_after_a_persons_role_or_beside_a_person_is_a_person():
    assert repaired("Sementara itu, pengamat politik Rudi Harsanto berharap debat lebih tajam.",
                    [("Rudi Harsanto", "ORG")]) == [("Rudi Harsanto", "PERSON")]
    assert repaired("Pasangan nomor urut 3, Rudi Harsanto dan Sulaiman Agus memperoleh 263.950 suara.",
                    [("Rudi Harsanto", "ORG"), ("Sulaiman Agus", "PERSON")]) == [
        ("Rudi Harsanto", "PERSON"), ("Sulaiman Agus", "PERSON")]
    # a body's word, a brand's, an acronym, a common last word, or no such context: the ORG stays
    assert repaired("Menurut peneliti Charta Politika, elektabilitas naik.", [("Charta Politika", "ORG")]) == [
        ("Charta Politika", "ORG")]
    assert repaired("Kata pengamat politik Lembaga Kajian kemarin.", [("Lembaga Kajian", "ORG")]) == [
        ("Lembaga Kajian", "ORG")]
    assert repaired("Budi Santoso dan Pemuda Pancasila hadir.", [("Budi Santoso", "PERSON"), ("Pemuda Pancasila", "ORG")]) == [
        ("Budi Santoso", "PERSON"), ("Pemuda Pancasila", "ORG")]
    assert repaired("Survei Rudi Harsanto menunjukkan itu.", [("Rudi Harsanto", "ORG")]) == [("Rudi Harsanto", "ORG")]


def test_an_event_named_after_a_region_is_no_entity_and_its_region_is_the_place():
    assert repaired("Medali PON XXI Aceh-Sumut 2024 dibagikan.", [("PON XXI Aceh", "PLACE"), ("Sumut", "PLACE")]) == [
        ("Aceh", "PLACE"), ("Sumut", "PLACE")]
    assert repaired("Kontingen meraih 12 emas di Porprov Kaltim 2024.", [("Porprov Kaltim", "ORG")]) == [
        ("Kaltim", "PLACE")]
    assert repaired("Atlet tampil di Porprov Juara.", [("Porprov Juara", "ORG")]) == []


def test_the_government_of_a_known_region_in_lower_case_is_an_org():
    assert repaired("Bantuan dari pemerintah provinsi NTT sebesar 12 miliar.", [("provinsi NTT", "PLACE")]) == [
        ("pemerintah provinsi NTT", "ORG")]
    assert repaired("Dana dikelola pemerintah Kutai Barat tahun ini.", []) == [("pemerintah Kutai Barat", "ORG")]
    assert repaired("Menurut pemerintah daerah, pajak naik.", []) == []
    assert repaired("Hal itu diminta pemerintah Provinsi Sumatera Barat (Pemprov-Sumbar) kemarin.",
                    [("Provinsi Sumatera Barat", "PLACE"), ("Pemprov-Sumbar", "ORG")]) == [
        ("pemerintah Provinsi Sumatera Barat (Pemprov-Sumbar)", "ORG")]
    assert repaired("Kata pemerintah Provinsi bersama warga.", []) == []


def test_a_bodys_verb_in_a_headline_is_no_part_of_its_org():
    assert repaired("Bawaslu Catat Banyak Laporan Dugaan ASN di Papua Selatan",
                    [("Bawaslu Catat", "ORG"), ("Papua Selatan", "PLACE")]) == [
        ("Bawaslu", "ORG"), ("Papua Selatan", "PLACE")]
    assert repaired("KPU Provinsi Jawa Tengah Gelar Rapat Pleno Terbuka", [("KPU Provinsi Jawa Tengah", "ORG")]) == [
        ("KPU Provinsi Jawa Tengah", "ORG")]
    # in a sentence the capitals are the name's
    assert repaired("Hal itu disampaikan Bawaslu Catat Sipil kemarin.", [("Bawaslu Catat Sipil", "ORG")]) == [
        ("Bawaslu Catat Sipil", "ORG")]


def test_an_institutions_town_after_its_abbreviation_is_a_place():
    assert repaired("Mahasiswa Universitas Jenderal Soedirman (Unsoed) Purwokerto menggelar aksi.",
                    [("Universitas Jenderal Soedirman", "ORG"), ("Purwokerto", "PLACE")]) == [
        ("Universitas Jenderal Soedirman (Unsoed)", "ORG"), ("Purwokerto", "PLACE")]
    assert repaired("Data Badan Pusat Statistik (BPS) Kabupaten Batang naik.",
                    [("Badan Pusat Statistik", "ORG"), ("Kabupaten Batang", "PLACE")]) == [
        ("Badan Pusat Statistik (BPS) Kabupaten Batang", "ORG")]


def test_a_village_name_ends_with_its_capitalised_position_word():
    assert repaired("Hadir Lurah Anggut Dalam dan warga.", [("Anggut", "PLACE")]) == [("Anggut Dalam", "PLACE")]
    assert repaired("Rapat di Anggut dalam suasana tenang.", [("Anggut", "PLACE")]) == [("Anggut", "PLACE")]
    # a new clause, or a known region's name
    assert repaired("Warga Anggut Dalam rangka itu hadir.", [("Anggut", "PLACE")]) == [("Anggut", "PLACE")]
    assert ("Arab Saudi", "PLACE") in repaired("Tim melawan Arab Saudi Dalam laga itu.", [("Arab Saudi", "PLACE")])


def test_an_entity_opening_with_a_street_word_is_the_street():
    assert repaired("Kantor itu di Jalan Ahmad Yani, Manado.", [("Jalan Ahmad Yani", "PERSON"), ("Manado", "PLACE")]) == [
        ("Jalan Ahmad Yani", "PLACE"), ("Manado", "PLACE")]


def test_a_short_name_with_the_region_in_brackets_belongs_to_the_body():
    assert repaired("Laporan Pemerintah Provinsi Sulawesi Tenggara (Pemprov Sultra) diperiksa.",
                    [("Pemerintah Provinsi Sulawesi Tenggara", "ORG"), ("Pemprov Sultra", "ORG")]) == [
        ("Pemerintah Provinsi Sulawesi Tenggara (Pemprov Sultra)", "ORG")]
    # a bracket of another region is not the body's short name
    assert repaired("Pemerintah Provinsi Sulawesi Tenggara (Pemprov Kaltim) hadir.",
                    [("Pemerintah Provinsi Sulawesi Tenggara", "ORG"), ("Pemprov Kaltim", "ORG")]) == [
        ("Pemerintah Provinsi Sulawesi Tenggara", "ORG"), ("Pemprov Kaltim", "ORG")]


def test_the_body_after_a_spelt_abbreviation_is_part_of_the_name():
    assert repaired("Rapat Badan Anggaran (Banggar) DPRD Kukar ditunda.",
                    [("Badan Anggaran (Banggar)", "ORG"), ("DPRD Kukar", "ORG")]) == [
        ("Badan Anggaran (Banggar) DPRD Kukar", "ORG")]


def test_a_typed_region_after_a_body_is_its_branch():
    assert repaired("Ketua Karang Taruna Kecamatan Pujut hadir.",
                    [("Karang Taruna", "ORG"), ("Kecamatan Pujut", "PLACE")]) == [
        ("Karang Taruna Kecamatan Pujut", "ORG")]


def test_the_holder_after_a_titled_body_is_a_person():
    assert repaired("Kepala Dinas Perikanan Nunukan Helmi Pusdaalikar mengatakan, stok aman.",
                    [("Dinas Perikanan Nunukan", "ORG")]) == [
        ("Dinas Perikanan Nunukan", "ORG"), ("Helmi Pusdaalikar", "PERSON")]
    # words of the language after the body are no holder
    assert repaired("Kepala Dinas Perikanan Nunukan Selasa Pagi mengatakan, stok aman.",
                    [("Dinas Perikanan Nunukan", "ORG")]) == [("Dinas Perikanan Nunukan", "ORG")]


def test_a_name_word_before_a_person_after_a_body_or_opening_a_sentence():
    assert repaired("Kata Kepala BPS Aceh Ahmadriswan Nasution dalam konferensi pers.",
                    [("BPS Aceh", "ORG"), ("Nasution", "PERSON")]) == [
        ("BPS Aceh", "ORG"), ("Ahmadriswan Nasution", "PERSON")]
    assert repaired("Bustanul Arifin yang sebelumnya menjabat kepala bidang hadir.", [("Arifin", "PERSON")]) == [
        ("Bustanul Arifin", "PERSON")]
    assert repaired("Menurutnya Arifin hadir.", [("Arifin", "PERSON")]) == [("Arifin", "PERSON")]
    assert repaired("Dipilihnya Bayu menjadi ketua sudah diduga.", [("Bayu", "PERSON")]) == [("Bayu", "PERSON")]
    assert repaired("Bawaslu Budi Santoso menilai kampanye tertib.", [("Budi Santoso", "PERSON")]) == [
        ("Bawaslu", "ORG"), ("Budi Santoso", "PERSON")]


def test_a_place_opens_with_no_common_word_nor_a_counted_type_word():
    assert repaired("Mereka mengenal peta kemasyarakatan Bantul dan Sleman.",
                    [("kemasyarakatan Bantul", "PLACE"), ("Sleman", "PLACE")]) == [("Bantul", "PLACE"), ("Sleman", "PLACE")]
    assert repaired("Ia menang di tiga kabupaten Nusa Utara.", [("kabupaten Nusa Utara", "PLACE")]) == [
        ("Nusa Utara", "PLACE")]
    assert repaired("Ia datang ke kabupaten Donggala.", [("kabupaten Donggala", "PLACE")]) == [
        ("kabupaten Donggala", "PLACE")]
    assert repaired("Warga di 13 distrik Pegunungan Bintang memilih.", [("distrik Pegunungan Bintang", "PLACE")]) == [
        ("Pegunungan Bintang", "PLACE")]
    assert repaired("Warga dari kilometer 8 desa Makariki mengungsi.", [("desa Makariki", "PLACE")]) == [
        ("desa Makariki", "PLACE")]


def test_words_cut_off_a_unit_at_its_region_open_the_person_after_them():
    assert repaired("Kata Kepala BPS Aceh Ahmadriswan Nasution dalam konferensi pers.",
                    [("BPS Aceh Ahmadriswan", "ORG"), ("Nasution", "PERSON")]) == [
        ("BPS Aceh", "ORG"), ("Ahmadriswan Nasution", "PERSON")]
    assert repaired("Kata Kepala Dinas Pendidikan Paser Katsul Hadi dalam rapat.",
                    [("Dinas Pendidikan Paser Katsul", "ORG"), ("Hadi", "PERSON")]) == [
        ("Dinas Pendidikan Paser", "ORG"), ("Katsul Hadi", "PERSON")]


def test_an_institutions_town_read_into_its_name_is_a_place():
    assert repaired("Mahasiswa Universitas Mulawarman (Unmul) Samarinda berunjuk rasa.",
                    [("Universitas Mulawarman (Unmul) Samarinda", "PLACE")]) == [
        ("Universitas Mulawarman (Unmul)", "ORG"), ("Samarinda", "PLACE")]
    # a hospital's name goes on after its abbreviation
    assert repaired("Pasien dirujuk ke Rumah Sakit Umum Daerah (RSUD) Abdul Wahab Sjahranie kemarin.",
                    [("Rumah Sakit Umum Daerah (RSUD) Abdul Wahab Sjahranie", "ORG")]) == [
        ("Rumah Sakit Umum Daerah (RSUD) Abdul Wahab Sjahranie", "ORG")]


def test_a_kecamatan_next_to_its_region_or_a_sibling_is_no_person():
    assert repaired("Ia jarang mengunjungi Wamena, Kabupaten Jayawijaya.",
                    [("Wamena", "PERSON"), ("Kabupaten Jayawijaya", "PLACE")]) == [
        ("Wamena", "PLACE"), ("Kabupaten Jayawijaya", "PLACE")]
    assert repaired("Suara di Praya Tengah 21.964, Jonggat 23.863, Praya Timur 18.798.",
                    [("Praya Tengah", "PLACE"), ("Jonggat", "PERSON"), ("Praya Timur", "PLACE")]) == [
        ("Praya Tengah", "PLACE"), ("Jonggat", "PLACE"), ("Praya Timur", "PLACE")]
    # a kecamatan's name elsewhere is a person's
    assert repaired("Bupati Jayawijaya hadir bersama Wamena dan istrinya.",
                    [("Jayawijaya", "PLACE"), ("Wamena", "PERSON")]) == [("Jayawijaya", "PLACE"), ("Wamena", "PERSON")]


def test_a_venue_inside_a_longer_place_holds_its_body():
    assert repaired("Rapat di Graha Paripurna DPRD Sumenep dimulai.", [("Graha Paripurna DPRD Sumenep", "PLACE")]) == [
        ("DPRD Sumenep", "ORG")]
    assert repaired("Rapat di Ruang Rapat Paripurna Lt. 3 Gedung DPRD Kalteng dimulai.",
                    [("Ruang Rapat Paripurna Lt. 3 Gedung DPRD Kalteng", "PLACE")]) == [("DPRD Kalteng", "ORG")]


def test_a_region_after_a_comma_closing_an_org_is_a_place():
    assert repaired("Kepala Dinas Pemberdayaan Masyarakat dan Pemerintahan Kampung, Pegunungan Bintang, Andreas Tapyor "
                    "hadir.",
                    [("Dinas Pemberdayaan Masyarakat dan Pemerintahan Kampung, Pegunungan Bintang", "ORG"),
                     ("Andreas Tapyor", "PERSON")]) == [
        ("Dinas Pemberdayaan Masyarakat dan Pemerintahan Kampung", "ORG"), ("Pegunungan Bintang", "PLACE"),
        ("Andreas Tapyor", "PERSON")]


def test_typed_places_run_together_are_each_repaired():
    assert repaired("Kampanye di Kampung Ambumo Distrik Kuriwamesa Teluk Wondama berlangsung.",
                    [("Kampung Ambumo Distrik Kuriwamesa Teluk Wondama", "PLACE")]) == [
        ("Kampung Ambumo", "PLACE"), ("Distrik Kuriwamesa", "PLACE"), ("Teluk Wondama", "PLACE")]


def test_a_bodys_term_is_no_part_of_its_name():
    assert repaired("Anggota DPRD periode 2024–2029 dilantik.", [("DPRD periode 2024–2029", "ORG")]) == [("DPRD", "ORG")]
