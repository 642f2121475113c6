"""Building offset maps while a derived text is assembled.

Kept apart from :mod:`marsad.model` (which holds the map itself) so that it can be
compiled with the cleaning modules (see the Makefile): it runs once per line of every
article.
"""

from __future__ import annotations

from marsad.model import OffsetMap


class OffsetMapBuilder:
    """Collects the breakpoints of an :class:`OffsetMap` while a derived text is built."""

    def __init__(self) -> None:
        self.derived_breaks: list[int] = [0]
        self.source_breaks: list[int] = [0]

    def add_break(self, derived: int, source: int) -> None:
        """From ``derived`` on, the derived text continues from ``source``."""
        if (self.derived_breaks[-1], self.source_breaks[-1]) != (derived, source):
            self.derived_breaks.append(derived)
            self.source_breaks.append(source)

    def add_map(self, derived: int, source: int, mapping: OffsetMap) -> None:
        """Append the breakpoints of ``mapping``, shifted to start at (``derived``, ``source``)."""
        derived_breaks, source_breaks = mapping.derived_breaks, mapping.source_breaks
        first = 0
        if (self.derived_breaks[-1], self.source_breaks[-1]) == (
            derived + derived_breaks[0],
            source + source_breaks[0],
        ):
            first = 1  # a map's breakpoints never repeat: only the joint can
        self.derived_breaks.extend([derived + value for value in derived_breaks[first:]])
        self.source_breaks.extend([source + value for value in source_breaks[first:]])

    def build(self, derived_length: int, source_length: int) -> OffsetMap:
        return OffsetMap(
            tuple(self.derived_breaks), tuple(self.source_breaks), derived_length, source_length
        )
