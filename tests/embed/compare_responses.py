"""Every language's test wrote its responses into <out>/<language>/<name>.json; each must be the
exact bytes that the iop command (`iop call`) and Python (`iop.call_json`) give for the same request.

usage: python compare_responses.py <out directory> <iop command>
"""

import pathlib
import subprocess
import sys

import iop

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def wrap(member, example):
    return '{"api_version":1,"%s":%s}' % (member, (EXAMPLES / example).read_text(encoding="utf-8"))


# The requests the C, Java, Go and Node tests send, by the name they write the response under.
REQUESTS = {
    "calendar.build": ("calendar.build", wrap("plan", "plan.json")),
    "estimate": ("estimate", wrap("case", "case.json")),
    "parity.analyse": ("parity.analyse", wrap("design", "design.json")),
    "calendar.build.error": ("calendar.build", '{"api_version":1,"plan":{"id":"x"}}'),
}


def main(out, command):
    languages = sorted(p for p in pathlib.Path(out).iterdir() if p.is_dir())
    if not languages:
        sys.exit(f"no responses under {out}")
    failures = 0
    for name, (operation, request) in REQUESTS.items():
        expected = iop.call_json(operation, request).encode()
        through_cli = subprocess.run([command, "call", operation, "--input", "-"], input=request.encode(),
                                     capture_output=True, check=False).stdout
        if through_cli != expected:
            print(f"{name}: the iop command and Python differ")
            failures += 1
        for language in languages:
            path = language / f"{name}.json"
            if not path.exists():
                print(f"{name}: {language.name} wrote no response")
                failures += 1
            elif path.read_bytes() != expected:
                print(f"{name}: {language.name} differs from the iop command and Python")
                failures += 1
    names = ", ".join(p.name for p in languages)
    print(f"{len(REQUESTS)} requests: {names}, the iop command and Python: "
          + ("byte-identical" if failures == 0 else f"{failures} differences"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
