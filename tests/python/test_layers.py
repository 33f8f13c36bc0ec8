"""The layers of the library: each area includes only itself and the areas below it.

    core <- clinical <- plan <- calendar <- billing <- io <- episode <- api, and parity on core.

CMake builds one library per area linked the same way (CMakeLists.txt, iop_area); this test refuses
an #include that runs up the layers before the linker would, and names it.
"""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]

BELOW = {
    "core": {"core", "detail"},
    "clinical": {"core", "detail", "clinical"},
    "plan": {"core", "detail", "clinical", "plan"},
    "calendar": {"core", "detail", "clinical", "plan", "calendar"},
    "billing": {"core", "detail", "clinical", "plan", "calendar", "billing"},
    "io": {"core", "detail", "clinical", "plan", "calendar", "billing", "io"},
    "episode": {"core", "detail", "clinical", "plan", "calendar", "billing", "io", "episode"},
    "parity": {"core", "detail", "parity"},
    "api": {"core", "detail", "clinical", "plan", "calendar", "billing", "io", "episode", "parity", "api"},
}
# Headers that belong to no area: the generated declarations (members and limits of every document,
# data only) and the version.
ANYWHERE = {"declared.hpp", "iop/version.hpp"}
INCLUDE = re.compile(r'^#include "([a-z_/]+)\.hpp"', re.M)


def area_of(header: str) -> str:
    """`iop/billing/coverage` and `billing/adjudicator` are billing's; `iop/api` is the api's own header."""
    parts = header.split("/")
    if parts[0] == "iop":
        parts = parts[1:]
    return parts[0]


def area_files():
    for area in BELOW:
        for folder in (ROOT / "include" / "iop" / area, ROOT / "src" / area):
            for path in sorted(folder.glob("*.[ch]pp")):
                yield area, path


def test_every_include_stays_in_its_area_or_below():
    upward = []
    for area, path in area_files():
        text = path.read_text(encoding="utf-8")
        for match in INCLUDE.finditer(text):
            target = area_of(match.group(1)) if "/" in match.group(1) else area  # beside it: its own area
            if target not in BELOW[area] and match.group(1) + ".hpp" not in ANYWHERE:
                upward.append(f"{path.relative_to(ROOT)}: {match.group(0)} ({area} may include {sorted(BELOW[area])})")
    assert upward == []


def test_every_source_file_belongs_to_an_area_target():
    cmake = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    source = r"src/[a-z]+/(?:[a-z0-9_]+/)?[a-z0-9_]+\.cpp"  # an area's sources, and a folder of one (io/x12/)
    listed = {s for s in re.findall(source, cmake) if not s.startswith("src/capi/")}
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "src").rglob("*.cpp")
               if not p.relative_to(ROOT / "src").as_posix().startswith("capi/")}
    assert on_disk == listed
    for area in BELOW:
        sources = re.search(r"iop_area\(" + area + r"\n\s+SOURCES(.*?)DEPENDS", cmake, re.S).group(1)
        assert all(s.startswith(f"src/{area}/") for s in re.findall(source, sources)), area


def test_implementation_headers_are_not_installed():
    # include/iop/ holds only what users call; the adjudicator, Monte Carlo draws, embedded data,
    # UTF-8 and checked-arithmetic helpers live beside their sources under src/.
    public = {p.relative_to(ROOT / "include").as_posix() for p in (ROOT / "include").rglob("*.hpp")}
    assert public & {"iop/detail/adjudicator.hpp", "iop/detail/monte_carlo.hpp", "iop/detail/embedded.hpp",
                     "iop/detail/utf8.hpp", "iop/detail/checked.hpp", "iop/detail/enum_names.hpp"} == set()
    # What stays in detail/ is what a public header needs itself (Rate's 128-bit products).
    assert {p for p in public if p.startswith("iop/detail/")} == {"iop/detail/int128.hpp"}


def test_iop_hpp_includes_every_public_header_or_says_why_not():
    everything = (ROOT / "include" / "iop" / "iop.hpp").read_text(encoding="utf-8")
    included = set(re.findall(r'#include "(iop/[^"]+)"', everything))
    left_out = set(re.findall(r"^///\s+-\s+`(iop/[^`]+)`", everything, re.M))
    public = {p.relative_to(ROOT / "include").as_posix() for p in (ROOT / "include" / "iop").rglob("*.hpp")}
    public -= {"iop/iop.hpp"}
    assert public - included - left_out == set()
