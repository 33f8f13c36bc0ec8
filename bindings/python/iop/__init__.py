"""iop: intensive outpatient programs, modelled exactly.

The compiled core (``iop._core``) holds the value types; this package is the
Python face of them. Money is exact (integer cents, never float), dates are
``datetime.date``, local wall times travel with their IANA zone.

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
    "call",
    "call_json",
    "API_VERSION",
    "schema",
    "schema_names",
    "MissingExtraError",
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
from .api import API_VERSION, call, call_json, schema, schema_names  # noqa: E402  (the document API)
from . import x12  # noqa: E402  (X12 5010: 271, 837P/837I, 835)
