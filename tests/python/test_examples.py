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
    # Self-pay at $300 a day for 24 days; scheduled on 2026-02-16, Washington's Birthday, on which the program's
    # private-clinic calendar is open: 10 business days ahead (02-16..02-27), due within 3 business days, 2026-02-19.
    assert "Good Faith Estimate 1 of 1: $7,200.00 expected, issue by 2026-02-19" in out


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
    # The hand-worked cohort (tests/cpp/episode/test_cohort_outcomes.cpp), counted in partitions and added up.
    assert "outcomes of 20 patients: remission at 12 months 4 of 13, response 5; at 6 months 4 of 14, response 8" in out
    # The Spark example runs in test_spark.py, on that module's Spark session.


def test_readme_figure_is_the_one_the_example_draws(tmp_path):
    # The README's cost curve, drawn again from the examples (`make readme-figure` writes docs/images/).
    # Hand-worked in examples/readme_figure.py and tests/python/test_plot.py: patient $2,000, plan $5,200.
    import numpy as np
    from PIL import Image

    out = tmp_path / "cost-curve.png"
    result = subprocess.run([sys.executable, str(EXAMPLES / "readme_figure.py"), str(out)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "patient $2,000.00, plan $5,200.00" in result.stdout
    committed = EXAMPLES.parent / "docs" / "images" / "cost-curve.png"
    with Image.open(out) as drawn, Image.open(committed) as kept:
        assert drawn.size == kept.size == (900, 450)
        new, old = np.asarray(drawn.convert("RGB")), np.asarray(kept.convert("RGB"))
    # The committed figure is current: run `make readme-figure` after changing the drawing.
    assert (new == old).all(), "docs/images/cost-curve.png is out of date; run make readme-figure"
    assert (old != 255).any(axis=2).mean() > 0.02  # not blank
