"""Sphinx configuration of iop's Python API reference (built by `make api-docs`, warnings as errors).

The reference is generated from the installed package's docstrings (autodoc, with napoleon for
Google/NumPy sections); the analyst notebooks are rendered with the outputs of their run under
`make test` (myst-nb, not executed again here); `sphinx-build -b doctest` runs every ``>>>`` example.
"""

import os

import iop

project = "iop"
author = "iop contributors"
release = iop.__version__
version = release

extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.doctest", "myst_nb"]
source_suffix = {".rst": "restructuredtext", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# The notebooks carry the outputs of their run in the tests (build/notebooks/); not executed again.
nb_execution_mode = "off"

autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = True

# Doctests run from the source tree's root, so that examples/ is found as in the docstrings, with the
# names of the module each docstring belongs to (as `python -m doctest` would see them).
doctest_global_setup = f"""
import os
os.chdir({os.environ.get("IOP_SOURCE_ROOT", os.getcwd())!r})
import datetime, decimal, json
from datetime import date
import matplotlib
matplotlib.use("Agg")
import iop
from iop import *
from iop.parity import *
from iop.plot import *
"""

html_theme = "alabaster"
html_title = f"iop {release}: Python API"
