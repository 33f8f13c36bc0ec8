"""The Python examples run and print their hand-checked figures (mypy --strict checks them in make test)."""

import pathlib
import subprocess
import sys

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"


def run(name):
    result = subprocess.run([sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_attendance_and_good_faith_estimate():
    out = run("attendance_and_gfe.py")
    # 8 weeks x 3 days + 4 medication visits = 28 sessions. Recorded to 2026-03-09: 03-02 and 03-06 attended,
    # 03-04 missed; the 21 program days from 03-09 on are priced as scheduled: 23 x $300 = $6,900.
    assert "28 sessions; the first 2026-03-02T18:00:00-08:00[America/Los_Angeles] (attended)" in out
    assert "charges 6,900.00" in out and "warnings: none" in out
    # Self-pay at $300 a day for 24 days; scheduled on 2026-02-16, 9 business days ahead: due the next business day.
    assert "Good Faith Estimate 1 of 1: $7,200.00 expected, issue by 2026-02-17" in out


def test_cohort():
    out = run("cohort.py")
    assert "the same from simulate_costs" in out  # the example asserts patient 0 equals simulate_costs
    import re

    full, attended = (int(a.replace(",", "").replace(".", "")) for a in
                      re.search(r"patients pay \$([\d,.]+) if every session is attended, \$([\d,.]+) at 85%", out).groups())
    assert 0 < attended < full


def test_scale_out_with_dask():
    from scale_data import EXAMPLE_ESTIMATES

    out = run("scale_out_dask.py")
    # Copay k meets classification 2 (outpatient in-network) for even k: $0 and $20, 1,000 lines of $100 each.
    assert "12,000 claim lines; outpatient in-network copays: $0.00 -> $100,000.00, $20.00 -> $100,000.00" in out
    for line in EXAMPLE_ESTIMATES:
        assert line in out
    # The Spark example runs in test_spark.py, on that module's Spark session.
