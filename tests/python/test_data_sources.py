"""The figures iop rests on: every yearly or regulatory figure lives once in data/ with its evidence, is listed by
iop.data_sources() (the data.sources operation, `iop data`), and appears nowhere in the library's code."""

import datetime
import json
import re
import subprocess
from pathlib import Path

import pytest

import iop
import iop.parity

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
STATUSES = {"confirmed", "secondary", "unconfirmed"}


def _figures_in(node, pointer=""):
    if isinstance(node, dict):
        if "evidence" in node:
            yield pointer or "/", node
        for key, value in node.items():
            if key != "evidence":
                yield from _figures_in(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _figures_in(value, f"{pointer}/{i}")


def test_every_figure_of_every_file_is_listed_with_its_evidence():
    listed = {(f["file"], f["pointer"]): f for f in iop.data_sources()}
    expected = set()
    for path in sorted(DATA.glob("*.json")):
        for pointer, record in _figures_in(json.loads(path.read_text())):
            expected.add((f"data/{path.name}", pointer))
            evidence = record["evidence"]
            assert evidence["status"] in STATUSES
            assert evidence["citation"] and evidence["source"]
            datetime.date.fromisoformat(evidence["read_on"])
    assert set(listed) == expected
    for figure in listed.values():
        assert isinstance(figure["read_on"], datetime.date)
        if figure["status"] == "unconfirmed":
            # An unconfirmed figure carries no value: the library refuses it by name.
            assert any(v is None for v in figure["values"].values()), figure


def test_the_medicare_rates_of_2025_are_confirmed_from_addendum_a():
    rates = {(f["values"]["year"], f["values"]["apc"]): f for f in iop.data_sources()
             if f["file"] == "data/medicare-iop-rates.json" and "apc" in f["values"]}
    # CMS, January 2025 Web Addendum A: 5861 $269.19, 5862 $408.55, 5851 $111.24, 5852 $168.32.
    assert {apc: rates[(2025, apc)]["values"]["rate"] for apc in ("5861", "5862", "5851", "5852")} == {
        "5861": "269.19", "5862": "408.55", "5851": "111.24", "5852": "168.32"}
    assert all(rates[(2025, apc)]["status"] == "confirmed" for apc in ("5861", "5862", "5851", "5852"))
    assert rates[(2024, "5861")]["status"] == "secondary"
    assert all(rates[(2026, apc)]["values"]["rate"] is None for apc in ("5861", "5862", "5851", "5852"))
    assert {f["status"] for f in iop.data_sources("unconfirmed")} == {"unconfirmed"}
    with pytest.raises(TypeError):
        iop.data_sources(1)  # type: ignore[arg-type]
    with pytest.raises(iop.NotFoundError):
        iop.data_sources("maybe")


def test_no_figure_is_repeated_in_the_code():
    """Each amount of the yearly tables (Part B, the inpatient deductible, MA, the ACA limits, the IOP per diems)
    appears in no source file of the library: the code reads it from data/."""
    amounts = set()
    for f in iop.data_sources():
        if f["file"] in ("data/medicare-part-b.json", "data/aca-oop-limits.json", "data/medicare-iop-rates.json"):
            for key, value in f["values"].items():
                if isinstance(value, str) and re.fullmatch(r"\d+\.\d\d", value):
                    amounts.add(value)
    assert amounts
    sources = [p for p in (ROOT / "src").rglob("*") if p.suffix in (".cpp", ".hpp")]
    sources += list((ROOT / "include").rglob("*.hpp"))
    for path in sources:
        text = path.read_text()
        for amount in amounts:
            cents = str(int(amount.replace(".", "")))
            assert f"from_cents({cents})" not in text, (path, amount)
            assert f"\"{amount}\"" not in text, (path, amount)


def test_the_command_lists_them(iop_command):
    done = subprocess.run([iop_command, "data", "--status", "confirmed"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "data/medicare-iop-rates.json" in done.stdout
    assert "[confirmed] /rates/4" in done.stdout
    as_json = subprocess.run([iop_command, "data", "--format", "json"], capture_output=True, text=True)
    assert json.loads(as_json.stdout)["counts"]["unconfirmed"] > 0


def test_a_medicaid_exemption_is_the_enrollees():
    """42 CFR 447.56(a)(1)(ix): an enrollee in hospice owes no cost sharing whatever the state's $4.00 copay; the
    same case without the exemption pays $4.00 a day."""
    request = json.loads((ROOT / "tests" / "golden" / "cases" / "estimate" /
                          "medicaid-at_or_below_100_percent_fpl.request").read_text())
    charged = iop.call("estimate", request)["result"]["lines"]
    assert {line["copay"] for line in charged if line["kind"] == "program_day"} == {"4.00"}
    request["case"]["coverage"]["medicaid"]["exemption"] = "hospice"
    lines = iop.call("estimate", request)["result"]["lines"]
    assert lines and all(line["patient"] == "0.00" for line in lines)
    assert all(any("42 CFR 447.56(a)(1)(ix)" in rule for rule in line["rules"]) for line in lines)


def test_parity_rule_set_is_the_callers_choice():
    design = json.loads((ROOT / "examples" / "design.json").read_text())
    enforced = iop.parity.analyse(design)
    assert enforced.rule_set["id"] == "mhpaea_2013"
    assert enforced.rule_set["as_of"] == "2025-05-15"
    full = iop.parity.analyse(design, rule_set="mhpaea_2024")
    assert full.rule_set["id"] == "mhpaea_2024"
    with pytest.raises(iop.NotFoundError):
        iop.parity.analyse(design, rule_set="mhpaea_2099")
    with pytest.raises(TypeError):
        iop.parity.analyse(design, rule_set=2024)  # type: ignore[arg-type]
