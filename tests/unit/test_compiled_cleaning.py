"""The compiled cleaning modules (``make`` builds them with mypyc) clean as their sources do.

The rest of the suite runs whichever modules Python imports: the C extensions when they
were built. Here the same texts are cleaned once in this process and once by the pure
Python sources in a fresh interpreter, and every output must be the same.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
import marsad.text
from marsad.text.clean import clean_text

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
NOISE = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة \u064b\u064e\u0651\u0652\u0670\u0640"
    '0123456789٠١٢٣٤٥٦٧٨٩\ufdfa\ufefb.-_*،؛؟!:"“”«»()\u200b\u200f\ufeff\u00ad'
    "\t\u00a0\n\n\rabcİ\U0001f600"
)
_CLEAN_IN_PURE_PYTHON = """
import json, sys
from marsad.text.clean import clean_text
import marsad.text.clean
assert marsad.text.clean.__file__.endswith(".py"), marsad.text.clean.__file__
texts = json.load(sys.stdin)
json.dump([clean_text(text, headline_first=first).__repr__() for text, first in texts], sys.stdout)
"""


def _compiled() -> list[Path]:
    return list(Path(marsad.text.__file__).parent.glob("*.so"))


def _texts() -> list[tuple[str, bool]]:
    texts = [
        (path.read_bytes().decode("utf-8", "replace"), path.suffix == ".txt")
        for path in sorted(CORPUS.rglob("*"))
        if path.is_file()
    ]
    pick = random.Random(9)
    for _ in range(200):
        noisy = "".join(pick.choice(NOISE) for _ in range(pick.randint(0, 300)))
        texts.append((noisy, pick.random() < 0.5))
    return texts


def test_compiled_cleaning_modules_clean_as_their_sources(tmp_path: Path) -> None:
    compiled = _compiled()
    if not compiled:
        pytest.skip("the cleaning modules are not compiled (pure Python): nothing to compare")
    pure = tmp_path / "marsad"
    shutil.copytree(
        Path(marsad.__file__).parent, pure, ignore=shutil.ignore_patterns("*.so", "__pycache__")
    )
    texts = _texts()
    result = subprocess.run(
        [sys.executable, "-c", _CLEAN_IN_PURE_PYTHON],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = json.loads(result.stdout)
    got = [clean_text(text, headline_first=first).__repr__() for text, first in texts]
    assert len(got) == len(expected) == len(texts)
    for (text, _), mine, theirs in zip(texts, got, expected, strict=True):
        assert mine == theirs, text[:200]


def test_an_extension_older_than_its_source_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "clean.py"
    extension = tmp_path / "clean.cpython-311-x86_64-linux-gnu.so"
    source.write_text("", encoding="utf-8")
    extension.write_bytes(b"")
    os.utime(source, (1_000_000, 1_000_000))
    os.utime(extension, (2_000_000, 2_000_000))
    marsad.text.refuse_stale_extensions(tmp_path)  # compiled after its source: fine
    os.utime(source, (3_000_000, 3_000_000))
    with pytest.raises(ImportError, match="run `make`"):
        marsad.text.refuse_stale_extensions(tmp_path)
