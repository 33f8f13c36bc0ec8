"""iop.x12: the example course's X12 (examples/x12) read and written as worked by hand, the claims
checked by two independent X12 libraries, and no name, member ID or birth date in any error."""
from __future__ import annotations

import io
import json
import pathlib
import subprocess
import sys
import textwrap

import jsonschema
import pandas as pd
import pytest

import iop

X12 = pathlib.Path(__file__).resolve().parents[2] / "examples" / "x12"


def text(name: str) -> str:
    return (X12 / name).read_text(encoding="ascii")


def document(name: str) -> dict:
    return json.loads((X12 / name).read_text(encoding="utf-8"))


def test_remittance_lines_as_worked_by_hand() -> None:
    # Worked in tests/cpp/io/test_x12_remittance.cpp: paid 1,624 + 1,000, patient 1,456 + 250.
    lines = iop.x12.remittance_lines(text("remittance.835"))
    assert len(lines) == 20
    assert int(lines.paid_cents.sum()) == 262_400
    assert int(lines.patient_cents.sum()) == 170_600
    assert int(lines.deductible_cents.sum()) == 105_000
    assert int(lines.contractual_cents.sum()) == 91_000 + 25_000
    assert lines.charge_cents.dtype == "int64"
    assert lines.attrs["total_paid_cents"] == 260_000
    denied = lines[lines.date == pd.Timestamp("2026-03-27")].iloc[0]
    assert denied.adjustments == "CO-197 300.00" and pd.isna(denied.allowed_cents)
    # The same from the file, streamed, and the same as the document the API gives.
    assert lines.equals(iop.x12.remittance_lines(X12 / "remittance.835"))
    claims = iop.x12.remittance(text("remittance.835"))["claims"]
    assert [c["paid"] for c in claims] == ["1624.00", "1000.00"]


def generated_x12(tmp_path: pathlib.Path, kind: str, count: int) -> str:
    """An 835 of `count` claims or a 271 of `count` subscribers from bench/compare_x12.py's seeded generators."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("compare_x12", X12.parents[1] / "bench" / "compare_x12.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / f"generated.{kind}"
    (bench.write_835 if kind == "835" else bench.write_271)(str(path), count, 5)
    return path.read_text(encoding="ascii")


def test_x12_in_a_request_may_be_as_long_as_the_request(tmp_path: pathlib.Path) -> None:
    # A remittance of 1,500 claims is about 230 KB: past the 64 KiB of any other string of a request, within its
    # 4 MiB. Read through the document API it equals the streamed lines; a 271 of 600 subscribers likewise.
    remittance = generated_x12(tmp_path, "835", 1500)
    assert 65_536 < len(remittance) < 4 << 20
    claims = iop.call("x12.remittance", {"api_version": 1, "x12": remittance})["result"]["claims"]
    lines = iop.x12.remittance_lines(remittance)
    assert len(claims) == 1500 and len(lines) > 1500
    paid = sum(int(c["paid"].replace(".", "")) for c in claims)
    assert paid == int(lines.paid_cents.sum()) == lines.attrs["total_paid_cents"]
    benefits = generated_x12(tmp_path, "271", 600)
    assert len(benefits) > 65_536
    assert len(iop.call("x12.benefits", {"api_version": 1, "x12": benefits})["result"]["patients"]) == 600
    # Other operations keep the 64 KiB of a string, and the request its 4 MiB.
    with pytest.raises(iop.ValidationError, match="is a string of 65537 bytes"):
        iop.call("calendar.build", {"api_version": 1, "plan": "s" * 65_537})
    with pytest.raises(iop.ValidationError, match="bytes"):
        iop.call("x12.remittance", {"api_version": 1, "x12": remittance * 20})


def test_benefits_and_reconciliation_against_their_schemas() -> None:
    benefits = iop.x12.benefits(text("benefits.271"))
    assert iop.x12.read_benefits(X12 / "benefits.271") == benefits == iop.x12.read_benefits(text("benefits.271"))
    assert benefits[0]["in_network"]["deductible_individual_met"] == "250.00"
    assert "copay (in network)" in benefits[0]["not_stated"]
    validate(benefits[0], "benefits")
    case = {**document("case.json"), "benefits_271": text("benefits.271")}
    result = iop.x12.reconcile(case, text("remittance.835"), gfe={"expected_charges": "5000.00", "billed_on": "2026-04-25"})
    assert result["totals"]["actual_patient"] == "1706.00"
    assert result["accumulators"]["oop_individual"] == "2156.00"
    assert result["gfe_check"]["dispute_deadline"] == "2026-08-23"
    for operation, request in [
        ("remittance.reconcile", {"api_version": 1, "case": case, "x12": text("remittance.835")}),
        ("x12.benefits", {"api_version": 1, "x12": text("benefits.271")}),
        ("x12.remittance", {"api_version": 1, "x12": text("remittance.835")}),
        ("x12.claims", {"api_version": 1, "case": document("course.json"), "claims": document("claims-837p.json"), "format": "json"}),
    ]:
        response = iop.call(operation, request)
        validate(response, f"{operation}.response")
        validate(request, f"{operation}.request")


def validate(instance: dict, name: str) -> None:
    from referencing import Registry, Resource

    registry: Registry = Registry()
    for schema_name in iop.schema_names():
        schema = iop.schema(schema_name)
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    jsonschema.Draft202012Validator(iop.schema(name), registry=registry).validate(instance)


def pyx12_errors(path: pathlib.Path) -> list[str]:
    import pyx12.params
    import pyx12.x12n_document

    out = io.StringIO()
    valid = pyx12.x12n_document.x12n_document(param=pyx12.params.params(), src_file=str(path), fd_997=None,
                                              fd_html=None, fd_json=out)
    errors: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "errors" and isinstance(value, list):
                    errors.extend(json.dumps(e) for e in value)
                else:
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(json.loads(out.getvalue()))
    if not valid and not errors:
        errors.append("pyx12 found the interchange invalid")
    return errors


LINUXFORHEALTH = textwrap.dedent("""
    import json, sys, warnings
    warnings.simplefilter("ignore")
    import pydantic.v1  # linuxforhealth-x12 0.57 is written for pydantic 1: its v1 API, in its own process
    sys.modules["pydantic"] = pydantic.v1
    from linuxforhealth.x12.io import X12ModelReader
    totals = []
    with X12ModelReader(sys.argv[1]) as reader:
        for model in reader.models():
            for a in model.loop_2000a:
                for b in a.loop_2000b:
                    for claim in b.loop_2300:
                        totals.append([claim.clm_segment.patient_control_number, str(claim.clm_segment.total_claim_charge_amount)])
    print(json.dumps(totals))
""")


@pytest.mark.parametrize("form", ["837p", "837i"])
def test_claims_validate_with_pyx12_and_parse_with_linuxforhealth(form: str, tmp_path: pathlib.Path) -> None:
    written = iop.x12.claims(document("course.json"), document(f"claims-{form}.json"))
    assert written == text(f"{form}.x12")
    path = tmp_path / f"{form}.x12"
    path.write_text(str(written), encoding="ascii")
    assert pyx12_errors(path) == []
    parsed = subprocess.run([sys.executable, "-c", LINUXFORHEALTH, str(path)], capture_output=True, text=True, check=True)
    # Each claim's total as linuxforhealth-x12 reads it: March 12 days and 3 visits, April 5 days.
    assert json.loads(parsed.stdout) == [["PLANX12-2026-03", "3990"], ["PLANX12-2026-04", "1500"]]


SECRETS = ("DOE", "ALEX", "W123456789", "19900517", "QQQQ")


@pytest.mark.parametrize("mutation", [
    ("remittance.835", "NM1*QC*1*DOE*", "NM1*QC*1*" + "Q" * 61 + "*"),
    ("remittance.835", "*MI*W123456789~", "*MI*W123456789" + "9" * 75 + "~"),
    ("remittance.835", "CAS*CO*45*50~", "CAS*CO*45*DOE~"),
    ("remittance.835", "DTM*232*20260302~", "DTM*232*ALEX~"),
    ("benefits.271", "DMG*D8*19900517", "DMG*D8*19900532"),
    ("benefits.271", "NM1*IL*1*DOE*ALEX", "NM1*IL*1*DOE*" + "Q" * 36),
    ("benefits.271", "MI*W123456789~", "MI*W123456789~\nXX*DOE~"),
])
def test_no_name_member_id_or_birth_date_in_any_error(mutation: tuple[str, str, str], capsys: pytest.CaptureFixture[str]) -> None:
    name, old, new = mutation
    bad = text(name).replace(old, new, 1)
    assert bad != text(name)
    operation = "x12.remittance" if name.endswith("835") else "x12.benefits"
    with pytest.raises(iop.ValidationError) as raised:
        iop.call(operation, {"api_version": 1, "x12": bad})
    error = raised.value
    for part in (str(error), error.field, error.value, error.problem, error.allowed):
        for secret in SECRETS:
            assert secret not in part, (secret, str(error))
    # The iop command's one line on standard error, and the response it prints, carry none either.
    completed = subprocess.run([str(pathlib.Path(sys.executable).parent / "iop"), "call", operation, "--input", "-"],
                               input=json.dumps({"api_version": 1, "x12": bad}), capture_output=True, text=True)
    assert completed.returncode == 2
    for secret in SECRETS:
        assert secret not in completed.stderr and secret not in completed.stdout


def test_benefits_frame_as_worked_by_hand() -> None:
    # Worked in tests/cpp/io/test_x12_benefits.cpp: in network, individual deductible $1,500 with $1,250
    # remaining ($250 met), family $3,000 with $2,100 remaining, out-of-pocket $4,000 / $8,000, 20%, 60 visits;
    # out of network a $3,000 deductible, an $8,000 out-of-pocket maximum and 40%, nothing else stated.
    people = iop.x12.benefits_frame(X12 / "benefits.271")
    assert len(people) == 1
    p = people.iloc[0]
    assert (p.in_network_deductible_individual_cents, p.in_network_deductible_individual_remaining_cents,
            p.in_network_deductible_individual_met_cents) == (150_000, 125_000, 25_000)
    assert (p.in_network_deductible_family_cents, p.in_network_deductible_family_met_cents) == (300_000, 90_000)
    assert (p.in_network_oop_individual_cents, p.in_network_oop_family_cents) == (400_000, 800_000)
    assert (p.in_network_coinsurance, p.out_of_network_coinsurance) == ("20%", "40%")
    assert p.in_network_visit_limit == 60 and pd.isna(p.in_network_visits_remaining)
    assert p.out_of_network_deductible_individual_cents == 300_000
    assert pd.isna(p.out_of_network_deductible_individual_remaining_cents) and pd.isna(p.in_network_copay_cents)
    assert p.response_date == pd.Timestamp("2026-02-20") and p.plan_begin == pd.Timestamp("2026-01-01")
    assert bool(p.active) and bool(p.prior_authorization) and p.service_types.split("\n") == ["MH", "A8"]
    assert people.in_network_deductible_individual_cents.dtype == "Int64"
    assert people.active.dtype == "boolean"
    # The lists, one item a line, are the document's own.
    document = iop.x12.read_benefits(X12 / "benefits.271")[0]
    assert p.not_stated.split("\n") == document["not_stated"]
    assert p.messages.split("\n") == document["messages"]
    # From its text and its bytes the same.
    assert people.equals(iop.x12.benefits_frame(text("benefits.271")))
    assert people.equals(iop.x12.benefits_frame(text("benefits.271").encode("ascii")))


def test_benefits_frame_agrees_with_the_documents(tmp_path: pathlib.Path) -> None:
    # Every figure of every person of a generated batch, against the documents of the x12.benefits operation.
    batch = generated_x12(tmp_path, "271", 300)
    people = iop.x12.benefits_frame(batch)
    documents = iop.x12.read_benefits(batch)
    assert len(people) == len(documents) == 300
    figures = [c for c in people.columns if c.endswith("_cents") or c.endswith(("_visit_limit", "_visits_remaining"))]
    assert len(figures) == 30
    for (_, row), document in zip(people.iterrows(), documents):
        for column in figures:
            tier, name = ("in_network", column[len("in_network_"):]) if column.startswith("in_") else (
                "out_of_network", column[len("out_of_network_"):])
            stated = document[tier][name.removesuffix("_cents")]
            if stated is None:
                assert pd.isna(row[column]), column
            elif column.endswith("_cents"):
                assert row[column] == int(stated.replace(".", "")), column
            else:
                assert row[column] == stated, column
        assert row.in_network_coinsurance == document["in_network"]["coinsurance"]
        # Not stated is None, never an empty string or a default rate.
        assert document["out_of_network"]["coinsurance"] is None and row.out_of_network_coinsurance is None
        assert row.not_stated.split("\n") == document["not_stated"]


def test_benefits_frame_refuses_what_is_not_a_271() -> None:
    with pytest.raises(TypeError):
        iop.x12.benefits_frame(42)  # type: ignore[arg-type]
    with pytest.raises(iop.NotFoundError, match="cannot be opened"):
        iop.x12.benefits_frame(X12 / "no-such.271")
    with pytest.raises(iop.ValidationError, match="271 segment"):
        iop.x12.benefits_frame(text("benefits.271").replace("EB*A*IND*MH^A8*****0.2", "EB*A*IND*MH^A8*****1.2", 1))


def test_remittance_lines_refuses_what_is_not_an_835() -> None:
    with pytest.raises(TypeError):
        iop.x12.remittance_lines(42)  # type: ignore[arg-type]
    with pytest.raises(iop.NotFoundError):
        iop.x12.remittance_lines(X12 / "no-such.835")
    with pytest.raises(iop.ValidationError, match="835 segment 21 CAS03"):
        iop.x12.remittance_lines(text("remittance.835").replace("CAS*CO*45*50~", "CAS*CO*45*12.3x~", 1))


def test_the_service_log_and_answer_carry_no_name_member_id_or_birth_date(iop_command: str) -> None:
    from test_service import Service

    service = Service(iop_command, "--threads", "1")
    try:
        for name, old, new in [("remittance.835", "NM1*QC*1*DOE*", "NM1*QC*1*" + "Q" * 61 + "*"),
                               ("benefits.271", "DMG*D8*19900517", "DMG*D8*19900532")]:
            operation = "x12.remittance" if name.endswith("835") else "x12.benefits"
            body = json.dumps({"api_version": 1, "x12": text(name).replace(old, new, 1)}).encode()
            status, answer, _ = service.request("POST", f"/v1/{operation}", body, {"Content-Type": "application/json"})
            assert status == 400
            for secret in SECRETS:
                assert secret.encode() not in answer
    finally:
        assert service.stop() == 0
    assert service.log, "the service logged nothing"
    for line in service.log:
        for secret in SECRETS:
            assert secret not in line, line
