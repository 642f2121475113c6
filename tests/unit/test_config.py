from __future__ import annotations

from pathlib import Path

import pytest

from marsad.config import Settings, load_settings
from marsad.errors import ConfigError


def test_config_layers_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "marsad.toml"
    path.write_text("max_input_bytes = 1000\nmin_repeat_chars = 30\n", encoding="utf-8")
    cfg = load_settings(path, environ={"MARSAD_MIN_REPEAT_CHARS": "40"})
    assert cfg == Settings(max_input_bytes=1000, min_repeat_chars=40)


def test_config_unknown_or_bad_settings_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(environ={}, overrides={"max_bytes": 3})
    with pytest.raises(ConfigError, match="max_input_bytes"):
        load_settings(environ={"MARSAD_MAX_INPUT_BYTES": "lots"})
