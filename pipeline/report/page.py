"""The report page: sections of text, charts and tables put together as one self-contained HTML file.

Safety: every string from the data reaches the page through `esc` or pandas' `format(escape="html")`;
charts are SVG in `<img>` data URLs, where a browser never runs script; and the page's Content Security
Policy allows no script and no request at all, so the file shows the same offline as online.
"""
from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field

import pandas as pd

from pipeline.report import charts, data

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d2630;
       margin: 0 auto; max-width: 70rem; padding: 1.5rem 2rem 4rem; background: #fff; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #2f6f9f; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
nav ol { columns: 2; padding-left: 1.2rem; }
a { color: #2f6f9f; }
.sub, .note { color: #5b6773; }
.note { font-size: .88rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .6rem; margin: 1rem 0; }
.card { border: 1px solid #d5dde5; border-radius: 6px; padding: .6rem .8rem; background: #f6f9fb; }
.card b { display: block; font-size: 1.35rem; }
.card span { color: #5b6773; font-size: .85rem; }
figure { margin: 1rem 0; }
figure img { width: 100%; max-width: 56rem; height: auto; }
table.data { border-collapse: collapse; font-size: .88rem; margin: .8rem 0; }
table.data th, table.data td { border-bottom: 1px solid #e3e8ee; padding: .25rem .6rem; text-align: left;
                               vertical-align: top; max-width: 34rem; }
table.data th { background: #eef3f7; }
p.empty { color: #8a6d3b; background: #fcf8e3; padding: .4rem .7rem; border-radius: 4px; }
"""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def number(n) -> str:
    return f"{int(n):,}"


def share(count: int, of: int) -> str:
    return f"{count / of:.1%}" if of else "–"


def figure(svg: bytes, alt: str) -> str:
    src = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    return f'<figure><img src="{src}" alt="{esc(alt)}"></figure>'


def table(df: pd.DataFrame, name: str, bars: tuple[str, ...] = (), formats: dict | None = None) -> str:
    """A pandas-styled table; cells and headers escaped, numbers formatted, optional in-cell bars."""
    if df.empty:
        return '<p class="empty">No rows.</p>'
    styler = df.style.hide(axis="index").format(formats or {}, escape="html", na_rep="", thousands=",", precision=1)
    styler = styler.format_index(escape="html", axis=1)
    bars = [c for c in bars if df[c].max() > 0]  # a bar needs a scale
    if bars:
        styler = styler.bar(subset=bars, color="#cfe0ee", vmin=0)
    styler = styler.set_uuid(name).set_table_attributes('class="data"')
    return styler.to_html(doctype_html=False)


def empty(message: str) -> str:
    return f'<p class="empty">{esc(message)}</p>'


@dataclass
class Section:
    anchor: str
    title: str
    parts: list[str] = field(default_factory=list)

    def text(self, text: str, css: str = "") -> None:
        """A paragraph of the report's own markup (data values go in through `esc` or `number`)."""
        self.parts.append(f'<p class="{css}">{text}</p>' if css else f"<p>{text}</p>")

    def html(self) -> str:
        return f'<section id="{self.anchor}"><h2>{esc(self.title)}</h2>\n' + "\n".join(self.parts) + "</section>"


def corpus_section(t: data.Tables) -> Section:
    s = data.corpus_summary(t)
    sec = Section("corpus", "Corpus")
    span = (f"{s['first_published']:%Y-%m-%d} – {s['last_published']:%Y-%m-%d}"
            if s["first_published"] is not None else "no dates")
    cards = [
        (number(s["articles"]), "articles"),
        (number(s["outlets"]), f"outlets named ({number(s['articles_without_outlet'])} articles name none)"),
        (span, f"publication dates ({number(s['undated_articles'])} undated)"),
        (number(s["rejected_records"]), "input records rejected"),
        (number(s["same_text_records"]), "records dropped as the same text as another"),
        (number(s["duplicate_paragraphs_exact"] + s["duplicate_paragraphs_near"]),
         f"duplicate paragraphs hidden ({number(s['duplicate_paragraphs_exact'])} exact, "
         f"{number(s['duplicate_paragraphs_near'])} near)"),
        (number(s["boilerplate_paragraphs"]), f"boilerplate paragraphs removed, of {number(s['paragraphs'])}"),
    ]
    sec.parts.append('<div class="cards">' + "".join(
        f'<div class="card"><b>{esc(value)}</b><span>{esc(what)}</span></div>' for value, what in cards) + "</div>")
    sec.text("Duplicate and boilerplate paragraphs stay in <code>paragraphs</code>, flagged; no mention is "
             "extracted from them, so they count nowhere below.", "note")
    sec.parts.append("<h3>Outlets</h3>")
    outlets = data.top_outlets(t)
    sec.parts.append(table(outlets, "outlets", bars=("articles",)) if len(outlets)
                     else empty("No article names its outlet (plain .txt input has no metadata)."))
    sec.parts.append("<h3>Rejected input records, by reason</h3>")
    rejects = data.rejects_by_reason(t)
    sec.parts.append(table(rejects, "rejects", bars=("records",)) if len(rejects) else empty("No record was rejected."))
    return sec


def places_section(t: data.Tables) -> Section:
    sec = Section("places", "Where the news is")
    provinces = data.mentions_per_province(t)
    sec.text("PLACE mentions whose region code falls in each province (a kecamatan or kabupaten counts for its "
             "province), ranked; the province names and codes are Kemendagri's, from the gazetteer.")
    if provinces.empty:
        sec.parts.append(empty("No place mention has a region code."))
        return sec
    sec.parts.append(figure(charts.ranked_bars(provinces["province"], provinces["mentions"],
                                               "PLACE mentions per province", "mentions"),
                            "Bar chart of place mentions per province"))
    sec.parts.append(table(provinces, "provinces", bars=("mentions",)))
    uncoded = t.entities[(t.entities["label"] == "PLACE") & t.entities["region_code"].isna()]
    sec.text(f"{number(len(uncoded))} PLACE mentions have no region code and are not counted here "
             '(see <a href="#quality">data quality</a>).', "note")
    return sec


def persons_section(t: data.Tables) -> Section:
    sec = Section("persons", "Who appears")
    persons = data.top_persons(t)
    sec.text("Persons by the number of articles that mention them. Within an article a short mention counts for "
             "the fullest form of the name (<i>Yusran</i> → <i>Yusran Hidayat</i>); across articles names are "
             "matched as written (case aside). Offices are the ones the articles state for the person "
             "(table <code>roles</code>), with their counts.")
    if persons.empty:
        sec.parts.append(empty("No PERSON mention."))
        return sec
    sec.parts.append(figure(charts.ranked_bars(persons["person"], persons["articles"],
                                               f"Top {len(persons)} persons by articles", "articles"),
                            "Bar chart of the persons mentioned in most articles"))
    sec.parts.append(table(persons, "persons", bars=("articles",)))
    holders = data.office_holders(t)
    if holders is not None:
        sec.parts.append("<h3>Office holders</h3>")
        sec.text("From the <code>office_holders</code> table: who held which office where, first and last seen.")
        sec.parts.append(table(holders, "holders", bars=("n_articles",)))
    return sec


def offices_section(t: data.Tables) -> Section:
    sec = Section("offices", "Offices per region")
    sec.text("OFFICE mentions that write their region (<i>Camat Loa Janan</i>, <i>Ketua KPU Landak</i>), by the "
             "office without its region and by that region's province; offices written without a coded region are "
             "not counted.")
    matrix = data.offices_per_province(t)
    if matrix.empty:
        sec.parts.append(empty("No office mention names a coded region."))
        return sec
    sec.parts.append(figure(charts.heatmap(matrix, "Office mentions by office and province (most frequent)"),
                            "Heat map of office mentions by office title and province"))
    sec.parts.append("<h3>Regions with the most office mentions</h3>")
    sec.parts.append(table(data.offices_per_region(t), "regions", bars=("mentions",)))
    return sec


def timeline_section(t: data.Tables) -> Section:
    sec = Section("timeline", "When")
    tl = data.timeline(t)
    if tl["freq"] is None:
        sec.parts.append(empty("No publication date and no dated mention."))
        return sec
    period = "week" if tl["freq"].startswith("W") else "month"
    sec.text(f"Articles by publication date, and the dates their text mentions (table <code>dates</code>), per "
             f"{period}, on one calendar: the publication span widened to hold the central 96&nbsp;% of the "
             "dates mentioned.")
    sec.parts.append(figure(charts.timeline(tl["published"], tl["mentioned"], period),
                            "Timeline of publication dates and of the dates mentioned"))
    notes = [f"{number(tl['outside'])} dates mentioned fall outside this calendar"]
    if tl["months_left_out"]:
        notes.append(f"{number(tl['months_left_out'])} dates given only to the month are not drawn per week")
    if tl["years_only"]:
        notes.append(f"{number(tl['years_only'])} dates given only to the year are not drawn")
    sec.text("; ".join(notes) + ".", "note")
    return sec


def percentages_section(t: data.Tables) -> Section:
    sec = Section("percentages", "Percentages by subject")
    values = data.percentages_by_subject(t)
    sec.text("Every percentage whose sentence names what it measures (column <code>subject</code>), for the most "
             "frequent subjects; then the subjects tied to a region in the same sentence (e.g. participation "
             "per kabupaten).")
    if values.empty:
        sec.parts.append(empty("No percentage has a subject."))
        return sec
    sec.parts.append(figure(charts.strips(values, "Values by subject (count in brackets)"),
                            "Dot plot of percentage values per subject"))
    sec.parts.append("<h3>By subject and place</h3>")
    by_place = data.percentages_by_subject_and_place(t)
    sec.parts.append(table(by_place, "subject_place", formats={c: "{:.2f}" for c in ("median", "min", "max")})
                     if len(by_place) else empty("No percentage names both a subject and a place."))
    return sec


def quotes_section(t: data.Tables) -> Section | None:
    speakers = data.quotes_per_speaker(t)
    if speakers is None:
        return None
    sec = Section("quotes", "Quotes per speaker")
    sec.text("Speakers by the number of quotes attributed to them (table <code>quotes</code>), with their office as "
             "the quotes give it and their longest quote.")
    if speakers.empty:
        sec.parts.append(empty("No quote has a speaker."))
        return sec
    sec.parts.append(figure(charts.ranked_bars(speakers["speaker"], speakers["quotes"],
                                               f"Top {len(speakers)} speakers by quotes", "quotes"),
                            "Bar chart of the speakers quoted most"))
    sec.parts.append(table(speakers, "speakers", bars=("quotes",)))
    return sec


def quality_section(t: data.Tables) -> Section:
    sec = Section("quality", "Data quality")
    sec.text("Shares to keep in mind before trusting the charts above.")
    sec.parts.append(table(data.quality(t), "quality", bars=("share",), formats={"share": "{:.1%}"}))
    per_article = data.entities_per_article(t)
    if len(per_article):
        sec.parts.append(figure(charts.histogram(per_article.sum(axis=1), "Entity mentions per article",
                                                 "mentions (PERSON, OFFICE, PLACE, ORG)"),
                                "Histogram of entity mentions per article"))
        summary = per_article.describe().T[["mean", "50%", "max"]].rename(columns={"50%": "median"})
        sec.parts.append(table(summary.rename_axis("label").reset_index(), "per_label",
                               formats={"mean": "{:.1f}", "median": "{:.0f}", "max": "{:.0f}"}))
    sec.parts.append("<h3>Most frequent places without a region code</h3>")
    sec.text("Venues, villages and names the gazetteer lacks; a frequent one may be worth a lexicon entry.", "note")
    uncoded = data.uncoded_places(t)
    sec.parts.append(table(uncoded, "uncoded", bars=("mentions",)) if len(uncoded)
                     else empty("Every place mention has a region code."))
    return sec


def render(t: data.Tables, source: str) -> str:
    sections = [corpus_section(t), places_section(t), persons_section(t), offices_section(t),
                timeline_section(t), percentages_section(t), quotes_section(t), quality_section(t)]
    sections = [s for s in sections if s is not None]
    nav = "".join(f'<li><a href="#{s.anchor}">{esc(s.title)}</a></li>' for s in sections)
    absent = [name for name in data.OPTIONAL_COLUMNS if getattr(t, name) is None]
    absent_note = (f'<p class="note">Not in these tables, so not shown: {esc(", ".join(absent))}.</p>'
                   if absent else "")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pilkada-ie report</title>
<style>{CSS}</style>
</head>
<body>
<h1>pilkada-ie report</h1>
<p class="sub">Tables: <code>{esc(source)}</code></p>
<nav><ol>{nav}</ol></nav>
{absent_note}
{"".join(s.html() for s in sections)}
</body>
</html>
"""
