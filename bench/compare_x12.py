"""Reading X12: iop against linuxforhealth-x12 and pyx12 on the same files, in one run.

Two generated files (seeded, so every run reads the same bytes), each written to the guides'
layouts and read by every library:

- an 835 (005010X221A1) of 100,000 claims, each of one to three service lines (S9480, 99214,
  90853) with contractual and patient adjustments that balance; read by iop's streaming reader
  into a DataFrame of its claims (``iop.x12.remittance_claims``), by linuxforhealth-x12's ``X12ModelReader``
  (pydantic models, in a process of its own with pydantic's v1 API, which it is written for)
  and by pyx12's ``X12Reader`` (its segment reader; its validator is slower still);
- a 271 (005010X279A1) batch of 20,000 subscribers (an active-coverage EB and the deductible,
  out-of-pocket and coinsurance EBs for mental health); read by ``iop.x12.benefits_frame`` (the
  library's 271 reader, one row a person with the figures of the x12.benefits documents),
  linuxforhealth-x12 and pyx12.

Every library's figures are compared claim by claim (CLP03 charge, CLP04 paid, CLP05 patient
responsibility) and subscriber by subscriber (the in-network individual deductible and what
remains of it); the script stops if any disagrees, then prints MB/s and the ratios.
The files leave out the 835's PER*BL and the 271's EB*F visit limits and A8 service type, which
linuxforhealth-x12 0.57 cannot read (a single PER in loop 1000A, its EB*F validator, a code list
without A8). Run after ``make python-install``:

    .venv/bin/python bench/compare_x12.py [--claims 100000] [--subscribers 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from decimal import Decimal

import iop

ISA = "ISA*00*          *00*          *ZZ*{sender:<15}*ZZ*{receiver:<15}*260420*1200*^*00501*000000001*0*P*:~\n"
PRICES = {"S9480": 30000, "99214": 13000, "90853": 7500}


def money(cents: int) -> str:
    text = f"{cents // 100}.{cents % 100:02d}".rstrip("0").rstrip(".")
    return text or "0"


def write_835(path: str, claims: int, seed: int) -> None:
    rng = random.Random(seed)
    body = ["ST*835*0001", "", "TRN*1*EFT0001*1512345678", "N1*PR*EXAMPLE HEALTH PLAN", "N3*100 MAIN STREET",
            "N4*LOS ANGELES*CA*90012", "N1*PE*LOS ANGELES DEPRESSION IOP*XX*1234567893", "LX*1"]
    total = 0
    for n in range(claims):
        lines = []
        for _ in range(rng.randint(1, 3)):
            code = rng.choice(list(PRICES))
            charge = PRICES[code]
            contractual = charge * rng.choice([0, 10, 15, 20]) // 100
            patient = (charge - contractual) * rng.choice([0, 20, 30]) // 100
            lines.append((code, charge, contractual, patient, charge - contractual - patient))
        charge = sum(l[1] for l in lines)
        paid = sum(l[4] for l in lines)
        patient = sum(l[3] for l in lines)
        total += paid
        body.append(f"CLP*C{n:07d}*1*{money(charge)}*{money(paid)}*{money(patient)}*12*P{n:09d}*11*1")
        body.append(f"NM1*QC*1*PATIENT*P{n % 997}****MI*M{n:08d}")
        day = 1 + n % 28
        for code, line_charge, contractual, line_patient, line_paid in lines:
            body.append(f"SVC*HC:{code}*{money(line_charge)}*{money(line_paid)}**1")
            body.append(f"DTM*472*202603{day:02d}")
            if contractual:
                body.append(f"CAS*CO*45*{money(contractual)}")
            if line_patient:
                body.append(f"CAS*PR*2*{money(line_patient)}")
    body[1] = f"BPR*I*{money(total)}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*20260420"
    body.append(f"SE*{len(body) + 1}*0001")
    with open(path, "w", encoding="ascii") as out:
        out.write(ISA.format(sender="EXAMPLEPAYER", receiver="LAIOPCLINIC"))
        out.write("GS*HP*EXAMPLEPAYER*LAIOPCLINIC*20260420*1200*1*X*005010X221A1~\n")
        out.write("".join(s + "~\n" for s in body))
        out.write("GE*1*1~\nIEA*1*000000001~\n")


def write_271(path: str, subscribers: int, seed: int) -> None:
    # One transaction set a subscriber: linuxforhealth-x12 0.57 takes each subscriber's HL parent to be
    # the HL just before it, which a batch of subscribers under one receiver breaks.
    rng = random.Random(seed)
    sets = []
    for n in range(subscribers):
        deductible = rng.choice([500, 1000, 1500, 3000]) * 100
        remaining = deductible * rng.randint(0, 10) // 10
        body = [f"ST*271*{n + 1:04d}*005010X279A1", f"BHT*0022*11*ELIG{n:06d}*20260220*1200", "HL*1**20*1",
                "NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*12345", "HL*2*1*21*1",
                "NM1*1P*2*LOS ANGELES DEPRESSION IOP*****XX*1234567893", "HL*3*2*22*0",
                f"NM1*IL*1*SUBSCRIBER*S{n % 991}****MI*M{n:08d}", "DTP*291*RD8*20260101-20261231",
                "EB*1*IND*30*C1*EXAMPLE PPO", f"EB*C*IND*MH***23*{money(deductible)}*****Y",
                f"EB*C*IND*MH***29*{money(remaining)}*****Y", "EB*G*IND*MH***23*4000*****Y", "EB*A*IND*MH*****0.2****Y"]
        body.append(f"SE*{len(body) + 1}*{n + 1:04d}")
        sets.append("".join(s + "~\n" for s in body))
    with open(path, "w", encoding="ascii") as out:
        out.write(ISA.format(sender="EXAMPLEPAYER", receiver="LAIOPCLINIC"))
        out.write("GS*HB*EXAMPLEPAYER*LAIOPCLINIC*20260220*1200*1*X*005010X279A1~\n")
        out.write("".join(sets))
        out.write(f"GE*{subscribers}*1~\nIEA*1*000000001~\n")


def cents(value: object) -> int:
    return int(Decimal(str(value)) * 100)


def iop_835(path: str):
    return iop.x12.remittance_claims(path)


def claim_totals(frame) -> dict[str, tuple[int, int, int]]:
    return dict(zip(frame.claim, zip(frame.charge_cents.tolist(), frame.paid_cents.tolist(),
                                     frame.patient_responsibility_cents.tolist())))


def pyx12_835(path: str) -> dict[str, tuple[int, int, int]]:
    import pyx12.x12file

    out = {}
    for seg in pyx12.x12file.X12Reader(path):
        if seg.get_seg_id() == "CLP":
            out[seg.get_value("CLP01")] = (cents(seg.get_value("CLP03")), cents(seg.get_value("CLP04")),
                                           cents(seg.get_value("CLP05")))
    return out


LINUXFORHEALTH = textwrap.dedent("""
    import json, sys, time, warnings
    warnings.simplefilter("ignore")
    import pydantic.v1
    sys.modules["pydantic"] = pydantic.v1
    from decimal import Decimal
    from linuxforhealth.x12.io import X12ModelReader
    cents = lambda v: int(Decimal(str(v)) * 100)
    start, cpu = time.perf_counter(), time.process_time()
    out = {}
    with X12ModelReader(sys.argv[2]) as reader:
        for model in reader.models():
            if sys.argv[1] == "835":
                for header in model.loop_2000:
                    for c in header.loop_2100:
                        s = c.clp_segment
                        out[s.patient_control_number] = [cents(s.total_claim_charge_amount), cents(s.claim_payment_amount),
                                                         cents(s.patient_responsibility_amount)]
            else:
                for source in model.loop_2000a:
                    for receiver in source.loop_2000b:
                        for sub in receiver.loop_2000c or []:
                            figures = {}
                            for b in sub.loop_2100c.loop_2110c or []:
                                eb = b.eb_segment
                                if eb.eligibility_benefit_information == "C" and eb.time_period_qualifier in ("23", "29"):
                                    figures[eb.time_period_qualifier] = cents(eb.benefit_amount)
                            out[sub.loop_2100c.nm1_segment.identification_code] = [figures["23"], figures["29"]]
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "figures": out}))
""")


def linuxforhealth(kind: str, path: str) -> tuple[float, float, dict[str, tuple[int, ...]]]:
    done = subprocess.run([sys.executable, "-c", LINUXFORHEALTH, kind, path], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    return result["seconds"], result["cpu"], {k: tuple(v) for k, v in result["figures"].items()}


def iop_271(path: str):
    return iop.x12.benefits_frame(path)


def subscriber_figures(people) -> dict[str, tuple[int, int]]:
    # The batch's members in order: M00000000, M00000001, ...
    pairs = zip(people.in_network_deductible_individual_cents.tolist(),
                people.in_network_deductible_individual_remaining_cents.tolist())
    return {f"M{n:08d}": pair for n, pair in enumerate(pairs)}


def pyx12_271(path: str) -> dict[str, tuple[int, int]]:
    import pyx12.x12file

    out: dict[str, list[int]] = {}
    member = ""
    for seg in pyx12.x12file.X12Reader(path):
        if seg.get_seg_id() == "NM1" and seg.get_value("NM101") == "IL":
            member = seg.get_value("NM109")
            out[member] = [0, 0]
        elif seg.get_seg_id() == "EB" and seg.get_value("EB01") == "C":
            out[member][0 if seg.get_value("EB06") == "23" else 1] = cents(seg.get_value("EB07"))
    return {k: (v[0], v[1]) for k, v in out.items()}


def timed(work):
    """Wall and CPU seconds of @p work: on a shared machine the CPU time is the fair measure."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - start, time.process_time() - cpu, result


def report(title: str, size: int, runs: dict[str, tuple[float, float, dict]]) -> None:
    reference = runs["iop"][2]
    for name, (_, _, figures) in runs.items():
        if figures != reference:
            differing = [k for k in reference if figures.get(k) != reference[k]][:3]
            sys.exit(f"{title}: {name} disagrees with iop ({len(figures)} vs {len(reference)} entries; first: {differing})")
    mb = size / 1e6
    print(f"{title}: {mb:.1f} MB, {len(reference):,} entries; every library agrees on every entry")
    for name, (seconds, cpu, _) in runs.items():
        print(f"  {name:15s} {seconds:8.3f} s wall {mb / seconds:9.2f} MB/s   {cpu:8.3f} s CPU {mb / cpu:9.2f} MB/s")
    fastest_wall = min(seconds for name, (seconds, _, _) in runs.items() if name != "iop")
    fastest_cpu = min(cpu for name, (_, cpu, _) in runs.items() if name != "iop")
    print(f"  iop is {fastest_wall / runs['iop'][0]:.0f}x the faster peer in wall time, "
          f"{fastest_cpu / runs['iop'][1]:.0f}x in CPU time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--subscribers", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path_835 = os.path.join(folder, "bench.835")
        path_271 = os.path.join(folder, "bench.271")
        write_835(path_835, args.claims, seed=835)
        write_271(path_271, args.subscribers, seed=271)
        iop_835(path_835)  # warm: the module and the page cache
        seconds, cpu, frame = timed(lambda: iop_835(path_835))
        runs = {"iop": (seconds, cpu, claim_totals(frame)), "linuxforhealth": linuxforhealth("835", path_835),
                "pyx12": timed(lambda: pyx12_835(path_835))}
        report("835", os.path.getsize(path_835), runs)
        iop_271(path_271)  # warm
        seconds, cpu, people = timed(lambda: iop_271(path_271))
        runs = {"iop": (seconds, cpu, subscriber_figures(people)), "linuxforhealth": linuxforhealth("271", path_271),
                "pyx12": timed(lambda: pyx12_271(path_271))}
        report("271", os.path.getsize(path_271), runs)


if __name__ == "__main__":
    main()
