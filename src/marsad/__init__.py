"""marsad (مرصد): turn scraped Arabic news into a clean archive of events, keeping the evidence."""

from marsad.config import Settings, load_settings
from marsad.errors import ConfigError, InputError, MarsadError, StageError, StoreError
from marsad.ingest.dispatch import read_inputs
from marsad.jobs import AnalyzeSummary, analyze_paths
from marsad.model import (
    SCHEMA_VERSION,
    Article,
    Draft,
    Failure,
    OffsetMap,
    Outlet,
    Removal,
    Span,
)
from marsad.pipeline import process_draft
from marsad.store.sqlite import Store
from marsad.text.clean import CleanedText, clean_text
from marsad.text.language import detect_language
from marsad.text.normalize import normalize, normalize_with_map

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "AnalyzeSummary",
    "Article",
    "CleanedText",
    "ConfigError",
    "Draft",
    "Failure",
    "InputError",
    "MarsadError",
    "OffsetMap",
    "Outlet",
    "Removal",
    "Settings",
    "Span",
    "StageError",
    "Store",
    "StoreError",
    "analyze_paths",
    "clean_text",
    "detect_language",
    "load_settings",
    "normalize",
    "normalize_with_map",
    "process_draft",
    "read_inputs",
]
