"""iop's exceptions, one shape for every error raised by the compiled core or the Python layer.

Every error carries ``field`` (the input's own path, e.g. ``start_dates[3]``),
``value`` (the offending value as text), ``problem`` and ``allowed``, and its
message reads ``[id] field: value problem; allowed: allowed``. The classes are
defined here, in Python, so that they pickle with their four parts (an error
raised inside a Dask worker arrives whole) and so that the Python layer raises
exactly what the compiled core raises.
"""

from __future__ import annotations

import builtins
from typing import Any, Tuple


class Error(builtins.ValueError):
    """Base of every error iop raises; a ValueError, since its cause is the input."""

    _id = "iop.error"

    def __init__(self, field: str, value: str = "", problem: str = "", allowed: str = "") -> None:
        # Each part kept as the compiled core keeps it: a short excerpt, control characters escaped.
        from . import _core

        self.field, self.value, self.problem, self.allowed = _core._error_parts(
            str(field), str(value), str(problem), str(allowed))
        super().__init__(_message(self._id, self.field, self.value, self.problem, self.allowed))

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.problem, self.allowed))


class ValidationError(Error):
    """A value is malformed or outside its allowed range."""

    _id = "iop.validation"


class NotFoundError(Error, builtins.LookupError):
    """A name or key (time zone, code, program) is not known."""

    _id = "iop.not_found"


class OverflowError(Error, builtins.OverflowError):
    """An exact amount of money does not fit in 64-bit cents."""

    _id = "iop.overflow"


def _message(error_id: str, field: str, value: str, problem: str, allowed: str) -> str:
    # The same shape as iop::format_error_message in C++.
    message = f"[{error_id}] "
    if field:
        message += f"{field}: "
    message += value
    if problem:
        message += (" " if value else "") + problem
    if allowed:
        message += f"; allowed: {allowed}"
    return message


def short(value: Any, limit: int = 60) -> str:
    """A value's repr for a message, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
