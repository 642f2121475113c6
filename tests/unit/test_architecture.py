"""Layering and public API: dependencies point one way only."""

from __future__ import annotations

import ast
from pathlib import Path

import marsad

SRC = Path(marsad.__file__).parent
# A module in a layer may import only from the layers listed for it.
FORBIDDEN = {
    "model": ("marsad.text", "marsad.ingest", "marsad.store", "marsad.jobs", "marsad.cli"),
    "text": ("marsad.ingest", "marsad.store", "marsad.jobs", "marsad.cli", "marsad.pipeline"),
    "ingest": ("marsad.store", "marsad.jobs", "marsad.cli", "marsad.pipeline", "marsad.extract"),
    "extract": (
        "marsad.ingest",
        "marsad.store",
        "marsad.jobs",
        "marsad.cli",
        "marsad.pipeline",
        "marsad.evaluate",
    ),
    "group": (
        "marsad.ingest",
        "marsad.store",
        "marsad.jobs",
        "marsad.grouping",
        "marsad.cli",
        "marsad.pipeline",
    ),
    "compare": (
        "marsad.ingest",
        "marsad.store",
        "marsad.jobs",
        "marsad.grouping",
        "marsad.cli",
        "marsad.pipeline",
        "marsad.report",
    ),
    "report": ("marsad.store", "marsad.jobs", "marsad.grouping", "marsad.cli", "marsad.ingest"),
    "evaluate": ("marsad.store", "marsad.jobs", "marsad.cli"),
    "pipeline": ("marsad.store", "marsad.jobs", "marsad.cli"),
    "store": ("marsad.jobs", "marsad.cli", "marsad.text", "marsad.ingest"),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_architecture_layers_do_not_import_upwards() -> None:
    for layer, forbidden in FORBIDDEN.items():
        files = (
            [SRC / f"{layer}.py"]
            if (SRC / f"{layer}.py").exists()
            else [*(SRC / layer).rglob("*.py")]
        )
        assert files, layer
        for path in files:
            bad = [name for name in _imports(path) if name.startswith(forbidden)]
            assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_architecture_public_api_is_sorted_and_importable() -> None:
    # isort-style order, as ruff (RUF022) keeps it: CONSTANTS, then Classes, then functions
    assert marsad.__all__ == sorted(
        marsad.__all__, key=lambda name: (not name.isupper(), not name[0].isupper(), name)
    )
    for name in marsad.__all__:
        assert getattr(marsad, name) is not None


def test_cli_imports_without_development_extras() -> None:
    """``make demo`` installs marsad without the dev extras: the CLI must import without
    them (evaluation-only libraries are imported where they are used)."""
    import subprocess
    import sys

    blocked = ["rouge_score", "playwright", "pyarrow", "onnx", "hypothesis", "wordfreq"]
    code = f"import sys\nfor name in {blocked!r}: sys.modules[name] = None\nimport marsad.cli\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
