"""Figure builders for the report notebooks: one look, readable at report width, colour-blind safe.

Every chart has a title that states the finding (the caller writes it from the numbers), a
source line, labelled axes with units, and the Okabe-Ito palette (distinguishable with the
common colour-vision deficiencies). Builders return the Matplotlib figure; notebooks display it.
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.labelers.vocabulary import COMMITMENT_LEVELS, COMMITMENT_NAMES, TIME_LABELS

SOURCE = "Source: UK Parliament written questions and answers (Open Parliament Licence v3.0)"
# Okabe & Ito (2008), "Color Universal Design".
PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
    "black": "#000000",
}
TIME_COLOURS = dict(
    zip(TIME_LABELS, (PALETTE[c] for c in ("blue", "green", "orange", "grey")), strict=True)
)
LEVEL_COLOURS = {
    COMMITMENT_NAMES[level]: PALETTE[colour]
    for level, colour in zip(
        COMMITMENT_LEVELS, ("vermillion", "orange", "sky", "blue"), strict=True
    )
}
WIDTH = 7.5  # inches: fills the report column at 100 dpi and stays legible scaled to a phone


def _style() -> None:
    plt.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "font.size": 10.5,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
        }
    )


_style()


def finish(fig: plt.Figure, title: str, note: str = "") -> plt.Figure:
    """Title (the finding, wrapped), source line and tidy layout."""
    fig.suptitle("\n".join(textwrap.wrap(title, 70)), x=0.01, ha="left", fontweight="bold")
    fig.alt_text = title  # read by show(): the chart's text alternative in the HTML
    footer = SOURCE + (f". {note}" if note else "")
    fig.text(0.01, 0.005, "\n".join(textwrap.wrap(footer, 110)), fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 0.95))
    # Closed figures still render when displayed; closing stops Jupyter showing them twice.
    plt.close(fig)
    return fig


def show(fig: plt.Figure) -> None:
    """Display a chart in a notebook with its title as the image's text alternative."""
    from IPython.display import display

    display(fig, metadata={"image/png": {"alt": getattr(fig, "alt_text", "chart")}})


def horizontal_bars(
    values: pd.Series,
    title: str,
    xlabel: str,
    highlight: set[str] | None = None,
    note: str = "",
) -> plt.Figure:
    """One bar per label (largest at the top); highlighted labels in blue, others grey."""
    values = values.sort_values()
    labels = ["\n".join(textwrap.wrap(str(i), 38)) for i in values.index]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig, ax = plt.subplots(figsize=(WIDTH, max(2.5, 0.3 * lines + 0.1 * len(values) + 1.2)))
    colours = [
        PALETTE["blue"] if highlight is None or label in highlight else PALETTE["grey"]
        for label in values.index
    ]
    ax.barh(labels, values.to_numpy(), color=colours)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return finish(fig, title, note)


def distribution(
    values: pd.Series,
    title: str,
    xlabel: str,
    marker: float | None = None,
    marker_label: str = "",
    bins: int = 30,
    note: str = "",
) -> plt.Figure:
    """Histogram of a measure over answers, with one answer's value marked."""
    data = pd.to_numeric(values, errors="coerce").dropna()
    fig, ax = plt.subplots(figsize=(WIDTH, 3.2))
    ax.hist(data, bins=bins, color=PALETTE["sky"], edgecolor="white")
    if marker is not None and not np.isnan(marker):
        ax.axvline(marker, color=PALETTE["vermillion"], linewidth=2.5)
        ax.annotate(
            marker_label,
            xy=(marker, ax.get_ylim()[1] * 0.92),
            xytext=(6, 0),
            textcoords="offset points",
            color=PALETTE["vermillion"],
            fontweight="bold",
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Answers")
    return finish(fig, title, note)


def small_distributions(
    frame: pd.DataFrame,
    columns: dict[str, str],
    title: str,
    markers: dict[str, float] | None = None,
    note: str = "",
) -> plt.Figure:
    """Several histograms side by side (one per measure), each with an optional marker."""
    count = len(columns)
    cols = min(3, count)
    rows = int(np.ceil(count / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(WIDTH, 2.8 * rows), squeeze=False)
    for ax, (column, label) in zip(axes.flat, columns.items(), strict=False):
        data = pd.to_numeric(frame[column], errors="coerce").dropna()
        ax.hist(data, bins=25, color=PALETTE["sky"], edgecolor="white")
        if markers and column in markers and not pd.isna(markers[column]):
            ax.axvline(markers[column], color=PALETTE["vermillion"], linewidth=2.5)
        ax.set_xlabel("\n".join(textwrap.wrap(label, 32)))
        ax.set_ylabel("Answers")
    for ax in list(axes.flat)[count:]:
        ax.set_visible(False)
    return finish(fig, title, note)


def intervals(
    table: pd.DataFrame,
    title: str,
    xlabel: str,
    label_column: str = "department",
    note: str = "",
    interval: str = "bootstrap",
) -> plt.Figure:
    """Dots with 95% interval bars, one row per label; unranked rows (few answers) in grey.

    ``table`` has ``mean``, ``low``, ``high``, ``n``, ``ranked`` and the label column;
    ``interval`` names the kind of interval in the chart's note.
    """
    # Ranked rows in order of their mean; unranked rows (too few answers) below them.
    data = pd.concat(
        [
            table[~table["ranked"]].sort_values("n"),
            table[table["ranked"]].sort_values("mean"),
        ]
    )
    fig, ax = plt.subplots(figsize=(WIDTH, max(3, 0.34 * len(data) + 1.4)))
    ypos = np.arange(len(data))
    for y, (_, row) in zip(ypos, data.iterrows(), strict=True):
        colour = PALETTE["blue"] if row["ranked"] else PALETTE["grey"]
        ax.plot([row["low"], row["high"]], [y, y], color=colour, linewidth=2)
        ax.plot(row["mean"], y, "o", color=colour, markersize=6)
    labels = [
        f"{'  ' if r['ranked'] else '* '}"
        f"{textwrap.shorten(str(r[label_column]), 60)} (n={int(r['n'])})"
        for _, r in data.iterrows()
    ]
    ax.set_yticks(ypos, labels)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    unranked = (
        "* fewer answers than needed to rank: shown in grey, not ranked. "
        if not data["ranked"].all()
        else ""
    )
    return finish(fig, title, f"{unranked}Bars: 95% {interval} intervals. {note}".strip())


def paired_bars(
    frame: pd.DataFrame, title: str, ylabel: str, colours: list[str] | None = None, note: str = ""
) -> plt.Figure:
    """Grouped vertical bars: one group per row, one bar per column."""
    colours = colours or [PALETTE["blue"], PALETTE["green"], PALETTE["orange"], PALETTE["grey"]]
    fig, ax = plt.subplots(figsize=(WIDTH, 3.6))
    width = 0.8 / len(frame.columns)
    x = np.arange(len(frame.index))
    for i, column in enumerate(frame.columns):
        ax.bar(
            x + i * width,
            frame[column].to_numpy(),
            width,
            label=str(column),
            color=colours[i % len(colours)],
        )
    ax.set_xticks(
        x + width * (len(frame.columns) - 1) / 2,
        ["\n".join(textwrap.wrap(str(i), 16)) for i in frame.index],
    )
    ax.set_ylabel(ylabel)
    # Above the plot, so the legend never covers a bar.
    ax.legend(
        frameon=False,
        ncol=len(frame.columns),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
    )
    ax.grid(axis="x", visible=False)
    return finish(fig, title, note)


def monthly_bars(counts: pd.Series, title: str, ylabel: str, note: str = "") -> plt.Figure:
    """Bars for the months that have answers, in order. Months with none are left out rather
    than drawn as zero: a snapshot of selected months has no answers in the others, which is
    not the same as none being given."""
    counts = counts[counts > 0].sort_index()
    fig, ax = plt.subplots(figsize=(WIDTH, 3.4))
    ax.bar(range(len(counts)), counts.to_numpy(), color=PALETTE["blue"])
    step = max(1, len(counts) // 12)
    ax.set_xticks(
        range(0, len(counts), step), [counts.index[i] for i in range(0, len(counts), step)]
    )
    ax.tick_params(axis="x", rotation=60)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("Month answered")
    ax.grid(axis="x", visible=False)
    return finish(fig, title, note)


def lines(
    frame: pd.DataFrame, title: str, xlabel: str, ylabel: str, note: str = "", log2_x: bool = False
) -> plt.Figure:
    """One line with markers per column over the index (a learning curve: accuracy against
    training sentences, on a doubling scale with ``log2_x``)."""
    fig, ax = plt.subplots(figsize=(WIDTH, 3.6))
    colours = [PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"], PALETTE["orange"]]
    for i, column in enumerate(frame.columns):
        ax.plot(frame.index, frame[column], marker="o", label=str(column), color=colours[i % 4])
    if log2_x:
        ax.set_xscale("log", base=2)
        ax.set_xticks(frame.index, [f"{int(x):,}" for x in frame.index])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False, ncol=len(frame.columns), loc="lower center", bbox_to_anchor=(0.5, 1.0))
    return finish(fig, title, note)


def reliability(tables: dict[str, pd.DataFrame], title: str, note: str = "") -> plt.Figure:
    """Reliability diagram: per label, the share labelled right against the mean probability of
    each bin (:func:`analysis.validation.calibration.reliability_table`); on the diagonal the
    probabilities mean what they say."""
    fig, ax = plt.subplots(figsize=(WIDTH, 4.2))
    ax.plot([0, 1], [0, 1], color=PALETTE["grey"], linestyle="--", label="perfectly calibrated")
    colours = [PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"], PALETTE["orange"]]
    for i, (label, table) in enumerate(tables.items()):
        ax.plot(
            table["mean_probability"],
            table["accuracy"],
            marker="o",
            label=label,
            color=colours[i % len(colours)],
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Probability the labeler gave its label (mean of the bin)")
    ax.set_ylabel("Share labelled as readers did")
    ax.legend(frameon=False, loc="upper left")
    return finish(fig, title, note)
