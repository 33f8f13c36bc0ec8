"""``iop.json_default``: iop's values (and the numpy and exact-number values they travel with) in JSON."""

from __future__ import annotations

import datetime
import decimal
import fractions
from typing import Any

import numpy as np

from . import _core


def json_default(value: Any) -> Any:
    """The JSON form of a value ``json`` cannot write itself: ``json.dumps(result, default=iop.json_default)``.

    ``Money`` is written as its document form, dollars as text with two decimals
    (``"1500.00"``), never a float; ``Rate`` as text (``"20%"``, ``"1/3"``);
    ``Decimal`` as its exact text; ``Fraction`` as ``"n/d"``; dates and times in
    ISO 8601; ``ZonedTime`` and ``TimeZone`` as text; numpy integers and bools as
    numbers and bools; a value with ``to_dict()`` (plans, calendars, estimates,
    reports) as that dict. Anything else (a float of money would be one) is a
    TypeError, as ``json`` itself raises.

    >>> import json, iop
    >>> json.dumps({"per_diem": iop.Money("300.00"), "coinsurance": iop.Rate("20%")}, default=iop.json_default)
    '{"per_diem": "300.00", "coinsurance": "20%"}'
    """
    if isinstance(value, _core.Money):
        return value.plain()
    if isinstance(value, (_core.Rate, _core.ZonedTime, _core.TimeZone, decimal.Decimal)):
        return str(value)
    if isinstance(value, fractions.Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.datetime64):
        return str(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and type(value).__module__.startswith("iop"):
        return to_dict()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable by iop.json_default")
