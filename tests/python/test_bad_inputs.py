"""The bad-input catalogue (tests/catalogue/bad_inputs.py) against the installed command.

`make test` runs two cases in five of the catalogue (over 6,000, every kind of
mutation of every example document through every command); `make catalogue`
runs all of them. Each must exit 0 with its output's invariants holding, or
exit 2 with one line naming a field of the input; never 1, never a signal,
never more than a second of CPU or 256 MB.
"""

import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "catalogue"))

import bad_inputs  # noqa: E402


def test_the_catalogue_sample(iop_command):
    command = os.environ.get("IOP_COMMAND", iop_command)
    sample = (case for i, case in enumerate(bad_inputs.cases()) if i % 5 < 2)
    failures, codes, slowest, count = bad_inputs.run_all(command, sample, jobs=2)
    assert count >= 5000, count
    # Both outcomes occur: the catalogue is not refusing (or accepting) everything.
    assert codes.get(0, 0) > 500 and codes.get(2, 0) > 3000, codes
    report = "\n".join(f"{c.spec.name} --format {c.fmt}: {c.mutation}: {'; '.join(p)}" for c, p in failures[:30])
    assert not failures, f"{len(failures)} of {count} cases failed:\n{report}"
