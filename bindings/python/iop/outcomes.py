"""Cohort outcome measures: remission and response at 6 and 12 months, reliable change, time to response and dropout.

The windows are those of the depression outcome measures (MN Community Measurement; CMS159 / NQF 0710 at 12 months,
NQF 1884 response at 6 months):

- the **index event** is the patient's first PHQ-9 above 9, with a diagnosis of major depression (F32.0-F32.5,
  F32.9, F33.0-F33.3, F33.40-F33.42, F33.9: the measure's value set, where F33.8 and F32.A are not) or dysthymia
  (F34.1);
- at 6 and 12 months the **most recent** PHQ-9 from 60 days before to 60 days after index + 6 or 12 calendar months
  counts; **remission** is that score below 5, **response** at least 50 % below the index score;
- a window closing after ``as_of`` is *pending* (outside the denominator); a window with no score stays in it;
- a denominator exclusion the caller records (``died``, ``hospice``, ``bipolar``, ``personality``, ``psychotic``,
  ``developmental``) takes the patient out.

Reliable change follows Jacobson & Truax (1991): a change beyond 1.96 x SD x sqrt(2) x sqrt(1 - reliability) PHQ-9
points; the SD is yours or the sample SD of the cohort's index scores, and both are returned with the result. Time
to response is the Kaplan-Meier median (censored at the last score); dropout is the share of ended courses ended
against advice.

    >>> import iop, pandas as pd
    >>> scores = pd.DataFrame({"patient": ["a", "a", "b", "b"],
    ...                        "date": pd.to_datetime(["2026-01-05", "2027-01-04", "2026-01-05", "2026-12-01"]),
    ...                        "phq9": [18, 3, 12, 11]})
    >>> patients = pd.DataFrame({"patient": ["a", "b"], "program": "p", "track": "morning",
    ...                          "delivery": "in_person", "diagnosis": "F33.1"})
    >>> result = iop.outcomes.cohort(scores, patients, as_of="2027-06-30", reliability=0.89, sd=5.0)
    >>> result.groups[["denominator_12", "remission_12", "response_12"]].iloc[0].tolist()
    [2, 1, 1]
"""
from __future__ import annotations

import datetime
import numbers
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from . import _convert, _core
from ._errors import Error, ValidationError
from ._extras import require

ENDS = ("ongoing", "planned", "against_advice", "stepped_up")
EXCLUSIONS = ("none", "died", "hospice", "bipolar", "personality", "psychotic", "developmental")
STATUSES = ("not in measure", "pending", "no score", "remission", "response", "no response")
DIMENSIONS = ("program", "track", "delivery")
HORIZON_COLUMNS = ("denominator", "pending", "no_score", "remission", "response", "remission_rate", "response_rate",
                   "reliable_improvement", "reliable_deterioration")
SCORE_COLUMNS = ("patient", "date", "phq9")
_FIRST_DAY, _LAST_DAY = -25567, 47846  # 1900-01-01 and 2100-12-31 as days since 1970-01-01
PATIENT_COLUMNS = ("patient", "program", "track", "delivery", "diagnosis")
OPTIONAL_PATIENT_COLUMNS = ("discharge", "exclusion")

__all__ = ["CohortOutcomes", "CohortPart", "cohort", "from_episodes", "from_parts", "part"]


class CohortOutcomes:
    """A cohort's outcomes: ``groups`` (the whole cohort first, then each group) and ``patients`` as frames,
    ``reliable_change`` (reliability, sd, sd_source, threshold), ``warnings`` and ``as_of``.

    ``patients`` is None for outcomes added up from parts (:func:`from_parts`), and a Dask or Spark DataFrame (in
    patient order) for those of ``iop.dask.cohort_outcomes`` and ``iop.spark.cohort_outcomes``."""

    __slots__ = ("groups", "patients", "reliable_change", "warnings", "as_of", "by")

    def __init__(self, groups: Any, patients: Any, reliable_change: Dict[str, Any], warnings: List[str],
                 as_of: datetime.date, by: Tuple[str, ...]) -> None:
        self.groups = groups
        self.patients = patients
        self.reliable_change = reliable_change
        self.warnings = warnings
        self.as_of = as_of
        self.by = by

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CohortOutcomes):
            return NotImplemented
        return (self.as_of == other.as_of and self.by == other.by and self.warnings == other.warnings
                and self.reliable_change == other.reliable_change and self.groups.equals(other.groups)
                and _same_rows(self.patients, other.patients))

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> Dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)

    def __repr__(self) -> str:
        whole = self.groups.iloc[0]
        return (f"CohortOutcomes(as_of={self.as_of.isoformat()}, patients={int(whole['patients'])}, "
                f"groups={len(self.groups) - 1}, remission_12={int(whole['remission_12'])}/"
                f"{int(whole['denominator_12'])})")


def _same_rows(a: Any, b: Any) -> bool:
    """Patients' rows equal: pandas frames by value, none (outcomes added up from parts) or a distributed frame
    (its rows are not here to compare) only as themselves."""
    pd = require("pandas", "iop.outcomes")
    if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
        return bool(a.equals(b))
    return a is b


def _number(value: Any, name: str, allowed: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name}: expected a number ({allowed}), got {type(value).__name__} {value!r}")
    return float(value)


def _as_pandas(frame: Any, name: str) -> Any:
    """A pandas DataFrame as it is; a polars DataFrame or a pyarrow Table through its own to_pandas (dates stay
    dates, text stays text, integers stay integers; a null integer becomes a float NaN, refused by row)."""
    pd = require("pandas", "iop.outcomes")
    if isinstance(frame, pd.DataFrame):
        return frame
    kind = f"{type(frame).__module__.split('.')[0]}.{type(frame).__name__}"
    if kind in ("polars.DataFrame", "pyarrow.Table"):
        return frame.to_pandas()
    raise TypeError(f"{name}: expected a pandas or polars DataFrame or a pyarrow Table, got {kind}")


def _check_columns(frame: Any, name: str, required: Sequence[str], optional: Sequence[str]) -> None:
    columns = [str(c) for c in frame.columns]
    missing = [c for c in required if c not in columns]
    if missing:
        raise ValidationError(f"{name}.{missing[0]}", "", "is missing", f"columns {', '.join(required)}")
    extra = [c for c in columns if c not in required and c not in optional]
    if extra:
        raise ValidationError(f"{name}.{extra[0]}", "", "is not a column iop reads (select the columns it takes, "
                              "so nothing is dropped unsaid)", ", ".join((*required, *optional)))


def cohort(scores: Any, patients: Any, *, as_of: Any, reliability: float, sd: Optional[float] = None,
           by: Sequence[str] = ()) -> CohortOutcomes:
    """The outcomes of a cohort.

    Args:
        scores: a pandas or polars DataFrame (or a pyarrow Table) with the columns ``patient`` (a value of
            ``patients.patient``), ``date`` (calendar dates: ``datetime.date``, midnight timestamps, ``datetime64[D]``
            or ``'YYYY-MM-DD'``) and ``phq9`` (whole numbers 0..27), one row a PHQ-9, in any order; a patient has at
            most one score a day, none after ``as_of``.
        patients: a frame or table like ``scores`` with the columns ``patient`` (unique), ``program``, ``track``,
            ``delivery`` (``in_person`` or ``telehealth``) and ``diagnosis`` (ICD-10-CM), and optionally
            ``discharge`` (one of ``ENDS``; absent: ongoing) and ``exclusion`` (one of ``EXCLUSIONS``; absent: none).
        as_of: the day the data speaks as of.
        reliability: the PHQ-9's reliability for reliable change, above 0 and below 1 (e.g. 0.89).
        sd: the SD for reliable change; None for the sample SD of the cohort's index scores.
        by: the groups' dimensions among ``program``, ``track``, ``delivery``.

    Returns:
        CohortOutcomes: ``groups`` (one row a group, the whole cohort first with None in the dimensions; counts and
        rates suffixed ``_6`` and ``_12``) and ``patients`` (one row a patient, in the order given).

    Raises:
        iop.ValidationError: naming the frame, column and row, or the argument.
    """
    arguments, patients = _kernel_arguments(scores, patients, as_of, reliability, sd, by)
    summary, columns = _core.outcomes._cohort_outcomes(*arguments)
    return _outcomes(summary, _patients_frame(columns, patients), tuple(by))


def _outcomes(summary: Dict[str, Any], patients: Any, by: Tuple[str, ...]) -> CohortOutcomes:
    return CohortOutcomes(_groups_frame(summary, by), patients, summary["reliable_change"], summary["warnings"],
                          datetime.date.fromisoformat(summary["as_of"]), by)


def _kernel_arguments(scores: Any, patients: Any, as_of: Any, reliability: float, sd: Optional[float],
                      by: Sequence[str]) -> Tuple[Tuple[Any, ...], Any]:
    """The kernel's arguments from the frames (checked by column and row), and the patients frame as pandas."""
    scores, patients = _as_pandas(scores, "scores"), _as_pandas(patients, "patients")
    _check_columns(scores, "scores", SCORE_COLUMNS, ())
    _check_columns(patients, "patients", PATIENT_COLUMNS, OPTIONAL_PATIENT_COLUMNS)
    ends, exclusions = (patients[c].to_numpy(dtype=object) if c in patients else None
                        for c in OPTIONAL_PATIENT_COLUMNS)
    dates = scores["date"]
    if dates.dtype == np.dtype("datetime64[ns]"):  # pandas' own: its int64 nanoseconds, checked by the kernel
        date_ns = np.ascontiguousarray(dates.to_numpy().view(np.int64))
    else:  # dates, other units or text: read strictly as days (1900-2100), then as midnight nanoseconds
        days = _convert.days(dates, "scores.date")
        outside = (days < _FIRST_DAY) | (days > _LAST_DAY)
        if outside.any():
            i = int(np.argmax(outside))
            raise ValidationError(f"scores.date[{i}]", str(dates.iloc[i]), "is outside the dates iop reads",
                                  "1900-01-01..2100-12-31")
        date_ns = days.astype(np.int64) * 86_400_000_000_000
    phq9 = _convert.integers(scores["phq9"], len(scores), "scores.phq9")
    bad = (phq9 < 0) | (phq9 > 27)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValidationError(f"scores.phq9[{i}]", str(phq9[i]), "is not a PHQ-9 total", "0..27")
    if isinstance(by, str):
        raise TypeError("by: expected a list of dimensions such as ['program'], got the str " + repr(by))
    # The text columns as object arrays of str, read in place by the kernel.
    ids, programs, tracks, deliveries, diagnoses = (patients[c].to_numpy(dtype=object) for c in PATIENT_COLUMNS)
    arguments = (scores["patient"].to_numpy(dtype=object), date_ns, np.ascontiguousarray(phq9, dtype=np.int8), ids,
                 programs, tracks, deliveries, diagnoses, ends, exclusions, as_of,
                 _number(reliability, "reliability", "above 0 and below 1"),
                 None if sd is None else _number(sd, "sd", "above 0"), list(by))
    return arguments, patients


def _check_frames(scores: Any, patients: Any) -> None:
    """The columns of a scores and a patients frame of any engine, by name."""
    _check_columns(scores, "scores", SCORE_COLUMNS, ())
    _check_columns(patients, "patients", PATIENT_COLUMNS, OPTIONAL_PATIENT_COLUMNS)


def _dimensions(by: Any) -> List[str]:
    """``by`` as a list of dimension names (each checked by the kernel)."""
    if isinstance(by, str):
        raise TypeError("by: expected a list of dimensions such as ['program'], got the str " + repr(by))
    return list(by)


_ROW = re.compile(r"^(scores|patients)(?:\.(\w+))?\[(\d+)\]")


def _in_partition(error: Error, scores: Any, patients: Any, partition: int,
                  frames: str = "the frames set in patient order") -> Error:
    """A partition's error, its problem naming the partition and, for a row, the row's patient (the partition's
    row numbers are not the caller's: the frames were regrouped by patient)."""
    where = ""
    match = _ROW.match(error.field)
    if match:
        frame = scores if match.group(1) == "scores" else patients
        row = int(match.group(3))
        if row < len(frame):
            where = f": patient {frame['patient'].iloc[row]!r}"
    return type(error)(error.field, error.value,
                       f"{error.problem} (in partitions[{partition}] of {frames}{where})",
                       error.allowed)


class CohortPart:
    """Part of a cohort's outcomes, counted on some of its patients with all their scores: parts of a cohort
    split by patient add up (:meth:`merge`, in any order) to exactly what :func:`cohort` counts on the whole, so a
    cohort larger than one machine is measured partition by partition (``iop.dask.cohort_outcomes``,
    ``iop.spark.cohort_outcomes``) and finished on one (:meth:`outcomes`).

    A part holds counts only, never a patient's row: each group's counts at 6 and 12 months, its measured
    patients' changes in points (reliable change needs the whole cohort's SD), the index scores' counts (that
    sample SD) and the days at which the Kaplan-Meier curve of time to response moves. It is an immutable value:
    equal by its counts and options, hashable, picklable as its compact JSON text (:meth:`to_json`, read back and
    checked by :meth:`from_json`).
    """

    __slots__ = ("_text",)
    _text: str

    def __init__(self, text: str) -> None:
        if hasattr(self, "_text"):
            raise AttributeError("a CohortPart is immutable: it is made once")
        if not isinstance(text, str):
            raise TypeError(f"text: expected the str of CohortPart.to_json(), got {type(text).__name__}")
        object.__setattr__(self, "_text", _core.outcomes._read_part(text))  # read, checked, canonical

    @classmethod
    def from_json(cls, text: str) -> "CohortPart":
        """The part whose :meth:`to_json` text this is (every count checked)."""
        return cls(text)

    def to_json(self) -> str:
        """The part as compact JSON text: ``as_of``, ``reliability``, ``sd``, ``by``, ``index_scores`` and
        ``groups`` (the whole cohort first)."""
        return self._text

    def merge(self, *others: "CohortPart") -> "CohortPart":
        """This part and ``others`` added up (they must have been measured with the same as_of, reliability, sd and
        by; a patient belongs to one part only). An error names a part by its place: ``parts[0]`` is this one,
        ``parts[1]`` the first of ``others``."""
        for i, other in enumerate(others):
            if not isinstance(other, CohortPart):
                raise TypeError(f"others[{i}]: expected a CohortPart, got {type(other).__name__}")
        return _part(_core.outcomes._merge_parts([self._text, *(o._text for o in others)]))

    def outcomes(self) -> CohortOutcomes:
        """The outcomes of the parts added up so far, as :func:`cohort` gives them on the same patients, with
        ``patients`` None (each partition has its own rows)."""
        summary = _core.outcomes._finish_part(self._text)
        return _outcomes(summary, None, tuple(summary["by"]))

    def __eq__(self, other: object) -> bool:
        return self._text == other._text if isinstance(other, CohortPart) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._text)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a CohortPart is immutable: merge() returns a new part")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a CohortPart is immutable: merge() returns a new part")

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (type(self), (self._text,))

    def __repr__(self) -> str:
        import json

        document = json.loads(self._text)
        whole = document["groups"][0]
        return (f"CohortPart(as_of={document['as_of']}, patients={whole['patients']}, "
                f"index_patients={whole['index_patients']}, groups={len(document['groups']) - 1})")


def _part(text: str) -> CohortPart:
    part = object.__new__(CohortPart)
    object.__setattr__(part, "_text", text)
    return part


def part(scores: Any, patients: Any, *, as_of: Any, reliability: float, sd: Optional[float] = None,
         by: Sequence[str] = ()) -> CohortPart:
    """The :class:`CohortPart` of some patients of a cohort with all their scores: arguments as :func:`cohort`
    (every part of a cohort with the same ``as_of``, ``reliability``, ``sd`` and ``by``). ``sd=None`` is taken as the
    sample SD of the whole cohort's index scores when the parts are finished."""
    arguments, _ = _kernel_arguments(scores, patients, as_of, reliability, sd, by)
    return _part(_core.outcomes._cohort_part(*arguments))


def from_parts(parts: Sequence[CohortPart]) -> CohortOutcomes:
    """The outcomes of a cohort from the parts it was split into (by patient): ``groups``, ``reliable_change``
    and ``warnings`` exactly as :func:`cohort` gives them on all the patients at once; ``patients`` None."""
    parts = list(parts)
    if not parts:
        raise ValidationError("parts", "[]", "is empty", "at least one CohortPart")
    for i, one in enumerate(parts):
        if not isinstance(one, CohortPart):
            raise TypeError(f"parts[{i}]: expected a CohortPart, got {type(one).__name__}")
    return _part(_core.outcomes._merge_parts([p._text for p in parts])).outcomes()


def _groups_frame(summary: Dict[str, Any], by: Tuple[str, ...]) -> Any:
    pd = require("pandas", "iop.outcomes")
    rows = []
    for g in summary["groups"]:
        row: Dict[str, Any] = {d: g["key"].get(d) for d in by}
        for k in ("patients", "excluded", "no_index", "index_patients"):
            row[k] = g[k]
        for months in ("6", "12"):
            horizon = g[f"months_{months}"]
            for k in HORIZON_COLUMNS:
                row[f"{k}_{months}"] = np.nan if horizon[k] is None else horizon[k]
        row["responders"] = g["time_to_response"]["responders"]
        median = g["time_to_response"]["median_days"]
        row["median_days_to_response"] = np.nan if median is None else median
        row["ended"] = g["dropout"]["ended"]
        row["against_advice"] = g["dropout"]["against_advice"]
        row["dropout_rate"] = np.nan if g["dropout"]["rate"] is None else g["dropout"]["rate"]
        rows.append(row)
    return pd.DataFrame(rows)


def _patients_frame(columns: Dict[str, np.ndarray], patients: Any) -> Any:
    pd = require("pandas", "iop.outcomes")

    def dates(days: np.ndarray) -> Any:  # -1 (none) as NaT
        wide = days.astype(np.int64)
        wide[days < 0] = np.iinfo(np.int64).min
        return wide.view("datetime64[D]").astype("datetime64[s]")

    def nullable(values: np.ndarray) -> Any:  # -1 (none) as <NA>
        return pd.arrays.IntegerArray(values.astype(np.int16), values < 0)

    index_score = nullable(columns["index_score"])
    frame: Dict[str, Any] = {c: patients[c].to_numpy(copy=True) for c in PATIENT_COLUMNS[:4]}  # not a view of theirs
    frame["index_date"] = dates(columns["index_day"])
    frame["index_score"] = index_score
    statuses = pd.CategoricalDtype(STATUSES)
    for months in ("6", "12"):
        score = columns[f"score_{months}"]
        frame[f"status_{months}"] = pd.Categorical.from_codes(columns[f"status_{months}"].astype(np.int8),
                                                              dtype=statuses)
        frame[f"date_{months}"] = dates(columns[f"score_day_{months}"])
        frame[f"score_{months}"] = nullable(score)
        change = score.astype(np.int16) - columns["index_score"].astype(np.int16)
        frame[f"change_{months}"] = pd.arrays.IntegerArray(change, score < 0)
        frame[f"reliable_{months}"] = columns[f"reliable_{months}"]
    for name in ("days_to_response", "followed_days"):
        frame[name] = pd.arrays.IntegerArray(columns[name], columns[name] < 0)
    return pd.DataFrame(frame, copy=False)  # the arrays are new: no copy needed


def from_episodes(episodes: Sequence[Dict[str, Any]], as_of: Any) -> Tuple[Any, Any]:
    """The ``(scores, patients)`` frames of episode dicts (the ``episode`` document), for :func:`cohort`: each plan's
    patient, program, track, delivery and primary diagnosis; its discharge or step-up decision as ``discharge``;
    its PHQ-9 baseline and measures as scores. A measure or decision dated after ``as_of`` is refused."""
    pd = require("pandas", "iop.outcomes")
    patients, rows = _core.outcomes._episode_rows(list(episodes), as_of)
    ids = patients["patient"]
    scores = pd.DataFrame({"patient": [ids[i] for i in rows["patient"]],
                           "date": rows["day"].astype("datetime64[D]"), "phq9": rows["phq9"].astype(np.int64)})
    return scores, pd.DataFrame(patients)
