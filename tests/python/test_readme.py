"""The README's Python section runs as written: its outputs are what the code prints."""

import doctest
import os
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_readme_python_section_runs_as_written():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Python\n"):readme.index("## The command line")]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert blocks and any(">>>" in b for b in blocks)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    here = os.getcwd()
    os.chdir(ROOT)  # the examples are opened by relative path, as a reader would from a clone
    try:
        for i, block in enumerate(blocks):
            runner.run(parser.get_doctest(block, {}, f"README python block {i}", str(ROOT / "README.md"), 0))
    finally:
        os.chdir(here)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} README examples differ from what the code prints"
