"""iop.plot: each function drawn on the examples, its artists checked against numbers worked by hand."""

import datetime
import decimal
import json
import pathlib

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import iop  # noqa: E402
import iop.parity  # noqa: E402
import iop.plot  # noqa: E402

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
D = datetime.date


def gids(ax, prefix):
    """gid -> artist for the artists of ``ax`` whose gid starts with ``prefix``, in drawing order."""
    found = [a for a in ax.get_children() + ax.patches + ax.texts + ax.lines + ax.collections
             if isinstance(a.get_gid(), str) and a.get_gid().startswith(prefix)]
    unique = list(dict.fromkeys(found))
    return unique


def example_plan():
    return iop.TreatmentPlan.from_dict(json.loads((EXAMPLES / "plan.json").read_text()))


# --------------------------------------------------------------------------------------------------------- calendar


def test_course_calendar_marks_attendance_holidays_and_moves():
    # plan.json: from Monday 2026-03-02, 8 weeks on Monday, Wednesday and Friday (24 program days), a medication
    # visit every 2 weeks (on the first program day of weeks 0, 2, 4, 6: 03-02, 03-16, 03-30, 04-13).
    # The clinic closes on Friday 2026-03-20 (staff training): skipped, 23 program days.
    # Recorded: 03-02 attended, 03-04 missed, Friday 03-13 moved to Thursday 03-12.
    holidays = iop.HolidayCalendar.us_federal().with_closure("2026-03-20", "Staff training")
    events = [{"kind": "attendance", "date": "2026-03-02", "status": "attended"},
              {"kind": "attendance", "date": "2026-03-04", "status": "missed"},
              {"kind": "reschedule", "date": "2026-03-13", "new_date": "2026-03-12"}]
    calendar = iop.build_calendar(example_plan(), holidays=holidays, events=events)
    ax = iop.plot.course_calendar(calendar, holidays=holidays)
    assert isinstance(ax, Axes)

    days = [p.get_gid() for p in gids(ax, "day:program_day:")]
    assert len(days) == 23
    assert days.count("day:program_day:attended:2026-03-02") == 1
    assert days.count("day:program_day:missed:2026-03-04") == 1
    assert sum(g.startswith("day:program_day:scheduled:") for g in days) == 21
    assert "day:program_day:scheduled:2026-03-12" in days and "day:program_day:scheduled:2026-03-13" not in days
    # Cell positions: column = weekday (Monday 0), row = week from Monday 2026-03-02.
    cell = {p.get_gid(): p.get_xy() for p in gids(ax, "day:program_day:")}
    assert cell["day:program_day:attended:2026-03-02"] == (0, 0)
    assert cell["day:program_day:scheduled:2026-03-12"] == (3, 1)  # Thursday of week 1
    assert cell["day:program_day:scheduled:2026-04-24"] == (4, 7)  # the last Friday, week 7

    assert [t.get_text() for t in gids(ax, "moved:")] == ["from 03-13"]
    closed = gids(ax, "closed:")
    assert [p.get_gid() for p in closed] == ["closed:2026-03-20"] and closed[0].get_xy() == (4, 2)
    assert "Staff training" in [t.get_text() for t in ax.texts]

    medication = [t.get_gid() for t in gids(ax, "day:medication_management:")]
    assert medication == [f"day:medication_management:{s}:2026-{d}" for s, d in
                          (("scheduled", "03-02"), ("scheduled", "03-16"), ("scheduled", "03-30"),
                           ("scheduled", "04-13"))]
    assert all(t.get_text() == "M" for t in gids(ax, "day:medication_management:"))
    # 8 week rows labelled by their Mondays; the legend names the statuses present and the closure.
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"{D(2026, 3, 2) + datetime.timedelta(weeks=w):%b %d}"
                                                           for w in range(8)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["scheduled", "attended", "missed", "closed"]


def test_course_calendar_one_month_and_a_given_axes():
    calendar = iop.build_calendar(example_plan())
    figure = Figure()
    given = figure.add_subplot()
    ax = iop.plot.course_calendar(calendar, month="2026-04", ax=given)
    assert ax is given
    # April 2026: Wednesday 1 to Thursday 30; program days on its Mondays, Wednesdays and Fridays to Friday 04-24:
    # 1, 3, 6, 8, 10, 13, 15, 17, 20, 22, 24 = 11 days, in 5 week rows from Monday 03-30.
    assert len(gids(ax, "day:program_day:")) == 11
    assert ax.get_ylim() == (5, 0)
    assert ax.get_title().endswith("April 2026")
    assert "Apr 1" in [t.get_text() for t in ax.texts]
    with pytest.raises(iop.ValidationError, match="month"):
        iop.plot.course_calendar(calendar, month="April")
    with pytest.raises(TypeError, match="ax"):
        iop.plot.course_calendar(calendar, ax="axes")


# --------------------------------------------------------------------------------------------------------- load


def test_clinic_load_by_track_and_holiday_weeks():
    # Two patients from Monday 2026-06-29 for 6 weeks: 3 days a week in the morning (Monday, Wednesday, Friday),
    # 5 days in the evening. Friday 2026-07-03 is closed for Independence Day (Saturday 07-04, observed Friday),
    # skipped. Each has a medication visit in weeks 0, 2 and 4 (on its first program day).
    # Week of 06-29: morning 2 program days + 1 visit = 3 sessions; evening 4 + 1 = 5.
    # Weeks of 07-13 and 07-27: 3 + 1 = 4 and 5 + 1 = 6; weeks of 07-06, 07-20 and 08-03: 3 and 5.
    sessions = iop.build_calendars(["2026-06-29", "2026-06-29"], 6, [3, 5], track=["morning", "evening"],
                                   as_frame=True)
    holidays = iop.HolidayCalendar.us_federal()
    ax = iop.plot.clinic_load(sessions, holidays=holidays)
    morning = [p.get_height() for p in gids(ax, "load:morning")]
    evening = [p.get_height() for p in gids(ax, "load:evening")]
    assert morning == [3, 3, 4, 3, 4, 3]
    assert evening == [5, 5, 6, 5, 6, 5]
    # Evening bars stack on the morning ones.
    assert [p.get_y() for p in gids(ax, "load:evening")] == morning
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2026-06-29", "2026-07-06", "2026-07-13", "2026-07-20",
                                                           "2026-07-27", "2026-08-03"]
    assert [p.get_gid() for p in gids(ax, "holiday:")] == ["holiday:2026-06-29"]
    assert "Independence Day" in [t.get_text() for t in ax.texts]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["morning", "evening"]

    # Hours: a program day is 180 minutes (3 hours), a medication visit 30 minutes (0.5 hours):
    # morning 2 x 3 + 0.5 = 6.5, then 9, 9.5, 9, 9.5, 9.
    hours = iop.plot.clinic_load(sessions, measure="hours")
    assert [p.get_height() for p in gids(hours, "load:morning")] == [6.5, 9, 9.5, 9, 9.5, 9]
    assert hours.get_ylabel() == "clinical hours a week"
    with pytest.raises(iop.ValidationError, match="measure"):
        iop.plot.clinic_load(sessions, measure="patients")


# --------------------------------------------------------------------------------------------------------- cost curve


def test_cost_curve_marks_deductible_oop_max_and_plan_year_reset():
    # plan.json's 24 program days at $300 (medication visits are in the per diem), a $500 deductible, 20%
    # coinsurance, a $1,000 out-of-pocket maximum and a plan year from April 1:
    #   03-02 $300 deductible; 03-04 $200 deductible + 20% of $100 = $20: deductible met 03-04 (patient $520);
    #   then $60 a day: $1,000 reached after 8 more days, on the 10th day 03-23 (520 + 8 x 60 = 1,000);
    #   13 days to 03-30 ($3,900 charged, patient $1,000, plan $2,900).
    #   04-01 a new plan year: the accumulators reset; 04-01 $300, 04-03 $220: deductible met again 04-03;
    #   $1,000 reached on the 8th day after, 04-22; 11 days ($3,300, patient $1,000, plan $2,300).
    # Totals: charges $7,200, patient $2,000, plan $5,200.
    coverage = iop.Coverage.from_dict({"payer": "commercial", "plan_year_start": "2026-04-01",
                                       "deductible": {"individual": "500.00"}, "coinsurance": "20%",
                                       "out_of_pocket_max": {"individual": "1000.00"}})
    estimate = iop.estimate_cost(iop.build_calendar(example_plan()), coverage, iop.FeeSchedule.per_diem("c", "300.00"))
    assert (estimate.charges, estimate.patient, estimate.plan) == (iop.Money("7200"), iop.Money("2000"),
                                                                   iop.Money("5200"))
    ax = iop.plot.cost_curve(estimate, coverage)
    (patient,) = [line for line in ax.lines if line.get_gid() == "patient"]
    (plan,) = [line for line in ax.lines if line.get_gid() == "plan"]
    assert len(patient.get_xdata()) == 24
    y = list(patient.get_ydata())
    assert y[:3] == [300, 520, 580] and y[9] == 1000 and y[12] == 1000 and y[13] == 1300 and y[-1] == 2000
    assert list(plan.get_ydata())[12] == 2900 and list(plan.get_ydata())[-1] == 5200

    def x_of(prefix):
        return [mdates.num2date(line.get_xdata()[0]).date() if not isinstance(line.get_xdata()[0], D)
                else line.get_xdata()[0] for line in gids(ax, prefix)]

    assert x_of("deductible_met") == [D(2026, 3, 4), D(2026, 4, 3)]
    assert x_of("oop_max_reached") == [D(2026, 3, 23), D(2026, 4, 22)]
    assert x_of("plan_year:") == [D(2026, 4, 1)] and gids(ax, "plan_year:")[0].get_gid() == "plan_year:2026-04-01"
    texts = [t.get_text() for t in ax.texts]
    assert [t for t in texts if "met" in t or "reached" in t or "plan year" in t] == [
        "deductible met 03-04", "out-of-pocket max reached 03-23", "plan year 2026-04-01", "deductible met 04-03",
        "out-of-pocket max reached 04-22"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "patient ($2,000.00)", "plan ($5,200.00)", "deductible $500.00 met", "out-of-pocket maximum $1,000.00 reached",
        "plan year starts: accumulators reset"]

    # Without the coverage, no marks.
    bare = iop.plot.cost_curve(estimate)
    assert gids(bare, "deductible_met") == [] and len(bare.lines) == 2


# --------------------------------------------------------------------------------------------------------- distribution


def test_cost_distribution_percentiles_by_nearest_rank():
    # Ten amounts $1 .. $10: P10 is rank ceil(1) = 1 ($1), P50 rank 5 ($5), P90 rank 9 ($9).
    cents = np.arange(1, 11, dtype=np.int64) * 100
    ax = iop.plot.cost_distribution(cents[::-1], bins=5)
    assert [(line.get_gid(), line.get_xdata()[0]) for line in ax.lines] == [("P10", 1.0), ("P50", 5.0), ("P90", 9.0)]
    assert [t.get_text() for t in ax.get_legend().get_texts()][1:] == ["P10 $1.00", "P50 $5.00", "P90 $9.00"]
    # 5 bins over $1..$10, 2 amounts in each.
    assert [p.get_height() for p in ax.patches] == [2, 2, 2, 2, 2]
    # Money values are taken exactly; floats are refused.
    money = iop.plot.cost_distribution([iop.Money("0.01"), iop.Money("0.02"), iop.Money("0.03")])
    assert [line.get_xdata()[0] for line in money.lines] == [0.01, 0.02, 0.03]
    with pytest.raises(TypeError):
        iop.plot.cost_distribution([1.5, 2.5])
    # Counts are exact integers: numpy and integral Decimal are the same 5 bins; a float, a bool are refused.
    for five in (np.int16(5), decimal.Decimal("5")):
        assert len(iop.plot.cost_distribution(cents, bins=five).patches) == 5
    for wrong in (5.0, True, "5"):
        with pytest.raises(TypeError, match="bins"):
            iop.plot.cost_distribution(cents, bins=wrong)
    with pytest.raises(iop.ValidationError, match="bins"):
        iop.plot.cost_distribution(cents, bins=decimal.Decimal("2.5"))
    with pytest.raises(iop.ValidationError, match="p: 0 is not a percentile"):
        iop.plot.nearest_rank(cents, 0)
    with pytest.raises(iop.ValidationError, match="costs"):
        iop.plot.cost_distribution([])


def test_cost_distribution_of_a_cohort_monte_carlo_matches_simulate_costs():
    # One plan's cohort Monte Carlo with its own seed: the plotted P10/P50/P90 of 1,000 draws of the same plan
    # are the nearest-rank percentiles of the draws, which simulate_cohort_costs also reports with runs=1000.
    starts = ["2026-03-02"] * 1000
    one_run = iop.simulate_cohort_costs(starts, 3, runs=1, seed=100, per_diem="300.00", deductible="500.00",
                                        coinsurance="20%", out_of_pocket_max="3000.00")
    draws = one_run["patient_p50_cents"]
    ax = iop.plot.cost_distribution(draws)
    expected = [iop.plot.nearest_rank(draws, p) / 100 for p in (10, 50, 90)]
    assert [line.get_xdata()[0] for line in ax.lines] == expected
    assert expected == [float(np.sort(draws)[k]) / 100 for k in (99, 499, 899)]


# --------------------------------------------------------------------------------------------------------- parity


def test_parity_chart_on_the_example_design():
    # examples/design.json, worked in facts.md 1.3 (nqtlanalysis.com's example):
    # outpatient in-network copay: $40M of $50M subject = 80% >= 2/3; $35 on $25M = 62.5% > 1/2: predominant.
    # outpatient coinsurance: $30M of $50M = 60% < 2/3: not substantially all, no predominant level.
    # outpatient annual visit limit: $40M of $50M = 80%, all at 60 visits (100% > 1/2): predominant.
    # inpatient deductible: $90M of $90M = 100%; levels 33.3%, 27.8%, 22.2%, 16.7%, none > 1/2: combined from the
    # most restrictive, $2,000 + $1,500 = 61.1% > 1/2, so the least restrictive of the two, $1,500, is predominant.
    report = iop.parity.analyse(json.loads((EXAMPLES / "design.json").read_text()))
    ax = iop.plot.parity_chart(report)
    subject = {p.get_gid(): p.get_width() for p in gids(ax, "subject:")}
    assert subject == {"subject:outpatient_in_network:copay": pytest.approx(0.8),
                       "subject:outpatient_in_network:coinsurance": pytest.approx(0.6),
                       "subject:outpatient_in_network:visit_limit:annual": pytest.approx(0.8),
                       "subject:inpatient_in_network:deductible": pytest.approx(1.0)}
    copay = [(p.get_gid(), round(p.get_width(), 4), p.get_hatch()) for p in gids(ax, "level:outpatient_in_network:copay:")]
    assert copay == [("level:outpatient_in_network:copay:3500", 0.625, "xx"),
                     ("level:outpatient_in_network:copay:2000", 0.375, None)]
    deductible = [(p.get_gid().rsplit(":", 1)[1], round(p.get_width(), 4), p.get_hatch())
                  for p in gids(ax, "level:inpatient_in_network:deductible:")]
    assert deductible == [("200000", round(30 / 90, 4), None), ("150000", round(25 / 90, 4), "xx"),
                          ("100000", round(20 / 90, 4), None), ("50000", round(15 / 90, 4), None)]
    predominant = {t.get_gid(): t.get_text() for t in gids(ax, "predominant:")}
    assert predominant == {"predominant:outpatient_in_network:copay": "predominant $35.00",
                           "predominant:outpatient_in_network:visit_limit:annual": "predominant 60 visits",
                           "predominant:inpatient_in_network:deductible": "predominant $1,500.00 (combined)"}
    # A two-thirds mark on every subject bar and a one-half mark on every level bar.
    two_thirds = gids(ax, "two_thirds")
    one_half = gids(ax, "one_half")
    assert len(two_thirds) == 4 and len(one_half) == 4
    assert all(np.allclose(c.get_segments()[0][:, 0], 2 / 3) for c in two_thirds)
    assert all(np.allclose(c.get_segments()[0][:, 0], 0.5) for c in one_half)
    texts = [t.get_text() for t in ax.texts]
    assert "80% subject" in texts and "60% subject" in texts and "$35.00: 62.5%" in texts and "$1,500.00: 27.8%" in texts
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["two-thirds: substantially all",
                                                                   "one-half: predominant"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "outpatient_in_network / coinsurance: subject (passes)" in labels
    assert "outpatient_in_network / visit_limit (annual): subject (passes)" in labels


def test_every_plot_draws_on_a_given_axes_and_refuses_wrong_types():
    figure = Figure()
    axes = figure.subplots(1, 2)
    assert iop.plot.cost_distribution([1, 2, 3], ax=axes[1]) is axes[1]
    with pytest.raises(TypeError, match="calendar"):
        iop.plot.course_calendar("calendar")
    with pytest.raises(TypeError, match="estimate"):
        iop.plot.cost_curve(None)
    with pytest.raises(TypeError, match="report"):
        iop.plot.parity_chart({})
    with pytest.raises(TypeError, match="sessions"):
        iop.plot.clinic_load([1, 2])


def test_without_matplotlib_the_error_names_the_plot_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    with pytest.raises(iop.MissingExtraError, match=r"iop.plot.cost_distribution needs matplotlib.*iop\[plot\]"):
        iop.plot.cost_distribution([1, 2, 3])
