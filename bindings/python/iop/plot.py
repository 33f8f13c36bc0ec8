"""Plots of iop's results, drawn with matplotlib (the ``plot`` extra: ``pip install 'iop[plot]'``).

Every function draws on the ``ax`` it is given, or on a new figure's axes, and
returns the Axes, so plots compose (``fig, (a, b) = plt.subplots(1, 2)``) and a
notebook shows them as they are. Money is plotted in dollars (``float`` of the
exact cents, for drawing only); every figure a label shows is formatted from
the exact value.

- :func:`course_calendar`: one course as a month grid (program days by
  attendance, individual and medication sessions, holidays and closures with
  their names, moved sessions);
- :func:`clinic_load`: sessions or clinical hours a week by track for a cohort,
  holiday weeks marked;
- :func:`cost_curve`: cumulative patient and plan payments of one course, the
  deductible met, the out-of-pocket maximum reached and plan-year resets marked;
- :func:`cost_distribution`: a histogram of costs with P10, P50 and P90;
- :func:`parity_chart`: the MHPAEA quantitative tests, share subject against
  two-thirds and level shares against one-half with the predominant level;
- :func:`outcome_trajectories`, :func:`change_waterfall`, :func:`outcome_funnel`:
  a cohort's PHQ-9 trajectories with the median, its change at 6 or 12 months
  against the reliable-change threshold, and the measure's funnel.

Each drawn element that a reader (or a test) looks up carries a ``gid``
(``artist.get_gid()``), listed in the function's docstring.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import iop, iop.plot
>>> ax = iop.plot.cost_distribution([100_00, 200_00, 300_00, 400_00, 500_00])
>>> [line.get_gid() for line in ax.lines]
['P10', 'P50', 'P90']
>>> [line.get_xdata()[0] for line in ax.lines]
[100.0, 300.0, 500.0]
"""

from __future__ import annotations

import calendar as _weekdays
import datetime
import decimal as _decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

import numpy as np

from . import _columns, _convert, _core
from ._extras import require
from ._load import weekly_load
from . import _outcome_plots
from ._outcome_plots import change_waterfall, outcome_funnel, outcome_trajectories

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["course_calendar", "clinic_load", "cost_curve", "cost_distribution", "parity_chart", "nearest_rank",
           "STATUS_COLORS", "outcome_trajectories", "change_waterfall", "outcome_funnel", "OUTCOME_COLORS"]

#: The colour of a patient's outcome at a horizon (remission, response, no response, no score, pending).
OUTCOME_COLORS = _outcome_plots.OUTCOME_COLORS

#: The fill of a program day by its attendance status.
STATUS_COLORS = {
    "scheduled": "#c6dbef",
    "attended": "#74c476",
    "missed": "#fb6a4a",
    "cancelled_by_clinic": "#bdbdbd",
    "made_up": "#fd8d3c",
}
_CLOSED_COLOR = "#d9d9d9"
_SHORT_KIND = {"individual_therapy": "I", "medication_management": "M"}


def _axes(ax: Optional["Axes"], feature: str, size: Tuple[float, float]) -> "Axes":
    """``ax``, or the axes of a new figure of ``size`` inches; a missing matplotlib names the extra."""
    require("matplotlib", feature)
    from matplotlib.axes import Axes

    if ax is None:
        from matplotlib.figure import Figure

        # A Figure without pyplot: no global figure state, no GUI backend needed (a notebook displays
        # the returned axes' figure, savefig writes it).
        return Figure(figsize=size, layout="constrained").add_subplot()
    if not isinstance(ax, Axes):
        raise TypeError(f"ax: expected a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _dollars(cents: int) -> float:
    """For drawing only: every label is formatted from the exact cents."""
    return cents / 100


def _count(value: Any, name: str, low: int, high: int, what: str) -> int:
    """An exact integer (int, numpy integer, integral Decimal or Fraction; not bool or float) in low..high."""
    if not np.isscalar(value) and not isinstance(value, (_decimal.Decimal, Fraction)):
        raise TypeError(f"{name}: expected an int, got {type(value).__name__}")
    n = int(_convert.integers(value, 1, name)[0])
    if not low <= n <= high:
        raise _core.ValidationError(name, str(n), f"is not {what}", f"an integer {low}..{high}")
    return n


def _date(value: Any) -> datetime.date:
    """A date of a result's document form ('YYYY-MM-DD') or a datetime.date."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _money(cents: int) -> str:
    return str(_core.Money.from_cents(int(cents)))


def _percent(share: Fraction) -> str:
    """An exact share as a percentage with at most one decimal, halves away from zero (iop's one rule)."""
    tenths = share * 1000
    whole = int(tenths)  # toward zero; shares are not negative
    if tenths - whole >= Fraction(1, 2):
        whole += 1
    return f"{whole // 10}%" if whole % 10 == 0 else f"{whole // 10}.{whole % 10}%"


# ---------------------------------------------------------------------------------------------------- calendar


def _month_of(month: Union[str, datetime.date, None]) -> Optional[Tuple[int, int]]:
    if month is None:
        return None
    if isinstance(month, datetime.datetime):  # a date-time (or Timestamp) is not a month: its time would be dropped
        raise TypeError(f"month: expected 'YYYY-MM', a datetime.date or None, got {type(month).__name__}")
    if isinstance(month, datetime.date):
        return month.year, month.month
    if isinstance(month, str):
        try:
            first = datetime.date.fromisoformat(month + "-01")
        except ValueError:
            raise _core.ValidationError("month", repr(month), "is not a month", "'YYYY-MM' or a datetime.date") from None
        return first.year, first.month
    raise TypeError(f"month: expected 'YYYY-MM', a datetime.date or None, got {type(month).__name__}")


def course_calendar(calendar: "_core.SessionCalendar", *, holidays: Optional["_core.HolidayCalendar"] = None,
                    month: Union[str, datetime.date, None] = None, ax: Optional["Axes"] = None) -> "Axes":
    """One course as a calendar grid: a row per week (Monday to Sunday), a cell per day.

    A program day's cell is filled by its attendance status (``STATUS_COLORS``);
    ``I`` and ``M`` mark the individual therapy and medication management
    sessions of the day, followed by ``x`` when missed; a closed day (a gap of the
    calendar, and with ``holidays`` every holiday and closure of that calendar in
    the grid's weeks) is hatched grey with the names of its holidays; a session
    moved from another day says ``from MM-DD``. The first day of each month reads
    ``Mar 1``. ``month`` (``'YYYY-MM'`` or a date) draws that month's weeks only.

    gids: ``day:<kind>:<status>:<date>`` on each session's cell or mark,
    ``closed:<date>`` on each closed day, ``moved:<date>`` on each moved-session
    label (the date is where it happens).

    >>> import json
    >>> plan = iop.TreatmentPlan.from_dict(json.load(open("examples/plan.json")))
    >>> ax = course_calendar(iop.build_calendar(plan), month="2026-04")
    >>> len([p for p in ax.patches if str(p.get_gid()).startswith("day:program_day:")])  # Mon, Wed, Fri to 04-24
    11
    """
    if not isinstance(calendar, _core.SessionCalendar):
        raise TypeError(f"calendar: expected an iop.SessionCalendar, got {type(calendar).__name__}")
    if holidays is not None and not isinstance(holidays, _core.HolidayCalendar):
        raise TypeError(f"holidays: expected an iop.HolidayCalendar or None, got {type(holidays).__name__}")
    only = _month_of(month)
    ax = _axes(ax, "iop.plot.course_calendar", (8.0, 6.0))
    from matplotlib.patches import Patch, Rectangle

    sessions = list(calendar)
    gap_dates = [_date(gap["date"]) for gap in calendar.gaps]
    dates = [s.date for s in sessions] + [s.original_date for s in sessions] + gap_dates + [calendar.start_date]
    first, last = min(dates), max(dates)
    if only is not None:
        first = datetime.date(only[0], only[1], 1)
        last = datetime.date(only[0], only[1], _weekdays.monthrange(only[0], only[1])[1])
    monday = first - datetime.timedelta(days=first.weekday())
    rows = ((last - monday).days // 7) + 1

    def cell(day: datetime.date) -> Tuple[int, int]:
        return day.weekday(), (day - monday).days // 7

    def shown(day: datetime.date) -> bool:
        return (first <= day <= last) if only is not None else (monday <= day < monday + datetime.timedelta(weeks=rows))

    closed: Dict[datetime.date, List[str]] = {}
    for gap in calendar.gaps:
        for cause in gap["causes"]:
            closed.setdefault(_date(cause["observed"]), []).append(cause["name"])
    if holidays is not None:
        for holiday in holidays.holidays_between(monday, monday + datetime.timedelta(weeks=rows, days=-1)):
            names = closed.setdefault(_date(holiday["observed"]), [])
            if holiday["name"] not in names:
                names.append(holiday["name"])

    program_days = {s.date: s for s in sessions if s.kind == "program_day"}
    others: Dict[datetime.date, List[Any]] = {}
    for s in sessions:
        if s.kind != "program_day":
            others.setdefault(s.date, []).append(s)

    day = monday
    while day < monday + datetime.timedelta(weeks=rows):
        if shown(day):
            x, y = cell(day)
            session = program_days.get(day)
            if day in closed:
                ax.add_patch(Rectangle((x, y), 1, 1, facecolor=_CLOSED_COLOR, hatch="//", edgecolor="#737373",
                                       linewidth=0.5, gid=f"closed:{day.isoformat()}"))
                ax.text(x + 0.5, y + 0.62, "\n".join(closed[day]), ha="center", va="center", fontsize=5.5, wrap=True)
            elif session is not None:
                ax.add_patch(Rectangle((x, y), 1, 1, facecolor=STATUS_COLORS[session.status], edgecolor="white",
                                       linewidth=1.0, gid=f"day:program_day:{session.status}:{day.isoformat()}"))
            else:
                ax.add_patch(Rectangle((x, y), 1, 1, facecolor="white", edgecolor="#f0f0f0", linewidth=0.5))
            label = f"{day:%b} {day.day}" if day.day == 1 else str(day.day)
            ax.text(x + 0.06, y + 0.08, label, ha="left", va="top", fontsize=7)
            marks = others.get(day, [])
            for i, s in enumerate(marks):
                missed = s.status in ("missed", "cancelled_by_clinic")
                ax.text(x + 0.94 - 0.22 * i, y + 0.08, _SHORT_KIND[s.kind] + ("x" if missed else ""), ha="right",
                        va="top", fontsize=7, fontweight="bold", gid=f"day:{s.kind}:{s.status}:{day.isoformat()}")
            moved = [s for s in ([session] if session is not None else []) + marks if s.original_date != s.date]
            if moved:
                ax.text(x + 0.5, y + 0.75, f"from {moved[0].original_date:%m-%d}", ha="center", va="center",
                        fontsize=6, style="italic", gid=f"moved:{day.isoformat()}")
        day += datetime.timedelta(days=1)

    ax.set_xlim(0, 7)
    ax.set_ylim(rows, 0)
    ax.set_xticks([i + 0.5 for i in range(7)], ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    ax.xaxis.tick_top()
    ax.set_yticks([r + 0.5 for r in range(rows)],
                  [f"{monday + datetime.timedelta(weeks=r):%b %d}" for r in range(rows)])
    ax.tick_params(length=0)
    ax.set_aspect("equal")
    for side in ax.spines.values():
        side.set_visible(False)
    title = f"{calendar.plan_id}: {calendar.program_id}, {len(sessions)} sessions"
    if only is not None:
        title += f", {datetime.date(only[0], only[1], 1):%B %Y}"
    ax.set_title(title)
    present = sorted({s.status for s in program_days.values() if shown(s.date)}, key=list(STATUS_COLORS).index)
    handles = [Patch(facecolor=STATUS_COLORS[s], label=s.replace("_", " ")) for s in present]
    if closed:
        handles.append(Patch(facecolor=_CLOSED_COLOR, hatch="//", edgecolor="#737373", label="closed"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7,
              title="I individual, M medication\nx missed", title_fontsize=7)
    return ax


# ---------------------------------------------------------------------------------------------------- clinic load


def clinic_load(sessions: Any, *, measure: str = "sessions", holidays: Optional["_core.HolidayCalendar"] = None,
                ax: Optional["Axes"] = None) -> "Axes":
    """Sessions (``measure="sessions"``) or clinical hours (``measure="hours"``) a week, stacked by track.

    ``sessions`` is a sessions frame (``iop.build_calendars(..., as_frame=True)``,
    ``SessionCalendar.to_pandas()``, polars, Arrow, or a Dask frame of
    ``iop.dask.build_calendars``) or a SessionCalendar, read by
    :func:`iop.weekly_load`. A week runs Monday
    to Sunday and is labelled by its Monday. Sessions the clinic cancelled are
    not counted; every other row is (scheduled, attended, missed, made up: the
    clinic staffs them). Hours are the sessions' minutes / 60. With
    ``holidays``, each week holding a holiday or closure of that calendar is
    shaded and named.

    gids: ``load:<track>`` on each track's bars (one bar per week, in week
    order), ``holiday:<YYYY-MM-DD>`` on each shaded week (its Monday).

    >>> sessions = iop.build_calendars(["2026-06-29"], 6, 3, track="morning", as_frame=True)
    >>> ax = clinic_load(sessions, holidays=iop.HolidayCalendar.us_federal())
    >>> [float(p.get_height()) for p in ax.patches if p.get_gid() == "load:morning"]  # Friday 07-03 closed
    [3.0, 3.0, 4.0, 3.0, 4.0, 3.0]
    """
    if measure not in ("sessions", "hours"):
        raise _core.ValidationError("measure", repr(measure), "is not a measure of load", "sessions, hours")
    if holidays is not None and not isinstance(holidays, _core.HolidayCalendar):
        raise TypeError(f"holidays: expected an iop.HolidayCalendar or None, got {type(holidays).__name__}")
    load = weekly_load(sessions)
    ax = _axes(ax, "iop.plot.clinic_load", (10.0, 4.5))
    weeks = np.unique(load["week"].to_numpy(dtype="datetime64[D]"))
    tracks = list(dict.fromkeys(load["track"]))
    index = np.searchsorted(weeks, load["week"].to_numpy(dtype="datetime64[D]"))
    values = load["patient_hours" if measure == "hours" else "sessions"].to_numpy(dtype=np.float64)
    track_of = load["track"].to_numpy()
    bottom = np.zeros(len(weeks))
    x = np.arange(len(weeks))
    for track in tracks:
        heights = np.bincount(index[track_of == track], weights=values[track_of == track], minlength=len(weeks))
        ax.bar(x, heights, bottom=bottom, label=track, gid=f"load:{track}", width=0.85)
        bottom = bottom + heights
    if holidays is not None and len(weeks):
        first = weeks[0].astype(datetime.date)
        last = weeks[-1].astype(datetime.date) + datetime.timedelta(days=6)
        named: Dict[int, List[str]] = {}
        for holiday in holidays.holidays_between(first, last):
            observed = np.datetime64(_date(holiday["observed"]), "D")
            monday = observed - np.timedelta64((int(observed.astype(np.int64)) + 3) % 7, "D")
            at = int(np.searchsorted(weeks, monday))
            if at < len(weeks) and weeks[at] == monday:
                named.setdefault(at, []).append(holiday["name"])
        top = float(bottom.max()) * 1.6 if len(bottom) else 1.0
        for at, names in sorted(named.items()):
            ax.axvspan(at - 0.5, at + 0.5, color="#fee391", alpha=0.6, zorder=0,
                       gid=f"holiday:{weeks[at].astype(datetime.date).isoformat()}")
            ax.text(at, top * 0.99, "\n".join(names), rotation=90, ha="center", va="top", fontsize=5.5)
        ax.set_ylim(0, top)
    step = max(1, len(weeks) // 13)
    ax.set_xticks(x[::step], [w.astype(datetime.date).strftime("%Y-%m-%d") for w in weeks[::step]],
                  rotation=45, ha="right", fontsize=7)
    ax.set_xlabel("week (Monday)")
    ax.set_ylabel("sessions a week" if measure == "sessions" else "clinical hours a week")
    ax.set_title(("Sessions" if measure == "sessions" else "Clinical hours") + " a week by track")
    ax.legend(title="track", fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


# ---------------------------------------------------------------------------------------------------- cost curve


def _coverage_amount(document: Dict[str, Any], key: str) -> int:
    value = document.get(key)
    if isinstance(value, dict):
        value = value.get("individual")
    return _core.Money(value).cents if value is not None else 0


def cost_curve(estimate: "_core.CostEstimate", coverage: Optional["_core.Coverage"] = None, *,
               ax: Optional["Axes"] = None) -> "Axes":
    """Cumulative patient and plan payments of one course, by date of service.

    With the ``coverage`` the estimate was adjudicated under, the first date on
    which the individual deductible is met and the first on which the individual
    out-of-pocket maximum is reached are marked (read from each line's
    accumulators, so amounts met before the course count); a plan year that
    starts during the course is marked where its accumulators reset.

    gids: ``patient`` and ``plan`` on the two step lines (their y data are the
    running totals in dollars after each date), ``deductible_met``,
    ``oop_max_reached`` and ``plan_year:<YYYY-MM-DD>`` on the vertical markers.

    >>> import json
    >>> plan = iop.TreatmentPlan.from_dict(json.load(open("examples/plan.json")))
    >>> coverage = iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "500.00"},
    ...                                    "coinsurance": "20%", "out_of_pocket_max": {"individual": "3000.00"}})
    >>> fees = iop.FeeSchedule.per_diem("clinic", "300.00")
    >>> ax = cost_curve(iop.estimate_cost(iop.build_calendar(plan), coverage, fees), coverage)
    >>> [t.get_text() for t in ax.texts]  # $300 on 03-02, $200 more on 03-04
    ['deductible met 03-04']
    """
    if not isinstance(estimate, _core.CostEstimate):
        raise TypeError(f"estimate: expected an iop.CostEstimate, got {type(estimate).__name__}")
    if coverage is not None and not isinstance(coverage, _core.Coverage):
        raise TypeError(f"coverage: expected an iop.Coverage or None, got {type(coverage).__name__}")
    ax = _axes(ax, "iop.plot.cost_curve", (9.0, 4.5))
    lines = estimate.lines
    dates: List[datetime.date] = []
    patient: List[int] = []
    plan: List[int] = []
    for line in lines:
        day = _date(line["date"])
        if dates and dates[-1] == day:
            patient[-1] += _core.Money(line["patient"]).cents
            plan[-1] += _core.Money(line["plan"]).cents
        else:
            dates.append(day)
            patient.append((patient[-1] if patient else 0) + _core.Money(line["patient"]).cents)
            plan.append((plan[-1] if plan else 0) + _core.Money(line["plan"]).cents)
    from matplotlib.dates import date2num

    days = np.array(dates, dtype="datetime64[D]")
    ax.step(days, [_dollars(c) for c in patient], where="post", label=f"patient ({_money(patient[-1] if patient else 0)})",
            gid="patient", color="#d94801")
    ax.step(days, [_dollars(c) for c in plan], where="post", label=f"plan ({_money(plan[-1] if plan else 0)})",
            gid="plan", color="#2171b5")
    top = _dollars(max(patient + plan + [0])) * 1.25 or 1.0
    legend: set[str] = set()

    def mark(day: datetime.date, text: str, gid: str, color: str, style: str, kind: str) -> None:
        x = float(date2num(day))  # type: ignore[no-untyped-call]  # (matplotlib.dates is untyped)
        ax.axvline(x, color=color, linestyle=style, linewidth=1.0, gid=gid,
                   label=kind if kind not in legend else "_nolegend_")
        legend.add(kind)
        ax.text(x, top * 0.98, text, rotation=90, va="top", ha="right", fontsize=7, color=color)

    if coverage is not None:
        document = coverage.to_dict()
        deductible = _coverage_amount(document, "deductible")
        oop_max = _coverage_amount(document, "out_of_pocket_max")
        met = reached = False
        year = _date(lines[0]["after"]["plan_year"]) if lines else None
        for line in lines:
            after, day = line["after"], _date(line["date"])
            if _date(after["plan_year"]) != year:
                year = _date(after["plan_year"])
                met = reached = False
                mark(year, f"plan year {year.isoformat()}", f"plan_year:{year.isoformat()}", "#525252", ":",
                     "plan year starts: accumulators reset")
            if deductible and not met and _core.Money(after["deductible_individual"]).cents >= deductible:
                met = True
                mark(day, f"deductible met {day:%m-%d}", "deductible_met", "#6a51a3", "--",
                     f"deductible {_money(deductible)} met")
            if oop_max and not reached and _core.Money(after["oop_individual"]).cents >= oop_max:
                reached = True
                mark(day, f"out-of-pocket max reached {day:%m-%d}", "oop_max_reached", "#cb181d", "-.",
                     f"out-of-pocket maximum {_money(oop_max)} reached")
    ax.set_ylim(0, top)
    ax.set_ylabel("cumulative payments ($)")
    ax.set_xlabel("date of service")
    ax.set_title(f"Course cost: charges {estimate.charges}, patient {estimate.patient}, plan {estimate.plan}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    return ax


# ---------------------------------------------------------------------------------------------------- distribution


def _cents_column(costs: Any) -> np.ndarray:
    if isinstance(costs, _core.Money):
        raise TypeError("costs: expected many amounts (int cents, or iop.Money values), got one iop.Money")
    if isinstance(costs, (list, tuple)) and costs and all(isinstance(c, _core.Money) for c in costs):
        return np.array([c.cents for c in costs], dtype=np.int64)
    if _columns.is_scalar(costs):
        raise TypeError(f"costs: expected a column of int cents or a list of iop.Money, got {type(costs).__name__}")
    n = len(_columns.read(costs, "costs"))
    if n == 0:
        raise _core.ValidationError("costs", "an empty column", "has no amount", "at least one amount")
    return _convert.integers(costs, n, "costs")


def nearest_rank(cents: Any, p: int) -> int:
    """The nearest-rank ``p``-th percentile of ``cents``: the value at rank ceil(p n / 100) (at least 1) in
    sorted order, the rule of :func:`iop.simulate_costs` and :func:`iop.simulate_cohort_costs`.

    >>> nearest_rank([500, 100, 400, 200, 300], 50)
    300
    """
    p = _count(p, "p", 1, 100, "a percentile")
    values = np.sort(_cents_column(cents))
    rank = max(1, (p * len(values) + 99) // 100)
    return int(values[rank - 1])


def cost_distribution(costs: Any, *, bins: int = 30, label: str = "patient cost", ax: Optional["Axes"] = None) -> "Axes":
    """A histogram of costs with their P10, P50 and P90 (nearest rank, as :func:`nearest_rank`).

    ``costs`` is a column of int cents (``iop.estimate_costs(...)["patient_cents"]``,
    ``iop.simulate_cohort_costs(...)["patient_p50_cents"]``) or a list of
    iop.Money; floats are refused. Bars are in dollars.

    gids: ``P10``, ``P50``, ``P90`` on the vertical lines (x in dollars), each
    labelled with its exact amount in the legend.
    """
    bins = _count(bins, "bins", 1, 10_000, "a number of bins")
    if not isinstance(label, str):
        raise TypeError(f"label: expected a str, got {type(label).__name__}")
    cents = _cents_column(costs)
    ax = _axes(ax, "iop.plot.cost_distribution", (8.0, 4.5))
    ax.hist(cents / 100, bins=bins, color="#9ecae1", edgecolor="white", label=f"{label}: {len(cents):,}")
    for p, style in ((10, ":"), (50, "-"), (90, "--")):
        value = nearest_rank(cents, p)
        ax.axvline(_dollars(value), color="#08306b", linestyle=style, linewidth=1.2, gid=f"P{p}",
                   label=f"P{p} {_money(value)}")
    ax.set_xlabel(f"{label} ($)")
    ax.set_ylabel("count")
    ax.set_title(f"Distribution of {label}")
    ax.legend(fontsize=8)
    return ax


# ---------------------------------------------------------------------------------------------------- parity


def _level_text(type_name: str, level: Optional[int]) -> str:
    if level is None:
        return "none"
    from .parity import LEVEL_UNITS

    unit = LEVEL_UNITS[type_name]
    if unit == "cents":
        return _money(level)
    if unit == "bp":
        return _percent(Fraction(level, 100) / 100)
    return f"{level} {'visits' if type_name == 'visit_limit' else 'days'}"


def _share_of(text: str) -> Fraction:
    return Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)


def parity_chart(report: Any, *, ax: Optional["Axes"] = None) -> "Axes":
    """The quantitative tests of a parity report: two bars per classification and type.

    A visit or day limit is tested per period (annual, episode, lifetime), and a
    report of several coverage units per unit; both are named on the rows.
    The upper bar is the share of the classification's medical/surgical plan
    payments subject to the type, with the two-thirds line of the "substantially
    all" test; the lower bar stacks the levels' shares of the subject payments,
    most restrictive first, with the one-half line of the "predominant" test and
    the predominant level hatched and named (29 CFR 2590.712(c)(3)(i)).

    gids: ``subject:<test>`` on the subject bar, ``level:<test>:<level>`` on each
    level's segment (the level in its unit, as in the report),
    ``predominant:<test>`` on the predominant level's label, where ``<test>`` is
    ``<classification>:<type>``, then ``:<period>`` for a limit with a period and
    ``@<coverage unit>`` when the report has several units; ``two_thirds`` and ``one_half`` on the
    threshold marks.

    >>> import json
    >>> ax = parity_chart(iop.parity.analyse(json.load(open("examples/design.json"))))
    >>> [t.get_text() for t in ax.texts if str(t.get_gid()).startswith("predominant:")]
    ['predominant $35.00', 'predominant 60 visits', 'predominant $1,500.00 (combined)']
    """
    from .parity import ParityReport

    if not isinstance(report, ParityReport):
        raise TypeError(f"report: expected an iop.parity.ParityReport, got {type(report).__name__}")
    tests = report.tests
    ax = _axes(ax, "iop.plot.parity_chart", (9.0, 1.2 + 1.1 * len(tests)))
    labels: List[str] = []
    colors = ["#08519c", "#3182bd", "#6baed6", "#9ecae1", "#c6dbef", "#deebf7"]
    for i, t in enumerate(tests):
        period = t.get("period", "none")
        several_units = len(getattr(report, "coverage_units", [])) > 1
        where = (f"{t['classification']}:{t['type']}" + (f":{period}" if period != "none" else "")
                 + (f"@{t['coverage_unit']}" if several_units else ""))
        name = (f"{t['classification']} / {t['type']}" + (f" ({period})" if period != "none" else "")
                + (f", {t['coverage_unit']}" if several_units else ""))
        y_subject, y_levels = 2 * i, 2 * i + 1
        share = _share_of(t["subject_share"])
        ok = "passes" if all(c["pass"] for c in t["checks"]) else "fails"
        ax.barh(y_subject, float(share), color="#636363", height=0.7, gid=f"subject:{where}")
        ax.text(float(share) + 0.01, y_subject, f"{_percent(share)} subject", va="center", fontsize=7)
        ax.vlines(2 / 3, y_subject - 0.45, y_subject + 0.45, color="#cb181d", linewidth=1.5, gid="two_thirds",
                  label="two-thirds: substantially all" if i == 0 else "_nolegend_")
        left = 0.0
        for j, level in enumerate(t["levels"]):
            width = float(_share_of(level["share"]))
            predominant = t["predominant"] is not None and level["level"] == t["predominant"]
            ax.barh(y_levels, width, left=left, height=0.7, color=colors[j % len(colors)],
                    hatch="xx" if predominant else None, edgecolor="black" if predominant else "white",
                    gid=f"level:{where}:{level['level']}")
            shown = level.get("display") or _level_text(t["type"], level["level"])
            text = f"{shown}: {_percent(_share_of(level['share']))}"
            ax.text(left + width / 2, y_levels, text, ha="center", va="center", fontsize=6,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
            left += width
        if t["predominant"] is not None:
            ax.text(1.02, y_levels, f"predominant {t.get('predominant_display') or _level_text(t['type'], t['predominant'])}"
                    + (" (combined)" if t["combined"] else ""), va="center", fontsize=7,
                    gid=f"predominant:{where}")
        ax.vlines(0.5, y_levels - 0.45, y_levels + 0.45, color="#238b45", linewidth=1.5, gid="one_half",
                  label="one-half: predominant" if i == 0 else "_nolegend_")
        labels += [f"{name}: subject ({ok})", "levels of subject payments"]
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, 1.0)
    ax.set_xticks([0, 0.25, 0.5, 2 / 3, 1.0], ["0", "25%", "1/2", "2/3", "100%"])
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.12 - 0.4 / max(1, len(tests))), ncol=2, fontsize=7,
              frameon=False)
    ax.set_xlabel("share of medical/surgical plan payments")
    ax.set_title(f"MHPAEA quantitative tests: {report.plan} ({'passes' if report.passes else 'fails'})")
    return ax


def __dir__() -> List[str]:
    """The public names only (``__all__``): what ``help`` and tab completion offer is what is meant to be used."""
    return sorted(__all__)
