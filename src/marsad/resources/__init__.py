"""Editable data files shipped with marsad, loaded lazily and cached.

Every file is UTF-8 text, one item a line; blank lines and lines starting with
``#`` are comments. Users may point the configuration at their own copies.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


def read_resource_lines(name: str, *, path: Path | None = None) -> tuple[str, ...]:
    """Non-comment, non-blank lines of a resource file (or of ``path`` when given)."""
    text = path.read_text(encoding="utf-8") if path is not None else _packaged_text(name)
    lines = []
    for line in text.splitlines():
        stripped = line.rstrip("\r\n")
        if stripped.strip() and not stripped.lstrip().startswith("#"):
            lines.append(stripped)
    return tuple(lines)


@lru_cache(maxsize=32)
def _packaged_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def read_resource_table(name: str, *, path: Path | None = None) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of a resource file, fields stripped."""
    return tuple(
        tuple(field.strip() for field in line.split("\t"))
        for line in read_resource_lines(name, path=path)
    )
