"""Pythonic helpers on top of the compiled billing code: frames and the cohort estimate and Monte Carlo APIs.

Money in every frame and array is int64 cents in a column named ``*_cents``
(see docs/python.md); a scalar is an iop.Money.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import numpy as np

from . import _columns, _convert, _core
from ._calendar import _Programs, default_holidays, plan_columns
from ._frames import columns_frame, frame_kind
from ._extras import require

_LINE_AMOUNTS = ("charge", "allowed", "deductible", "copay", "coinsurance", "balance_billed", "patient", "plan",
                 "secondary", "write_off")
_PERIOD_AMOUNTS = ("charges", "allowed", "plan", "secondary", "patient")


def _cents_of(text: str) -> int:
    return _core.Money(text).cents


def estimate_to_pandas(estimate: "_core.CostEstimate", table: str = "lines") -> Any:
    """An estimate as a pandas DataFrame: ``table`` is ``"lines"`` (every adjudicated line with its rules),
    ``"weeks"`` or ``"months"`` (the summaries). Amounts are int64 cents in ``*_cents`` columns, so sums
    stay exact: ``frame.patient_cents.sum() == estimate.patient.cents``."""
    if not isinstance(estimate, _core.CostEstimate):
        raise TypeError(f"estimate: expected an iop.CostEstimate, got {type(estimate).__name__}")
    pd = require("pandas", "CostEstimate.to_pandas")
    if table in ("weeks", "months"):
        periods = getattr(estimate, table)
        data: Dict[str, Any] = {"period": [p["period"] for p in periods],
                                "days": np.array([p["days"] for p in periods], dtype=np.int64)}
        for k in _PERIOD_AMOUNTS:
            data[f"{k}_cents"] = np.array([_cents_of(p[k]) for p in periods], dtype=np.int64)
        return pd.DataFrame(data)
    if table != "lines":
        raise _core.ValidationError("table", repr(table), "is not a table of an estimate", "lines, weeks, months")
    lines = estimate.lines
    data = {
        "date": np.array([line["date"] for line in lines], dtype="datetime64[D]").astype("datetime64[ns]"),
        "session": [line["session"] for line in lines],
        "kind": pd.Categorical([line["kind"] for line in lines],
                               categories=["program_day", "individual_therapy", "medication_management"]),
        "code": [line["code"] for line in lines],
        "units": np.array([line["units"] for line in lines], dtype=np.int64),
        "network": pd.Categorical([line["network"] for line in lines], categories=["in_network", "out_of_network"]),
        "covered": np.array([line["covered"] for line in lines], dtype=bool),
    }
    for k in _LINE_AMOUNTS:
        data[f"{k}_cents"] = np.array([_cents_of(line[k]) for line in lines], dtype=np.int64)
    data["oop_met_after_cents"] = np.array([_cents_of(line["after"]["oop_individual"]) for line in lines], dtype=np.int64)
    data["rules"] = ["; ".join(line["rules"]) for line in lines]
    return pd.DataFrame(data)


_NOT_PER_PLAN = ("attended", "attendance_sessions", "intake_may_be_missed", "programs", "holidays", "holiday_policy",
                 "as_frame", "runs", "seed", "kind", "threads")


def _per_plan(arguments: Dict[str, Any]) -> Dict[str, Any]:
    """The arguments that may be a column of one value per plan (their pandas index must agree)."""
    return {k: v for k, v in arguments.items() if k not in _NOT_PER_PLAN}


def _amount(value: Any, value_cents: Any, n: int, name: str, default: Optional[int] = None) -> Any:
    """One money column from ``name=`` (Money, str, Decimal) or ``name_cents=`` (int cents), never both."""
    if value is not None and value_cents is not None:
        raise TypeError(f"{name}: give {name}= (Money, str or Decimal) or {name}_cents= (int cents), not both")
    if value is not None:
        return _convert.cents(value, n, name)
    if value_cents is not None:
        return _convert.integers(value_cents, n, f"{name}_cents")
    if default is None:
        raise TypeError(f"{name}: missing; give {name}= (Money, str or Decimal) or {name}_cents= (int cents)")
    return np.full(n, default, dtype=np.int64)


def _coverage_columns(n: int, starts: Any, per_diem: Any, per_diem_cents: Any, deductible: Any, deductible_cents: Any,
                      coinsurance: Any, coinsurance_bp: Any, copay: Any, copay_cents: Any,
                      copay_before_deductible: Any, out_of_pocket_max: Any, out_of_pocket_max_cents: Any,
                      deductible_met: Any, deductible_met_cents: Any, oop_met: Any, oop_met_cents: Any,
                      plan_year_start: Any) -> List[Any]:
    """The eleven coverage columns of the kernels, in their order."""
    if coinsurance is not None and coinsurance_bp is not None:
        raise TypeError("coinsurance: give coinsurance= (Rate, str such as '20%', Decimal or Fraction) or "
                        "coinsurance_bp= (int basis points), not both")
    if coinsurance_bp is not None:
        numerator, denominator = _convert.integers(coinsurance_bp, n, "coinsurance_bp"), np.full(n, 10000, np.int64)
    elif coinsurance is not None:
        numerator, denominator = _convert.rates(coinsurance, n, "coinsurance")
    else:
        numerator, denominator = np.zeros(n, np.int64), np.ones(n, np.int64)
    year_start = _convert.month_days(plan_year_start, n, "plan_year_start")
    return [
        _amount(per_diem, per_diem_cents, n, "per_diem"),
        _amount(deductible, deductible_cents, n, "deductible", 0),
        numerator, denominator,
        _amount(copay, copay_cents, n, "copay", 0),
        _convert.flags(copay_before_deductible, n, "copay_before_deductible"),
        _amount(out_of_pocket_max, out_of_pocket_max_cents, n, "out_of_pocket_max"),
        _amount(deductible_met, deductible_met_cents, n, "deductible_met", 0),
        _amount(oop_met, oop_met_cents, n, "oop_met", 0),
        year_start,
        starts,  # met amounts are read as of each course's start, as estimate_cost reads them
    ]


def estimate_costs(
    start_dates: Any,
    weeks: Any,
    days_per_week: Any,
    *,
    per_diem: Any = None,
    per_diem_cents: Any = None,
    deductible: Any = None,
    deductible_cents: Any = None,
    coinsurance: Any = None,
    coinsurance_bp: Any = None,
    copay: Any = None,
    copay_cents: Any = None,
    copay_before_deductible: Any = False,
    out_of_pocket_max: Any = None,
    out_of_pocket_max_cents: Any = None,
    deductible_met: Any = None,
    deductible_met_cents: Any = None,
    oop_met: Any = None,
    oop_met_cents: Any = None,
    plan_year_start: Any = 101,
    attendance: Any = None,
    attended: Any = None,
    attendance_sessions: Any = "program_day",
    intake_may_be_missed: Any = False,
    track: Any = 0,
    program: Any = 0,
    programs: _Programs = None,
    holidays: Optional["_core.HolidayCalendar"] = None,
    holiday_policy: str = "skip",
    as_frame: Any = False,
    threads: Optional[int] = None,
) -> Any:
    """Cost estimates for a cohort: per-diem charges adjudicated like :func:`estimate_cost`, in C++ without the GIL.

    Plans are given as in :func:`build_calendars`. Every amount and rate says its
    unit: ``per_diem``, ``deductible``, ``copay``, ``out_of_pocket_max``,
    ``deductible_met`` and ``oop_met`` take Money, str ('1500.00') or Decimal
    (one for all, or a column); the same keywords ending in ``_cents`` take int
    cents. ``coinsurance`` takes a Rate, str ('20%'), Decimal or Fraction;
    ``coinsurance_bp`` int basis points. A bare integer or a float where the
    keyword does not say the unit is a TypeError. ``plan_year_start`` is a date
    whose month and day start each plan year, or month * 100 + day (default 101,
    January 1); one for all or a column. ``copay_before_deductible`` is a bool
    (or a column of bools).

    Attendance: ``attendance`` is a rate per plan (or one for all), spread over
    each plan's ``attendance_sessions`` (a session kind or a list of them; default
    the program days) exactly as :func:`estimate_scenario` spreads it:
    round-half-to-even(rate x sessions) attended, the missed ones spread evenly
    through the course and never on the intake (first) day unless
    ``intake_may_be_missed``. So a cohort's attended program days are within half a
    day a patient of the rate times its program days. Or ``attended`` holds one
    bool per session row of :func:`build_calendars` for the same plans. Only
    attended program days are charged. Without either every scheduled session is.

    Covers in-network commercial coverage without family accumulators, limits or
    authorisations, with a copay or a coinsurance: both together are refused (how they
    combine is stated in an iop.Coverage, priced by :func:`estimate_cost`). Totals beyond
    64-bit cents raise iop.OverflowError. The days are counted by plan year and each
    year priced in closed form (the same totals as adjudicating them day by day), the
    plans shared among ``threads`` threads (None or 0: one per hardware thread).

    Every column is read by the column layer (docs/python.md): numpy, pandas,
    polars, pyarrow or any Arrow PyCapsule column; a missing value is refused
    naming its row.

    Returns a dict of int64 arrays ``charges_cents``, ``plan_cents`` and
    ``patient_cents``; with ``as_frame=True`` a pandas DataFrame of them on the
    index of the pandas columns given (so it lines up with their frame), with
    ``as_frame="polars"`` a polars DataFrame.
    """
    kind = frame_kind(as_frame)
    index = _columns.frame_index(**_per_plan(locals()))
    workers = _convert.threads(threads)
    starts, weeks_column, days_column, tracks, program_index, templates = plan_columns(
        start_dates, weeks, days_per_week, track, program, programs)
    n = starts.shape[0]
    coverage = _coverage_columns(n, starts, per_diem, per_diem_cents, deductible, deductible_cents, coinsurance,
                                 coinsurance_bp, copay, copay_cents, copay_before_deductible, out_of_pocket_max,
                                 out_of_pocket_max_cents, deductible_met, deductible_met_cents, oop_met, oop_met_cents,
                                 plan_year_start)
    rate_n, rate_d, flags = _convert.empty(), _convert.empty(), np.empty(0, dtype=np.uint8)
    if attendance is not None and attended is not None:
        raise TypeError("attendance: give attendance= (a rate) or attended= (a flag per session), not both")
    if attendance is not None:
        rate_n, rate_d = _convert.rates(attendance, n, "attendance")
    if attended is not None:
        if _columns.is_scalar(attended):
            raise TypeError("attended: expected one flag per session row of build_calendars, got a single value")
        flags = _convert.flags(attended, len(_columns.read(attended, "attended")), "attended").astype(np.uint8)
    charges, plan, patient = _core._estimate_costs_batch(
        starts, weeks_column, days_column, tracks, program_index, templates,
        holidays if holidays is not None else default_holidays(templates), holiday_policy, coverage, rate_n, rate_d,
        flags, attendance_sessions, intake_may_be_missed, workers)
    return columns_frame({"charges_cents": charges, "plan_cents": plan, "patient_cents": patient}, kind, index,
                         "estimate_costs")


def simulate_cohort_costs(
    start_dates: Any,
    days_per_week: Any,
    *,
    runs: Any = 1000,
    seed: Any = 20260101,
    attendance: Any = "85%",
    attendance_sessions: Any = "program_day",
    min_weeks: Any = 0,
    max_weeks: Any = 0,
    per_diem: Any = None,
    per_diem_cents: Any = None,
    deductible: Any = None,
    deductible_cents: Any = None,
    coinsurance: Any = None,
    coinsurance_bp: Any = None,
    copay: Any = None,
    copay_cents: Any = None,
    copay_before_deductible: Any = False,
    out_of_pocket_max: Any = None,
    out_of_pocket_max_cents: Any = None,
    deductible_met: Any = None,
    deductible_met_cents: Any = None,
    oop_met: Any = None,
    oop_met_cents: Any = None,
    plan_year_start: Any = 101,
    track: Any = 0,
    program: Any = 0,
    programs: _Programs = None,
    holidays: Optional["_core.HolidayCalendar"] = None,
    holiday_policy: str = "skip",
    as_frame: Any = False,
    threads: Optional[int] = None,
) -> Any:
    """The Monte Carlo of :func:`simulate_costs` for every plan of a cohort, in C++ without the GIL.

    Each plan draws ``runs`` courses: a length of stay uniform over
    ``min_weeks``..``max_weeks`` (0: the program's bounds), then each of the
    ``attendance_sessions`` (default the program days; the others are attended)
    attended with probability ``attendance`` (a rate, one for all or one per
    plan). Plan i uses the seed ``seed + i``, so its figures equal
    :func:`simulate_costs` for that plan with that seed. Coverage keywords as in
    :func:`estimate_costs`. The plans are shared among ``threads`` threads (None
    or 0: one per hardware thread); the figures for a seed are the same whatever
    their number.

    Returns a dict of int64 arrays ``patient_p10_cents``, ``patient_p50_cents``,
    ``patient_p90_cents``, ``charges_p10_cents``, ``charges_p50_cents`` and
    ``charges_p90_cents`` (nearest-rank percentiles), or a frame of them
    (``as_frame`` as in :func:`estimate_costs`).
    """
    kind = frame_kind(as_frame)
    index = _columns.frame_index(**_per_plan(locals()))
    workers = _convert.threads(threads)
    starts, _, days_column, tracks, program_index, templates = plan_columns(
        start_dates, 0, days_per_week, track, program, programs)
    n = starts.shape[0]
    coverage = _coverage_columns(n, starts, per_diem, per_diem_cents, deductible, deductible_cents, coinsurance,
                                 coinsurance_bp, copay, copay_cents, copay_before_deductible, out_of_pocket_max,
                                 out_of_pocket_max_cents, deductible_met, deductible_met_cents, oop_met, oop_met_cents,
                                 plan_year_start)
    rate_n, rate_d = _convert.rates(attendance, n, "attendance")
    result = _core._simulate_costs_batch(
        starts, days_column, tracks, program_index, templates,
        holidays if holidays is not None else default_holidays(templates), holiday_policy, coverage, runs, seed,
        rate_n, rate_d, _convert.integers(min_weeks, n, "min_weeks"), _convert.integers(max_weeks, n, "max_weeks"),
        attendance_sessions, workers)
    names = ("patient_p10_cents", "patient_p50_cents", "patient_p90_cents", "charges_p10_cents", "charges_p50_cents",
             "charges_p90_cents")
    return columns_frame(dict(zip(names, result)), kind, index, "simulate_cohort_costs")
