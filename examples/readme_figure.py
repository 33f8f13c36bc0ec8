"""The README's figure: the cost curve of the example plan under a coverage whose plan year starts mid-course.

Run with the project's environment (`make readme-figure`): .venv/bin/python examples/readme_figure.py OUT.png

24 program days at $300, a $500 deductible, 20% coinsurance and a $1,000 out-of-pocket maximum: the
deductible is met on 2026-03-04 and the maximum reached on 2026-03-23; the plan year starting on
2026-04-01 resets both (met again on 04-03, reached on 04-22). Patient $2,000, plan $5,200.
"""

import json
import pathlib
import sys

import matplotlib
from matplotlib.figure import Figure

matplotlib.use("Agg")

import iop  # noqa: E402
import iop.plot  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent

plan = iop.TreatmentPlan.from_dict(json.loads((HERE / "plan.json").read_text()))
coverage = iop.Coverage.from_dict({"payer": "commercial", "plan_year_start": "2026-04-01",
                                   "deductible": {"individual": "500.00"}, "coinsurance": "20%",
                                   "out_of_pocket_max": {"individual": "1000.00"}})
estimate = iop.estimate_cost(iop.build_calendar(plan), coverage, iop.FeeSchedule.per_diem("clinic", "300.00"))
ax = iop.plot.cost_curve(estimate, coverage)
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "docs" / "images" / "cost-curve.png"
out.parent.mkdir(parents=True, exist_ok=True)
# No timestamp or software version in the file, so a regenerated figure only differs when the drawing does.
figure = ax.figure
assert isinstance(figure, Figure)
figure.savefig(out, dpi=100, metadata={"Software": None})
print(f"{out}: patient {estimate.patient}, plan {estimate.plan}")
