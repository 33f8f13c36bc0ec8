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
    Disambiguation,
    Error,
    Money,
    NotFoundError,
    OverflowError,
    Rate,
    TimeZone,
    ValidationError,
    ZonedTime,
    __version__,
    parse_date,
    supported_time_zones,
)

__all__ = [
    "Disambiguation",
    "Error",
    "Money",
    "NotFoundError",
    "OverflowError",
    "Rate",
    "TimeZone",
    "ValidationError",
    "ZonedTime",
    "__version__",
    "parse_date",
    "supported_time_zones",
]
