"""Line and branch coverage of src/ by area, with Clang's source-based coverage (make coverage).

Runs, in a build of the `coverage` preset (clang -fprofile-instr-generate -fcoverage-mapping): the C++ tests, the
golden corpus and every fuzzer's corpus (ctest, without the packaging tests and the timed fuzzing), then the Python
tests against that build's extension and `iop` command. Merges the profiles with llvm-profdata, reads them with
llvm-cov (Debian's llvm-14), and prints lines and branches covered per area of src/ (and apps/, the command and the
service); writes build/coverage/summary.md and an HTML report in build/coverage/html/.

usage: python scripts/coverage.py BUILD_DIR [--fail-under 90] [--skip-run] [--without-python]
Exits 1 when an area of src/ has fewer than --fail-under percent of its lines covered.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
LLVM = "-14"  # Debian's llvm-14 names its tools llvm-cov-14, llvm-profdata-14


def tool(name):
    found = shutil.which(name + LLVM) or shutil.which(name)
    if not found:
        sys.exit(f"{name}{LLVM} is not installed (scripts/install-system-deps.sh installs llvm-14)")
    return found


def is_instrumented_object(path):
    """An ELF executable or shared object of this build (llvm-cov takes only objects with coverage maps)."""
    if "CMakeFiles" in path.parts or not path.is_file() or path.suffix in (".a", ".o", ".py", ".sh"):
        return False
    if not (os.access(path, os.X_OK) or path.suffix == ".so" or ".so." in path.name):
        return False
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def run_suites(build, profiles, python, with_python=True):
    if profiles.exists():
        shutil.rmtree(profiles)
    profiles.mkdir(parents=True)
    env = dict(os.environ, LLVM_PROFILE_FILE=str(profiles / "%4m.profraw"))
    # The C++ tests, the golden corpus and each fuzzer's seeds and kept corpus once (fuzz.*.corpus).
    subprocess.run(["ctest", "--test-dir", str(build), "-j", os.environ.get("JOBS", "2"), "--output-on-failure",
                    "-E", r"^(package\.|fuzz\..*\.smoke$)"], env=env, check=True)
    if not with_python:
        return
    # The Python tests against this build: the package's Python files with this build's extension, and its command.
    stage = build / "python-stage"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(ROOT / "bindings" / "python" / "iop", stage / "iop")
    for extension in (build / "bindings" / "python").glob("_core*.so"):
        shutil.copy2(extension, stage / "iop" / extension.name)
    python_env = dict(env, PYTHONPATH=str(stage), IOP_COMMAND=str(build / "apps" / "iop" / "iop"),
                      IOP_C_LIBRARY=str(build / "libiop_c.so"))
    subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "python")],
                   env=python_env, check=True, cwd=ROOT)


def area_of(filename):
    relative = pathlib.Path(filename).resolve().relative_to(ROOT)
    if relative.parts[0] == "src":
        return f"src/{relative.parts[1]}"
    if relative.parts[0] == "apps":
        return "apps/iop"
    return None


def summarise(export):
    areas = {}
    for entry in export["data"][0]["files"]:
        try:
            area = area_of(entry["filename"])
        except ValueError:
            continue  # a system header
        if area is None:
            continue
        figures = areas.setdefault(area, {"files": 0, "lines": [0, 0], "branches": [0, 0]})
        figures["files"] += 1
        for kind in ("lines", "branches"):
            figures[kind][0] += entry["summary"][kind]["covered"]
            figures[kind][1] += entry["summary"][kind]["count"]
    return areas


def percent(pair):
    return 100.0 * pair[0] / pair[1] if pair[1] else 100.0


def table(areas):
    lines = ["| area | files | lines covered | lines | branches covered | branches |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for area in sorted(areas, key=lambda a: (a.startswith("apps"), a)):
        f = areas[area]
        lines.append(f"| `{area}` | {f['files']} | {f['lines'][0]:,} of {f['lines'][1]:,} | {percent(f['lines']):.1f} % "
                     f"| {f['branches'][0]:,} of {f['branches'][1]:,} | {percent(f['branches']):.1f} % |")
    src = [f for a, f in areas.items() if a.startswith("src/")]
    total_lines = [sum(f["lines"][0] for f in src), sum(f["lines"][1] for f in src)]
    total_branches = [sum(f["branches"][0] for f in src), sum(f["branches"][1] for f in src)]
    lines.append(f"| all of `src/` | {sum(f['files'] for f in src)} | {total_lines[0]:,} of {total_lines[1]:,} | "
                 f"{percent(total_lines):.1f} % | {total_branches[0]:,} of {total_branches[1]:,} | "
                 f"{percent(total_branches):.1f} % |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=pathlib.Path)
    parser.add_argument("--fail-under", type=float, default=90.0)
    parser.add_argument("--skip-run", action="store_true", help="report on the profiles already collected")
    parser.add_argument("--without-python", action="store_true",
                        help="the C++ tests, golden corpus and fuzz corpora only (a quicker, partial figure)")
    args = parser.parse_args()
    build = args.build.resolve()
    profiles = build / "profiles"
    if not args.skip_run:
        run_suites(build, profiles, sys.executable, not args.without_python)
    merged = build / "coverage.profdata"
    subprocess.run([tool("llvm-profdata"), "merge", "-sparse", "-o", str(merged), *map(str, profiles.glob("*.profraw"))],
                   check=True)
    objects = sorted(p for p in build.rglob("*") if is_instrumented_object(p))
    object_args = [str(objects[0])] + [a for o in objects[1:] for a in ("-object", str(o))]
    # Filenames are as the compiler saw them, e.g. <build>/../../src/core/json.cpp: ignored by folder name.
    ignore = ["-ignore-filename-regex", r"(^/usr/|/tests/|/bench/|/bindings/|/generated/|/examples/|_deps/)"]
    export = subprocess.run([tool("llvm-cov"), "export", "-summary-only", "-instr-profile", str(merged), *ignore,
                             *object_args], check=True, capture_output=True, text=True).stdout
    areas = summarise(json.loads(export))
    report = table(areas)
    (build / "summary.md").write_text(report + "\n")
    subprocess.run([tool("llvm-cov"), "show", "-format=html", "-show-branches=count", "-output-dir",
                    str(build / "html"), "-instr-profile", str(merged), *ignore, *object_args], check=True,
                   capture_output=True)
    print(report)
    print(f"HTML: {build / 'html' / 'index.html'}")
    below = [a for a, f in areas.items() if a.startswith("src/") and percent(f["lines"]) < args.fail_under]
    if below:
        print(f"below {args.fail_under:g} % of lines: {', '.join(sorted(below))}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
