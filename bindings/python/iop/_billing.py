"""Pythonic helpers on top of the compiled billing code: frames and the batch estimate API."""

from __future__ import annotations

import decimal
from typing import Any, Optional, Sequence, Union

import numpy as np

from . import _core
from ._calendar import _as_int32, _default_holidays, _plan_arrays


def estimate_to_pandas(estimate: "_core.CostEstimate", table: str = "lines") -> Any:
    """An estimate as a pandas DataFrame: ``table`` is ``"lines"`` (every adjudicated
    line with its rules), ``"weeks"`` or ``"months"`` (the summaries). Amounts are
    Decimal dollars, so sums stay exact."""
    import pandas as pd

    if table in ("weeks", "months"):
        summary = pd.DataFrame(getattr(estimate, table))
        for k in ("charges", "allowed", "plan", "secondary", "patient"):
            if k in summary:
                summary[k] = summary[k].map(decimal.Decimal)
        return summary
    if table != "lines":
        raise _core.ValidationError(f"table: {table!r} is not a table of an estimate; allowed: lines, weeks, months")
    rows = []
    for line in estimate.lines:
        row = {k: line[k] for k in ("date", "session", "code", "units", "network", "covered")}
        for k in ("charge", "allowed", "deductible", "copay", "coinsurance", "balance_billed", "patient", "plan",
                  "secondary", "write_off"):
            row[k] = decimal.Decimal(line[k])
        row["rules"] = "; ".join(line["rules"])
        row["oop_met_after"] = decimal.Decimal(line["after"]["oop_individual"])
        rows.append(row)
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def _cents(values: Any, n: int, name: str) -> np.ndarray:
    """Amounts as int64 cents: int arrays are cents; str, Decimal or Money scalars are converted exactly."""
    if isinstance(values, (str, decimal.Decimal, _core.Money)):
        return np.full(n, _core.Money(values).cents, dtype=np.int64)
    if isinstance(values, float) or (isinstance(values, np.ndarray) and np.issubdtype(values.dtype, np.floating)):
        raise TypeError(f"{name}: money is never a float; pass int cents, str or decimal.Decimal")
    array = np.asarray(values)
    if array.ndim == 0:
        array = np.full(n, array)
    if array.shape != (n,) or not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{name}: expected int cents, one per plan or one for all")
    return array.astype(np.int64, copy=False)


def _basis_points(values: Any, n: int) -> np.ndarray:
    if isinstance(values, (str, decimal.Decimal, _core.Rate)):
        rate = _core.Rate(values)
        scaled = rate.numerator * 10000
        if scaled % rate.denominator:
            raise _core.ValidationError(f"coinsurance: {rate} is not a whole number of basis points; allowed: e.g. '20%'")
        return np.full(n, scaled // rate.denominator, dtype=np.int32)
    return _as_int32(values, n, "coinsurance (basis points)")


def estimate_costs(
    start_dates: Any,
    weeks: Any,
    days_per_week: Any,
    *,
    per_diem: Any,
    deductible: Any = 0,
    coinsurance: Any = 0,
    copay: Any = 0,
    copay_before_deductible: Any = False,
    out_of_pocket_max: Any,
    deductible_met: Any = 0,
    oop_met: Any = 0,
    plan_year_start: Any = 101,
    track: Any = 0,
    program: Any = 0,
    programs: Optional[Sequence[Union[str, "_core.ProgramTemplate"]]] = None,
    holidays: Optional["_core.HolidayCalendar"] = None,
    holiday_policy: str = "skip",
    as_frame: bool = False,
) -> Any:
    """Cost estimates for a cohort: per-diem charges adjudicated like :func:`estimate_cost`.

    Amounts are int cents (arrays, one per plan, or a scalar for all; a str,
    Decimal or Money scalar is converted exactly, a float is refused);
    ``coinsurance`` is basis points or a rate such as ``'20%'``;
    ``plan_year_start`` is month * 100 + day (101 = January 1). Covers
    in-network commercial coverage without family accumulators, limits or
    authorisations. Runs in C++ without the GIL.

    Returns a dict of int64 cent arrays ``charges``, ``plan`` and ``patient``
    (or a DataFrame with ``as_frame=True``).
    """
    plan_arrays = _plan_arrays(start_dates, weeks, days_per_week, track, program, programs)
    n = plan_arrays[0].shape[0]
    charges, plan, patient = _core._estimate_costs_batch(
        *plan_arrays,
        holidays if holidays is not None else _default_holidays(plan_arrays[5]),
        holiday_policy,
        _cents(per_diem, n, "per_diem"),
        _cents(deductible, n, "deductible"),
        _basis_points(coinsurance, n),
        _cents(copay, n, "copay"),
        np.asarray(np.broadcast_to(np.asarray(copay_before_deductible, dtype=np.uint8), (n,))),
        _cents(out_of_pocket_max, n, "out_of_pocket_max"),
        _cents(deductible_met, n, "deductible_met"),
        _cents(oop_met, n, "oop_met"),
        np.asarray(np.broadcast_to(np.asarray(plan_year_start, dtype=np.int16), (n,))),
    )
    columns = {"charges": charges, "plan": plan, "patient": patient}
    if not as_frame:
        return columns
    import pandas as pd

    return pd.DataFrame(columns)
