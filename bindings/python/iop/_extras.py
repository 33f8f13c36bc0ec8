"""Optional dependencies, installed as extras: ``pip install 'iop[pandas]'``, ``'iop[plot]'``, ``'iop[arrow]'``,
``'iop[dask]'``, ``'iop[spark]'``, ``'iop[polars]'``.

iop itself needs only numpy. A feature that needs an extra imports it through
:func:`require`, so that a missing one raises an ImportError naming the extra
to install, not a bare ``No module named ...``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: The extras of pyproject.toml and the module each one provides.
EXTRAS = {"pandas": "pandas", "plot": "matplotlib", "arrow": "pyarrow", "dask": "dask", "spark": "pyspark",
          "polars": "polars"}
_EXTRA_OF = {module: extra for extra, module in EXTRAS.items()}


class MissingExtraError(ImportError):
    """An optional dependency of iop is not installed; the message names the extra that installs it."""


def require(module: str, feature: str) -> ModuleType:
    """The module ``module`` (pandas, matplotlib, pyarrow, dask or pyspark, or one of their submodules), or
    MissingExtraError naming its extra."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        extra = _EXTRA_OF.get(module.split(".")[0], module)
        raise MissingExtraError(
            f"{feature} needs {module}, which is not installed; install the extra with "
            f"pip install 'iop[{extra}]'") from error
