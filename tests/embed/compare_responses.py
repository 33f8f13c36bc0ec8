"""Every language's test wrote its responses into <out>/<language>/<name>.json; each must be the
exact bytes that the iop command (`iop call`) and Python (`iop.call_json`) give for the same request.

usage: python compare_responses.py <out directory> <iop command>
"""

import json
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


def x12(name):
    return (EXAMPLES / "x12" / name).read_text(encoding="ascii")


def x12_requests():
    """The X12 requests the WebAssembly test sends, built by the same concatenation (JSON strings of the files)."""
    case = (EXAMPLES / "x12" / "case.json").read_text(encoding="utf-8")
    case = '{"benefits_271":' + json.dumps(x12("benefits.271")) + "," + case[1:]
    return {
        "x12.benefits": ("x12.benefits", '{"api_version":1,"x12":' + json.dumps(x12("benefits.271")) + "}"),
        "x12.remittance": ("x12.remittance", '{"api_version":1,"x12":' + json.dumps(x12("remittance.835")) + "}"),
        "remittance.reconcile": ("remittance.reconcile",
                                 '{"api_version":1,"case":' + case + ',"x12":' + json.dumps(x12("remittance.835")) + "}"),
    }


def course_requests():
    """The episode and cohort requests the WebAssembly test sends, built by the same concatenation."""
    episode = (EXAMPLES / "episode.json").read_text(encoding="utf-8")
    return {
        "episode.state": ("episode.state", '{"api_version":1,"as_of":"2026-04-10","episode":' + episode + "}"),
        "episode.review": ("episode.review", '{"api_version":1,"as_of":"2026-04-20","episode":' + episode + "}"),
        "outcomes.cohort": ("outcomes.cohort", (EXAMPLES / "outcomes.json").read_text(encoding="utf-8")),
    }


# Sent only by the WebAssembly test: compared for the languages that wrote them (at least one must).
ONLY_SOME = {**x12_requests(), **course_requests()}


def main(out, command):
    languages = sorted(p for p in pathlib.Path(out).iterdir() if p.is_dir())
    if not languages:
        sys.exit(f"no responses under {out}")
    failures = 0
    for name, (operation, request) in {**REQUESTS, **ONLY_SOME}.items():
        expected = iop.call_json(operation, request).encode()
        through_cli = subprocess.run([command, "call", operation, "--input", "-"], input=request.encode(),
                                     capture_output=True, check=False).stdout
        if through_cli != expected:
            print(f"{name}: the iop command and Python differ")
            failures += 1
        writers = [language for language in languages if (language / f"{name}.json").exists()]
        if name in ONLY_SOME and not writers:
            print(f"{name}: no language wrote a response")
            failures += 1
        for language in (writers if name in ONLY_SOME else languages):
            path = language / f"{name}.json"
            if not path.exists():
                print(f"{name}: {language.name} wrote no response")
                failures += 1
            elif path.read_bytes() != expected:
                print(f"{name}: {language.name} differs from the iop command and Python")
                failures += 1
    names = ", ".join(p.name for p in languages)
    print(f"{len(REQUESTS) + len(ONLY_SOME)} requests ({len(ONLY_SOME)} of them X12, episodes and cohorts, sent by "
          f"WebAssembly only): {names}, the iop command and Python: "
          + ("byte-identical" if failures == 0 else f"{failures} differences"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
