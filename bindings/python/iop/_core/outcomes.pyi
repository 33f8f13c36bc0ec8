"""Type stubs for iop._core.outcomes, the compiled part of iop.outcomes."""

from typing import Any, Optional, Sequence

import numpy
import numpy.typing

def _cohort_outcomes(patient: numpy.typing.NDArray[numpy.object_], date_ns: numpy.typing.NDArray[numpy.int64],
                     phq9: numpy.typing.NDArray[numpy.int8], ids: numpy.typing.NDArray[numpy.object_],
                     programs: numpy.typing.NDArray[numpy.object_], tracks: numpy.typing.NDArray[numpy.object_],
                     deliveries: numpy.typing.NDArray[numpy.object_], diagnoses: numpy.typing.NDArray[numpy.object_],
                     ends: Optional[numpy.typing.NDArray[numpy.object_]],
                     exclusions: Optional[numpy.typing.NDArray[numpy.object_]],
                     as_of: Any, reliability: float, sd: Optional[float],
                     by: Sequence[str]) -> tuple[dict[str, Any], dict[str, numpy.typing.NDArray[Any]]]: ...
def _cohort_part(patient: numpy.typing.NDArray[numpy.object_], date_ns: numpy.typing.NDArray[numpy.int64],
                 phq9: numpy.typing.NDArray[numpy.int8], ids: numpy.typing.NDArray[numpy.object_],
                 programs: numpy.typing.NDArray[numpy.object_], tracks: numpy.typing.NDArray[numpy.object_],
                 deliveries: numpy.typing.NDArray[numpy.object_], diagnoses: numpy.typing.NDArray[numpy.object_],
                 ends: Optional[numpy.typing.NDArray[numpy.object_]],
                 exclusions: Optional[numpy.typing.NDArray[numpy.object_]],
                 as_of: Any, reliability: float, sd: Optional[float], by: Sequence[str]) -> str: ...
def _merge_parts(parts: Sequence[str]) -> str: ...
def _read_part(text: str) -> str: ...
def _finish_part(text: str) -> dict[str, Any]: ...
def _episode_rows(episodes: Any, as_of: Any) -> tuple[dict[str, list[str]],
                                                      dict[str, numpy.typing.NDArray[Any]]]: ...
