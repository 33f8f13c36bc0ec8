"""Quickstart: exact money and zoned session times from Python.

Run with the project's environment: .venv/bin/python examples/quickstart.py
"""

import datetime

import iop

per_diem = iop.Money("$259.13")
week = per_diem * 3
patient = week * iop.Rate("20%")  # $155.478 -> $155.48, halves away from zero
print(f"A week of 3 days costs {week}; the patient pays {patient} a week at 20% coinsurance")

for day in (datetime.date(2026, 3, 6), datetime.date(2026, 3, 9)):
    evening = iop.ZonedTime.at(day, "18:00", "America/Los_Angeles")
    print(f"Evening group {evening} = {evening.utc.isoformat()}")

try:
    iop.Money(1.5)  # type: ignore[arg-type]  # refused here by mypy, and at run time
except TypeError as error:
    print(f"Refused: {error}")
