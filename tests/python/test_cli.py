"""The `iop` command: version, demo on the default data, JSON input, exit codes."""

import json
import subprocess

import iop


def run(command, *args, stdin=None):
    return subprocess.run([command, *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_version_matches_the_package(iop_command):
    result = run(iop_command, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"iop {iop.__version__}"


def test_help_lists_the_subcommands(iop_command):
    result = run(iop_command, "--help")
    assert result.returncode == 0
    assert "demo" in result.stdout and "zone" in result.stdout


def test_demo_prints_the_default_programs_facts(iop_command):
    result = run(iop_command, "demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "America/Los_Angeles" in out
    assert "9 to 15 hours" in out  # 3 h a day, 3 to 5 days a week
    # 18:00 PST on Friday 2026-03-06 is 02:00Z; 18:00 PDT on Monday 2026-03-09 is 01:00Z.
    assert "2026-03-06T18:00:00 = 2026-03-07T02:00:00Z" in out
    assert "2026-03-09T18:00:00 = 2026-03-10T01:00:00Z" in out
    # 36 days (3 a week for 12 weeks) at $259.13 = $9,328.68; 60 days = $15,547.80.
    assert "$9,328.68 to $15,547.80" in out
    # 20% of $259.13 = $51.826 -> $51.83 a day; 36 days = $1,865.88.
    assert "$51.83 a day" in out
    assert "$1,865.88" in out
    # PHQ-9 16 stepping down from PHP: IOP by the step-down rule.
    assert "stepping down from PHP): IOP" in out
    assert "because step-down-moderate" in out
    # 8 weeks x 4 days less Friday 2026-07-03, plus a medication visit every 2 weeks: 31 + 4.
    assert "35 sessions (31 program days" in out
    assert "gap: 2026-07-03 Independence Day (observed; actual 2026-07-04): skipped" in out
    # 31 days x $300 = $9,300; $500 deductible + 20% of $8,800 = $2,260.
    assert "charges $9,300.00, plan pays $7,040.00, patient pays $2,260.00" in out
    # $40M of $50M is 80%; $35 on $25M of $40M is 62.5%: predominant.
    assert "copays apply to 80% of M/S payments; predominant copay $35.00" in out


def test_demo_json_reads_overrides_from_stdin(iop_command):
    overrides = {"zone": "America/Phoenix", "start_date": "2026-03-02", "weeks": 6,
                 "days_per_week": {"min": 3, "max": 3}, "per_diem": "$200.00", "coinsurance": "10%",
                 "tracks": [{"name": "evening", "start": "18:00"}]}
    result = run(iop_command, "demo", "--input", "-", "--format", "json", stdin=json.dumps(overrides))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["daylight_saving_changes"] == []  # Arizona keeps standard time
    assert report["first_day"][0]["session"]["start"]["utc"] == "2026-03-03T01:00:00Z"
    assert report["money"]["days"] == [18, 18]
    assert report["money"]["charges"] == ["3600.00", "3600.00"]  # 18 * $200
    assert report["money"]["coinsurance_per_day"] == "20.00"
    assert report["weekly_hours"]["within_adult_iop_bounds"] is True  # 9 hours


def test_invalid_input_exits_2_with_one_line_naming_the_field(iop_command, tmp_path):
    cases = [
        ({"start_date": "2026-02-30"}, "demo.start_date", "2026-02-30"),
        ({"zone": "America/Boston"}, "demo.zone", "America/Boston"),
        ({"tracks": [{"name": "x", "start": "25:00"}]}, "demo.tracks[0].start", "25:00"),
        ({"per_diem": 259.13}, "demo.per_diem", "JSON number"),
        ({"weeks": 99}, "demo.weeks", "1..52"),
        ({"wekks": 8}, "demo.wekks", "not a known member"),
    ]
    for overrides, field, detail in cases:
        path = tmp_path / "input.json"
        path.write_text(json.dumps(overrides))
        result = run(iop_command, "demo", "--input", str(path))
        assert result.returncode == 2, (overrides, result.stdout)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert field in lines[0] and detail in lines[0], lines[0]
    bad_json = run(iop_command, "demo", "--input", "-", stdin="{not json")
    assert bad_json.returncode == 2 and "standard input" in bad_json.stderr
    missing = run(iop_command, "demo", "--input", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "cannot be opened" in missing.stderr
    unknown = run(iop_command, "frobnicate")
    assert unknown.returncode == 2


def test_zone_command(iop_command):
    result = run(iop_command, "zone", "--zone", "America/New_York", "--local", "2026-11-01T01:30", "--fold", "later")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["utc"] == "2026-11-01T06:30:00Z"  # the second 01:30 is EST, UTC-5
    assert out["kind"] == "repeated"
    rejected = run(iop_command, "zone", "--zone", "America/New_York", "--local", "2026-11-01T01:30")
    assert rejected.returncode == 2 and "happens twice" in rejected.stderr
    changes = json.loads(run(iop_command, "zone", "--zone", "America/Denver", "--year", "2027").stdout)
    # 2027: second Sunday of March is 03-14, first Sunday of November is 11-07; 02:00 MST = 09:00Z.
    assert [c["utc"] for c in changes] == ["2027-03-14T09:00:00Z", "2027-11-07T08:00:00Z"]


def test_python_example_runs_and_prints_hand_checked_figures():
    import pathlib
    import sys

    example = pathlib.Path(__file__).resolve().parents[2] / "examples" / "quickstart.py"
    result = subprocess.run([sys.executable, str(example)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "costs $777.39; the patient pays $155.48 a week" in result.stdout
    assert "2026-03-09T18:00:00-07:00[America/Los_Angeles] = 2026-03-10T01:00:00+00:00" in result.stdout


def test_programs_command(iop_command):
    text = run(iop_command, "programs")
    assert text.returncode == 0
    assert "la-depression-iop: Los Angeles depression IOP" in text.stdout
    assert "payers: commercial accepted, medicare declined, medicaid declined" in text.stdout
    listed = json.loads(run(iop_command, "programs", "--format", "json").stdout)
    assert [p["id"] for p in listed] == [p.id for p in iop.program_catalog()]


def test_plan_command_text_json_fhir_and_errors(iop_command, tmp_path):
    import pathlib

    example = pathlib.Path(__file__).resolve().parents[2] / "examples" / "plan.json"
    text = run(iop_command, "plan", "--input", str(example))
    assert text.returncode == 0, text.stderr
    assert "course    2026-03-02 to 2026-04-26, 8 weeks, 3 days a week, evening track at 18:00" in text.stdout
    assert "hours     9 h a week (within 9-19 h)" in text.stdout
    out = json.loads(run(iop_command, "plan", "--input", str(example), "--format", "json").stdout)
    assert out["check"]["weekly_minutes"] == 540
    fhir = json.loads(run(iop_command, "plan", "--input", str(example), "--format", "fhir").stdout)
    assert fhir["resourceType"] == "Bundle"
    plan = json.loads(example.read_text())
    plan["weeks"] = 14
    bad = run(iop_command, "plan", "--input", "-", stdin=json.dumps(plan))
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "iop: [iop.validation] plan.weeks: 14 is outside the program's weeks; "
        "allowed: 6..12 (or an extension with reason and authorization)")
    plan["weeks"] = 8
    plan["start_date"] = "2026-02-30"
    bad = run(iop_command, "plan", "--input", "-", stdin=json.dumps(plan))
    assert bad.returncode == 2 and "plan.start_date: '2026-02-30'" in bad.stderr


def test_recommend_command(iop_command):
    import pathlib

    intake = pathlib.Path(__file__).resolve().parents[2] / "examples" / "intake.json"
    text = run(iop_command, "recommend", "--input", str(intake))
    assert text.returncode == 0, text.stderr
    # PHQ-9 items 2 x 8 + 0 = 16, stepping down from PHP: IOP.
    assert text.stdout.startswith("Recommended level of care: IOP (ASAM 2.1, LOCUS 3)")
    assert "* step-down-moderate -> IOP" in text.stdout
    out = json.loads(run(iop_command, "recommend", "--input", "-", "--format", "json",
                         stdin=json.dumps({"phq9": {"total": 9}, "flags": ["danger_to_others"]})).stdout)
    assert out["level"] == "inpatient"
    bad = run(iop_command, "recommend", "--input", "-", stdin=json.dumps({"phq9": {"total": 31}}))
    assert bad.returncode == 2 and "intake.phq9.total" in bad.stderr
