"""The analyst notebooks of examples/notebooks/ run end to end in the project's kernel, and every figure
they save is a real picture of the expected size.

nbclient runs each notebook in a fresh kernel of the interpreter that runs pytest (the .venv's, under
`make test`), from the notebook's folder, with IOP_FIGURES pointing at build/notebooks/figures/. The
executed notebooks are written to build/notebooks/ for the API reference to render. The parity notebook
runs at its full size, 3,000,000 claims (IOP_PARITY_CLAIMS sets another).
"""

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
}
FILES = {"patient_cost_counselling": ["good-faith-estimate-1.html"],
         "parity_compliance": ["parity-report.txt", "parity-report.json"]}


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
