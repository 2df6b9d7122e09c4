"""Tests for pipeline.extract.percentages: PERCENT mentions, their values, context, subject and place.

Sentences are written for these tests in the style of Indonesian regional news.
"""
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.extract.percentages import PercentMention, find_percentages


def found(text):
    return [(m.text, m.value, m.value_max) for m in find_percentages(text)]


def one(text) -> PercentMention:
    mentions = find_percentages(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize("sentence, expected", [
    ("Partisipasi pemilih di Kutai Barat mencapai 70% pada pilkada ini.", ("70%", 70.0, None)),
    ("Indeks kerawanan Sigi tercatat 51,28% atau tertinggi di Sulteng.", ("51,28%", 51.28, None)),
    ("Tingkat partisipasi hanya berada di kisaran 77,05 persen.", ("77,05 persen", 77.05, None)),
    ("Inflasi bulanan tercatat 0,5 % menurut BPS.", ("0,5 %", 0.5, None)),
    ("Penyaluran dana desa tahap pertama sudah seratus persen.", ("seratus persen", 100.0, None)),
    ("Kuota jalur zonasi ditetapkan lima puluh persen dari daya tampung.", ("lima puluh persen", 50.0, None)),
    ("Target serapan naik dua puluh lima persen.", ("dua puluh lima persen", 25.0, None)),
    ("Bunga pinjaman turun nol koma lima persen.", ("nol koma lima persen", 0.5, None)),
    ("Kenaikan tunjangan diperkirakan 10-15 persen tahun depan.", ("10-15 persen", 10.0, 15.0)),
    ("Kenaikan tunjangan diperkirakan 10 hingga 15 persen tahun depan.", ("10 hingga 15 persen", 10.0, 15.0)),
    ("Sebanyak 60 sampai dengan 70 persen guru honorer belum bersertifikat.", ("60 sampai dengan 70 persen", 60.0, 70.0)),
    ("Suara tidak sah diperkirakan antara 2 dan 3 persen.", ("2 dan 3 persen", 2.0, 3.0)),
    ("Pasangan nomor urut dua unggul dengan 48.210 suara (52,80%).", ("52,80%", 52.8, None)),
    ("Pendapatan asli daerah melonjak 1.250,5 persen dibanding tahun lalu.", ("1.250,5 persen", 1250.5, None)),
    ("Yield obligasi daerah naik 2.5% dalam sepekan.", ("2.5%", 2.5, None)),
    ("Nilai tukar petani turun 12.000 % karena salah ketik.", ("12.000 %", 12000.0, None)),
    ("Porsi belanja modal 5 (lima) persen dari total APBD.", ("5 (lima) persen", 5.0, None)),
    ("Deflasi tercatat -0,09% secara bulanan.", ("-0,09%", -0.09, None)),
    ("Angka stunting turun menjadi 7persen tahun ini.", ("7persen", 7.0, None)),
    ("Proporsi perempuan di DPRD mencapai 30 Persen.", ("30 Persen", 30.0, None)),
])
def test_surface_forms(sentence, expected):
    assert found(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "Dinas mencatat persentase 45,6 untuk kategori itu.",
    "Pembagian dana desa memakai pola 40-40-20 tiap tahap.",
    "Unduh berkas di https://kpu.go.id/berkas%20pleno.pdf sekarang.",
    "Pasangan itu meraih 45.210 suara di 310 TPS.",
])
def test_not_percentages(sentence):
    assert found(sentence) == []


def test_several_in_one_sentence_with_a_bare_figure_before_the_last():
    assert found("TPT laki-laki 4,83 dan perempuan 4,71 persen, naik 0,2 persen poin.") == [
        ("4,71 persen", 4.71, None), ("0,2 persen", 0.2, None)]


def test_descending_pair_is_not_a_range():
    assert found("Angka itu turun dari 34 - 27 persen.") == [("27 persen", 27.0, None)]


def test_offsets_index_the_text():
    text = "Realisasi belanja Kota Bitung mencapai 88,41% dan pendapatan 96,52 persen."
    for m in find_percentages(text):
        assert text[m.start:m.end] == m.text


def test_context_is_the_sentence():
    text = ("Dr. Ir. Yusuf Rahman membuka rapat. Tingkat partisipasi pemilih di Kabupaten Landak "
            "mencapai 82,62% pada pilkada. Angka itu naik dibanding 2020.")
    mention = one(text)
    assert mention.context == "Tingkat partisipasi pemilih di Kabupaten Landak mencapai 82,62% pada pilkada."


def test_context_does_not_break_at_decimal_points_or_initials():
    text = "Menurut H. M. Yusuf, inflasi 2.5% masih wajar. Itu katanya."
    assert one(text).context == "Menurut H. M. Yusuf, inflasi 2.5% masih wajar."


@pytest.mark.parametrize("sentence, places, subject, place", [
    ("Tingkat partisipasi pemilih di Kabupaten Landak mencapai 82,62 persen.", ["Kabupaten Landak"],
     "Tingkat partisipasi pemilih", "Kabupaten Landak"),
    ("Kota Dumai mencatat realisasi anggaran sebesar 56,66 persen hingga Oktober.", ["Kota Dumai"],
     "realisasi anggaran", "Kota Dumai"),
    ("Inflasi tahunan tertinggi tercatat di Mesuji, yaitu 2,83 persen.", ["Mesuji"], "Inflasi", "Mesuji"),
    ("Pasangan Amin-Rudi meraih 72,7 persen suara, unggul jauh.", [], "suara", None),
    ("Sigi menjadi daerah paling tinggi kerawanannya dengan angka 51,28%.", [], "kerawanan", None),
    ("Panitia menyiapkan cadangan 2,5 persen dari jumlah DPT.", [], None, None),
    ("Kepala BPS Provinsi Sulawesi Tengah menyebut inflasi 1,2 persen.", ["Provinsi Sulawesi Tengah"], "inflasi",
     "Provinsi Sulawesi Tengah"),
    ("Kabupaten Penajam Paser Utara mencatat pertumbuhan ekonomi 5,1 persen.", ["Kabupaten Penajam Paser Utara"],
     "pertumbuhan ekonomi", "Kabupaten Penajam Paser Utara"),
    # A venue is a PLACE but not the region a figure belongs to.
    ("Rapat di Hotel Santika menyebut perolehan suara 40 persen.", ["Hotel Santika"], "perolehan suara", None),
    # Only a PLACE mention is a place: the capitalised word after it is not (a headline verb, a name).
    ("Partisipasi Pemilih Kalteng Naik 62 Persen", ["Kalteng"], "Partisipasi Pemilih", "Kalteng"),
    ("Kepala BPS Provinsi Bengkulu Win Rizal menyebut inflasi 1,2 persen.", ["Provinsi Bengkulu"], "inflasi",
     "Provinsi Bengkulu"),
    # The nearest region before the figure wins; a region in another sentence does not count.
    ("Di Kota Dumai 56 persen. Di Kabupaten Siak 61 persen.", ["Kota Dumai", "Kabupaten Siak"], None, "Kota Dumai"),
])
def test_subject_and_place(sentence, places, subject, place):
    spans = [(sentence.index(p), sentence.index(p) + len(p)) for p in places]
    mention = find_percentages(sentence, spans)[0]
    assert (mention.subject, mention.place) == (subject, place)


# --- properties: render percentages in Indonesian and read them back -----------------------------

def indonesian_number(value: Decimal, decimals: int) -> str:
    """`1250.5` → `1.250,5`: dots between thousands, a comma before the decimals."""
    whole, _, fraction = f"{value:.{decimals}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def indonesian_words(n: int) -> str:
    """Indonesian number words for 0..999 (`dua ratus lima puluh tujuh`)."""
    if n < 10:
        return UNITS[n]
    if n < 20:
        return {10: "sepuluh", 11: "sebelas"}.get(n, f"{UNITS[n - 10]} belas")
    if n < 100:
        tens, unit = divmod(n, 10)
        return f"{UNITS[tens]} puluh" + (f" {UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{UNITS[hundreds]} ratus"
    return head + (f" {indonesian_words(rest)}" if rest else "")


SIGNS = ["%", " %", " persen", " Persen", "persen"]
AMOUNTS = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False)


@settings(deadline=None, max_examples=300)
@given(value=AMOUNTS, decimals=st.integers(0, 2), sign=st.sampled_from(SIGNS))
def test_indonesian_numbers_read_back(value, decimals, sign):
    value = round(value, decimals)
    written = indonesian_number(value, decimals) + sign
    mention = one(f"Capaian program itu tercatat {written} pada akhir tahun.")
    assert (mention.text, mention.value, mention.value_max) == (written, float(value), None)


@settings(deadline=None, max_examples=200)
@given(value=st.decimals(min_value=0, max_value=999, places=2, allow_nan=False, allow_infinity=False),
       decimals=st.integers(1, 2), sign=st.sampled_from(["%", " persen"]))
def test_dot_decimals_read_back(value, decimals, sign):
    written = f"{round(value, decimals):.{decimals}f}{sign}"  # `2.5%`, `12.75 persen`
    assert one(f"Suku bunga naik {written} bulan ini.").value == float(round(value, decimals))


@settings(deadline=None, max_examples=300)
@given(n=st.integers(0, 999), sign=st.sampled_from([" persen", " %", " Persen"]))
def test_number_words_read_back(n, sign):
    written = indonesian_words(n) + sign
    mention = one(f"Dukungan warga mencapai {written} menurut survei.")
    assert (mention.text, mention.value) == (written, float(n))


@settings(deadline=None, max_examples=200)
@given(low=AMOUNTS, gap=st.decimals(min_value=Decimal("0.01"), max_value=500, places=2),
       decimals=st.integers(0, 2), link=st.sampled_from(["-", " - ", "–", " hingga ", " sampai ", " s/d "]),
       sign=st.sampled_from(["%", " persen"]))
def test_ranges_read_back(low, gap, decimals, link, sign):
    low, high = round(low, decimals), round(low + gap, decimals)
    if low == high:
        return
    written = f"{indonesian_number(low, decimals)}{link}{indonesian_number(high, decimals)}{sign}"
    mention = one(f"Kenaikan diperkirakan {written} tahun depan.")
    assert (mention.text, mention.value, mention.value_max) == (written, float(low), float(high))


def test_a_value_with_its_margin_is_one_mention_of_the_value():
    assert found("Inflasi ditargetkan 3±1% dan 2,5 +/- 1 persen, dengan margin of error ±2,9%.") == [
        ("3±1%", 3.0, None), ("2,5 +/- 1 persen", 2.5, None), ("2,9%", 2.9, None)]


def test_persen_with_a_suffix():
    assert found("Kenaikannya 50-60 persennya dari target.") == [("50-60 persen", 50.0, 60.0)]
