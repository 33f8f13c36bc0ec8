"""iop: intensive outpatient programs, modelled exactly.

Start here:

- one patient: ``plan = iop.TreatmentPlan.from_dict({...})``, then
  ``iop.build_calendar(plan)``, ``iop.estimate_cost(calendar, coverage)``,
  ``iop.simulate_costs(plan, coverage)``, ``iop.good_faith_estimates(...)``;
- a cohort (columns from numpy, pandas, polars, pyarrow or duckdb):
  ``iop.build_calendars``, ``iop.estimate_costs``, ``iop.simulate_cohort_costs``,
  ``iop.weekly_load``; results line up with a pandas frame's index
  (``as_frame=True``, or ``as_frame="polars"``);
- parity: ``iop.parity.analyse(design)``, claims through
  ``iop.parity.claims_aggregate``; plots in ``iop.plot``; clusters in
  ``iop.dask`` and ``iop.spark``; every document operation through
  ``iop.call(operation, request)``.

Money is exact (``iop.Money("1500.00")``, ``Money.from_cents(150000)``; a bare
integer never means money), rates say their unit (``iop.Rate("20%")``), dates are
``datetime.date``, local wall times travel with their IANA zone. docs/python.md
is the reference of what each parameter and column accepts.

>>> import iop
>>> iop.Money("$259.13") * 3
Money('$777.39')
>>> iop.ZonedTime("2026-03-09T18:00", "America/Los_Angeles").utc
datetime.datetime(2026, 3, 10, 1, 0, tzinfo=datetime.timezone.utc)
"""

import decimal as _decimal

from ._core import (
    CostEstimate,
    Coverage,
    FeeSchedule,
    GoodFaithEstimate,
    MonteCarloResult,
    Session,
    estimate_cost,
    estimate_scenario,
    good_faith_estimates,
    good_faith_estimates_html,
    income_share_of_poverty,
    is_valid_npi,
    poverty_guideline,
    simulate_costs,
    HolidayCalendar,
    SessionCalendar,
    build_calendar,
    AgeGroup,
    ConditionGroup,
    ConditionInfo,
    Disambiguation,
    Error,
    Gad7,
    IcdCode,
    LevelOfCare,
    Measure,
    ModalityInfo,
    Money,
    NotFoundError,
    OverflowError,
    Phq9,
    ProgramTemplate,
    Rate,
    Recommendation,
    RecommendationReason,
    Severity,
    TimeZone,
    Trajectory,
    TreatmentPlan,
    ValidationError,
    WeeklyHoursBounds,
    ZonedTime,
    __version__,
    asam_level,
    compare_with_weekly_therapy,
    condition_table,
    default_level_of_care_rules,
    find_condition,
    find_program,
    level_code,
    locus_level,
    modality_catalog,
    parse_date,
    program_catalog,
    psychotherapy_code_for_minutes,
    recommend_level_of_care,
    severity_of,
    supported_time_zones,
    weekly_hours_bounds,
)

__all__ = [
    "parity",
    "x12",
    "outcomes",
    "Episode",
    "call",
    "call_json",
    "data_sources",
    "API_VERSION",
    "schema",
    "schema_names",
    "MissingExtraError",
    "json_default",
    "weekly_load",
    "CostEstimate",
    "Coverage",
    "FeeSchedule",
    "GoodFaithEstimate",
    "MonteCarloResult",
    "Session",
    "simulate_cohort_costs",
    "estimate_cost",
    "estimate_costs",
    "estimate_scenario",
    "good_faith_estimates",
    "good_faith_estimates_html",
    "income_share_of_poverty",
    "is_valid_npi",
    "poverty_guideline",
    "simulate_costs",
    "HolidayCalendar",
    "SessionCalendar",
    "build_calendar",
    "build_calendars",
    "AgeGroup",
    "ConditionGroup",
    "ConditionInfo",
    "Disambiguation",
    "Error",
    "Gad7",
    "IcdCode",
    "LevelOfCare",
    "Measure",
    "ModalityInfo",
    "Money",
    "NotFoundError",
    "OverflowError",
    "Phq9",
    "ProgramTemplate",
    "Rate",
    "Recommendation",
    "RecommendationReason",
    "Severity",
    "TimeZone",
    "Trajectory",
    "TreatmentPlan",
    "ValidationError",
    "WeeklyHoursBounds",
    "ZonedTime",
    "__version__",
    "asam_level",
    "compare_with_weekly_therapy",
    "condition_table",
    "default_level_of_care_rules",
    "find_condition",
    "find_program",
    "level_code",
    "locus_level",
    "modality_catalog",
    "parse_date",
    "program_catalog",
    "psychotherapy_code_for_minutes",
    "recommend_level_of_care",
    "severity_of",
    "supported_time_zones",
    "weekly_hours_bounds",
]

from ._billing import estimate_costs, estimate_to_pandas, simulate_cohort_costs
from ._calendar import build_calendars, calendar_to_pandas
from ._extras import MissingExtraError
from ._json import json_default
from ._load import weekly_load


def _format_money(self: Money, spec: str) -> str:
    """format(money, ',.2f'): the amount in dollars as a Decimal formats it, rounded (when the format
    asks for fewer than two decimals) by iop's one rule, halves away from zero; '' gives str(money)."""
    if not spec:
        return str(self)
    with _decimal.localcontext() as context:
        context.rounding = _decimal.ROUND_HALF_UP  # away from zero for halves, in both directions
        return format(self.to_decimal(), spec)


# Pythonic additions to compiled types.
# (The stubs declare these methods on the classes; here they are attached.)
Money.__format__ = _format_money  # type: ignore[method-assign]
SessionCalendar.to_pandas = calendar_to_pandas  # type: ignore[method-assign,assignment]
CostEstimate.to_pandas = estimate_to_pandas  # type: ignore[method-assign,assignment]

from . import parity  # noqa: E402  (the MHPAEA analysis: iop.parity.analyse)
from .api import API_VERSION, call, call_json, data_sources, schema, schema_names  # noqa: E402  (the document API)
from . import x12  # noqa: E402  (X12 5010: 271, 837P/837I, 835)
from . import outcomes  # noqa: E402  (cohort outcome measures: iop.outcomes.cohort)
from .episodes import Episode  # noqa: E402  (an episode as a value: its state, reviews and FHIR as of a day)


def __dir__() -> list[str]:
    """The public names only (``help(iop)`` and tab completion show what is meant to be used)."""
    return sorted(__all__)
