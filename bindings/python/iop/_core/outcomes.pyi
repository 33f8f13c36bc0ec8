"""Type stubs for iop._core.outcomes, the compiled part of iop.outcomes."""

from typing import Any, Optional, Sequence

import numpy
import numpy.typing

def _cohort_outcomes(patient: numpy.typing.NDArray[numpy.int32], day: numpy.typing.NDArray[numpy.int32],
                     phq9: numpy.typing.NDArray[numpy.int8], ids: Sequence[str], programs: Sequence[str],
                     tracks: Sequence[str], deliveries: Sequence[str], diagnoses: Sequence[str],
                     ends: numpy.typing.NDArray[numpy.uint8], exclusions: numpy.typing.NDArray[numpy.uint8],
                     as_of: Any, reliability: float, sd: Optional[float],
                     by: Sequence[str]) -> tuple[dict[str, Any], dict[str, numpy.typing.NDArray[Any]]]: ...
def _episode_rows(episodes: Any, as_of: Any) -> tuple[dict[str, list[str]],
                                                      dict[str, numpy.typing.NDArray[Any]]]: ...
