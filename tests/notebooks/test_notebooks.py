"""The analyst notebooks of examples/notebooks/ run end to end in the project's kernel, and every figure
they save is a real picture of the expected size.

nbclient runs each notebook in a fresh kernel of the interpreter that runs pytest (the .venv's, under
`make test`), from the notebook's folder, with IOP_FIGURES pointing at build/notebooks/figures/. The
executed notebooks are written to build/notebooks/ for the API reference to render. The parity notebook
runs at its full size, 3,000,000 claims (IOP_PARITY_CLAIMS sets another).
"""

import calendar
import collections
import datetime
import math
import pathlib
import sys

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient
from PIL import Image

REPO = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "examples" / "notebooks"
OUT = REPO / "build" / "notebooks"
FIGURES = OUT / "figures"

# Each notebook's figures (name -> width, height in pixels: the figure's inches at 100 dpi).
EXPECTED = {
    "clinic_capacity": {"capacity-sessions": (1000, 450), "capacity-hours": (1000, 450),
                        "capacity-staffing": (900, 350)},
    "patient_cost_counselling": {"counselling-calendar": (800, 600), "counselling-ppo": (900, 450),
                                 "counselling-hdhp": (900, 450), "counselling-range": (800, 450)},
    "parity_compliance": {"parity-tests": (900, 450)},
    "program_outcomes": {"outcomes-trajectories": (900, 450), "outcomes-waterfall": (900, 450),
                         "outcomes-funnel": (800, 400)},
}
FILES = {"patient_cost_counselling": ["good-faith-estimate-1.html"],
         "parity_compliance": ["parity-report.txt", "parity-report.json"],
         "program_outcomes": ["outcomes-scores.csv", "outcomes-patients.csv", "outcomes-groups.csv"]}


def test_the_kernel_is_this_interpreter():
    # The notebooks' kernel ("python3") runs the interpreter of the tests: the .venv's under make test.
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.executable)")])
    NotebookClient(probe, timeout=60, kernel_name="python3").execute()
    assert probe.cells[0].outputs[0]["text"].strip() == sys.executable
    assert set(EXPECTED) == {p.stem for p in NOTEBOOKS.glob("*.ipynb")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_and_saves_its_figures(name, monkeypatch):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    # Committed without outputs: the tests produce them.
    assert all(not cell.get("outputs") and cell.get("execution_count") is None
               for cell in notebook.cells if cell.cell_type == "code"), f"{name}.ipynb has outputs; clear them"
    FIGURES.mkdir(parents=True, exist_ok=True)
    for figure in EXPECTED[name]:
        (FIGURES / f"{figure}.png").unlink(missing_ok=True)
    monkeypatch.setenv("IOP_FIGURES", str(FIGURES))
    # A cell stopped after 60 s fails the test (each notebook runs in seconds).
    client = NotebookClient(notebook, timeout=60, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    OUT.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, OUT / f"{name}.ipynb")

    for figure, size in EXPECTED[name].items():
        path = FIGURES / f"{figure}.png"
        assert path.exists(), f"{name} did not save {path.name}"
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == size, (path.name, image.size)
            pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
        # Not blank: at least 2% of the pixels are not the white background, in at least 8 colours.
        assert (pixels != 255).any(axis=1).mean() > 0.02, f"{path.name} is blank"
        assert len(np.unique(pixels, axis=0)) >= 8, f"{path.name} has almost no colours"
        # The figure is shown in the notebook too (an image output of a cell).
    shown = [o for cell in notebook.cells for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(shown) == len(EXPECTED[name])
    for extra in FILES.get(name, []):
        assert (FIGURES / extra).stat().st_size > 500
    if name == "program_outcomes":
        check_program_outcomes()


def add_months(day, months):
    """The same day of the month `months` later, or that month's last day."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def expected_outcomes(scores, patients, as_of):
    """The measures worked out patient by patient in plain Python, without iop: the index event (the first PHQ-9
    above 9 with F32.0-F32.5, F32.9, F33.x or F34.1, not excluded), the most recent PHQ-9 within 60 days of index + 6
    and 12 months (pending when the window closes after as_of), remission below 5, response at least halved,
    responders, the Kaplan-Meier median days to response, and dropout, by program."""
    by_patient = collections.defaultdict(list)
    for row in scores.itertuples():
        by_patient[row.patient].append((datetime.date.fromisoformat(row.date[:10]), int(row.phq9)))
    groups = collections.defaultdict(lambda: collections.Counter())
    times = collections.defaultdict(list)
    for p in patients.itertuples():
        g = groups[p.program]
        g["patients"] += 1
        qualifying = p.diagnosis == "F34.1" or p.diagnosis.startswith("F33") or p.diagnosis in (
            "F32.0", "F32.1", "F32.2", "F32.3", "F32.4", "F32.5", "F32.9")
        if p.exclusion != "none":
            g["excluded"] += 1
            continue
        rows = sorted(by_patient[p.patient])
        index = next((i for i, (_, s) in enumerate(rows) if s > 9), None) if qualifying else None
        if index is None:
            g["no_index"] += 1
            continue
        g["index_patients"] += 1
        day0, baseline = rows[index]
        later = rows[index + 1:]
        for months in (6, 12):
            anniversary = add_months(day0, months)
            start, end = anniversary - datetime.timedelta(days=60), anniversary + datetime.timedelta(days=60)
            if end > as_of:
                g[f"pending_{months}"] += 1
                continue
            g[f"denominator_{months}"] += 1
            window = [s for d, s in later if start <= d <= end]
            if not window:
                g[f"no_score_{months}"] += 1
                continue
            g[f"remission_{months}"] += window[-1] < 5
            g[f"response_{months}"] += 2 * window[-1] <= baseline
        responded = next(((d - day0).days for d, s in later if 2 * s <= baseline), None)
        g["responders"] += responded is not None
        times[p.program].append((responded, True) if responded is not None else ((rows[-1][0] - day0).days, False))
        g["ended"] += p.discharge != "ongoing"
        g["against_advice"] += p.discharge == "against_advice"
    medians = {}
    for program, pairs in times.items():
        survival, at_risk, medians[program] = 1.0, len(pairs), math.nan
        for t in sorted({t for t, _ in pairs}):
            events = sum(1 for u, e in pairs if u == t and e)
            if events:
                survival *= 1 - events / at_risk
                if survival <= 0.5:
                    medians[program] = float(t)
                    break
            at_risk -= sum(1 for u, _ in pairs if u == t)
    return groups, medians


def check_program_outcomes():
    pd = pytest.importorskip("pandas")
    scores = pd.read_csv(FIGURES / "outcomes-scores.csv")
    patients = pd.read_csv(FIGURES / "outcomes-patients.csv")
    groups = pd.read_csv(FIGURES / "outcomes-groups.csv").iloc[1:].set_index("program")
    expected, medians = expected_outcomes(scores, patients, datetime.date(2026, 12, 31))
    assert sorted(groups.index) == sorted(expected)
    for program, counts in expected.items():
        for column in ("patients", "excluded", "no_index", "index_patients", "denominator_6", "pending_6",
                       "no_score_6", "remission_6", "response_6", "denominator_12", "pending_12", "no_score_12",
                       "remission_12", "response_12", "responders", "ended", "against_advice"):
            assert groups.loc[program, column] == counts[column], (program, column)
        assert (math.isnan(medians[program]) and math.isnan(groups.loc[program, "median_days_to_response"])) or \
            groups.loc[program, "median_days_to_response"] == medians[program], program
