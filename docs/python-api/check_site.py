"""Checks the built Python API reference: every public name of the package has its entry, and each
notebook page shows the figures of its run.

Run by `make api-docs` after the HTML build: python docs/python-api/check_site.py build/python-api/html
"""

import re
import sys
from pathlib import Path

import iop
import iop.api
import iop.dask
import iop.parity
import iop.x12
import iop.outcomes
import iop.plot
import iop.spark

FIGURES = {"clinic_capacity": 3, "patient_cost_counselling": 4, "parity_compliance": 1, "program_outcomes": 3}


def main(site: Path) -> int:
    html = "".join(p.read_text() for p in (site / "api").glob("*.html"))
    ids = set(re.findall(r'id="(iop[\w.]*)"', html))
    missing = []
    for module, names in (("iop", iop.__all__), ("iop.parity", iop.parity.__all__), ("iop.plot", iop.plot.__all__),
                          ("iop.api", iop.api.__all__), ("iop.dask", iop.dask.__all__),
                          ("iop.spark", iop.spark.__all__), ("iop.x12", iop.x12.__all__),
                          ("iop.outcomes", iop.outcomes.__all__)):
        for name in names:
            if name in ("parity", "x12", "outcomes", "__version__"):
                continue  # the module has its own page; the version is the package's release
            # A name re-exported from iop.api is documented there.
            if f"{module}.{name}" not in ids and f"iop.api.{name}" not in ids:
                missing.append(f"{module}.{name}")
    for notebook, count in FIGURES.items():
        page = (site / "notebooks" / f"{notebook}.html").read_text()
        shown = len(re.findall(r"<img [^>]*src=\"[^\"]+\.png\"", page))
        if shown != count:
            missing.append(f"notebooks/{notebook}.html shows {shown} figures, not {count}")
    for guide in ("python", "scaling", "api", "limits"):
        if not (site / "guides" / f"{guide}.html").is_file():
            missing.append(f"guides/{guide}.html")
    for line in missing:
        print(f"check_site: missing {line}")
    print(f"check_site: {len(ids)} entries, {sum(FIGURES.values())} notebook figures" if not missing else "")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
