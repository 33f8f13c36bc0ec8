"""Every side-by-side benchmark script under bench/ runs here at a small size, so its agreement checks run on
every `make test`: a script whose peer has drifted from the engine (a default that changed, a renamed
keyword) fails here instead of waiting for someone to run `make bench`. The full sizes stay in `make bench`
(and `make bench-scale`, `make bench-service`); the figures of a small run mean nothing and are not read."""

import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"

# Each script with the arguments of a small run (a few seconds) and a line its agreement check prints.
SMALL_RUNS = {
    "compare_pandas.py": (["--plans", "3000", "--pandas-plans", "60", "--repeats", "1"], "sessions agree"),
    "compare_pandas_estimates.py": (["--plans", "3000", "--pandas-plans", "60"], "agree to the cent"),
    "compare_pandas_parity.py": (["--lines", "200000"], "agree exactly"),
    "compare_claims.py": (["--lines", "200000", "--repeats", "1"], "all engines agree exactly"),
    "compare_outcomes.py": (["--patients", "3000", "--repeats", "1"], "agree on every count and median"),
    "compare_columns.py": (["--rows", "20000", "--patients", "2000", "--repeats", "1"], "equals numpy's"),
    "compare_frames_and_monte_carlo.py": (["--patients", "40", "--runs", "200", "--repeats", "5"],
                                          "equal those on"),
    "scale_out.py": (["--lines", "100000", "--files", "2", "--tiny", "4", "--patients", "2000", "--workers", "2",
                      "--repeats", "1", "--partitions", "2", "--outcome-patients", "2000"],
                     "equal the single-process results exactly"),
    "load_service.py": (["--seconds", "1", "--connections", "4"], "requests/s"),
    "compare_x12.py": (["--claims", "2000", "--subscribers", "500"], "every library agrees on every entry"),
    "soak_service.py": (["--minutes", "0.1", "--sample-seconds", "2", "--rss-growth", "1"], "answers byte-identical"),
}
# What a script needs beyond the package: a missing tool skips its run, saying so.
NEEDS = {"scale_out.py": "java", "load_service.py": "wrk"}


def test_every_script_under_bench_has_a_small_run():
    scripts = {p.name for p in BENCH.glob("*.py") if not p.name.startswith("_")}
    assert scripts == set(SMALL_RUNS), "add the new script to SMALL_RUNS (and to make bench)"


@pytest.mark.parametrize("script", sorted(SMALL_RUNS))
def test_script_agrees_with_its_peers_at_a_small_size(script):
    tool = NEEDS.get(script)
    if tool and shutil.which(tool) is None:
        pytest.skip(f"{script} needs {tool}, which is not installed")
    arguments, agreement = SMALL_RUNS[script]
    done = subprocess.run([sys.executable, str(BENCH / script), *arguments], cwd=BENCH, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"{script} failed:\n{done.stdout}\n{done.stderr}"
    assert agreement in done.stdout, done.stdout
