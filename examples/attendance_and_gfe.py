"""One patient: attendance recorded on the calendar, the bill so far, and a Good Faith Estimate.

Run with the project's environment: .venv/bin/python examples/attendance_and_gfe.py
"""

import datetime
import json
import pathlib

import iop

HERE = pathlib.Path(__file__).resolve().parent

plan = iop.TreatmentPlan.from_dict(json.loads((HERE / "plan.json").read_text()))
events: list[dict[str, object]] = [
    {"kind": "attendance", "date": datetime.date(2026, 3, 2), "status": "attended"},
    {"kind": "attendance", "date": datetime.date(2026, 3, 2), "session": "medication_management", "status": "attended"},
    {"kind": "attendance", "date": "2026-03-04", "status": "missed"},
    {"kind": "attendance", "date": "2026-03-06", "status": "attended"},
]
calendar = iop.build_calendar(plan, events=events)
first: iop.Session = calendar[0]
print(f"{len(calendar)} sessions; the first {first.start} ({first.status})")

# Attendance is recorded up to 2026-03-09: sessions before it are billed when attended,
# later ones are priced as scheduled. Self-pay at the program's default $300 per diem.
bill = iop.estimate_cost(calendar, iop.Coverage.self_pay(), basis="attended", as_of=datetime.date(2026, 3, 9))
print(f"charges {bill.charges:,.2f} for {len(bill.lines)} lines; warnings: {bill.warnings or 'none'}")

request: dict[str, object] = {
    "patient": {"name": "Alex Example", "date_of_birth": "1990-05-17"},
    "diagnosis_codes": ["F33.1"],
    "provider": {"name": "Los Angeles depression IOP", "npi": "1234567893", "tin": "12-3456789",
                 "locations": [{"address": "Los Angeles site", "state": "CA"}]},
    "scheduled_on": datetime.date(2026, 2, 16),
    "issued_on": datetime.date(2026, 2, 17),
}
for gfe in iop.good_faith_estimates(iop.build_calendar(plan), request):
    print(f"Good Faith Estimate {gfe.part} of {gfe.parts}: {gfe.total} expected, issue by {gfe.issue_by}")
