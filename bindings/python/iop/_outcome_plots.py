"""Plots of cohort outcomes (iop.outcomes), re-exported by iop.plot: trajectories with the median, the change
waterfall and the outcome funnel. Each draws on the ``ax`` it is given (or a new figure's) and returns the Axes; the
elements a reader or a test looks up carry a ``gid``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional, Tuple

import numpy as np

from . import _convert
from ._errors import ValidationError
from ._extras import require

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .outcomes import CohortOutcomes

#: The colour of a patient's outcome at a horizon.
OUTCOME_COLORS = {"remission": "#238b45", "response": "#74c476", "no response": "#bdbdbd", "no score": "#fdd0a2",
                  "pending": "#c6dbef"}


def _new_axes(ax: Optional["Axes"], size: Tuple[float, float]) -> "Axes":
    from .plot import _axes  # iop.plot imports this module

    return _axes(ax, "iop.plot", size)


def _outcomes(result: Any) -> "CohortOutcomes":
    from .outcomes import CohortOutcomes

    if not isinstance(result, CohortOutcomes):
        raise TypeError(f"result: expected the iop.outcomes.CohortOutcomes of iop.outcomes.cohort, got "
                        f"{type(result).__name__}")
    return result


def _count(value: Any, name: str, low: int, high: int, what: str) -> int:
    """iop.plot's reading of a count: an exact integer (not bool or float) in low..high."""
    from .plot import _count as count  # iop.plot imports this module

    return count(value, name, low, high, what)


def _months(months: Any) -> str:
    n = _count(months, "months", 6, 12, "a horizon of the measures (6 or 12)")
    if n not in (6, 12):
        raise ValidationError("months", str(n), "is not a horizon of the measures", "6 or 12")
    return str(n)


def outcome_trajectories(scores: Any, result: "CohortOutcomes", *, weeks: int = 52, lines: int = 100,
                         min_scores: int = 10, ax: Optional["Axes"] = None) -> "Axes":
    """PHQ-9 totals by week since each patient's index event: a thin line for each of the first ``lines`` index
    patients (gid ``patient``), and the median of the index patients' scores in each week that holds at least
    ``min_scores`` of them (gid ``median``; a sparser week is left out rather than drawn from a handful), with the
    remission line at 5 (gid ``remission``). ``scores`` is the frame given to :func:`iop.outcomes.cohort`."""
    pd = require("pandas", "iop.plot")
    result = _outcomes(result)
    if not isinstance(scores, pd.DataFrame) or set(scores.columns) != {"patient", "date", "phq9"}:
        raise TypeError("scores: expected the DataFrame (patient, date, phq9) given to iop.outcomes.cohort")
    weeks = _count(weeks, "weeks", 1, 156, "a number of weeks")
    lines = _count(lines, "lines", 0, 1_000_000, "a number of lines")
    min_scores = _count(min_scores, "min_scores", 1, 1_000_000_000, "a number of scores")
    ax = _new_axes(ax, (9, 4.5))
    index = result.patients.set_index("patient")["index_date"].dropna()
    # The dates as cohort read them (dates, midnight timestamps, datetime64 or text), as timestamps.
    dates = pd.to_datetime(_convert.days(scores["date"], "scores.date").astype("datetime64[D]"))
    joined = scores.assign(date=dates).join(index, on="patient", how="inner")
    week = (joined["date"] - joined["index_date"]).dt.days // 7
    joined = joined.assign(week=week)[(week >= 0) & (week <= weeks)]
    for patient in list(index.index[:lines]):
        rows = joined[joined["patient"] == patient]
        ax.plot(rows["week"], rows["phq9"], color="#9ecae1", linewidth=0.6, alpha=0.6, gid="patient")
    by_week = joined.groupby("week")["phq9"]
    median = by_week.median()[by_week.size() >= min_scores]
    ax.plot(median.index, median.to_numpy(), color="#08519c", linewidth=2.5, gid="median",
            label=f"median of {len(index):,} index patients")
    ax.axhline(5, color="#238b45", linestyle="--", linewidth=1, gid="remission", label="remission: below 5")
    ax.set(xlabel="weeks since the index PHQ-9", ylabel="PHQ-9", ylim=(0, 27), xlim=(0, weeks),
           title="PHQ-9 trajectories from the index event")
    ax.legend(loc="upper right", frameon=False)
    return ax


def change_waterfall(result: "CohortOutcomes", *, months: int = 12, ax: Optional["Axes"] = None) -> "Axes":
    """Each measured patient's change from the index score to the window's score at ``months`` (6 or 12), sorted
    from the largest rise to the largest fall (gid ``change``), coloured by outcome (``OUTCOME_COLORS``), with the
    reliable-change threshold either side (gids ``reliable+`` and ``reliable-``)."""
    result = _outcomes(result)
    h = _months(months)
    ax = _new_axes(ax, (9, 4.5))
    patients = result.patients[result.patients[f"change_{h}"].notna()]
    order = patients.sort_values(f"change_{h}", ascending=False, kind="stable")
    change = order[f"change_{h}"].astype(int).to_numpy()
    colors = [OUTCOME_COLORS[str(s)] for s in order[f"status_{h}"]]
    ax.bar(np.arange(len(change)), change, width=1.0, color=colors, gid="change")
    threshold = result.reliable_change["threshold"]
    ax.axhline(threshold, color="#a50f15", linestyle=":", linewidth=1, gid="reliable+")
    ax.axhline(-threshold, color="#a50f15", linestyle=":", linewidth=1, gid="reliable-",
               label=f"reliable change: beyond {threshold:.2f} points")
    ax.axhline(0, color="black", linewidth=0.5)
    for status in ("remission", "response", "no response"):
        ax.bar([0], [0], color=OUTCOME_COLORS[status], label=status)
    ax.set(xlabel=f"patients measured at {h} months, by change", ylabel="PHQ-9 change from the index score",
           title=f"Change at {h} months ({len(change):,} patients with a score in the window)")
    ax.legend(loc="lower left", frameon=False)
    return ax


def outcome_funnel(result: "CohortOutcomes", *, months: int = 12, group: int = 0,
                   ax: Optional["Axes"] = None) -> "Axes":
    """The measure's funnel for a group (row ``group`` of ``result.groups``; 0 the whole cohort): patients, index
    patients, the denominator at ``months``, those with a score in the window, responding and in remission, as
    horizontal bars with their counts (gids the stage names)."""
    result = _outcomes(result)
    h = _months(months)
    row = result.groups.iloc[_count(group, "group", 0, len(result.groups) - 1, "a row of result.groups")]
    stages: List[Tuple[str, int]] = [
        ("patients", int(row["patients"])), ("index patients", int(row["index_patients"])),
        ("denominator", int(row[f"denominator_{h}"])),
        ("with a score", int(row[f"denominator_{h}"]) - int(row[f"no_score_{h}"])),
        ("response", int(row[f"response_{h}"])), ("remission", int(row[f"remission_{h}"]))]
    ax = _new_axes(ax, (8, 4))
    top = max(count for _, count in stages) or 1
    for i, (name, count) in enumerate(stages):
        ax.barh(len(stages) - 1 - i, count, color="#6baed6" if i < 4 else OUTCOME_COLORS[name], gid=name)
        ax.text(count + top * 0.01, len(stages) - 1 - i, f"{count:,}", va="center")
    ax.set_yticks(range(len(stages)), [name for name, _ in reversed(stages)])
    ax.set(xlim=(0, top * 1.12), xlabel="patients", title=f"Outcomes at {h} months")
    return ax
