"""Tests for pipeline.extract.dates: DATE mentions and the publication date.

Sentences are written for these tests in the style of Indonesian regional news.
"""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.extract.dates import DateMention, find_dates, publication_date

PUB = dt.date(2024, 10, 24)  # a Thursday


def found(text, published=PUB):
    return [(m.text, m.value, m.granularity) for m in find_dates(text, published)]


def one(text, published=PUB) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


# --- surface forms -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Rapat pleno rekapitulasi digelar pada Jumat, 22 November 2024 di aula kecamatan.",
     ("Jumat, 22 November 2024", "2024-11-22", "day")),
    ("Bupati meninjau gudang logistik di Sangatta, Selasa (19/11/2024), bersama Forkopimda.",
     ("Selasa (19/11/2024)", "2024-11-19", "day")),
    ("Pelantikan berlangsung Kamis 12-12-2024,11:46 WIB di pendopo.",
     ("Kamis 12-12-2024", "2024-12-12", "day")),
    ("Debat kandidat dijadwalkan pada Rabu 23 Oktober 2024 di hotel.",
     ("Rabu 23 Oktober 2024", "2024-10-23", "day")),
    ("Pemungutan suara dilaksanakan serentak 27 November mendatang.",
     ("27 November mendatang", "2024-11-27", "day")),
    ("Sosialisasi serupa sudah digelar Februari lalu di tiap kelurahan.",
     ("Februari lalu", "2024-02", "month")),
    ("Tahapan penetapan calon terpilih dimulai awal Desember 2024.",
     ("awal Desember 2024", "2024-12", "month")),
    ("Dana itu tidak terserap pada tahun 2023 karena lelang gagal.",
     ("tahun 2023", "2023", "year")),
    ("Pencairan tahap kedua dijadwalkan bulan Juli.", ("bulan Juli", "2024-07", "month")),
    ("Sisa dana pada tahun anggaran 2024 dikembalikan ke kas daerah.", ("tahun anggaran 2024", "2024", "year")),
    ("32.1 C Samarinda Friday, November 22, 2024", ("Friday, November 22, 2024", "2024-11-22", "day")),
    ("Pemeriksaan saksi dilakukan Sabtu, (26/10/2024), di kantor Bawaslu.",
     ("Sabtu, (26/10/2024)", "2024-10-26", "day")),
    ("Rapat kerja digelar Senin pagi (28/10/24) di ruang Banggar.",
     ("Senin pagi (28/10/24)", "2024-10-28", "day")),
    ("Kunjungan kerja dilakukan pada hari Minggu tanggal 3 November 2024.",
     ("hari Minggu tanggal 3 November 2024", "2024-11-03", "day")),
    ("Laporan keuangan Triwulan III-2024 sudah diserahkan.", ("Triwulan III-2024", "2024", "year")),
    ("Anggaran desa naik sejak 2021 secara bertahap.", ("2021", "2021", "year")),
    ("Hasilnya diumumkan akhir September 2024 lalu.", ("akhir September 2024 lalu", "2024-09", "month")),
    ("Pelantikan kepala daerah jatuh pada 20 FEBRUARI 2025.", ("20 FEBRUARI 2025", "2025-02-20", "day")),
])
def test_surface_forms(sentence, expected):
    assert found(sentence) == [expected]


def test_bracketed_day_month_without_weekday():
    assert found("Kegiatan serupa digelar di aula kantor desa (14/5).", dt.date(2024, 5, 20)) == [
        ("(14/5)", "2024-05-14", "day")]


def test_weekday_with_day_month():
    mention = one("tegas Asisten I kepada awak media, Rabu (7/8).", dt.date(2024, 8, 8))
    assert (mention.text, mention.value, mention.weekday_consistent) == ("Rabu (7/8)", "2024-08-07", True)


@pytest.mark.parametrize("written, value", [
    ("5 Agt 2024", "2024-08-05"), ("9 Agu 2024", "2024-08-09"), ("3 Sept 2024", "2024-09-03"),
    ("3 Sep. 2024", "2024-09-03"), ("17 Okt 2024", "2024-10-17"), ("4 Nop 2024", "2024-11-04"),
    ("20 Des 2024", "2024-12-20"), ("2 Nopember 2024", "2024-11-02"), ("14 Pebruari 2024", "2024-02-14"),
    ("8 Aug 2024", "2024-08-08"), ("1 Jan 2025", "2025-01-01"),
])
def test_abbreviated_and_variant_months(written, value):
    assert found(f"Surat itu bertanggal {written} dan sudah diterima.") == [(written, value, "day")]


# --- ranges --------------------------------------------------------------------------------------

def test_day_range_gives_two_mentions_sharing_a_range_id():
    a, b = find_dates("Rekapitulasi tingkat provinsi berlangsung 7 hingga 9 Desember 2024.", PUB)
    assert (a.text, a.value, b.text, b.value) == ("7", "2024-12-07", "9 Desember 2024", "2024-12-09")
    assert a.range_id == b.range_id == 0
    assert not a.year_inferred and not b.year_inferred


def test_day_range_without_year_takes_year_from_publication():
    a, b = find_dates("Bimtek petugas digelar 1-3 Desember di Palu.", PUB)
    assert (a.value, b.value) == ("2024-12-01", "2024-12-03")
    assert a.range_id == b.range_id is not None
    assert a.year_inferred and b.year_inferred


def test_month_range():
    a, b = find_dates("Realisasi belanja periode Januari-Maret 2022 masih rendah.", PUB)
    assert [(a.text, a.value, a.granularity), (b.text, b.value)] == [
        ("Januari", "2022-01", "month"), ("Maret 2022", "2022-03")]
    assert a.range_id == b.range_id == 0


def test_range_across_months_and_years():
    a, b = find_dates("Masa kampanye berlangsung 25 September hingga 23 November 2024.", PUB)
    assert (a.value, b.value) == ("2024-09-25", "2024-11-23")
    a, b = find_dates("Data dihimpun Desember-Februari 2024 oleh BPS.", PUB)
    assert (a.value, b.value) == ("2023-12", "2024-02")


def test_range_of_full_dates_and_several_ranges():
    mentions = find_dates("Pembahasan dimulai hari Sabtu (22/7/23) sampai dengan hari Senin (31/7/23), "
                          "lalu reses 1-5 Agustus 2023.", PUB)
    assert [m.value for m in mentions] == ["2023-07-22", "2023-07-31", "2023-08-01", "2023-08-05"]
    assert [m.range_id for m in mentions] == [0, 0, 1, 1]


def test_range_with_tanggal_and_sampai_dengan():
    a, b = find_dates("Pembahasan dilaksanakan mulai tanggal 10 sampai dengan 21 Juni 2024.", PUB)
    assert (a.text, a.value, b.text, b.value) == ("tanggal 10", "2024-06-10", "21 Juni 2024", "2024-06-21")


def test_year_range_but_not_term_of_office():
    a, b = find_dates("Angka kemiskinan turun sejak tahun 2019 hingga 2023.", PUB)
    assert (a.value, b.value, a.range_id) == ("2019", "2023", b.range_id)
    assert found("Visi misi pasangan calon bupati periode 2025-2030 dipaparkan.") == []


# --- what is not a date --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "ASN wajib netral dalam Pilkada 2024 di Kabupaten Sigi.",
    "Logistik Pemilu 2024 sudah tiba di gudang KPU.",
    "Sanksi diatur dalam UU Nomor 20 Tahun 2023 tentang ASN.",
    "Aturan itu merujuk PKPU Nomor 8 tahun 2024.",
    "Ranperda pertanggungjawaban APBD 2023 disahkan dewan.",
    "Laporan pelaksanaan APBD TA 2022 diserahkan kemarin.",
    "Program ini masuk RPJMD periode 2025-2030.",
    "Pasangan itu bertarung dalam Pilkada serentak Tahun 2024 di Bolmong.",
    "Sosialisasi pemilihan kepala daerah serentak tahun 2024 digelar di aula.",
    "Pilkada di Kabupaten Poso tahun 2024 diikuti tiga pasangan calon.",
    "Rapat dimulai pukul 14.17 Wita dan berlangsung selama tiga hari.",
    "Warga mulai mengungsi sejak kemarin, kata dia di Mukomuko, Minggu.",
    "Paparan Indikator Kesejahteraan Triwulan II 2025 disampaikan di aula BPS.",
    "Nilai PDRB atas dasar harga konstan 2010 mencapai Rp7 triliun.",
    "Sebanyak 2/3 anggota dewan hadir.",
    "Jadwal pekan depan belum diumumkan, ujarnya Senin.",
])
def test_not_dates(sentence):
    assert found(sentence) == []


def test_year_of_a_name_is_not_a_date_but_a_dated_event_in_it_is():
    assert found("Pilkada serentak 9 Desember 2020 berjalan aman.") == [("9 Desember 2020", "2020-12-09", "day")]
    assert found("DPRD mengesahkan APBD Kabupaten Paser tahun anggaran 2025 kemarin.") == []


def test_written_year_is_kept_even_if_odd():
    mention = one("Rapat itu digelar 9 Desember 2023.", dt.date(2024, 12, 10))
    assert (mention.value, mention.year_inferred) == ("2023-12-09", False)


# --- year inference ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, published, value", [
    ("Laporan diserahkan Senin (30/12).", dt.date(2025, 1, 2), "2024-12-30"),  # nearest is last year
    ("Pendaftaran ditutup (3/1).", dt.date(2024, 12, 28), "2025-01-03"),  # nearest is next year
    ("Pelantikan dijadwalkan Maret mendatang.", dt.date(2024, 4, 10), "2025-03"),  # forward push
    ("Pelantikan digelar 20 Maret mendatang.", dt.date(2024, 3, 25), "2025-03-20"),
    ("Kasus itu dilaporkan 5 April lalu.", dt.date(2024, 4, 3), "2023-04-05"),  # backward push
    ("Program itu dimulai Desember lalu.", dt.date(2024, 12, 15), "2023-12"),  # `lalu`: an earlier month
    ("Proyek tertunda sejak Oktober.", dt.date(2024, 3, 1), "2023-10"),  # `sejak` points back
    ("Tender dibuka bulan Agustus ini.", dt.date(2022, 8, 25), "2022-08"),
    ("Warga berkumpul Senin (4/11) kemarin.", dt.date(2024, 11, 5), "2024-11-04"),
])
def test_year_from_publication(sentence, published, value):
    mention = one(sentence, published)
    assert (mention.value, mention.year_inferred) == (value, True)


def test_no_publication_date_and_no_year_is_skipped():
    assert find_dates("Sidang lanjutan digelar Selasa (6/8) di PN Palu.", None) == []
    assert found("Sidang lanjutan digelar Selasa (6/8/2024), bukan 27 November.", None) == [
        ("Selasa (6/8/2024)", "2024-08-06", "day")]


# --- weekdays ------------------------------------------------------------------------------------

def test_weekday_consistent_is_none_without_weekday():
    assert one("Surat bertanggal 22 November 2024.").weekday_consistent is None


def test_weekday_agreeing_with_written_year():
    mention = one("Sidang digelar Jumat (22/11/2024).")
    assert (mention.weekday_consistent, mention.year_inferred) == (True, False)


def test_weekday_contradicting_written_year_keeps_the_year():
    mention = one("Konferensi pers digelar Senin (5/11/2024).")  # 5 Nov 2024 was a Tuesday
    assert (mention.value, mention.weekday_consistent) == ("2024-11-05", False)


def test_weekday_contradicting_the_nearest_year_picks_the_nearest_agreeing_year():
    # Published 22 Nov 2024: 6 Aug 2024 is nearest but was a Tuesday; 6 Aug 2025 is a Wednesday.
    mention = one("Peninjauan lokasi dilakukan Rabu (6/8).", dt.date(2024, 11, 22))
    assert (mention.value, mention.weekday_consistent, mention.year_inferred) == ("2025-08-06", True, True)


def test_weekday_choice_respects_direction_words():
    # 2 Feb was a Friday in 2024 and a Sunday in 2025; `lalu` keeps the date in the past.
    mention = one("Razia digelar Jumat (2/2) lalu.", dt.date(2025, 1, 10))
    assert mention.value == "2024-02-02"


def test_offsets_index_the_text():
    text = "Menurut Camat, kegiatan itu digelar Rabu (23/10/2024) di balai desa."
    for m in find_dates(text, PUB):
        assert text[m.start:m.end] == m.text


# --- publication date ----------------------------------------------------------------------------

BODY = "PALU – KPU Kota Palu menggelar rapat pleno.\nRapat dibuka Ketua KPU, kata dia, Rabu (4/12/2024).\n"


def test_publication_from_metadata_first():
    assert publication_date(BODY, "https://x.id/2024/12/03/berita", "2024-12-05") == (dt.date(2024, 12, 5), "metadata")
    assert publication_date(BODY, None, "2024-12-05T08:00:00+07:00") == (dt.date(2024, 12, 5), "metadata")


@pytest.mark.parametrize("bad", ["", "05/12/2024", "2024-13-45", "kemarin", "2024-02-30"])
def test_malformed_metadata_is_ignored(bad):
    assert publication_date(BODY, "https://x.id/2024/12/03/berita", bad) == (dt.date(2024, 12, 3), "url")


@pytest.mark.parametrize("url, date", [
    ("https://kabar.id/2024/10/13/pleno-kpu", dt.date(2024, 10, 13)),
    ("https://kabar.id/daerah/13/10/2024/pleno-kpu", dt.date(2024, 10, 13)),
    ("https://kabar.id/read/2024-10-13-pleno-kpu", dt.date(2024, 10, 13)),
])
def test_publication_from_url(url, date):
    assert publication_date(BODY, url, None) == (date, "url")


def test_url_with_month_only_falls_back_to_text():
    assert publication_date(BODY, "https://kabar.id/2024/12/pleno.html", None) == (dt.date(2024, 12, 4), "text")


@pytest.mark.parametrize("byline, date", [
    ("Kamis 12-12-2024,11:46 WIB", dt.date(2024, 12, 12)),
    ("Selasa, 19 November 2024 - 10:15 WIB", dt.date(2024, 11, 19)),
    ("Last Updated 2022-11-15T08:04:21Z", dt.date(2022, 11, 15)),
    ("Penulis: Andi Lolo • 5 September 2024 13:34", dt.date(2024, 9, 5)),
])
def test_publication_from_byline_or_timestamp(byline, date):
    text = f"Judul Berita Pilkada\n{byline}\nRapat digelar pada Senin (2/9/2024), kata Ketua KPU.\n"
    assert publication_date(text, None, None) == (date, "text")


def test_publication_from_dateline():
    text = "Palu, 3 Maret 2025 – Pemkot Palu menyalurkan bantuan yang disepakati 1 Maret 2025."
    assert publication_date(text, None, None) == (dt.date(2025, 3, 3), "text")


def test_publication_prefers_the_reported_weekday_date():
    text = ("Debat kedua akan berlangsung pada Sabtu (30/11/2024) di Makassar.\n"
            "Hal itu disampaikan Ketua KPU kepada wartawan, Kamis (28/11/2024).\n")
    assert publication_date(text, None, None) == (dt.date(2024, 11, 28), "text")


def test_publication_skips_future_dates_and_mistyped_years():
    text = ("Pelantikan digelar Rabu 12 Februari 2025 mendatang.\n"
            "Bupati hadir di pendopo Rabu siang (11/12/2014).\n"
            "Hal itu diungkapkan Sekda, Rabu (11/12/2024).\n")
    assert publication_date(text, None, None) == (dt.date(2024, 12, 11), "text")


def test_publication_from_weekday_and_the_years_the_article_names():
    text = "Persiapan Pilkada 2024 dimatangkan.\nRapat koordinasi digelar di aula, Selasa (14/5).\n"
    assert publication_date(text, None, None) == (dt.date(2024, 5, 14), "text")


def test_page_chrome_date_is_the_last_resort():
    page = "31.2 C\nMakassar\nSaturday, December 7, 2024\n\nJudul Berita Yang Cukup Panjang Tentang Rapat Pleno KPU\n"
    assert publication_date(page + "Rapat berjalan lancar tanpa kendala berarti.\n", None, None) == (
        dt.date(2024, 12, 7), "page")
    assert publication_date(page + "Hal itu disampaikan Ketua KPU, Selasa (3/12/2024).\n", None, None) == (
        dt.date(2024, 12, 3), "text")


def test_precedence_metadata_url_text_page():
    page = "Saturday, December 7, 2024\nJudul Berita Yang Cukup Panjang Tentang Rapat Pleno KPU Kota\n"
    text = page + "Hal itu disampaikan Ketua KPU, Selasa (3/12/2024).\n"
    url = "https://kabar.id/2024/12/04/pleno"
    assert publication_date(text, url, "2024-12-05")[1] == "metadata"
    assert publication_date(text, url, None)[1] == "url"
    assert publication_date(text, None, None)[1] == "text"
    assert publication_date(page, None, None)[1] == "page"
    assert publication_date("Tidak ada tanggal di sini.", None, None) == (None, None)


# --- properties: render dates in Indonesian and read them back ------------------------------------

ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
ID_ABBR = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sept", "Okt", "Nop", "Des"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
ID_WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

FULL_FORMS = [
    lambda d: f"{ID_WEEKDAYS[d.weekday()]}, {d.day} {ID_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{ID_WEEKDAYS[d.weekday()]} ({d.day}/{d.month}/{d.year})",
    lambda d: f"{ID_WEEKDAYS[d.weekday()]} ({d.day:02d}/{d.month:02d}/{d.year % 100:02d})",
    lambda d: f"tanggal {d.day} {ID_ABBR[d.month - 1]} {d.year}",
    lambda d: f"{EN_WEEKDAYS[d.weekday()]}, {EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{ID_WEEKDAYS[d.weekday()]} {d.day:02d}-{d.month:02d}-{d.year}",
    lambda d: f"hari {ID_WEEKDAYS[d.weekday()].lower()} {d.day} {ID_MONTHS[d.month - 1].upper()} {d.year}",
]
YEARLESS_FORMS = [
    lambda d: f"{ID_WEEKDAYS[d.weekday()]} ({d.day}/{d.month})",
    lambda d: f"({d.day}/{d.month})",
    lambda d: f"{d.day} {ID_MONTHS[d.month - 1]}",
    lambda d: f"tanggal {d.day} {ID_ABBR[d.month - 1]}",
]
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


@settings(deadline=None, max_examples=300)
@given(date=DATES, form=st.sampled_from(FULL_FORMS))
def test_full_dates_read_back(date, form):
    written = form(date)
    mention = one(f"Rapat pleno digelar {written} di kantor bupati.", None)
    assert (mention.text, mention.value, mention.granularity) == (written, date.isoformat(), "day")
    assert mention.year_inferred is False
    assert mention.weekday_consistent in (True, None)


@settings(deadline=None, max_examples=300)
@given(date=DATES, days_to_publication=st.integers(-150, 150), form=st.sampled_from(YEARLESS_FORMS))
def test_yearless_dates_read_back_near_publication(date, days_to_publication, form):
    published = date + dt.timedelta(days=days_to_publication)
    mention = one(f"Warga berkumpul {form(date)} di balai desa.", published)
    assert (mention.value, mention.year_inferred) == (date.isoformat(), True)


@settings(deadline=None, max_examples=200)
@given(year=st.integers(2000, 2030), month=st.integers(1, 12),
       form=st.sampled_from(["{m} {y}", "bulan {m} {y}", "awal {m} {y}", "{m} {y} lalu"]))
def test_months_read_back(year, month, form):
    mention = one("Penyaluran dana desa tercatat " + form.format(m=ID_MONTHS[month - 1], y=year) + " menurun.", None)
    assert (mention.value, mention.granularity) == (f"{year:04d}-{month:02d}", "month")


@settings(deadline=None, max_examples=200)
@given(year=st.integers(1990, 2035), form=st.sampled_from(["sepanjang tahun {y}", "pada {y}", "sejak tahun {y}",
                                                            "akhir tahun {y}"]))
def test_years_read_back(year, form):
    mention = one("Realisasi anggaran meningkat " + form.format(y=year) + " menurut BPS.", None)
    assert (mention.value, mention.granularity) == (str(year), "year")


@settings(deadline=None, max_examples=200)
@given(date=DATES, length=st.integers(1, 20), link=st.sampled_from(["-", " - ", " hingga ", " sampai ", " s/d "]))
def test_ranges_read_back(date, length, link):
    end = date + dt.timedelta(days=length)
    if end.month != date.month:
        text = f"{date.day} {ID_MONTHS[date.month - 1]}{link}{end.day} {ID_MONTHS[end.month - 1]} {end.year}"
    else:
        text = f"{date.day}{link}{end.day} {ID_MONTHS[end.month - 1]} {end.year}"
    mentions = find_dates(f"Pendaftaran dibuka {text} secara daring.", None)
    assert [m.value for m in mentions] == [date.isoformat(), end.isoformat()]
    assert mentions[0].range_id == mentions[1].range_id == 0


def test_a_capital_that_only_opens_the_sentence_does_not_make_a_year_a_name():
    published = dt.date(2023, 11, 21)
    assert [(d.text, d.value) for d in find_dates("Selanjutnya tahun 2021 sebanyak 20,9 persen.", published)] == [
        ("tahun 2021", "2021")]
    assert find_dates("Rapat Kerja Tahun 2024 dibuka.", published) == []


def test_days_listed_before_a_date_share_its_month_and_year():
    found = find_dates("Rapat pleno digelar pada 18 dan 19 Oktober, lalu 7, 8 dan 9 Desember 2024.", dt.date(2024, 10, 20))
    assert [(d.text, d.value, d.range_id) for d in found] == [
        ("18", "2024-10-18", None), ("19 Oktober", "2024-10-19", None),
        ("7", "2024-12-07", None), ("8", "2024-12-08", None), ("9 Desember 2024", "2024-12-09", None)]


def test_a_year_word_after_a_month_gives_its_year_from_publication():
    published = dt.date(2024, 12, 7)
    assert [(d.text, d.value) for d in find_dates(
        "Harga naik sejak Juli tahun lalu, turun pada Maret tahun ini dan diperkirakan naik November tahun depan.",
        published)] == [("Juli tahun lalu", "2023-07"), ("Maret tahun ini", "2024-03"), ("November tahun depan", "2025-11")]
    assert [d.text for d in find_dates("Rapat berakhir Senin dini hari, 9 Desember 2024.", published)] == [
        "Senin dini hari, 9 Desember 2024"]


def test_a_bare_year_with_a_relative_word_after_it_is_a_date_unless_it_names_something():
    published = dt.date(2024, 12, 7)
    assert [(d.text, d.value) for d in find_dates("Partisipasi lebih tinggi dari Pilgub sebelumnya, 2018 lalu.", published)] == [
        ("2018 lalu", "2018")]
    assert find_dates("Pilkada 2020 lalu berjalan lancar.", published) == []


def test_a_day_and_month_in_brackets_after_a_weekday():
    assert [(d.text, d.value) for d in find_dates("Rekapitulasi selesai Kamis sore ini (28 November) di aula.",
                                                 dt.date(2024, 11, 28))] == [("Kamis sore ini (28 November)", "2024-11-28")]


def test_bare_years_listed_after_a_year_of_the_same_sentence_are_years():
    published = dt.date(2024, 6, 3)
    assert [(d.text, d.value) for d in find_dates(
        "Angka kemiskinan turun pada tahun 2021, 2022 dan 2023 di Kabupaten Alor.", published)] == [
        ("tahun 2021", "2021"), ("2022", "2022"), ("2023", "2023")]
    assert [(d.text, d.value) for d in find_dates(
        "Pada 2022 prevalensi stunting 31,2 persen, sedangkan 2023 tinggal 27,5 persen.", published)] == [
        ("2022", "2022"), ("2023", "2023")]
    # Another sentence, or a list that a name opens, dates nothing.
    assert [d.text for d in find_dates("Kasus turun pada 2022. Dan 2023 warga ikut vaksinasi.", published)] == ["2022"]
    assert find_dates("Pilkada 2024 dan 2029 digelar serentak.", published) == []
