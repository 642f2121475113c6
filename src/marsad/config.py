"""Settings: shipped defaults, then a user TOML file, then ``MARSAD_*`` environment variables.

Example ``marsad.toml``::

    max_input_bytes = 20_000_000
    min_repeat_chars = 20

Every field of :class:`Settings` may appear; the environment variable for a
field is its name upper-cased with the prefix ``MARSAD_`` (``MARSAD_MAX_INPUT_BYTES``).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError

ENV_PREFIX = "MARSAD_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Typed settings every stage receives as ``cfg``."""

    max_input_bytes: int = 50_000_000
    """Inputs (files, archive members, WARC records) larger than this fail with INPUT_TOO_LARGE."""
    min_repeat_chars: int = 20
    """Paragraphs shorter than this (letters and digits) are never dropped as repeats."""
    language_sample_chars: int = 1000
    """Leading characters of the cleaned text used to identify the language."""
    batch_size: int = 500
    """Articles written to the store per transaction."""
    workers: int = 0
    """Processes running the per-article stages of ``analyze`` (0: one per CPU core; 1: none,
    all in the calling process). Batches of fewer than 64 new articles run in-process."""
    recurring_min_articles: int = 5
    """A line is an outlet's boilerplate only if it recurs in at least this many of its articles…"""
    recurring_min_share: float = 0.3
    """…and in at least this share of them…"""
    recurring_max_words: int = 15
    """…and has at most this many words (longer recurring text is kept: it may be reporting)."""
    period: str = ""
    """Years the corpus covers (``2011..2026``): where a date without a year is looked for."""
    today: str = ""
    """Processing date (ISO) that no inferred date may pass; empty means the real date."""
    outlets_file: str = ""
    """A TSV file of outlets added to (and overriding) the shipped registry."""
    framing_file: str = ""
    """A TSV framing lexicon used instead of the shipped one (same columns)."""
    event_threshold: float = 0.35
    """Pair score (content, headline, participants) that two articles of one event reach."""
    event_max_days: int = 2
    """Articles whose event days lie further apart than this report different events."""
    event_same_outlet_penalty: float = 0.3
    """Taken off the pair score of two articles of one outlet (set 0 for a one-outlet corpus)."""
    event_same_day_place_bonus: float = 0.1
    """Added to the pair score of two outlets' reports stating one event day and one place."""


def _coerce(name: str, value: Any, kind: type) -> Any:
    try:
        if kind is int and isinstance(value, str):
            return int(value.replace("_", ""))
        return kind(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"setting {name}: {value!r} is not a valid {kind.__name__}") from error


def load_settings(
    config_path: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Settings from defaults ← ``config_path`` (TOML) ← environment ← ``overrides``."""
    fields = {field.name: field for field in dataclasses.fields(Settings)}
    kinds = {name: type(getattr(Settings(), name)) for name in fields}
    values: dict[str, Any] = {}
    if config_path is not None:
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"{config_path}: cannot read settings ({error})") from error
        values.update(data)
    environment = os.environ if environ is None else environ
    for name in fields:
        if ENV_PREFIX + name.upper() in environment:
            values[name] = environment[ENV_PREFIX + name.upper()]
    values.update(overrides or {})
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
    return Settings(**{name: _coerce(name, value, kinds[name]) for name, value in values.items()})
