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

from ._core import (
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

from ._calendar import build_calendars, calendar_to_pandas

# Pythonic additions to compiled types.
SessionCalendar.to_pandas = calendar_to_pandas  # type: ignore[attr-defined]
