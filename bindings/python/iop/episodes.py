"""An episode as a value: a plan and everything that happened in its course, checked once, asked many times.

``iop.Episode`` holds an episode document (``iop.schema('episode')``: the plan, its program, coverage and
fees, and the events in date order). It is read and checked by the library when it is made, exactly as the
``episode.state`` operation reads it, so an episode that exists is one every operation takes; a bad one is
refused with an ``iop.ValidationError`` naming ``episode.<path>``. It never changes: ``with_events``
returns a new episode with events added (checked again).

Its questions go through the document API, so they answer byte for byte what the ``iop`` command, the C
ABI and the service answer:

- ``state(as_of)``: the episode as of a day (``documents.EpisodeState``: sessions delivered and to come,
  the measures, the next review, the authorisation, the proposal, the costs; warnings and changes first);
- ``reviews(as_of)``: each review up to the day, with what iop proposed beside what the team decided;
- ``state_text(as_of)`` and ``fhir(as_of)``: the same state as text and as a FHIR R4 Bundle.

Two episodes are equal when their documents are (member order aside); an episode pickles (and copies) as its
document, which is read and checked again when unpickled, so a pickle is refused by the same rules as a document.

For example, with the repository's ``examples/episode.json``::

    episode = iop.Episode(json.load(open("examples/episode.json")))
    episode.state("2026-03-23")["costs"]["so_far"]   # 10 days: charges 3000.00, patient 1400.00, plan 1600.00
    later = episode.with_events({"kind": "measure", "date": "2026-04-20", "measure": "PHQ-9", "total": 4})
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from typing import Any, List, Optional, Union, cast

import numpy as np

from . import _core
from ._json import json_default
from .api import API_VERSION, _answer, _plain_json
from .documents import EpisodeEvent, EpisodeReviews, EpisodeState

__all__ = ["Episode"]

Day = Union[_dt.date, str, np.datetime64]  # and naive timestamps at midnight (datetime is a date)


def _day(value: Any, field: str) -> str:
    """A day read as every date parameter of iop reads it (a ``datetime.date``, a naive timestamp or
    ``numpy.datetime64`` at midnight, or ISO text; a time of day, a zone or NaT refused naming ``field``),
    as the ISO text the request carries."""
    days = int(_core._day_numbers([value], field, True)[0])
    return (_EPOCH + _dt.timedelta(days=days)).isoformat()


_EPOCH = _dt.date(1970, 1, 1)


def _document_text(document: Mapping[str, Any]) -> bytes:
    """The document as compact JSON text in UTF-8 for the library to read (the limits count these bytes):
    dates as ISO text; NaN and infinities refused (not JSON), a lone surrogate too (not Unicode)."""
    plain = _plain_json(document, "episode")
    try:
        text = json.dumps(plain, ensure_ascii=False, allow_nan=False, default=json_default, separators=(",", ":"))
    except ValueError as error:
        raise _core.ValidationError("episode", "NaN or infinity", f"is not JSON ({error})",
                                    "JSON numbers (no NaN or infinity)") from None
    return _utf8(text)


def _utf8(text: str) -> bytes:
    """Text as UTF-8, a lone surrogate (which no UTF-8 text holds) refused by its place."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _core.ValidationError("episode", "", f"holds a lone surrogate at character {error.start}",
                                    "Unicode text") from None


class Episode:
    """An episode document, checked by the library when made; immutable, comparable, picklable.

    ``Episode(document)`` takes a dict (as ``json.load`` gives it; ``datetime.date`` values are written as
    ISO dates), a JSON text, or another ``Episode``. See the module's docstring.
    """

    __slots__ = ("_text",)
    _text: str

    def __init__(self, document: Union[Mapping[str, Any], str, bytes, "Episode"]) -> None:
        # The library reads the document (a JSON text as given: its own syntax errors, duplicate names and
        # NaN refused there) and returns it as compact text with sorted members: what is kept and compared.
        if isinstance(document, Episode):
            text = document._text
        elif isinstance(document, bytes):
            text = _core._read_episode(document)
        elif isinstance(document, str):
            text = _core._read_episode(_utf8(document))
        elif isinstance(document, Mapping):
            text = _core._read_episode(_document_text(document))
        else:
            raise TypeError(f"episode: {type(document).__name__} is not an episode document; allowed: a dict, "
                            "JSON text or iop.Episode")
        object.__setattr__(self, "_text", text)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("iop.Episode is immutable: with_events() returns a new episode")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("iop.Episode is immutable")

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> "Episode":
        """The episode of a document dict; ``Episode.from_dict(e.to_dict()) == e``."""
        return cls(document)

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "Episode":
        """The episode of a JSON text (refused with the library's own error when it is not JSON)."""
        return cls(text)

    def to_dict(self) -> dict[str, Any]:
        """The document, a new dict each time (changing it changes nothing here)."""
        return cast("dict[str, Any]", json.loads(self._text))

    def to_json(self) -> str:
        """The document as compact JSON text, members in sorted order."""
        return self._text

    @property
    def plan(self) -> dict[str, Any]:
        """The plan (a copy)."""
        return cast("dict[str, Any]", self.to_dict()["plan"])

    @property
    def events(self) -> List[EpisodeEvent]:
        """The events in date order (copies)."""
        return cast("List[EpisodeEvent]", self.to_dict()["events"])

    def with_events(self, *events: Union[EpisodeEvent, Mapping[str, Any]]) -> "Episode":
        """A new episode with ``events`` added after the others (they must keep the date order); checked again."""
        document = self.to_dict()
        first = len(document["events"])
        for i, event in enumerate(events):
            if not isinstance(event, Mapping):
                raise TypeError(f"events[{first + i}]: {type(event).__name__} is not an event; allowed: a dict "
                                "(iop.schema('episode') $defs.episode_event)")
            document["events"].append(_plain_json(event, f"episode.events[{first + i}]"))
        return Episode(document)

    def _call(self, operation: str, as_of: Day, fmt: str, since: Optional[Day] = None,
              not_improving_weeks: Optional[int] = None, attendance_threshold: Optional[int] = None) -> dict[str, Any]:
        # The request is written around the episode's checked text, which leaves room for the largest
        # request (iop::Episode's reader saw to it): the document limits hold for every one sent.
        members: dict[str, Any] = {"api_version": API_VERSION, "as_of": _day(as_of, "as_of"), "format": fmt}
        if since is not None:
            members["since"] = _day(since, "since")
        if not_improving_weeks is not None:
            members["not_improving_weeks"] = not_improving_weeks
        if attendance_threshold is not None:
            members["attendance_threshold"] = attendance_threshold
        head = json.dumps(members, ensure_ascii=True, separators=(",", ":"))
        return _answer(*_core._call(operation, head[:-1] + ',"episode":' + self._text + "}"))

    def state(self, as_of: Day, *, since: Optional[Day] = None, not_improving_weeks: Optional[int] = None,
              attendance_threshold: Optional[int] = None) -> EpisodeState:
        """The episode as of ``as_of`` (``episode.state``): with ``since``, what changed since that day comes
        first; ``not_improving_weeks`` (default 4) and ``attendance_threshold`` (percent; none: reported, not
        judged) are the review's thresholds."""
        return cast(EpisodeState, self._call("episode.state", as_of, "json", since, not_improving_weeks,
                                             attendance_threshold)["result"])

    def state_text(self, as_of: Day, *, since: Optional[Day] = None, not_improving_weeks: Optional[int] = None,
                   attendance_threshold: Optional[int] = None) -> str:
        """The same state as the text a clinician reads (``format: text``)."""
        return cast(str, self._call("episode.state", as_of, "text", since, not_improving_weeks,
                                    attendance_threshold)["content"])

    def fhir(self, as_of: Day) -> dict[str, Any]:
        """The state as a FHIR R4 Bundle: the CarePlan as of the day and an Observation per measure."""
        return cast("dict[str, Any]", self._call("episode.state", as_of, "fhir")["result"])

    def reviews(self, as_of: Day, *, not_improving_weeks: Optional[int] = None,
                attendance_threshold: Optional[int] = None) -> EpisodeReviews:
        """Each review up to ``as_of`` (``episode.review``): what iop proposed and what the team decided."""
        return cast(EpisodeReviews, self._call("episode.review", as_of, "json", None, not_improving_weeks,
                                               attendance_threshold)["result"])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Episode):
            return NotImplemented
        return self._text == other._text

    def __hash__(self) -> int:
        return hash(self._text)

    def __repr__(self) -> str:
        document = json.loads(self._text)
        plan = document["plan"]
        events = document["events"]
        last = f", last {events[-1]['date']}" if events else ""
        return (f"Episode(plan={plan['id']!r}, patient={plan['patient_id']!r}, from {plan['start_date']}, "
                f"{len(events)} event{'' if len(events) == 1 else 's'}{last})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Episode, (self._text,))

