"""The report's charts, drawn by matplotlib as SVG: no JavaScript, no fonts needed to view them.

Figures are built without pyplot (no global state); text is drawn as paths so every browser shows it
alike; dates and random ids are left out of the SVG, so the same tables give the same bytes.
"""
from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

STYLE = {
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "svg.hashsalt": "pilkada-report",  # fixed ids: reproducible files
    "svg.fonttype": "path",
}
BAR = "#2f6f9f"
ACCENT = "#d1495b"
WIDTH = 8.0  # inches


def label(text, limit: int = 48) -> str:
    """A label from the data, shortened; `$` escaped so matplotlib never reads it as mathematics."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("$", r"\$")


def _figure(height: float) -> Figure:
    return Figure(figsize=(WIDTH, height), layout="constrained")


def svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def ranked_bars(names: pd.Series, values: pd.Series, title: str, xlabel: str) -> bytes:
    """Horizontal bars, largest on top, each with its value."""
    with matplotlib.rc_context(STYLE):
        fig = _figure(1.0 + 0.24 * len(names))
        ax = fig.add_subplot()
        y = np.arange(len(names))
        ax.barh(y, values, color=BAR)
        ax.set_yticks(y, [label(n) for n in names])
        ax.invert_yaxis()
        for yi, value in zip(y, values):
            ax.annotate(f"{value:,}", (value, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_title(label(title, 120), loc="left")
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(x=0.08)
        return svg(fig)


def heatmap(matrix: pd.DataFrame, title: str) -> bytes:
    """Counts of rows × columns, each cell written."""
    with matplotlib.rc_context(STYLE):
        rows, cols = matrix.shape
        fig = _figure(1.6 + 0.28 * rows)
        ax = fig.add_subplot()
        ax.imshow(matrix.to_numpy(), cmap="Blues", aspect="auto")
        ax.set_xticks(range(cols), [label(c, 24) for c in matrix.columns], rotation=35, ha="right")
        ax.set_yticks(range(rows), [label(r, 44) for r in matrix.index])
        peak = max(int(matrix.to_numpy().max()), 1)
        for (r, c), value in np.ndenumerate(matrix.to_numpy()):
            if value:
                ax.text(c, r, str(value), ha="center", va="center", fontsize=8,
                        color="white" if value > peak / 2 else "black")
        ax.spines[:].set_visible(False)
        ax.set_title(label(title, 120), loc="left")
        return svg(fig)


def timeline(published: pd.Series, mentioned: pd.DataFrame, period_name: str) -> bytes:
    """Two panels on one calendar: articles published, dates mentioned (stacked by granularity)."""
    with matplotlib.rc_context(STYLE):
        fig = _figure(4.2)
        top, bottom = fig.subplots(2, 1, sharex=True)
        x = published.index.to_timestamp(how="start")
        width = np.diff(x).min() * 0.85 if len(x) > 1 else pd.Timedelta(days=5)
        top.bar(x, published.to_numpy(), width=width, align="edge", color=BAR)
        top.set_title(f"Articles published per {period_name}", loc="left")
        top.set_ylabel("articles")
        top.yaxis.set_major_locator(MaxNLocator(integer=True))
        base = np.zeros(len(mentioned))
        colours = {"day": ACCENT, "month": "#edae49"}
        for column in mentioned.columns:
            values = mentioned[column].to_numpy()
            bottom.bar(x, values, width=width, align="edge", bottom=base, color=colours.get(column, "grey"),
                       label=f"dates to the {column}")
            base = base + values
        bottom.set_title(f"Dates mentioned in the text, per {period_name}", loc="left")
        bottom.set_ylabel("dates")
        bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
        if len(mentioned.columns) > 1:
            bottom.legend(frameon=False, loc="upper left")
        fig.autofmt_xdate()
        return svg(fig)


def strips(values: pd.DataFrame, title: str, dots: int = 200) -> bytes:
    """One row per subject: a box of the quartiles over all values, and up to `dots` of the values as dots
    (a fixed sample; spread vertically so that equal values stay visible)."""
    with matplotlib.rc_context(STYLE):
        subjects = list(dict.fromkeys(values["subject"]))
        groups = [values.loc[values["subject"] == subject, "value"].to_numpy() for subject in subjects]
        fig = _figure(1.2 + 0.32 * len(subjects))
        ax = fig.add_subplot()
        ax.boxplot(groups, positions=range(len(groups)), orientation="horizontal", widths=0.6, showfliers=False,
                   medianprops={"color": ACCENT, "linewidth": 2}, boxprops={"color": "#8a99a8"},
                   whiskerprops={"color": "#8a99a8"}, capprops={"color": "#8a99a8"})
        rng = np.random.default_rng(0)  # fixed sample and jitter: the same tables draw the same picture
        for i, v in enumerate(groups):
            shown = rng.choice(v, dots, replace=False) if len(v) > dots else v
            ax.scatter(shown, i + rng.uniform(-0.22, 0.22, len(shown)), s=12, alpha=0.5, color=BAR, linewidths=0)
        ax.set_yticks(range(len(subjects)), [f"{label(s, 40)} ({len(v):,})" for s, v in zip(subjects, groups)])
        ax.invert_yaxis()
        ax.set_xlabel(f"percent (box: quartiles, red: median; at most {dots} values drawn as dots per subject)")
        ax.set_title(label(title, 120), loc="left")
        return svg(fig)


def histogram(counts: pd.Series, title: str, xlabel: str) -> bytes:
    """Articles by number of mentions, one bar per count (bins of equal width above 40 values)."""
    with matplotlib.rc_context(STYLE):
        fig = _figure(2.6)
        ax = fig.add_subplot()
        top = int(counts.max()) if len(counts) else 0
        bins = np.arange(0, top + 2) - 0.5 if top <= 40 else 40
        ax.hist(counts, bins=bins, color=BAR)
        ax.axvline(counts.median(), color=ACCENT, linewidth=1.5)
        ax.annotate(f"median {counts.median():g}", (counts.median(), 1), xycoords=("data", "axes fraction"),
                    xytext=(4, -10), textcoords="offset points", color=ACCENT, fontsize=8)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("articles")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(label(title, 120), loc="left")
        return svg(fig)
