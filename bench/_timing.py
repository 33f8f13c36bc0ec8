"""Shared helpers of the side-by-side benchmark scripts."""

import time

import iop


def best_of(repeats, function, *args):
    """The fastest of `repeats` runs (seconds) and the last result."""
    best, result = None, None
    for _ in range(repeats):
        begin = time.perf_counter()
        result = function(*args)
        elapsed = time.perf_counter() - begin
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def program_days_only():
    """Reference program A without its medication visits: program days only, as the pandas versions build."""
    d = iop.find_program("la-depression-iop").to_dict()
    del d["medication_management"]
    d["id"] = "la-depression-iop-days-only"
    return iop.ProgramTemplate.from_dict(d)
